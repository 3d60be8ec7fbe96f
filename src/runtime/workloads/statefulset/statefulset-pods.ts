// The pods of a StatefulSet as upstream builds them (newStatefulSetPod, newVersionedStatefulSetPod):
// the template's labels, annotations and spec, a fixed name `<set>-<ordinal>`, the identity labels
// (pod name, pod index, revision), hostname and subdomain for the stable DNS name, and one
// persistentVolumeClaim volume per claim template in place of a template volume of that name.
import { controllerReference } from "../../controllers/owner-references.js";
import { cloneJson, type KubeObject } from "../../store/kube-object.js";
import { CONTROLLER_REVISION_HASH_LABEL } from "../controller-revisions.js";
import type { PodTemplate } from "../workload-types.js";
import { claimName, ordinalOf, podName, POD_INDEX_LABEL, POD_NAME_LABEL, startOrdinal, statefulSetSpec, statefulSetStatus, type ClaimTemplate } from "./statefulset-types.js";

/** A revision of the set's template: the ControllerRevision's name and the template it restores. */
export interface TemplateRevision {
  name: string;
  template: PodTemplate;
}

interface Volume {
  name?: string;
  persistentVolumeClaim?: { claimName?: string };
  [source: string]: unknown;
}

export function podRevision(pod: KubeObject): string {
  return pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? "";
}

/**
 * The pod for `ordinal`, at the current revision when a rolling update must leave it there (below
 * the partition), at the update revision otherwise — OnDelete recreates pods at the update revision.
 */
export function versionedPod(set: KubeObject, current: TemplateRevision, update: TemplateRevision, ordinal: number): KubeObject {
  const strategy = statefulSetSpec(set).updateStrategy;
  const start = startOrdinal(set);
  const rolling = strategy?.type === "RollingUpdate";
  // Upstream's condition, whose `&&`/`||` precedence makes the partition count for any strategy
  // with a rollingUpdate block (only RollingUpdate may have one).
  const atCurrent =
    (rolling && strategy?.rollingUpdate === undefined && ordinal < start + (statefulSetStatus(set).currentReplicas ?? 0)) ||
    (strategy?.rollingUpdate !== undefined && ordinal < start + (strategy.rollingUpdate.partition ?? 0));
  const revision = atCurrent ? current : update;
  return newPod(set, revision, ordinal);
}

function newPod(set: KubeObject, revision: TemplateRevision, ordinal: number): KubeObject {
  const template = revision.template;
  const name = podName(set, ordinal);
  const labels: Record<string, string> = {
    ...template.metadata?.labels,
    [POD_NAME_LABEL]: name,
    [POD_INDEX_LABEL]: String(ordinal),
    [CONTROLLER_REVISION_HASH_LABEL]: revision.name,
  };
  const metadata: KubeObject["metadata"] = { name, generateName: `${set.metadata.name ?? ""}-`, namespace: set.metadata.namespace, labels: sortedKeys(labels) };
  const annotations = template.metadata?.annotations;
  if (annotations && Object.keys(annotations).length > 0) metadata.annotations = { ...annotations };
  metadata.ownerReferences = [controllerReference(set)];
  const finalizers = template.metadata?.finalizers as string[] | undefined;
  if (Array.isArray(finalizers) && finalizers.length > 0) metadata.finalizers = [...finalizers];
  const spec = cloneJson(template.spec ?? {}) as Record<string, unknown>;
  spec.hostname = name;
  const service = statefulSetSpec(set).serviceName;
  if (service) spec.subdomain = service;
  setStorage(set, spec, ordinal);
  return { apiVersion: "v1", kind: "Pod", metadata, spec };
}

/** Name, namespace and pod-name label as the set gives them (upstream's identityMatches; the index label is not checked). */
export function identityMatches(set: KubeObject, pod: KubeObject): boolean {
  const ordinal = ordinalOf(pod);
  return (
    ordinal >= 0 &&
    pod.metadata.name === podName(set, ordinal) &&
    pod.metadata.namespace === set.metadata.namespace &&
    pod.metadata.labels?.[POD_NAME_LABEL] === pod.metadata.name
  );
}

/** Every claim template has its volume, naming this ordinal's claim (upstream's storageMatches). */
export function storageMatches(set: KubeObject, pod: KubeObject): boolean {
  const ordinal = ordinalOf(pod);
  if (ordinal < 0) return false;
  const volumes = new Map(podVolumes(pod.spec).map((v) => [v.name ?? "", v]));
  return claimTemplates(set).every((template) => volumes.get(template.metadata?.name ?? "")?.persistentVolumeClaim?.claimName === claimName(set, template, ordinal));
}

/** A copy of the pod with the identity labels (and, when `storage`, the claim volumes) the set requires. */
export function withIdentityAndStorage(set: KubeObject, pod: KubeObject, options: { storage: boolean }): KubeObject {
  const copy = cloneJson(pod);
  const ordinal = ordinalOf(copy);
  copy.metadata.labels = sortedKeys({ ...copy.metadata.labels, [POD_NAME_LABEL]: copy.metadata.name ?? "", [POD_INDEX_LABEL]: String(ordinal) });
  if (options.storage) setStorage(set, (copy.spec ??= {}) as Record<string, unknown>, ordinal);
  return copy;
}

export function claimTemplates(set: KubeObject): ClaimTemplate[] {
  const templates = statefulSetSpec(set).volumeClaimTemplates;
  return Array.isArray(templates) ? templates.filter((t) => t && typeof t === "object") : [];
}

/** Claim volumes first (in template order), then the template's other volumes, as upstream's updateStorage. */
function setStorage(set: KubeObject, spec: Record<string, unknown>, ordinal: number): void {
  const templates = claimTemplates(set);
  const claimed = new Set(templates.map((t) => t.metadata?.name ?? ""));
  const volumes: Volume[] = templates.map((t) => ({ name: t.metadata?.name ?? "", persistentVolumeClaim: { claimName: claimName(set, t, ordinal) } }));
  for (const volume of podVolumes(spec)) if (!claimed.has(volume.name ?? "")) volumes.push(volume);
  if (volumes.length > 0) spec.volumes = volumes;
  else delete spec.volumes;
}

function podVolumes(spec: unknown): Volume[] {
  const volumes = (spec as { volumes?: unknown } | undefined)?.volumes;
  return Array.isArray(volumes) ? (volumes as Volume[]) : [];
}

/** Maps print with sorted keys in the API's JSON; building them so keeps stored objects alike. */
function sortedKeys(map: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(map).sort()) out[key] = map[key];
  return out;
}

// The pods a DaemonSet makes (CreatePodTemplate, ReplaceDaemonSetPodNodeNameNodeAffinity and
// GetPodFromTemplate): the template with the automatic tolerations, the labels
// `controller-revision-hash` and `pod-template-generation`, a controller reference, the name
// `<set>-<random>`, and required node affinity `matchFields metadata.name In [<node>]` in place of
// any required terms the template had, so the default scheduler binds it to that node.
import { controllerReference } from "../../controllers/owner-references.js";
import type { KubeObject } from "../../store/kube-object.js";
import { cloneJson } from "../../store/kube-object.js";
import { CONTROLLER_REVISION_HASH_LABEL } from "../controller-revisions.js";
import type { Toleration } from "../../scheduler/taints.js";
import type { PodTemplate } from "../workload-types.js";
import { withDaemonTolerations } from "./daemon-tolerations.js";
import { daemonSetSpec, POD_TEMPLATE_GENERATION_LABEL, templateGeneration } from "./daemonset-types.js";

type Json = Record<string, unknown>;

/** The template every pod of this sync starts from. */
export function daemonPodTemplate(daemonSet: KubeObject, hash: string): PodTemplate {
  const template = cloneJson(daemonSetSpec(daemonSet).template ?? {});
  const spec = (template.spec ??= {}) as { tolerations?: Toleration[]; hostNetwork?: boolean };
  spec.tolerations = withDaemonTolerations(spec);
  const labels = { ...template.metadata?.labels };
  const generation = templateGeneration(daemonSet);
  if (generation !== undefined) labels[POD_TEMPLATE_GENERATION_LABEL] = String(generation);
  if (hash !== "") labels[CONTROLLER_REVISION_HASH_LABEL] = hash;
  template.metadata = { ...template.metadata, labels };
  return template;
}

/** The pod for one node. */
export function daemonPodFor(daemonSet: KubeObject, template: PodTemplate, nodeName: string): KubeObject {
  const metadata: KubeObject["metadata"] = { generateName: `${daemonSet.metadata.name}-`, namespace: daemonSet.metadata.namespace };
  const labels = template.metadata?.labels;
  const annotations = template.metadata?.annotations;
  const finalizers = template.metadata?.finalizers as string[] | undefined;
  if (labels && Object.keys(labels).length > 0) metadata.labels = { ...labels };
  if (annotations && Object.keys(annotations).length > 0) metadata.annotations = { ...annotations };
  metadata.ownerReferences = [controllerReference(daemonSet)];
  if (finalizers && finalizers.length > 0) metadata.finalizers = [...finalizers];
  const spec = cloneJson(template.spec ?? {}) as Json;
  spec.affinity = pinnedAffinity(spec.affinity as Json | undefined, nodeName);
  return { apiVersion: "v1", kind: "Pod", metadata, spec };
}

function pinnedAffinity(affinity: Json | undefined, nodeName: string): Json {
  const selector = { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [nodeName] }] }] };
  const out: Json = { ...affinity };
  const nodeAffinity = { ...(out.nodeAffinity as Json | undefined) };
  // The term list is replaced whole: the set already checked the template's terms for this node.
  nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { ...(nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution as Json | undefined), ...selector };
  out.nodeAffinity = nodeAffinity;
  return out;
}

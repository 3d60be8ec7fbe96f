// `kubectl rollout undo` for a Deployment, which kubectl does on the client (polymorphichelpers/
// rollback.go): find the ReplicaSet of the wanted revision (the previous one by default), copy its pod
// template (without pod-template-hash) and its annotations back into the Deployment. The controller
// then finds that ReplicaSet as the new one and gives it the next revision number. StatefulSets and
// DaemonSets restore a ControllerRevision's template instead (revision-rollout.ts).
import type { StoreWriter } from "../../store/store-api.js";
import type { KubeObject } from "../../store/kube-object.js";
import { equalIgnoreHash, isSkippedAnnotation, revisionOf } from "../deployment-util.js";
import { POD_TEMPLATE_HASH_LABEL, deploymentSpec, replicaSetSpec, type PodTemplate } from "../workload-types.js";
import { revisionUndo } from "./revision-rollout.js";
import { deploymentRefOf, findDeployment, kindOf, qualifiedName, replicaSetsOfDeployment, type RolloutRef, type RolloutResult } from "./rollout-target.js";

export function rolloutUndo(store: StoreWriter, ref: RolloutRef, options: { toRevision?: number } = {}): RolloutResult {
  if (kindOf(ref) !== "Deployment") return revisionUndo(store, ref, options);
  const toRevision = options.toRevision ?? 0;
  if (toRevision < 0) return { ok: false, message: `error: unable to find specified revision ${toRevision} in history` };
  const found = findDeployment(store, ref);
  if (!found.ok) return found;
  const d = found.deployment;
  const target = revisionReplicaSet(store, d, toRevision);
  if (!target.ok) return target;
  if (deploymentSpec(d).paused) {
    return {
      ok: false,
      message: `error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${ref.name}' and try again`,
    };
  }
  const rsTemplate = replicaSetSpec(target.rs).template;
  if (equalIgnoreHash(rsTemplate, deploymentSpec(d).template)) {
    return { ok: true, message: `${qualifiedName(ref)} skipped rollback (current template already matches revision ${toRevision})` };
  }
  const template = structuredClone(rsTemplate ?? {}) as PodTemplate;
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  // The Deployment keeps its own bookkeeping annotations and takes every other one from the revision.
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) if (isSkippedAnnotation(key)) annotations[key] = value;
  for (const [key, value] of Object.entries(target.rs.metadata.annotations ?? {})) if (!isSkippedAnnotation(key)) annotations[key] = value;
  const result = store.modify(deploymentRefOf(ref), (copy) => {
    (copy.spec as { template?: PodTemplate }).template = template;
    if (Object.keys(annotations).length > 0) copy.metadata.annotations = annotations;
    else delete copy.metadata.annotations;
  });
  if (!result.ok) return { ok: false, message: `error: failed restoring revision ${toRevision}: ${result.error.message}` };
  return { ok: true, message: `${qualifiedName(ref)} rolled back` };
}

/** The ReplicaSet of `toRevision`, or of the second-highest revision when it is 0 (kubectl's deploymentRevision). */
function revisionReplicaSet(store: StoreWriter, d: KubeObject, toRevision: number): { ok: true; rs: KubeObject } | { ok: false; message: string } {
  const { newRS, oldRSs } = replicaSetsOfDeployment(store, d);
  let latest: { revision: number; rs?: KubeObject } = { revision: -1 };
  let previous: { revision: number; rs?: KubeObject } = { revision: -1 };
  for (const rs of newRS ? [...oldRSs, newRS] : oldRSs) {
    const revision = revisionOf(rs);
    if (revision === undefined) continue;
    if (toRevision > 0) {
      if (revision === toRevision) return { ok: true, rs };
      continue;
    }
    if (latest.revision < revision) {
      previous = latest;
      latest = { revision, rs };
    } else if (previous.revision < revision) {
      previous = { revision, rs };
    }
  }
  if (toRevision > 0) return { ok: false, message: `error: unable to find specified revision ${toRevision} in history` };
  if (!previous.rs) return { ok: false, message: `error: no rollout history found for deployment "${d.metadata.name}"` };
  return { ok: true, rs: previous.rs };
}

// Proportional scaling (sync.go `scale`, GetProportion): when a Deployment is scaled mid-rollout or
// while paused, the replicas added or removed are shared among its active ReplicaSets in proportion
// to their size against the Deployment size each was last scaled for (the max-replicas annotation),
// and whatever rounding leaves over goes to the largest.
import type { KubeObject } from "../store/kube-object.js";
import { bySizeNewer, bySizeOlder, maxReplicasAnnotation, maxSurge, rsReplicas } from "./deployment-util.js";
import { deploymentStatus, specReplicas } from "./workload-types.js";

/** The new size of every active ReplicaSet, largest first, after adding `toAdd` replicas (negative removes). */
export function proportionalSizes(d: KubeObject, active: readonly KubeObject[], toAdd: number): Array<{ rs: KubeObject; size: number }> {
  // Scaling up favours newer ReplicaSets among equals, scaling down older ones.
  const ordered = [...active].sort(toAdd > 0 ? bySizeNewer : toAdd < 0 ? bySizeOlder : () => 0);
  let added = 0;
  const sizes = ordered.map((rs) => {
    if (toAdd === 0) return { rs, size: rsReplicas(rs) };
    const share = proportion(d, rs, toAdd, added);
    added += share;
    return { rs, size: rsReplicas(rs) + share };
  });
  if (toAdd !== 0 && sizes.length > 0) sizes[0].size = Math.max(0, sizes[0].size + toAdd - added);
  return sizes;
}

/** GetProportion: the ReplicaSet's share, never more than what is left to add or remove. */
function proportion(d: KubeObject, rs: KubeObject, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(d, rs);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(d: KubeObject, rs: KubeObject): number {
  const replicas = specReplicas(d);
  if (replicas === 0) return -rsReplicas(rs);
  const deploymentMax = replicas + maxSurge(d);
  // Without the annotation (someone edited the ReplicaSet) upstream falls back to the current size.
  const before = maxReplicasAnnotation(rs) ?? deploymentStatus(d).replicas ?? 0;
  if (before === 0) return 0;
  return Math.round((rsReplicas(rs) * deploymentMax) / before) - rsReplicas(rs);
}

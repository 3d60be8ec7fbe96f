// A Deployment's status as upstream computes it (sync.go calculateStatus, progress.go, and the
// DeploymentComplete / DeploymentProgressing / DeploymentTimedOut predicates of deployment_util.go).
import { parseTimestamp } from "../clock/timestamps.js";
import type { KubeObject } from "../store/kube-object.js";
import { getCondition, newCondition, REASON, removeCondition, setCondition } from "./deployment-conditions.js";
import { actualReplicaCount, availableReplicaCount, maxUnavailable, readyReplicaCount, specReplicaCount } from "./deployment-util.js";
import { deploymentSpec, deploymentStatus, replicaSetStatus, specReplicas, type Condition, type DeploymentStatus } from "./workload-types.js";

const MAX_INT32 = 2 ** 31 - 1;

/** progressDeadlineSeconds is set (and not the "never" value MaxInt32). */
export function hasProgressDeadline(d: KubeObject): boolean {
  const seconds = deploymentSpec(d).progressDeadlineSeconds;
  return seconds !== undefined && seconds !== MAX_INT32;
}

/** The status fields in the API's order, zero values left out (they are omitempty). */
export function calculateStatus(d: KubeObject, allRSs: readonly (KubeObject | undefined)[], newRS: KubeObject | undefined, now: number): DeploymentStatus {
  const current = deploymentStatus(d);
  const available = availableReplicaCount(allRSs);
  const unavailable = Math.max(0, specReplicaCount(allRSs) - available);
  const counts: Array<[keyof DeploymentStatus, number]> = [
    ["observedGeneration", d.metadata.generation ?? 0],
    ["replicas", actualReplicaCount(allRSs)],
    ["updatedReplicas", actualReplicaCount([newRS])],
    ["readyReplicas", readyReplicaCount(allRSs)],
    ["availableReplicas", available],
    ["unavailableReplicas", unavailable],
  ];
  const status: DeploymentStatus = {};
  for (const [field, value] of counts) if (value !== 0) (status as Record<string, number>)[field] = value;
  if (current.conditions && current.conditions.length > 0) status.conditions = current.conditions.map((c) => ({ ...c }));
  if (current.collisionCount !== undefined) status.collisionCount = current.collisionCount;
  if (available >= specReplicas(d) - maxUnavailable(d)) {
    setCondition(status, newCondition("Available", "True", REASON.minimumReplicasAvailable, "Deployment has minimum availability.", now));
  } else {
    setCondition(status, newCondition("Available", "False", REASON.minimumReplicasUnavailable, "Deployment does not have minimum availability.", now));
  }
  return orderStatus(status);
}

/** Keeps conditions before collisionCount, as the API prints them. */
export function orderStatus(status: DeploymentStatus): DeploymentStatus {
  const { conditions, collisionCount, ...counts } = status;
  const ordered: DeploymentStatus = { ...counts };
  if (conditions !== undefined) ordered.conditions = conditions;
  if (collisionCount !== undefined) ordered.collisionCount = collisionCount;
  return ordered;
}

/** All desired replicas updated and available, no old ones left, and the spec observed. */
export function deploymentComplete(d: KubeObject, status: DeploymentStatus): boolean {
  const replicas = specReplicas(d);
  return (
    (status.updatedReplicas ?? 0) === replicas &&
    (status.replicas ?? 0) === replicas &&
    (status.availableReplicas ?? 0) === replicas &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** More updated, ready or available replicas, or fewer old ones, than the stored status says. */
export function deploymentProgressing(d: KubeObject, next: DeploymentStatus): boolean {
  const old = deploymentStatus(d);
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** When the Progressing condition runs out of time: its lastUpdateTime plus the deadline. */
export function progressDeadline(d: KubeObject, status: DeploymentStatus): number | undefined {
  if (!hasProgressDeadline(d)) return undefined;
  const condition = getCondition(status, "Progressing");
  if (!condition?.lastUpdateTime) return undefined;
  const from = parseTimestamp(condition.lastUpdateTime);
  return from === undefined ? undefined : from + (deploymentSpec(d).progressDeadlineSeconds ?? 0) * 1000;
}

/**
 * Whether the rollout has made no progress for progressDeadlineSeconds. The deadline is reached at
 * lastUpdateTime + progressDeadlineSeconds exactly (upstream waits until strictly after it).
 */
export function deploymentTimedOut(d: KubeObject, status: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getCondition(status, "Progressing");
  if (!condition) return false;
  if (condition.reason === REASON.newReplicaSetAvailable) return false;
  if (condition.reason === REASON.progressDeadlineExceeded) return true;
  const deadline = progressDeadline(d, status);
  return deadline !== undefined && deadline <= now;
}

/** syncRolloutStatus's condition work on top of calculateStatus. */
export function rolloutStatus(d: KubeObject, allRSs: readonly (KubeObject | undefined)[], newRS: KubeObject | undefined, now: number): DeploymentStatus {
  const next = calculateStatus(d, allRSs, newRS, now);
  if (!hasProgressDeadline(d)) removeCondition(next, "Progressing");
  const current = getCondition(deploymentStatus(d), "Progressing");
  const complete = (next.replicas ?? 0) === (next.updatedReplicas ?? 0) && current?.reason === REASON.newReplicaSetAvailable;
  if (hasProgressDeadline(d) && !complete) {
    const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (deploymentComplete(d, next)) {
      setCondition(next, newCondition("Progressing", "True", REASON.newReplicaSetAvailable, `${subject} has successfully progressed.`, now));
    } else if (deploymentProgressing(d, next)) {
      // Progress moves lastUpdateTime even with the same reason, which setCondition alone would not.
      const condition = newCondition("Progressing", "True", REASON.replicaSetUpdated, `${subject} is progressing.`, now);
      if (current) {
        if (current.status === "True" && current.lastTransitionTime) condition.lastTransitionTime = current.lastTransitionTime;
        removeCondition(next, "Progressing");
      }
      setCondition(next, condition);
    } else if (deploymentTimedOut(d, next, now)) {
      setCondition(next, newCondition("Progressing", "False", REASON.progressDeadlineExceeded, `${subject} has timed out progressing.`, now));
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  if (failure) setCondition(next, failure);
  else removeCondition(next, "ReplicaFailure");
  return orderStatus(next);
}

/** The new ReplicaSet's ReplicaFailure condition, else an old one's, as a Deployment condition. */
function replicaFailure(allRSs: readonly (KubeObject | undefined)[], newRS: KubeObject | undefined): Condition | undefined {
  const failureOf = (rs: KubeObject | undefined): Condition | undefined => {
    const c = rs ? replicaSetStatus(rs).conditions?.find((x) => x.type === "ReplicaFailure") : undefined;
    return c && { type: c.type, status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
  };
  const own = failureOf(newRS);
  if (own) return own;
  for (const rs of allRSs) {
    const found = failureOf(rs);
    if (found) return found;
  }
  return undefined;
}

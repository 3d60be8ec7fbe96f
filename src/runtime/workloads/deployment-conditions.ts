// Deployment conditions, their reasons and messages (pkg/controller/deployment/util), and
// SetDeploymentCondition's rule: a condition with the same status and reason is left alone, and the
// transition time moves only when the status changes.
import { formatTimestamp } from "../clock/timestamps.js";
import type { Condition, DeploymentStatus } from "./workload-types.js";

export const REASON = {
  newReplicaSetCreated: "NewReplicaSetCreated",
  foundNewReplicaSet: "FoundNewReplicaSet",
  replicaSetUpdated: "ReplicaSetUpdated",
  newReplicaSetAvailable: "NewReplicaSetAvailable",
  progressDeadlineExceeded: "ProgressDeadlineExceeded",
  replicaSetCreateError: "ReplicaSetCreateError",
  deploymentPaused: "DeploymentPaused",
  deploymentResumed: "DeploymentResumed",
  minimumReplicasAvailable: "MinimumReplicasAvailable",
  minimumReplicasUnavailable: "MinimumReplicasUnavailable",
} as const;

export function newCondition(type: string, status: Condition["status"], reason: string, message: string, now: number): Condition {
  const at = formatTimestamp(now);
  return { type, status, lastUpdateTime: at, lastTransitionTime: at, reason, message };
}

export function getCondition(status: DeploymentStatus, type: string): Condition | undefined {
  return status.conditions?.find((c) => c.type === type);
}

/** Sets the condition, moved to the end of the list as upstream's filter-and-append does. */
export function setCondition(status: DeploymentStatus, condition: Condition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  const kept = status.conditions.filter((c) => c.type !== type);
  if (kept.length === 0) delete status.conditions;
  else status.conditions = kept;
}

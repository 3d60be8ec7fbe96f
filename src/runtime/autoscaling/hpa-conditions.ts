// The HPA's three conditions — AbleToScale, ScalingActive, ScalingLimited — kept in the order first
// set, each with the time its status last flipped (setConditionInList).
import { formatTimestamp } from "../clock/timestamps.js";
import type { HpaCondition, HpaStatus } from "./hpa-types.js";

export type HpaConditionType = "AbleToScale" | "ScalingActive" | "ScalingLimited";
export type ConditionStatus = "True" | "False";

export interface ConditionUpdate {
  type: HpaConditionType;
  status: ConditionStatus;
  reason: string;
  message: string;
}

export function setCondition(status: HpaStatus, update: ConditionUpdate, now: number): void {
  const conditions: HpaCondition[] = (status.conditions ??= []);
  let existing = conditions.find((c) => c.type === update.type);
  if (!existing) {
    existing = { type: update.type, status: update.status };
    conditions.push(existing);
    existing.lastTransitionTime = formatTimestamp(now);
  } else if (existing.status !== update.status) {
    existing.lastTransitionTime = formatTimestamp(now);
  }
  existing.status = update.status;
  existing.reason = update.reason;
  existing.message = update.message;
}

/** The condition ScalingActive takes when a metric cannot be computed (getUnableComputeReplicaCountCondition). */
export function unableToComputeCondition(reason: string, error: string): ConditionUpdate {
  return { type: "ScalingActive", status: "False", reason, message: `the HPA was unable to compute the replica count: ${error}` };
}

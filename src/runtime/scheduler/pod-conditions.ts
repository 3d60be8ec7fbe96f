// Pod status conditions as the scheduler writes them (podutil.UpdatePodCondition): a condition
// keeps its lastTransitionTime while its status stays the same, and an unchanged condition is not
// written at all.
import { formatTimestamp } from "../clock/timestamps.js";
import type { KubeObject } from "../store/kube-object.js";

export interface PodCondition {
  type: string;
  status: "True" | "False" | "Unknown";
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export function podConditions(pod: KubeObject): PodCondition[] {
  const conditions = (pod.status as { conditions?: PodCondition[] } | undefined)?.conditions;
  return Array.isArray(conditions) ? conditions : [];
}

/**
 * The pod's status with `condition` set (replacing one of the same type), or undefined when that
 * would change nothing.
 */
export function statusWithCondition(pod: KubeObject, condition: Omit<PodCondition, "lastTransitionTime" | "lastProbeTime">, now: number): Record<string, unknown> | undefined {
  const conditions = podConditions(pod);
  const index = conditions.findIndex((c) => c.type === condition.type);
  const before = index === -1 ? undefined : conditions[index];
  if (before && before.status === condition.status && before.reason === condition.reason && before.message === condition.message) return undefined;
  const next: PodCondition = {
    type: condition.type,
    status: condition.status,
    lastProbeTime: null,
    lastTransitionTime: before && before.status === condition.status && before.lastTransitionTime ? before.lastTransitionTime : formatTimestamp(now),
  };
  if (condition.reason !== undefined) next.reason = condition.reason;
  if (condition.message !== undefined) next.message = condition.message;
  const list = [...conditions];
  if (index === -1) list.push(next);
  else list[index] = next;
  return { ...(pod.status as Record<string, unknown> | undefined), conditions: list };
}

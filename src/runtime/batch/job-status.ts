// Job conditions and status as the Job controller writes them (newCondition,
// ensureJobConditionStatus), in the API's field order and without the zero values omitempty drops.
import { formatTimestamp } from "../clock/timestamps.js";
import type { JobCondition, JobConditionType, JobStatus } from "./batch-types.js";

export const BACKOFF_LIMIT_EXCEEDED = { reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" } as const;
export const DEADLINE_EXCEEDED = { reason: "DeadlineExceeded", message: "Job was active longer than specified deadline" } as const;
export const JOB_SUSPENDED = { reason: "JobSuspended", message: "Job suspended" } as const;
export const JOB_RESUMED = { reason: "JobResumed", message: "Job resumed" } as const;

export function newCondition(type: JobConditionType, status: JobCondition["status"], now: number, reason = "", message = ""): JobCondition {
  const at = formatTimestamp(now);
  const condition: JobCondition = { type, status, lastProbeTime: at, lastTransitionTime: at };
  if (reason !== "") condition.reason = reason;
  if (message !== "") condition.message = message;
  return condition;
}

/**
 * Sets the condition to this status, reason and message; a new condition is added only when its
 * status is not False. Returns the list and whether it changed.
 */
export function ensureCondition(
  list: readonly JobCondition[],
  type: JobConditionType,
  status: JobCondition["status"],
  reason: string,
  message: string,
  now: number,
): { conditions: JobCondition[]; changed: boolean } {
  const index = list.findIndex((c) => c.type === type);
  if (index !== -1) {
    const current = list[index];
    if (current.status === status && (current.reason ?? "") === reason && (current.message ?? "") === message) return { conditions: [...list], changed: false };
    const conditions = [...list];
    conditions[index] = newCondition(type, status, now, reason, message);
    return { conditions, changed: true };
  }
  if (status === "False") return { conditions: [...list], changed: false };
  return { conditions: [...list, newCondition(type, status, now, reason, message)], changed: true };
}

export interface JobCounts {
  conditions: JobCondition[];
  startTime?: string;
  completionTime?: string;
  active: number;
  succeeded: number;
  failed: number;
  terminating: number;
  ready: number;
}

/** The status object: zero counters left out, `terminating` and `ready` always present (pointers upstream). */
export function renderJobStatus(counts: JobCounts): JobStatus {
  const status: JobStatus = {};
  if (counts.conditions.length > 0) status.conditions = counts.conditions;
  if (counts.startTime !== undefined) status.startTime = counts.startTime;
  if (counts.completionTime !== undefined) status.completionTime = counts.completionTime;
  if (counts.active > 0) status.active = counts.active;
  if (counts.succeeded > 0) status.succeeded = counts.succeeded;
  if (counts.failed > 0) status.failed = counts.failed;
  status.terminating = counts.terminating;
  status.uncountedTerminatedPods = {};
  status.ready = counts.ready;
  return status;
}

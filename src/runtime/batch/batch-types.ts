// The parts of batch/v1 Jobs and CronJobs that admission and the batch controllers read and write,
// as plain JSON views over stored objects, plus the well-known labels, annotations and finalizer.
import type { LabelSelector } from "../../kube/label-selector.js";
import type { KubeObject } from "../store/kube-object.js";
import type { PodTemplate } from "../workloads/workload-types.js";

/** Labels the API server adds to a Job's template (and selects) when it generates the selector. */
export const CONTROLLER_UID_LABEL = "batch.kubernetes.io/controller-uid";
export const JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
export const LEGACY_CONTROLLER_UID_LABEL = "controller-uid";
export const LEGACY_JOB_NAME_LABEL = "job-name";

/** The finalizer the Job controller puts on its pods until it has counted them. */
export const JOB_TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
/** When the CronJob controller meant a Job to run (RFC 3339, in the CronJob's time zone). */
export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION = "batch.kubernetes.io/cronjob-scheduled-timestamp";

export type CompletionMode = "NonIndexed" | "Indexed";
export type ConcurrencyPolicy = "Allow" | "Forbid" | "Replace";

export interface JobSpec {
  parallelism?: number;
  completions?: number;
  activeDeadlineSeconds?: number;
  backoffLimit?: number;
  selector?: LabelSelector;
  manualSelector?: boolean;
  template?: PodTemplate;
  ttlSecondsAfterFinished?: number;
  completionMode?: CompletionMode;
  suspend?: boolean;
  podReplacementPolicy?: string;
}

export type JobConditionType = "Complete" | "Failed" | "Suspended" | "FailureTarget";

export interface JobCondition {
  type: JobConditionType;
  status: "True" | "False" | "Unknown";
  lastProbeTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** JobStatus; the fields are written in this (the API's) order. */
export interface JobStatus {
  conditions?: JobCondition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
  ready?: number;
}

export interface CronJobSpec {
  schedule?: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: ConcurrencyPolicy;
  suspend?: boolean;
  jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: JobSpec };
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
}

/** An ObjectReference to a Job in a CronJob's status.active, in the API's field order. */
export interface JobReference {
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
  apiVersion: string;
  resourceVersion?: string;
}

export interface CronJobStatus {
  active?: JobReference[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}

export function isJob(object: KubeObject): boolean {
  return object.kind === "Job" && object.apiVersion === "batch/v1";
}

export function isCronJob(object: KubeObject): boolean {
  return object.kind === "CronJob" && object.apiVersion === "batch/v1";
}

export function jobSpec(job: KubeObject): JobSpec {
  return (job.spec ?? {}) as JobSpec;
}

export function jobStatus(job: KubeObject): JobStatus {
  return (job.status ?? {}) as JobStatus;
}

export function cronJobSpec(cronJob: KubeObject): CronJobSpec {
  return (cronJob.spec ?? {}) as CronJobSpec;
}

export function cronJobStatus(cronJob: KubeObject): CronJobStatus {
  return (cronJob.status ?? {}) as CronJobStatus;
}

/** The condition of that type whose status is True, if any. */
export function trueCondition(job: KubeObject, type: JobConditionType): JobCondition | undefined {
  return jobStatus(job).conditions?.find((c) => c.type === type && c.status === "True");
}

/** Complete or Failed, once the Job has finished (upstream's IsJobFinished and getFinishedStatus). */
export function finishedType(job: KubeObject): "Complete" | "Failed" | undefined {
  for (const c of jobStatus(job).conditions ?? []) {
    if ((c.type === "Complete" || c.type === "Failed") && c.status === "True") return c.type;
  }
  return undefined;
}

/** The Job's restartPolicy as admission left it (Never or OnFailure for a valid Job). */
export function jobRestartPolicy(job: KubeObject): string | undefined {
  return (jobSpec(job).template?.spec as { restartPolicy?: string } | undefined)?.restartPolicy;
}

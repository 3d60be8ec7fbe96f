// One sync of one CronJob (upstream's ControllerV2.sync: cleanupFinishedJobs, then syncCronJob, in
// pkg/controller/cronjob/cronjob_controllerv2.go): trim the finished Jobs to the history limits,
// follow the Jobs it started (SawCompletedJob, MissingJob, lastSuccessfulTime), then start the Job
// of the most recent unmet schedule time — unless it is too late, already started, or forbidden by
// the concurrency policy — and say when to look again.
import { isDeepStrictEqual } from "node:util";
import { formatTimestamp, parseTimestamp } from "../clock/timestamps.js";
import { controllerReference } from "../controllers/owner-references.js";
import type { ComponentEventRecorder } from "../events/event-recorder.js";
import { cloneJson, cloneObject, refOf, type KubeObject } from "../store/kube-object.js";
import type { ObjectStore } from "../store/object-store.js";
import {
  CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION,
  cronJobSpec,
  cronJobStatus,
  finishedType,
  jobStatus,
  type CronJobStatus,
  type JobReference,
} from "./batch-types.js";
import { parseCronSchedule, timeZoneProblem } from "./cron-schedule.js";
import { mostRecentScheduleTime, nextWakeAt } from "./cronjob-schedule-times.js";
import { rfc1123zUtc, rfc3339InZone } from "./zoned-time.js";

export interface CronJobSyncContext {
  store: ObjectStore;
  now: number;
  events: ComponentEventRecorder;
  /** The Jobs this CronJob controls. */
  jobs: readonly KubeObject[];
}

export interface CronJobSyncResult {
  /** When the CronJob needs a look again; undefined when only a change to it can help. */
  wakeAt?: number;
}

/** `<cronjob>-<minutes since the epoch>`: one name per scheduled time, which keeps a time from running twice. */
export function jobNameFor(cronJob: KubeObject, scheduledTime: number): string {
  return `${cronJob.metadata.name ?? ""}-${Math.floor(Math.floor(scheduledTime / 1000) / 60)}`;
}

export function syncCronJob(ctx: CronJobSyncContext, cronJob: KubeObject): CronJobSyncResult {
  const status = cloneJson(cronJobStatus(cronJob));
  const jobs = [...ctx.jobs].sort((a, b) => compare(a.metadata.name ?? "", b.metadata.name ?? ""));
  cleanupFinishedJobs(ctx, cronJob, status, jobs);
  const result = reconcile(ctx, cronJob, status, jobs);
  writeStatus(ctx.store, cronJob, status);
  return result;
}

function reconcile(ctx: CronJobSyncContext, cronJob: KubeObject, status: CronJobStatus, jobs: readonly KubeObject[]): CronJobSyncResult {
  const { now, events } = ctx;
  const spec = cronJobSpec(cronJob);
  const children = new Set<string>();
  for (const job of jobs) {
    const uid = job.metadata.uid ?? "";
    children.add(uid);
    const found = (status.active ?? []).some((ref) => ref.uid === uid);
    const finished = finishedType(job);
    if (!found && finished === undefined) {
      events.event(cronJob, "Warning", "UnexpectedJob", `Saw a job that the controller did not create or forgot: ${job.metadata.name}`);
    } else if (found && finished !== undefined) {
      removeActive(status, uid);
      events.event(cronJob, "Normal", "SawCompletedJob", `Saw completed job: ${job.metadata.name}, status: ${finished}`);
    }
    if (finished === "Complete") {
      const completed = jobStatus(job).completionTime;
      const known = status.lastSuccessfulTime === undefined ? undefined : parseTimestamp(status.lastSuccessfulTime);
      const at = completed === undefined ? undefined : parseTimestamp(completed);
      if (completed !== undefined && at !== undefined && (known === undefined || at > known)) status.lastSuccessfulTime = completed;
    }
  }
  for (const ref of [...(status.active ?? [])]) {
    if (children.has(ref.uid)) continue;
    const live = ctx.store.get({ group: "batch", kind: "Job", namespace: ref.namespace ?? cronJob.metadata.namespace, name: ref.name });
    if (live && live.metadata.uid === ref.uid) continue;
    events.event(cronJob, "Normal", "MissingJob", `Active job went missing: ${ref.name}`);
    removeActive(status, ref.uid);
  }
  if (cronJob.metadata.deletionTimestamp !== undefined) return {};
  if (spec.timeZone !== undefined) {
    const problem = timeZoneProblem(spec.timeZone);
    if (problem) {
      events.event(cronJob, "Warning", "UnknownTimeZone", `invalid timeZone: ${JSON.stringify(spec.timeZone)}: ${problem}`);
      return {};
    }
  }
  if (spec.suspend === true) return {};
  const parsed = parseCronSchedule(spec.schedule ?? "", spec.timeZone);
  if (!parsed.ok) {
    events.event(cronJob, "Warning", "UnparseableSchedule", `unparseable schedule: ${JSON.stringify(spec.schedule ?? "")} : ${parsed.message}`);
    return {};
  }
  const schedule = parsed.schedule;
  // The decisions below read the status as it stands now (active Jobs, last schedule time).
  const current: KubeObject = { ...cronJob, status };
  const wake = (): CronJobSyncResult => ({ wakeAt: nextWakeAt(current, now, schedule) });
  const times = mostRecentScheduleTime(current, now, schedule, true);
  if (times.error !== undefined) {
    events.event(cronJob, "Warning", "InvalidSchedule", `invalid schedule: ${spec.schedule ?? ""} : ${times.error}`);
    return {};
  }
  const scheduled = times.mostRecent;
  if (scheduled === undefined || scheduled > now) return wake();
  if (times.missed === "many") {
    events.event(cronJob, "Warning", "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
  }
  if (spec.startingDeadlineSeconds !== undefined && scheduled + spec.startingDeadlineSeconds * 1000 < now) {
    events.event(cronJob, "Warning", "MissSchedule", `Missed scheduled time to start a job: ${rfc1123zUtc(scheduled)}`);
    return wake();
  }
  const name = jobNameFor(cronJob, scheduled);
  if ((status.active ?? []).some((ref) => ref.name === name) || status.lastScheduleTime === formatTimestamp(scheduled)) return wake();
  if (spec.concurrencyPolicy === "Forbid" && (status.active ?? []).length > 0) {
    events.event(cronJob, "Normal", "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid");
    return wake();
  }
  if (spec.concurrencyPolicy === "Replace") {
    for (const ref of [...(status.active ?? [])]) {
      const job = ctx.store.get({ group: "batch", kind: "Job", namespace: ref.namespace ?? cronJob.metadata.namespace, name: ref.name });
      if (!job) {
        events.event(cronJob, "Warning", "FailedGet", `Get job: jobs.batch "${ref.name}" not found`);
        return {};
      }
      if (!deleteJob(ctx, cronJob, status, job)) return {};
    }
  }
  const created = ctx.store.create(jobFor(cronJob, scheduled));
  let job: KubeObject;
  if (created.ok) {
    job = created.object;
    events.event(cronJob, "Normal", "SuccessfulCreate", `Created job ${job.metadata.name}`);
  } else if (created.error.reason === "AlreadyExists") {
    // Made before a restart that lost the status write: take it back into the active list.
    const existing = ctx.store.get({ group: "batch", kind: "Job", namespace: cronJob.metadata.namespace, name });
    if (!existing || !(existing.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === cronJob.metadata.uid)) return wake();
    if ((status.active ?? []).some((ref) => ref.uid === existing.metadata.uid)) return wake();
    job = existing;
  } else {
    if (!created.error.message.includes("because it is being terminated")) events.event(cronJob, "Warning", "FailedCreate", `Error creating job: ${created.error.message}`);
    return wake();
  }
  status.active = [...(status.active ?? []), referenceTo(job)];
  status.lastScheduleTime = formatTimestamp(scheduled);
  return wake();
}

/** Deletes the oldest finished Jobs beyond successfulJobsHistoryLimit and failedJobsHistoryLimit. */
function cleanupFinishedJobs(ctx: CronJobSyncContext, cronJob: KubeObject, status: CronJobStatus, jobs: readonly KubeObject[]): void {
  const spec = cronJobSpec(cronJob);
  const trim = (finished: KubeObject[], limit: number | undefined) => {
    if (limit === undefined || finished.length <= limit) return;
    const oldestFirst = [...finished].sort(byStartTime);
    for (const job of oldestFirst.slice(0, finished.length - limit)) deleteJob(ctx, cronJob, status, job);
  };
  trim(
    jobs.filter((job) => finishedType(job) === "Complete"),
    spec.successfulJobsHistoryLimit,
  );
  trim(
    jobs.filter((job) => finishedType(job) === "Failed"),
    spec.failedJobsHistoryLimit,
  );
}

/** Jobs by status.startTime (unstarted ones last), then by name. */
function byStartTime(a: KubeObject, b: KubeObject): number {
  const start = (job: KubeObject) => {
    const text = jobStatus(job).startTime;
    return text === undefined ? undefined : parseTimestamp(text);
  };
  const sa = start(a);
  const sb = start(b);
  if (sa === undefined && sb !== undefined) return 1;
  if (sa !== undefined && sb === undefined) return -1;
  if (sa === sb) return compare(a.metadata.name ?? "", b.metadata.name ?? "");
  return (sa ?? 0) - (sb ?? 0);
}

/** Deletes a Job (its pods follow in the background) and drops it from the active list. */
function deleteJob(ctx: CronJobSyncContext, cronJob: KubeObject, status: CronJobStatus, job: KubeObject): boolean {
  const result = ctx.store.delete(refOf(job), { propagationPolicy: "Background" });
  if (!result.ok && result.error.reason !== "NotFound") {
    ctx.events.event(cronJob, "Warning", "FailedDelete", `Deleted job: ${result.error.message}`);
    return false;
  }
  removeActive(status, job.metadata.uid ?? "");
  ctx.events.event(cronJob, "Normal", "SuccessfulDelete", `Deleted job ${job.metadata.name}`);
  return true;
}

/** A Job for the scheduled time from spec.jobTemplate (getJobFromTemplate2). */
export function jobFor(cronJob: KubeObject, scheduledTime: number): KubeObject {
  const spec = cronJobSpec(cronJob);
  const template = spec.jobTemplate ?? {};
  const labels = { ...(template.metadata?.labels ?? {}) };
  const annotations = { ...(template.metadata?.annotations ?? {}), [CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339InZone(scheduledTime, spec.timeZone) };
  const metadata: KubeObject["metadata"] = { name: jobNameFor(cronJob, scheduledTime), namespace: cronJob.metadata.namespace };
  if (Object.keys(labels).length > 0) metadata.labels = labels;
  metadata.annotations = annotations;
  metadata.ownerReferences = [controllerReference(cronJob)];
  return { apiVersion: "batch/v1", kind: "Job", metadata, spec: cloneJson(template.spec ?? {}) };
}

/** The ObjectReference the CronJob keeps in status.active, in the API's field order. */
function referenceTo(job: KubeObject): JobReference {
  const ref: JobReference = { kind: job.kind, namespace: job.metadata.namespace, name: job.metadata.name ?? "", uid: job.metadata.uid ?? "", apiVersion: job.apiVersion };
  if (job.metadata.resourceVersion !== undefined) ref.resourceVersion = job.metadata.resourceVersion;
  return ref;
}

function removeActive(status: CronJobStatus, uid: string): void {
  const kept = (status.active ?? []).filter((ref) => ref.uid !== uid);
  if (kept.length === 0) delete status.active;
  else status.active = kept;
}

function writeStatus(store: ObjectStore, cronJob: KubeObject, status: CronJobStatus): void {
  const ordered: CronJobStatus = {};
  if (status.active && status.active.length > 0) ordered.active = status.active;
  if (status.lastScheduleTime !== undefined) ordered.lastScheduleTime = status.lastScheduleTime;
  if (status.lastSuccessfulTime !== undefined) ordered.lastSuccessfulTime = status.lastSuccessfulTime;
  if (isDeepStrictEqual(ordered, cronJob.status ?? {})) return;
  const current = store.get(refOf(cronJob));
  if (!current || current.metadata.uid !== cronJob.metadata.uid) return;
  const copy = cloneObject(current);
  copy.status = ordered;
  store.update(copy, { subresource: "status" });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

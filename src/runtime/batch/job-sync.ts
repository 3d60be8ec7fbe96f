// One sync of one Job (upstream's syncJob and manageJob, pkg/controller/job/job_controller.go, as of
// Kubernetes 1.30): count the pods that finished since the last sync, decide whether the Job failed
// (backoffLimit, activeDeadlineSeconds) or completed, keep min(parallelism, remaining completions)
// pods active — none while suspended, none during the back-off after failures — and write the status.
// Pods carry the job-tracking finalizer until they are counted; the status write and the finalizer
// removal follow each other at the same instant, so no pod is counted twice or lost.
import { isDeepStrictEqual } from "node:util";
import { formatTimestamp, parseTimestamp } from "../clock/timestamps.js";
import type { ComponentEventRecorder } from "../events/event-recorder.js";
import { cloneObject, refOf, type KubeObject } from "../store/kube-object.js";
import type { ObjectStore } from "../store/object-store.js";
import type { StoreError } from "../store/store-errors.js";
import { adopt, release } from "../workloads/owner-claims.js";
import type { PodIndex } from "../workloads/pod-index.js";
import { isPodActive, isPodReady } from "../workloads/pod-state.js";
import { selects } from "../workloads/replicaset-sync.js";
import { rankForDeletion } from "../workloads/victim-ranking.js";
import { finishedType, jobRestartPolicy, jobSpec, jobStatus, JOB_TRACKING_FINALIZER, type JobCondition } from "./batch-types.js";
import { DEFAULT_BACKOFF_LIMIT } from "./job-admission.js";
import { activeRestarts, backoffUntil, hasTrackingFinalizer, isPodFailed, isPodTerminating, podForJob, podPhase } from "./job-pods.js";
import { BACKOFF_LIMIT_EXCEEDED, DEADLINE_EXCEEDED, ensureCondition, JOB_RESUMED, JOB_SUSPENDED, newCondition, renderJobStatus } from "./job-status.js";

/** Pods one sync may create or delete (MaxPodCreateDeletePerSync). */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

export interface JobSyncContext {
  store: ObjectStore;
  now: number;
  pods: PodIndex;
  events: ComponentEventRecorder;
}

export interface JobSyncResult {
  /** When the Job needs a look again by the clock: a back-off ends or the active deadline passes. */
  recheckAt?: number;
  /** More than MaxPodCreateDeletePerSync pods were missing: sync again at once. */
  again: boolean;
}

export function syncJob(ctx: JobSyncContext, job: KubeObject): JobSyncResult {
  const spec = jobSpec(job);
  const deleting = job.metadata.deletionTimestamp !== undefined;
  if (finishedType(job) !== undefined) {
    // A finished Job has counted its pods; a finalizer left behind (a restart mid-way) just goes.
    removeFinalizers(ctx.store, [...ctx.pods.controlledBy(job.metadata.uid ?? "")].filter(hasTrackingFinalizer));
    return { again: false };
  }
  const pods = claimPods(ctx, job, !deleting);
  const now = ctx.now;
  const status = jobStatus(job);
  let active = pods.filter(isPodActive);
  const counted = pods.filter((pod) => hasTrackingFinalizer(pod) && (podPhase(pod) === "Succeeded" || isPodFailed(pod)));
  const succeeded = (status.succeeded ?? 0) + counted.filter((pod) => podPhase(pod) === "Succeeded").length;
  let failed = (status.failed ?? 0) + counted.filter((pod) => podPhase(pod) !== "Succeeded").length;
  const suspended = spec.suspend === true;
  let startTime = status.startTime;
  if (startTime === undefined && !suspended) startTime = formatTimestamp(now);

  let finished: JobCondition | undefined;
  let recheckAt: number | undefined;
  const deadline = activeDeadline(job, startTime);
  if (failed > (spec.backoffLimit ?? DEFAULT_BACKOFF_LIMIT) || pastBackoffLimitOnFailure(job, pods)) {
    finished = newCondition("Failed", "True", now, BACKOFF_LIMIT_EXCEEDED.reason, BACKOFF_LIMIT_EXCEEDED.message);
  } else if (deadline !== undefined && now >= deadline) {
    finished = newCondition("Failed", "True", now, DEADLINE_EXCEEDED.reason, DEADLINE_EXCEEDED.message);
  } else if (deadline !== undefined) {
    recheckAt = deadline;
  }

  let terminating = pods.filter(isPodTerminating).length;
  let conditions = [...(status.conditions ?? [])];
  let again = false;
  if (finished) {
    // The active pods are killed and, as every pod not finished when the Job finishes, count as failed.
    const gone = deletePods(ctx, job, active);
    for (const pod of active) {
      if (!gone.deleted.has(pod.metadata.uid ?? "")) continue;
      terminating++;
      if (hasTrackingFinalizer(pod)) {
        counted.push(pod);
        failed++;
      }
    }
    active = active.filter((pod) => !gone.deleted.has(pod.metadata.uid ?? ""));
    // Not every pod could be stopped: the Job finishes at a later sync.
    if (gone.error) finished = undefined;
  } else {
    if (!deleting) {
      const managed = manageJob(ctx, job, pods, active, succeeded);
      active = managed.active;
      terminating += managed.deleted;
      again = managed.again;
      if (managed.backoffUntil !== undefined) recheckAt = Math.min(recheckAt ?? Number.POSITIVE_INFINITY, managed.backoffUntil);
    }
    const done = spec.completions === undefined ? succeeded > 0 && active.length === 0 : succeeded >= spec.completions && active.length === 0;
    if (done) {
      finished = newCondition("Complete", "True", now);
    } else if (!deleting) {
      const wanted = suspended ? { status: "True" as const, ...JOB_SUSPENDED } : { status: "False" as const, ...JOB_RESUMED };
      const ensured = ensureCondition(conditions, "Suspended", wanted.status, wanted.reason, wanted.message, now);
      conditions = ensured.conditions;
      if (ensured.changed) {
        ctx.events.event(job, "Normal", suspended ? "Suspended" : "Resumed", wanted.message);
        // A resumed Job's active deadline counts from the resumption.
        if (!suspended) startTime = formatTimestamp(now);
      }
    }
  }
  if (finished) {
    conditions = ensureCondition(conditions, finished.type, finished.status, finished.reason ?? "", finished.message ?? "", now).conditions;
    recheckAt = undefined;
    again = false;
  }

  const next = renderJobStatus({
    conditions,
    startTime,
    completionTime: finished?.type === "Complete" ? finished.lastTransitionTime : undefined,
    active: active.length,
    succeeded,
    failed,
    terminating,
    ready: active.filter(isPodReady).length,
  });
  if (!writeStatus(ctx.store, job, next)) return { recheckAt, again };
  removeFinalizers(ctx.store, counted);
  if (finished?.type === "Complete") {
    if (spec.completions !== undefined && succeeded > spec.completions) {
      ctx.events.event(job, "Warning", "TooManySucceededPods", "Too many succeeded pods running after completion count reached");
    }
    ctx.events.event(job, "Normal", "Completed", "Job completed");
  } else if (finished) {
    ctx.events.event(job, "Warning", finished.reason ?? "", finished.message ?? "");
  }
  return { recheckAt, again };
}

/** When activeDeadlineSeconds runs out (from startTime), unless the Job is suspended. */
function activeDeadline(job: KubeObject, startTime: string | undefined): number | undefined {
  const spec = jobSpec(job);
  if (spec.activeDeadlineSeconds === undefined || startTime === undefined || spec.suspend === true) return undefined;
  const start = parseTimestamp(startTime);
  return start === undefined ? undefined : start + spec.activeDeadlineSeconds * 1000;
}

/** Under restartPolicy OnFailure, container restarts of live pods count toward backoffLimit. */
function pastBackoffLimitOnFailure(job: KubeObject, pods: readonly KubeObject[]): boolean {
  if (jobRestartPolicy(job) !== "OnFailure") return false;
  const restarts = activeRestarts(pods);
  const limit = jobSpec(job).backoffLimit ?? DEFAULT_BACKOFF_LIMIT;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

interface Managed {
  active: KubeObject[];
  deleted: number;
  backoffUntil?: number;
  again: boolean;
}

/** Creates or deletes pods toward the wanted number of active ones (manageJob, NonIndexed). */
function manageJob(ctx: JobSyncContext, job: KubeObject, pods: readonly KubeObject[], active: KubeObject[], succeeded: number): Managed {
  const spec = jobSpec(job);
  if (spec.suspend === true) {
    const gone = deletePods(ctx, job, active);
    return { active: active.filter((pod) => !gone.deleted.has(pod.metadata.uid ?? "")), deleted: gone.deleted.size, again: false };
  }
  const parallelism = spec.parallelism ?? 1;
  // Work-queue mode (no completions): once a pod has succeeded, no new ones start.
  const wanted = spec.completions === undefined ? (succeeded > 0 ? active.length : parallelism) : Math.max(0, Math.min(spec.completions - succeeded, parallelism));
  if (active.length > wanted) {
    const victims = rankForDeletion(active, active, ctx.now).slice(0, Math.min(active.length - wanted, MAX_POD_CREATE_DELETE_PER_SYNC));
    const gone = deletePods(ctx, job, victims);
    return { active: active.filter((pod) => !gone.deleted.has(pod.metadata.uid ?? "")), deleted: gone.deleted.size, again: false };
  }
  if (active.length === wanted) return { active, deleted: 0, again: false };
  const until = backoffUntil(pods);
  if (until !== undefined && until > ctx.now) return { active, deleted: 0, backoffUntil: until, again: false };
  const missing = wanted - active.length;
  const created = createPods(ctx, job, Math.min(missing, MAX_POD_CREATE_DELETE_PER_SYNC));
  return { active: [...active, ...created.created], deleted: 0, again: missing > MAX_POD_CREATE_DELETE_PER_SYNC && !created.error };
}

/** Pods the Job controls, plus matching orphans it adopts; owned pods that stopped matching are released. */
function claimPods(ctx: JobSyncContext, job: KubeObject, adoptOrphans: boolean): KubeObject[] {
  const uid = job.metadata.uid ?? "";
  const selector = jobSpec(job).selector;
  const claimed: KubeObject[] = [];
  for (const pod of [...ctx.pods.controlledBy(uid)]) {
    if (selects(selector, pod.metadata.labels)) claimed.push(pod);
    else if (adoptOrphans) release(ctx.store, uid, pod);
  }
  if (!adoptOrphans) return claimed;
  for (const pod of [...ctx.pods.orphansIn(job.metadata.namespace ?? "")]) {
    if (pod.metadata.deletionTimestamp !== undefined || !selects(selector, pod.metadata.labels)) continue;
    const adopted = adopt(ctx.store, job, pod);
    if (adopted.ok) claimed.push(adopted.object);
  }
  return claimed;
}

/** Creates up to `count` pods in slow-start batches (1, 2, 4, …), stopping after a batch with an error. */
function createPods(ctx: JobSyncContext, job: KubeObject, count: number): { created: KubeObject[]; error?: StoreError } {
  const created: KubeObject[] = [];
  let remaining = count;
  for (let batch = Math.min(remaining, 1); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let error: StoreError | undefined;
    for (let i = 0; i < batch; i++) {
      const result = ctx.store.create(podForJob(job));
      if (result.ok) {
        created.push(result.object);
        ctx.events.event(job, "Normal", "SuccessfulCreate", `Created pod: ${result.object.metadata.name}`);
      } else {
        error ??= result.error;
        if (!result.error.message.includes("because it is being terminated")) ctx.events.event(job, "Warning", "FailedCreate", `Error creating: ${result.error.message}`);
      }
    }
    if (error) return { created, error };
    remaining -= batch;
  }
  return { created };
}

function deletePods(ctx: JobSyncContext, job: KubeObject, pods: readonly KubeObject[]): { deleted: Set<string>; error?: StoreError } {
  const deleted = new Set<string>();
  let error: StoreError | undefined;
  for (const pod of pods) {
    const result = ctx.store.delete(refOf(pod), { preconditions: { uid: pod.metadata.uid } });
    if (result.ok || result.error.reason === "NotFound") {
      deleted.add(pod.metadata.uid ?? "");
      if (result.ok) ctx.events.event(job, "Normal", "SuccessfulDelete", `Deleted pod: ${pod.metadata.name}`);
    } else {
      error ??= result.error;
      ctx.events.event(job, "Warning", "FailedDelete", `Error deleting: ${result.error.message}`);
    }
  }
  return { deleted, error };
}

/** Writes the status when it changed; false when the write failed (the pods stay uncounted). */
function writeStatus(store: ObjectStore, job: KubeObject, status: object): boolean {
  if (isDeepStrictEqual(status, job.status ?? {})) return true;
  const current = store.get(refOf(job));
  if (!current || current.metadata.uid !== job.metadata.uid) return false;
  const copy = cloneObject(current);
  copy.status = status;
  return store.update(copy, { subresource: "status" }).ok;
}

/** Lets counted pods go: without the finalizer a deleted pod disappears. */
export function removeFinalizers(store: ObjectStore, pods: readonly KubeObject[]): void {
  for (const pod of pods) {
    store.modify(refOf(pod), (copy) => {
      if (copy.metadata.uid !== pod.metadata.uid) return;
      const kept = (copy.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
      if (kept.length === 0) delete copy.metadata.finalizers;
      else copy.metadata.finalizers = kept;
    });
  }
}

// The Job controller (component `job-controller`): runs every Job's pods to completion. It follows
// Jobs and Pods through two watches, files pods by controller in an index, and syncs the Jobs that
// changes touched in one task per simulated instant. A Job waiting out a back-off or an active
// deadline is synced again by the clock at that instant. Pods that carry the job-tracking finalizer
// but no longer have a Job (deleted, or never had one) lose the finalizer, as upstream's orphan
// handling does.
import type { TaskHandle } from "../clock/virtual-clock.js";
import { controllerOf } from "../controllers/owner-references.js";
import type { ComponentEventRecorder } from "../events/event-recorder.js";
import type { RuntimeComponent, RuntimeDeps } from "../runtime-deps.js";
import type { KubeObject } from "../store/kube-object.js";
import type { WatchEvent } from "../store/watch-event.js";
import { PodIndex } from "../workloads/pod-index.js";
import { selects } from "../workloads/replicaset-sync.js";
import { finishedType, isJob, jobSpec } from "./batch-types.js";
import { hasTrackingFinalizer } from "./job-pods.js";
import { removeFinalizers, syncJob, type JobSyncResult } from "./job-sync.js";

export const JOB_CONTROLLER = "job-controller";

export class JobController implements RuntimeComponent {
  private readonly pods = new PodIndex();
  /** uid → Job */
  private readonly jobs = new Map<string, KubeObject>();
  /** namespace → uids of its Jobs, for adoption of orphans */
  private readonly byNamespace = new Map<string, Set<string>>();
  /** Job uids to sync at the current instant */
  private readonly queue = new Set<string>();
  /** pod uid → pod whose tracking finalizer has no Job to remove it */
  private readonly orphans = new Map<string, KubeObject>();
  private readonly rechecks = new Map<string, TaskHandle>();
  private readonly recorder: ComponentEventRecorder;
  private unwatch: Array<() => void> = [];
  private pending: TaskHandle | undefined;
  /** The Job being synced: the changes its own sync makes do not queue it again. */
  private syncing: string | undefined;

  constructor(private readonly deps: RuntimeDeps) {
    this.recorder = deps.events.for({ component: JOB_CONTROLLER });
  }

  start(): this {
    if (this.unwatch.length > 0) return this;
    const { store } = this.deps;
    this.unwatch = [
      store.watch({ group: "batch", kind: "Job" }, (event) => this.observeJob(event), { sendInitialEvents: true }),
      store.watch({ group: "", kind: "Pod" }, (event) => this.observePod(event), { sendInitialEvents: true }),
    ];
    return this;
  }

  stop(): void {
    for (const unwatch of this.unwatch) unwatch();
    this.unwatch = [];
    this.pending?.cancel();
    this.pending = undefined;
    for (const handle of this.rechecks.values()) handle.cancel();
    this.rechecks.clear();
  }

  private observeJob(event: WatchEvent): void {
    const job = event.object;
    const uid = job.metadata.uid;
    if (!uid || !isJob(job)) return;
    const namespace = job.metadata.namespace ?? "";
    if (event.type === "DELETED") {
      this.jobs.delete(uid);
      this.byNamespace.get(namespace)?.delete(uid);
      this.rechecks.get(uid)?.cancel();
      this.rechecks.delete(uid);
      this.queue.delete(uid);
      for (const pod of this.pods.controlledBy(uid)) if (hasTrackingFinalizer(pod)) this.orphan(pod);
      return;
    }
    this.jobs.set(uid, job);
    let uids = this.byNamespace.get(namespace);
    if (!uids) this.byNamespace.set(namespace, (uids = new Set()));
    uids.add(uid);
    // A status-only change (its own, usually) needs no sync: spec changes bump the generation.
    if (
      event.type === "MODIFIED" &&
      event.previous.metadata.generation === job.metadata.generation &&
      event.previous.metadata.deletionTimestamp === job.metadata.deletionTimestamp &&
      finishedType(event.previous) === finishedType(job)
    ) {
      return;
    }
    this.enqueue(uid);
  }

  private observePod(event: WatchEvent): void {
    const pod = event.object;
    const owner = controllerOf(pod);
    const ownerUid = owner?.uid;
    // Only pods a Job controls, and orphans a Job might adopt, are filed: the rest are never asked for.
    if (event.type === "DELETED" || (owner !== undefined && owner.kind !== "Job")) this.pods.remove(pod);
    else this.pods.put(pod);
    if (event.type === "DELETED") this.orphans.delete(pod.metadata.uid ?? "");
    if (ownerUid !== undefined) this.enqueue(ownerUid);
    if (event.type === "MODIFIED") {
      const before = controllerOf(event.previous)?.uid;
      if (before !== undefined && before !== ownerUid) this.enqueue(before);
    }
    if (event.type === "DELETED") return;
    if (hasTrackingFinalizer(pod) && (ownerUid === undefined || (owner?.kind === "Job" && !this.jobs.has(ownerUid)))) this.orphan(pod);
    if (ownerUid === undefined && pod.metadata.deletionTimestamp === undefined) {
      // An orphan: every Job of its namespace that selects it may adopt it.
      for (const uid of this.byNamespace.get(pod.metadata.namespace ?? "") ?? []) {
        const job = this.jobs.get(uid);
        if (job && selects(jobSpec(job).selector, pod.metadata.labels)) this.enqueue(uid);
      }
    }
  }

  private orphan(pod: KubeObject): void {
    this.orphans.set(pod.metadata.uid ?? "", pod);
    this.scheduleDrain();
  }

  private enqueue(uid: string): void {
    if (uid === this.syncing || !this.jobs.has(uid)) return;
    this.queue.add(uid);
    this.scheduleDrain();
  }

  private scheduleDrain(): void {
    if (!this.pending?.pending) this.pending = this.deps.clock.schedule({ after: 0 }, () => this.drain(), JOB_CONTROLLER);
  }

  private drain(): void {
    const uids = [...this.queue];
    this.queue.clear();
    for (const uid of uids) this.sync(uid);
    const orphans = [...this.orphans.values()];
    this.orphans.clear();
    removeFinalizers(
      this.deps.store,
      orphans.filter((pod) => {
        const owner = controllerOf(pod);
        // Adopted since, or its Job appeared: the Job's sync decides.
        return owner === undefined ? !this.adoptable(pod) : !this.jobs.has(owner.uid);
      }),
    );
  }

  private adoptable(pod: KubeObject): boolean {
    for (const uid of this.byNamespace.get(pod.metadata.namespace ?? "") ?? []) {
      const job = this.jobs.get(uid);
      if (job && finishedType(job) === undefined && selects(jobSpec(job).selector, pod.metadata.labels)) return true;
    }
    return false;
  }

  private sync(uid: string): void {
    const job = this.jobs.get(uid);
    if (!job) return;
    this.syncing = uid;
    let result: JobSyncResult;
    try {
      result = syncJob({ store: this.deps.store, now: this.deps.clock.now(), pods: this.pods, events: this.recorder }, job);
    } finally {
      this.syncing = undefined;
    }
    this.scheduleRecheck(uid, result.recheckAt);
    if (result.again) this.enqueue(uid);
  }

  private scheduleRecheck(uid: string, at: number | undefined): void {
    const current = this.rechecks.get(uid);
    if (current?.pending && current.at === at) return;
    current?.cancel();
    this.rechecks.delete(uid);
    if (at === undefined) return;
    const handle = this.deps.clock.schedule(
      { at },
      () => {
        this.rechecks.delete(uid);
        this.enqueue(uid);
      },
      `${JOB_CONTROLLER} recheck`,
    );
    this.rechecks.set(uid, handle);
  }
}

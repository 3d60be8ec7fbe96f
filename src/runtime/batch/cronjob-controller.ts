// The CronJob controller (component `cronjob-controller`): starts each CronJob's Jobs on schedule.
// It follows CronJobs and Jobs through two watches and files Jobs by their controlling CronJob.
// Changes to a CronJob or its Jobs sync it at the same instant; otherwise each CronJob sleeps until
// its next scheduled time. That wake-up is background work on the clock, so a run to a quiet point
// is not kept busy forever by a schedule; `advance` runs it. Wake-ups are not saved: on start every
// CronJob is synced, which works out the next one from lastScheduleTime or the creation time.
import type { TaskHandle } from "../clock/virtual-clock.js";
import { controllerOf } from "../controllers/owner-references.js";
import type { ComponentEventRecorder } from "../events/event-recorder.js";
import type { RuntimeComponent, RuntimeDeps } from "../runtime-deps.js";
import type { KubeObject } from "../store/kube-object.js";
import type { WatchEvent } from "../store/watch-event.js";
import { isCronJob, isJob } from "./batch-types.js";
import { syncCronJob, type CronJobSyncResult } from "./cronjob-sync.js";

export const CRONJOB_CONTROLLER = "cronjob-controller";

export class CronJobController implements RuntimeComponent {
  /** uid → CronJob */
  private readonly cronJobs = new Map<string, KubeObject>();
  /** CronJob uid → Job uid → Job */
  private readonly jobsByOwner = new Map<string, Map<string, KubeObject>>();
  /** Job uid → the CronJob uid it is filed under */
  private readonly ownerOfJob = new Map<string, string>();
  private readonly queue = new Set<string>();
  private readonly wakeUps = new Map<string, TaskHandle>();
  private readonly recorder: ComponentEventRecorder;
  private unwatch: Array<() => void> = [];
  private pending: TaskHandle | undefined;
  private syncing: string | undefined;

  constructor(private readonly deps: RuntimeDeps) {
    this.recorder = deps.events.for({ component: CRONJOB_CONTROLLER });
  }

  start(): this {
    if (this.unwatch.length > 0) return this;
    const { store } = this.deps;
    this.unwatch = [
      store.watch({ group: "batch", kind: "Job" }, (event) => this.observeJob(event), { sendInitialEvents: true }),
      store.watch({ group: "batch", kind: "CronJob" }, (event) => this.observeCronJob(event), { sendInitialEvents: true }),
    ];
    return this;
  }

  stop(): void {
    for (const unwatch of this.unwatch) unwatch();
    this.unwatch = [];
    this.pending?.cancel();
    this.pending = undefined;
    for (const handle of this.wakeUps.values()) handle.cancel();
    this.wakeUps.clear();
  }

  private observeCronJob(event: WatchEvent): void {
    const cronJob = event.object;
    const uid = cronJob.metadata.uid;
    if (!uid || !isCronJob(cronJob)) return;
    if (event.type === "DELETED") {
      this.cronJobs.delete(uid);
      this.queue.delete(uid);
      this.wakeUps.get(uid)?.cancel();
      this.wakeUps.delete(uid);
      return;
    }
    this.cronJobs.set(uid, cronJob);
    // Its own status writes need no second look; spec and deletion changes do.
    if (
      event.type === "MODIFIED" &&
      event.previous.metadata.generation === cronJob.metadata.generation &&
      event.previous.metadata.deletionTimestamp === cronJob.metadata.deletionTimestamp
    ) {
      return;
    }
    this.enqueue(uid);
  }

  private observeJob(event: WatchEvent): void {
    const job = event.object;
    const uid = job.metadata.uid;
    if (!uid || !isJob(job)) return;
    const before = this.ownerOfJob.get(uid);
    const owner = event.type === "DELETED" ? undefined : controllerOf(job);
    const ownerUid = owner?.kind === "CronJob" ? owner.uid : undefined;
    if (before !== undefined && before !== ownerUid) {
      this.jobsByOwner.get(before)?.delete(uid);
      this.ownerOfJob.delete(uid);
      this.enqueue(before);
    }
    if (ownerUid === undefined) return;
    let jobs = this.jobsByOwner.get(ownerUid);
    if (!jobs) this.jobsByOwner.set(ownerUid, (jobs = new Map()));
    jobs.set(uid, job);
    this.ownerOfJob.set(uid, ownerUid);
    this.enqueue(ownerUid);
  }

  private enqueue(uid: string): void {
    if (uid === this.syncing || !this.cronJobs.has(uid)) return;
    this.queue.add(uid);
    if (!this.pending?.pending) this.pending = this.deps.clock.schedule({ after: 0 }, () => this.drain(), CRONJOB_CONTROLLER);
  }

  private drain(): void {
    const uids = [...this.queue];
    this.queue.clear();
    for (const uid of uids) this.sync(uid);
  }

  private sync(uid: string): void {
    const cronJob = this.cronJobs.get(uid);
    if (!cronJob) return;
    this.syncing = uid;
    let result: CronJobSyncResult;
    try {
      const jobs = [...(this.jobsByOwner.get(uid)?.values() ?? [])];
      result = syncCronJob({ store: this.deps.store, now: this.deps.clock.now(), events: this.recorder, jobs }, cronJob);
    } finally {
      this.syncing = undefined;
    }
    this.scheduleWakeUp(uid, result.wakeAt);
  }

  private scheduleWakeUp(uid: string, at: number | undefined): void {
    const current = this.wakeUps.get(uid);
    if (current?.pending && current.at === at) return;
    current?.cancel();
    this.wakeUps.delete(uid);
    if (at === undefined) return;
    const handle = this.deps.clock.schedule(
      { at },
      () => {
        this.wakeUps.delete(uid);
        this.enqueue(uid);
      },
      `${CRONJOB_CONTROLLER} schedule`,
      { background: true },
    );
    this.wakeUps.set(uid, handle);
  }
}

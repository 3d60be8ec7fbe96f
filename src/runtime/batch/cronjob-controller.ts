// The CronJob controller (component `cronjob-controller`): starts each CronJob's Jobs on schedule.
// It follows CronJobs and Jobs through two watches and files Jobs by their controlling CronJob.
// Changes to a CronJob or its Jobs sync it at the same instant; otherwise each CronJob sleeps until
// its next scheduled time. That wake-up is background work on the clock, so a run to a quiet point
// is not kept busy forever by a schedule; `advance` runs it. Wake-ups are not saved: on start every
// CronJob is synced, which works out the next one from lastScheduleTime or the creation time.
import { OwnerIndex } from "../controllers/owner-index.js";
import { controllerOf } from "../controllers/owner-references.js";
import { isStatusOnlyChange } from "../controllers/status-only-change.js";
import { SyncQueue, type SyncOutcome } from "../controllers/sync-queue.js";
import { Watches } from "../controllers/watches.js";
import type { ComponentEventRecorder } from "../events/event-recorder.js";
import type { RuntimeComponent, RuntimeDeps } from "../runtime-deps.js";
import type { KubeObject } from "../store/kube-object.js";
import type { WatchEvent } from "../store/watch-event.js";
import { isCronJob, isJob } from "./batch-types.js";
import { syncCronJob } from "./cronjob-sync.js";

export const CRONJOB_CONTROLLER = "cronjob-controller";

export class CronJobController implements RuntimeComponent {
  private readonly cronJobs = new OwnerIndex(isCronJob);
  /** CronJob uid → Job uid → Job */
  private readonly jobsByOwner = new Map<string, Map<string, KubeObject>>();
  /** Job uid → the CronJob uid it is filed under */
  private readonly ownerOfJob = new Map<string, string>();
  private readonly queue: SyncQueue;
  private readonly recorder: ComponentEventRecorder;
  private readonly watches = new Watches();

  constructor(private readonly deps: RuntimeDeps) {
    this.recorder = deps.events.for({ component: CRONJOB_CONTROLLER });
    this.queue = new SyncQueue({
      clock: deps.clock,
      label: CRONJOB_CONTROLLER,
      // The wake-up at the next scheduled time, in the background (see above).
      recheck: { label: `${CRONJOB_CONTROLLER} schedule`, background: true },
      knows: (uid) => this.cronJobs.has(uid),
      sync: (uid) => this.sync(uid),
      ignoreOwnWrites: true,
    });
  }

  start(): this {
    const { store } = this.deps;
    this.watches.open(() => [
      store.watch({ group: "batch", kind: "Job" }, (event) => this.observeJob(event), { sendInitialEvents: true }),
      store.watch({ group: "batch", kind: "CronJob" }, (event) => this.observeCronJob(event), { sendInitialEvents: true }),
    ]);
    return this;
  }

  stop(): void {
    this.watches.close();
    this.queue.stop();
  }

  private observeCronJob(event: WatchEvent): void {
    const change = this.cronJobs.observe(event);
    if (change?.deleted) this.queue.forget(change.uid);
    else if (change && !isStatusOnlyChange(event)) this.queue.add(change.uid);
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
      this.queue.add(before);
    }
    if (ownerUid === undefined) return;
    let jobs = this.jobsByOwner.get(ownerUid);
    if (!jobs) this.jobsByOwner.set(ownerUid, (jobs = new Map()));
    jobs.set(uid, job);
    this.ownerOfJob.set(uid, ownerUid);
    this.queue.add(ownerUid);
  }

  private sync(uid: string): SyncOutcome | undefined {
    const cronJob = this.cronJobs.get(uid);
    if (!cronJob) return undefined;
    const jobs = [...(this.jobsByOwner.get(uid)?.values() ?? [])];
    return { recheckAt: syncCronJob({ store: this.deps.store, now: this.deps.clock.now(), events: this.recorder, jobs }, cronJob).wakeAt };
  }
}

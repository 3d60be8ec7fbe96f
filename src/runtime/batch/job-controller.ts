// The Job controller (component `job-controller`): runs every Job's pods to completion. It follows
// Jobs and Pods through two watches, files pods by controller in an index, and syncs the Jobs that
// changes touched in one task per simulated instant. A Job waiting out a back-off or an active
// deadline is synced again by the clock at that instant. Pods that carry the job-tracking finalizer
// but no longer have a Job (deleted, or never had one) lose the finalizer, as upstream's orphan
// handling does.
import { controllersConcerned } from "../controllers/controllers-concerned.js";
import { OwnerIndex } from "../controllers/owner-index.js";
import { controllerOf } from "../controllers/owner-references.js";
import { isStatusOnlyChange } from "../controllers/status-only-change.js";
import { SyncQueue, type SyncOutcome } from "../controllers/sync-queue.js";
import { Watches } from "../controllers/watches.js";
import type { ComponentEventRecorder } from "../events/event-recorder.js";
import type { RuntimeComponent, RuntimeDeps } from "../runtime-deps.js";
import type { KubeObject } from "../store/kube-object.js";
import type { WatchEvent } from "../store/watch-event.js";
import { PodIndex } from "../workloads/pod-index.js";
import { selects } from "../workloads/replicaset-sync.js";
import { finishedType, isJob, jobSpec } from "./batch-types.js";
import { hasTrackingFinalizer } from "./job-pods.js";
import { removeFinalizers, syncJob } from "./job-sync.js";

export const JOB_CONTROLLER = "job-controller";

export class JobController implements RuntimeComponent {
  private readonly pods = new PodIndex();
  private readonly jobs = new OwnerIndex(isJob);
  /** pod uid → pod whose tracking finalizer has no Job to remove it */
  private readonly orphans = new Map<string, KubeObject>();
  private readonly queue: SyncQueue;
  private readonly recorder: ComponentEventRecorder;
  private readonly watches = new Watches();

  constructor(private readonly deps: RuntimeDeps) {
    this.recorder = deps.events.for({ component: JOB_CONTROLLER });
    this.queue = new SyncQueue({
      clock: deps.clock,
      label: JOB_CONTROLLER,
      recheck: { label: `${JOB_CONTROLLER} recheck` },
      knows: (uid) => this.jobs.has(uid),
      sync: (uid) => this.sync(uid),
      ignoreOwnWrites: true,
      // Orphans go last: a Job synced at this instant may have adopted them.
      afterSyncs: () => this.releaseOrphans(),
    });
  }

  start(): this {
    const { store } = this.deps;
    this.watches.open(() => [
      store.watch({ group: "batch", kind: "Job" }, (event) => this.observeJob(event), { sendInitialEvents: true }),
      store.watch({ group: "", kind: "Pod" }, (event) => this.observePod(event), { sendInitialEvents: true }),
    ]);
    return this;
  }

  stop(): void {
    this.watches.close();
    this.queue.stop();
  }

  private observeJob(event: WatchEvent): void {
    const change = this.jobs.observe(event);
    if (!change) return;
    if (change.deleted) {
      this.queue.forget(change.uid);
      for (const pod of this.pods.controlledBy(change.uid)) if (hasTrackingFinalizer(pod)) this.orphan(pod);
      return;
    }
    // Finishing is a status change that does want a sync: it drops the Job's timer and any tracking
    // finalizer left on its pods.
    if (event.type === "MODIFIED" && isStatusOnlyChange(event) && finishedType(event.previous) === finishedType(event.object)) return;
    this.queue.add(change.uid);
  }

  private observePod(event: WatchEvent): void {
    const pod = event.object;
    const owner = controllerOf(pod);
    const ownerUid = owner?.uid;
    // Only pods a Job controls, and orphans a Job might adopt, are filed: the rest are never asked for.
    if (event.type === "DELETED" || (owner !== undefined && owner.kind !== "Job")) this.pods.remove(pod);
    else this.pods.put(pod);
    if (event.type === "DELETED") this.orphans.delete(pod.metadata.uid ?? "");
    for (const controller of controllersConcerned(event, ownerUid)) this.queue.add(controller);
    if (event.type === "DELETED") return;
    if (hasTrackingFinalizer(pod) && (ownerUid === undefined || (owner?.kind === "Job" && !this.jobs.has(ownerUid)))) this.orphan(pod);
    if (ownerUid === undefined && pod.metadata.deletionTimestamp === undefined) {
      // An orphan: every Job of its namespace that selects it may adopt it.
      for (const [uid, job] of this.jobs.inNamespace(pod.metadata.namespace ?? "")) {
        if (selects(jobSpec(job).selector, pod.metadata.labels)) this.queue.add(uid);
      }
    }
  }

  private orphan(pod: KubeObject): void {
    this.orphans.set(pod.metadata.uid ?? "", pod);
    this.queue.requestDrain();
  }

  private releaseOrphans(): void {
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
    for (const [, job] of this.jobs.inNamespace(pod.metadata.namespace ?? "")) {
      if (finishedType(job) === undefined && selects(jobSpec(job).selector, pod.metadata.labels)) return true;
    }
    return false;
  }

  private sync(uid: string): SyncOutcome | undefined {
    const job = this.jobs.get(uid);
    if (!job) return undefined;
    return syncJob({ store: this.deps.store, now: this.deps.clock.now(), pods: this.pods, events: this.recorder }, job);
  }
}

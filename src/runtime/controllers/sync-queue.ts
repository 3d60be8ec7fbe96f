// The work queue of a controller that syncs owners (ReplicaSets, Jobs, …) by uid. Watch events
// queue the owners they touch; one task per simulated instant syncs them in the order they were
// first queued (the queue is insertion-ordered, which keeps runs deterministic); and a sync may ask
// for another look at a later instant, which a per-owner timer queues then. Upstream's controllers
// have a rate-limited work queue per controller; at simulated time a plain set does.
import type { VirtualClock } from "../clock/virtual-clock.js";
import { InstantTask } from "./instant-task.js";
import { RecheckTimers, type RecheckTimerOptions } from "./recheck-timers.js";

/** What a sync asks of the queue; a sync that found no owner returns undefined. */
export interface SyncOutcome {
  /** When to sync the owner again if nothing else does first; undefined: no timer. */
  recheckAt?: number | undefined;
  /** Sync it again at this instant (more work than one sync does). */
  again?: boolean;
}

export interface SyncQueueOptions {
  clock: VirtualClock;
  /** Names the drain task on the clock: the controller's component name. */
  label: string;
  /** Whether the controller knows the owner: the uids of others (a pod's owner of another kind) are not queued. */
  knows: (uid: string) => boolean;
  sync: (uid: string) => SyncOutcome | undefined;
  /** The recheck timers' label and flags. */
  recheck: RecheckTimerOptions;
  /**
   * The owner being synced is not queued again by the events of its own writes: its sync already
   * accounted for them. Without this (Deployments, StatefulSets) a sync is followed by another
   * that sees its writes, as upstream's informers would have it; each either progresses or settles.
   */
  ignoreOwnWrites?: boolean;
  /** Work of the controller's own that runs in the same task, after the syncs (see requestDrain). */
  afterSyncs?: () => void;
}

export class SyncQueue {
  private readonly queue = new Set<string>();
  private readonly task: InstantTask;
  private readonly rechecks: RecheckTimers;
  private syncing: string | undefined;

  constructor(private readonly options: SyncQueueOptions) {
    this.task = new InstantTask(options.clock, options.label, () => this.drain());
    this.rechecks = new RecheckTimers(options.clock, options.recheck, (uid) => this.add(uid));
  }

  /** Queues an owner for a sync at the current instant. */
  add(uid: string): void {
    if ((this.options.ignoreOwnWrites && uid === this.syncing) || !this.options.knows(uid)) return;
    this.queue.add(uid);
    this.task.request();
  }

  /** Runs the drain task at this instant even with no owner queued, for `afterSyncs` work. */
  requestDrain(): void {
    this.task.request();
  }

  /** Drops a deleted owner: out of the queue, its timer cancelled. */
  forget(uid: string): void {
    this.rechecks.cancel(uid);
    this.queue.delete(uid);
  }

  stop(): void {
    this.task.cancel();
    this.rechecks.cancelAll();
  }

  private drain(): void {
    // Owners queued while these sync wait for the next task at this instant.
    const uids = [...this.queue];
    this.queue.clear();
    for (const uid of uids) this.syncOne(uid);
    this.options.afterSyncs?.();
  }

  private syncOne(uid: string): void {
    let outcome: SyncOutcome | undefined;
    this.syncing = uid;
    try {
      outcome = this.options.sync(uid);
    } finally {
      this.syncing = undefined;
    }
    if (!outcome) return;
    this.rechecks.set(uid, outcome.recheckAt);
    if (outcome.again) this.add(uid);
  }
}

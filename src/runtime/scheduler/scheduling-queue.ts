// The scheduling queue, reduced to what simulated time needs: pods waiting for an attempt
// (activeQ, taken highest priority first, then in arrival order — PrioritySort), pods that failed
// and wait for a cluster change that might help (unschedulablePods), and pods held back by
// scheduling gates. There is no back-off queue: a retry happens at the instant of the change.
import type { KubeObject } from "../store/kube-object.js";

export interface QueuedPod {
  pod: KubeObject;
  /** Arrival order: the resourceVersion at which the pod was first seen pending. */
  seq: number;
  priority: number;
  /** When it was found unschedulable (ms), for the periodic flush. */
  unschedulableSince?: number;
}

/** podMaxInUnschedulablePodsDuration: a pod waits at most this long for a helpful event. */
export const MAX_UNSCHEDULABLE_MS = 5 * 60_000;

export class SchedulingQueue {
  private readonly active = new Map<string, QueuedPod>();
  private readonly unschedulable = new Map<string, QueuedPod>();
  private readonly gated = new Map<string, QueuedPod>();

  get activeCount(): number {
    return this.active.size;
  }

  get unschedulableCount(): number {
    return this.unschedulable.size;
  }

  has(uid: string): boolean {
    return this.active.has(uid) || this.unschedulable.has(uid) || this.gated.has(uid);
  }

  where(uid: string): "active" | "unschedulable" | "gated" | undefined {
    if (this.active.has(uid)) return "active";
    if (this.unschedulable.has(uid)) return "unschedulable";
    if (this.gated.has(uid)) return "gated";
    return undefined;
  }

  /** Replaces the pod object a queued entry holds (a newer version from the watch). */
  refresh(uid: string, pod: KubeObject): void {
    const entry = this.active.get(uid) ?? this.unschedulable.get(uid) ?? this.gated.get(uid);
    if (entry) entry.pod = pod;
  }

  addActive(uid: string, entry: QueuedPod): void {
    this.unschedulable.delete(uid);
    this.gated.delete(uid);
    delete entry.unschedulableSince;
    this.active.set(uid, entry);
  }

  addGated(uid: string, entry: QueuedPod): void {
    this.active.delete(uid);
    this.unschedulable.delete(uid);
    this.gated.set(uid, entry);
  }

  addUnschedulable(uid: string, entry: QueuedPod, now: number): void {
    this.active.delete(uid);
    entry.unschedulableSince = now;
    this.unschedulable.set(uid, entry);
  }

  get(uid: string): QueuedPod | undefined {
    return this.active.get(uid) ?? this.unschedulable.get(uid) ?? this.gated.get(uid);
  }

  remove(uid: string): void {
    this.active.delete(uid);
    this.unschedulable.delete(uid);
    this.gated.delete(uid);
  }

  /** Moves unschedulable pods back to active: all of them, or those waiting since `before` or longer. */
  moveUnschedulable(before?: number): number {
    let moved = 0;
    for (const [uid, entry] of this.unschedulable) {
      if (before !== undefined && (entry.unschedulableSince ?? 0) > before) continue;
      this.unschedulable.delete(uid);
      delete entry.unschedulableSince;
      this.active.set(uid, entry);
      moved++;
    }
    return moved;
  }

  /** When the longest-waiting unschedulable pod started waiting. */
  oldestUnschedulable(): number | undefined {
    let oldest: number | undefined;
    for (const entry of this.unschedulable.values()) {
      const since = entry.unschedulableSince ?? 0;
      if (oldest === undefined || since < oldest) oldest = since;
    }
    return oldest;
  }

  /** Takes every active pod, in scheduling order. */
  takeActive(): Array<[string, QueuedPod]> {
    const taken = [...this.active];
    this.active.clear();
    taken.sort(([, a], [, b]) => b.priority - a.priority || a.seq - b.seq);
    return taken;
  }
}

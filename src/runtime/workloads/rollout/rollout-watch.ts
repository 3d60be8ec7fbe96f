// `kubectl rollout status --watch` in simulated time: run the cluster's clock one due instant at a
// time, look at the rollout after each, and report every new message once, until the rollout is done,
// fails, or the timeout passes. A timeout of 0 waits only while the simulation has work to do.
import type { VirtualClock } from "../../clock/virtual-clock.js";
import type { StoreReader } from "../../store/store-api.js";
import { rolloutStatus } from "./rollout-status.js";
import type { RolloutRef } from "./rollout-target.js";

export type WatchOutcome = "done" | "failed" | "timeout";

export interface WatchRolloutOptions {
  /** Simulated milliseconds to wait; 0: until nothing is left to simulate. */
  timeoutMs: number;
  /** Called with each message that differs from the one before. */
  onMessage(message: string, state: { done: boolean; failed: boolean }): void;
}

export function watchRolloutStatus(cluster: { clock: VirtualClock; store: StoreReader }, ref: RolloutRef, options: WatchRolloutOptions): WatchOutcome {
  const { clock, store } = cluster;
  const deadline = options.timeoutMs > 0 ? clock.now() + options.timeoutMs : Number.POSITIVE_INFINITY;
  let last: string | undefined;
  const look = (): WatchOutcome | undefined => {
    const status = rolloutStatus(store, ref);
    if (status.message !== last) options.onMessage(status.message, status);
    last = status.message;
    return status.done ? "done" : status.failed ? "failed" : undefined;
  };
  // Work due at this very instant (the controllers reacting to the last change) comes first.
  clock.advance(0);
  let outcome = look();
  while (outcome === undefined) {
    const now = clock.now();
    if (now >= deadline) return "timeout";
    if (deadline === Number.POSITIVE_INFINITY && !clock.pendingTasks().some((task) => !task.background)) return "timeout";
    const next = clock.nextDueAt();
    const target = next === undefined || next > deadline ? deadline : next;
    clock.advance(Math.max(0, target - now));
    outcome = look();
  }
  return outcome;
}

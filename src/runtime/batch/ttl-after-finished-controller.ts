// The TTL-after-finished controller (component `ttl-after-finished-controller`): deletes a finished
// Job ttlSecondsAfterFinished after it finished — the lastTransitionTime of its Complete or Failed
// condition — in the foreground, so its pods go first. The expiry is background work on the clock
// (like event expiry, it does not keep a run from being quiet); timers are rebuilt from the Jobs on
// every start.
import type { TaskHandle } from "../clock/virtual-clock.js";
import { parseTimestamp } from "../clock/timestamps.js";
import type { RuntimeComponent, RuntimeDeps } from "../runtime-deps.js";
import { refOf, type KubeObject } from "../store/kube-object.js";
import type { WatchEvent } from "../store/watch-event.js";
import { finishedType, isJob, jobSpec, jobStatus } from "./batch-types.js";

export const TTL_AFTER_FINISHED_CONTROLLER = "ttl-after-finished-controller";

export class TtlAfterFinishedController implements RuntimeComponent {
  /** Job uid → its expiry timer */
  private readonly timers = new Map<string, TaskHandle>();
  private unwatch: (() => void) | undefined;

  constructor(private readonly deps: RuntimeDeps) {}

  start(): this {
    this.unwatch ??= this.deps.store.watch({ group: "batch", kind: "Job" }, (event) => this.observe(event), { sendInitialEvents: true });
    return this;
  }

  stop(): void {
    this.unwatch?.();
    this.unwatch = undefined;
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  private observe(event: WatchEvent): void {
    const job = event.object;
    const uid = job.metadata.uid ?? "";
    if (!isJob(job)) return;
    const at = event.type === "DELETED" ? undefined : expiresAt(job);
    const current = this.timers.get(uid);
    if (current?.pending && current.at === at) return;
    current?.cancel();
    this.timers.delete(uid);
    if (at === undefined) return;
    const ref = refOf(job);
    this.timers.set(uid, this.deps.clock.schedule({ at }, () => this.expire(ref, uid), TTL_AFTER_FINISHED_CONTROLLER, { background: true }));
  }

  /** Deletes the Job if it is still the same, still finished and its TTL (which may have changed) has run out. */
  private expire(ref: ReturnType<typeof refOf>, uid: string): void {
    this.timers.delete(uid);
    const job = this.deps.store.get(ref);
    if (!job || job.metadata.uid !== uid) return;
    const at = expiresAt(job);
    if (at === undefined || at > this.deps.clock.now()) return;
    this.deps.store.delete(ref, { propagationPolicy: "Foreground", preconditions: { uid } });
  }
}

/** When a finished Job with ttlSecondsAfterFinished is due for deletion; undefined for any other Job. */
export function expiresAt(job: KubeObject): number | undefined {
  const ttl = jobSpec(job).ttlSecondsAfterFinished;
  if (ttl === undefined || job.metadata.deletionTimestamp !== undefined) return undefined;
  const type = finishedType(job);
  if (type === undefined) return undefined;
  const condition = jobStatus(job).conditions?.find((c) => c.type === type && c.status === "True");
  const finishedAt = condition?.lastTransitionTime === undefined ? undefined : parseTimestamp(condition.lastTransitionTime);
  return finishedAt === undefined ? undefined : finishedAt + ttl * 1000;
}

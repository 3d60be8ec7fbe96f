// Per-owner "look again at instant T" timers: a ReplicaSet waiting for minReadySeconds, a Job's
// back-off, a CronJob's next schedule. An owner has at most one: each sync says when it next wants
// a look (or that it needs none), which replaces whatever the previous sync asked for, even when
// that was sooner, since the latest sync saw the latest state.
import type { TaskHandle, VirtualClock } from "../clock/virtual-clock.js";

export interface RecheckTimerOptions {
  /** Names the timer tasks on the clock. */
  label: string;
  /** Timers the simulation need not wait for (a CronJob's schedule): see ScheduleOptions. */
  background?: boolean;
}

export class RecheckTimers {
  private readonly timers = new Map<string, TaskHandle>();

  /** `due(key)` runs when a key's timer fires. */
  constructor(
    private readonly clock: VirtualClock,
    private readonly options: RecheckTimerOptions,
    private readonly due: (key: string) => void,
  ) {}

  /** Sets `key`'s timer to `at`, or removes it when `at` is undefined. */
  set(key: string, at: number | undefined): void {
    const current = this.timers.get(key);
    // The same instant again: keep the task, and with it its place among the tasks at that instant.
    if (current?.pending && current.at === at) return;
    current?.cancel();
    this.timers.delete(key);
    if (at === undefined) return;
    const handle = this.clock.schedule(
      { at },
      () => {
        this.timers.delete(key);
        this.due(key);
      },
      this.options.label,
      { background: this.options.background === true },
    );
    this.timers.set(key, handle);
  }

  cancel(key: string): void {
    this.timers.get(key)?.cancel();
    this.timers.delete(key);
  }

  cancelAll(): void {
    for (const handle of this.timers.values()) handle.cancel();
    this.timers.clear();
  }
}

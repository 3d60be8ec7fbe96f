// What the runtime's controllers share: they follow every change in the store through one watch and
// do their work in a task at the same simulated instant, so a burst of changes is handled together.
import type { VirtualClock } from "../clock/virtual-clock.js";
import type { ObjectStore } from "../store/object-store.js";
import type { WatchEvent } from "../store/watch-event.js";
import { InstantTask } from "./instant-task.js";

export abstract class WatchingController {
  private readonly drainTask: InstantTask;
  private unwatch: (() => void) | undefined;

  protected constructor(
    protected readonly store: ObjectStore,
    protected readonly clock: VirtualClock,
    label: string,
  ) {
    this.drainTask = new InstantTask(clock, label, () => this.drain());
  }

  /** Sees the store's current objects, then follows every change from now on. */
  start(): this {
    this.unwatch ??= this.store.watch({}, (event) => this.observe(event), { sendInitialEvents: true });
    return this;
  }

  stop(): void {
    this.unwatch?.();
    this.unwatch = undefined;
    this.drainTask.cancel();
  }

  protected abstract observe(event: WatchEvent): void;

  /** Work queued since the last run. */
  protected abstract drain(): void;

  /** Runs `drain` at the current instant, once however often it is asked for. */
  protected scheduleDrain(): void {
    this.drainTask.request();
  }
}

// A controller's "work at this instant" task. Changes arrive one watch event at a time, often many
// at one simulated instant (a sync's own writes, a burst from a command); handling them in a single
// task scheduled with no delay lets the controller see the whole burst before it acts, and keeps the
// task count per instant bounded however many events there were.
import type { TaskHandle, VirtualClock } from "../clock/virtual-clock.js";

export class InstantTask {
  private pending: TaskHandle | undefined;

  /** `label` names the task on the clock (profiles and tests read it): usually the component name. */
  constructor(
    private readonly clock: VirtualClock,
    private readonly label: string,
    private readonly run: () => void,
  ) {}

  /**
   * Runs `run` at the current instant, once however often it is asked for. The clock marks a task
   * as run before running it, so a request made while `run` is running schedules another task.
   */
  request(): void {
    if (!this.pending?.pending) this.pending = this.clock.schedule({ after: 0 }, this.run, this.label);
  }

  cancel(): void {
    this.pending?.cancel();
    this.pending = undefined;
  }
}

// Simulated time. Nothing in the runtime reads the wall clock: controllers, the kubelet and the
// scheduler schedule work here, and a command runs the simulation until no work is left before its
// deadline. Tasks run in (due time, scheduling order), so a run is a pure function of its inputs.
import { DEFAULT_START_MS, formatTimestamp } from "./timestamps.js";
import { TaskQueue } from "./task-queue.js";

/** An absolute instant, or a delay from now (ms). */
export type When = { at: number } | { after: number };

export type Task = (clock: VirtualClock) => void;

export interface ScheduleOptions {
  /**
   * Periodic upkeep (heartbeats, expiry) that must not keep a simulation from being quiet: a run to
   * a quiet point stops when only background tasks remain.
   */
  background?: boolean;
}

export interface TaskHandle {
  readonly label: string;
  readonly at: number;
  /** Whether the task is still waiting to run. */
  readonly pending: boolean;
  /** Removes the task; false when it already ran or was cancelled. */
  cancel(): boolean;
}

export interface RunReport {
  /** Tasks run. */
  ran: number;
  now: number;
  /** No foreground task is left: the simulation settled before the deadline. */
  quiet: boolean;
}

export interface PendingTask {
  at: number;
  label: string;
  background: boolean;
}

/** Wraps each task as it runs (a profiler measuring time per label, say); must call `run` once. */
export type TaskObserver = (label: string, run: () => void) => void;

export interface ClockOptions {
  /** The starting instant (ms since the epoch); default 2026-01-01T00:00:00Z. */
  now?: number;
  /** Guard against tasks that reschedule themselves without delay; default 100,000. */
  maxTasksPerInstant?: number;
}

/** Thrown when more tasks than allowed run at one instant: a task loop that never lets time move. */
export class ClockLoopError extends Error {
  constructor(
    readonly at: number,
    readonly counts: ReadonlyMap<string, number>,
  ) {
    const top = [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 3)
      .map(([label, n]) => `"${label}" ×${n}`)
      .join(", ");
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    super(
      `the simulation is stuck at ${formatTimestamp(at)}: ${total} tasks ran at this instant without time moving (most frequent: ${top}); a task probably reschedules itself with no delay`,
    );
  }
}

interface Entry {
  readonly at: number;
  readonly seq: number;
  readonly label: string;
  readonly background: boolean;
  readonly task: Task;
  state: "pending" | "ran" | "cancelled";
}

export class VirtualClock {
  private current: number;
  private seq = 0;
  private readonly queue = new TaskQueue<Entry>();
  private foreground = 0;
  private running = false;
  private readonly maxTasksPerInstant: number;
  private instant = Number.NaN;
  private instantTotal = 0;
  private readonly instantCounts = new Map<string, number>();
  private observer: TaskObserver | undefined;

  constructor(options: ClockOptions = {}) {
    this.current = options.now ?? DEFAULT_START_MS;
    this.maxTasksPerInstant = options.maxTasksPerInstant ?? 100_000;
  }

  now(): number {
    return this.current;
  }

  /** Schedules a task; an instant in the past means "now". */
  schedule(when: When, task: Task, label: string, options: ScheduleOptions = {}): TaskHandle {
    const at = "at" in when ? Math.max(when.at, this.current) : this.current + Math.max(0, when.after);
    if (!Number.isFinite(at)) throw new RangeError(`cannot schedule "${label}" at ${String(at)}`);
    const entry: Entry = { at, seq: this.seq++, label, background: options.background === true, task, state: "pending" };
    this.queue.push(entry);
    if (!entry.background) this.foreground++;
    const onCancel = (): boolean => {
      if (entry.state !== "pending") return false;
      entry.state = "cancelled";
      if (!entry.background) this.foreground--;
      return true;
    };
    return {
      label,
      at,
      get pending() {
        return entry.state === "pending";
      },
      cancel: onCancel,
    };
  }

  /**
   * Runs due tasks in order, moving time to each, until no foreground task is left or the next one is
   * after `deadline`. When work remains, time ends at the deadline; when the simulation settles, time
   * stays at the instant it settled.
   */
  runUntilQuiet(deadline: number): RunReport {
    if (deadline < this.current) throw new RangeError(`deadline ${formatTimestamp(deadline)} is before now (${formatTimestamp(this.current)})`);
    const ran = this.run(deadline, false);
    const quiet = this.foreground === 0;
    if (!quiet) this.moveTo(deadline);
    return { ran, now: this.current, quiet };
  }

  /** Moves time forward by `duration` ms, running every task (background ones too) that falls due. */
  advance(duration: number): RunReport {
    if (!(duration >= 0)) throw new RangeError(`cannot advance the clock by ${duration} ms`);
    const deadline = this.current + duration;
    const ran = this.run(deadline, true);
    this.moveTo(deadline);
    return { ran, now: this.current, quiet: this.foreground === 0 };
  }

  /** Sets (or, with undefined, removes) the observer every task runs through. */
  observeTasks(observer: TaskObserver | undefined): void {
    this.observer = observer;
  }

  /** When the next pending task is due. */
  nextDueAt(): number | undefined {
    this.dropCancelled();
    return this.queue.peek()?.at;
  }

  /** Pending tasks in run order, for diagnostics. */
  pendingTasks(): PendingTask[] {
    return this.queue
      .ordered()
      .filter((e) => e.state === "pending")
      .map((e) => ({ at: e.at, label: e.label, background: e.background }));
  }

  private run(deadline: number, includeBackground: boolean): number {
    if (this.running) throw new Error("the clock is already running: a task cannot run the clock");
    this.running = true;
    let ran = 0;
    try {
      for (;;) {
        this.dropCancelled();
        const next = this.queue.peek();
        if (!next || next.at > deadline) break;
        if (!includeBackground && this.foreground === 0) break;
        this.queue.pop();
        next.state = "ran";
        if (!next.background) this.foreground--;
        this.moveTo(next.at);
        this.count(next.label);
        ran++;
        if (this.observer) this.observer(next.label, () => next.task(this));
        else next.task(this);
      }
    } finally {
      this.running = false;
    }
    return ran;
  }

  private moveTo(at: number): void {
    if (at > this.current) this.current = at;
  }

  private count(label: string): void {
    if (this.instant !== this.current) {
      this.instant = this.current;
      this.instantTotal = 0;
      this.instantCounts.clear();
    }
    this.instantCounts.set(label, (this.instantCounts.get(label) ?? 0) + 1);
    if (++this.instantTotal > this.maxTasksPerInstant) throw new ClockLoopError(this.current, new Map(this.instantCounts));
  }

  private dropCancelled(): void {
    while (this.queue.peek()?.state === "cancelled") this.queue.pop();
  }
}

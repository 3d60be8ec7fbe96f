import { describe, expect, it } from "vitest";
import { ClockLoopError, VirtualClock } from "../../src/runtime/clock/virtual-clock.js";
import { DEFAULT_START_MS, formatTimestamp, parseTimestamp } from "../../src/runtime/clock/timestamps.js";

describe("virtual clock", () => {
  it("starts at 2026-01-01T00:00:00Z unless told otherwise", () => {
    expect(formatTimestamp(new VirtualClock().now())).toBe("2026-01-01T00:00:00Z");
    expect(new VirtualClock({ now: 5 }).now()).toBe(5);
  });

  it("runs tasks by due time, then in scheduling order, moving time to each", () => {
    const clock = new VirtualClock({ now: 0 });
    const log: string[] = [];
    const record = (label: string) => () => log.push(`${clock.now()}:${label}`);
    clock.schedule({ at: 20 }, record("c"), "c");
    clock.schedule({ after: 10 }, record("a"), "a");
    clock.schedule({ at: 10 }, record("b"), "b");
    clock.schedule({ at: 0 }, record("first"), "first");
    const report = clock.runUntilQuiet(100);
    expect(log).toEqual(["0:first", "10:a", "10:b", "20:c"]);
    expect(report).toEqual({ ran: 4, now: 20, quiet: true });
  });

  it("stops at the deadline when work remains, leaving time at the deadline", () => {
    const clock = new VirtualClock({ now: 0 });
    const log: number[] = [];
    clock.schedule({ at: 5 }, () => log.push(5), "early");
    clock.schedule({ at: 50 }, () => log.push(50), "late");
    expect(clock.runUntilQuiet(30)).toEqual({ ran: 1, now: 30, quiet: false });
    expect(log).toEqual([5]);
    expect(clock.runUntilQuiet(50)).toEqual({ ran: 1, now: 50, quiet: true });
    expect(log).toEqual([5, 50]);
  });

  it("stays put when nothing is scheduled", () => {
    const clock = new VirtualClock({ now: 7 });
    expect(clock.runUntilQuiet(1000)).toEqual({ ran: 0, now: 7, quiet: true });
  });

  it("runs tasks that tasks schedule, including ones due at the same instant", () => {
    const clock = new VirtualClock({ now: 0 });
    const log: string[] = [];
    clock.schedule(
      { at: 10 },
      (c) => {
        log.push(`parent@${c.now()}`);
        c.schedule({ after: 0 }, () => log.push(`child@${c.now()}`), "child");
        c.schedule({ after: 5 }, () => log.push(`later@${c.now()}`), "later");
      },
      "parent",
    );
    clock.schedule({ at: 10 }, () => log.push(`sibling@${clock.now()}`), "sibling");
    clock.runUntilQuiet(100);
    expect(log).toEqual(["parent@10", "sibling@10", "child@10", "later@15"]);
  });

  it("advance moves time by the duration and runs what falls due, background tasks too", () => {
    const clock = new VirtualClock({ now: 0 });
    const log: string[] = [];
    clock.schedule({ at: 10 }, () => log.push("fg"), "fg");
    clock.schedule({ at: 20 }, () => log.push("bg"), "bg", { background: true });
    clock.schedule({ at: 200 }, () => log.push("far"), "far");
    expect(clock.advance(100)).toEqual({ ran: 2, now: 100, quiet: false });
    expect(log).toEqual(["fg", "bg"]);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it("a run to a quiet point ignores background tasks that would come after the last foreground one", () => {
    const clock = new VirtualClock({ now: 0 });
    const log: string[] = [];
    clock.schedule({ at: 5 }, () => log.push("heartbeat@5"), "heartbeat", { background: true });
    clock.schedule({ at: 10 }, () => log.push("work@10"), "work");
    clock.schedule({ at: 15 }, () => log.push("heartbeat@15"), "heartbeat", { background: true });
    expect(clock.runUntilQuiet(1000)).toEqual({ ran: 2, now: 10, quiet: true });
    expect(log).toEqual(["heartbeat@5", "work@10"]);
    expect(clock.pendingTasks()).toEqual([{ at: 15, label: "heartbeat", background: true }]);
  });

  it("cancelled tasks do not run and do not keep the clock busy", () => {
    const clock = new VirtualClock({ now: 0 });
    let ran = false;
    const handle = clock.schedule({ at: 10 }, () => (ran = true), "x");
    expect(handle.pending).toBe(true);
    expect(handle.cancel()).toBe(true);
    expect(handle.cancel()).toBe(false);
    expect(handle.pending).toBe(false);
    expect(clock.runUntilQuiet(100)).toEqual({ ran: 0, now: 0, quiet: true });
    expect(ran).toBe(false);
  });

  it("treats an instant in the past as now", () => {
    const clock = new VirtualClock({ now: 100 });
    const handle = clock.schedule({ at: 10 }, () => undefined, "past");
    expect(handle.at).toBe(100);
  });

  it("refuses a deadline before now and running the clock from a task", () => {
    const clock = new VirtualClock({ now: 100 });
    expect(() => clock.runUntilQuiet(99)).toThrow(/before now/);
    clock.schedule({ at: 100 }, (c) => c.runUntilQuiet(200), "nested");
    expect(() => clock.runUntilQuiet(200)).toThrow(/already running/);
  });

  it("stops a task loop that never lets time move, naming the task", () => {
    const clock = new VirtualClock({ now: 0, maxTasksPerInstant: 50 });
    const loop = (c: VirtualClock): void => void c.schedule({ after: 0 }, loop, "spinner");
    clock.schedule({ at: 0 }, loop, "spinner");
    let error: unknown;
    try {
      clock.runUntilQuiet(10);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ClockLoopError);
    expect((error as Error).message).toBe(
      'the simulation is stuck at 1970-01-01T00:00:00Z: 51 tasks ran at this instant without time moving (most frequent: "spinner" ×51); a task probably reschedules itself with no delay',
    );
  });

  it("does not count tasks at different instants against the guard", () => {
    const clock = new VirtualClock({ now: 0, maxTasksPerInstant: 5 });
    let n = 0;
    const tick = (c: VirtualClock): void => {
      if (++n < 100) c.schedule({ after: 1 }, tick, "tick");
    };
    clock.schedule({ at: 0 }, tick, "tick");
    expect(clock.runUntilQuiet(1000).ran).toBe(100);
  });
});

describe("task observer", () => {
  it("sees every task run, by label, in order, and can be removed", () => {
    const clock = new VirtualClock();
    const seen: string[] = [];
    const ran: string[] = [];
    clock.observeTasks((label, run) => {
      seen.push(`before ${label}`);
      run();
      seen.push(`after ${label}`);
    });
    clock.schedule({ after: 10 }, () => ran.push("b"), "b");
    clock.schedule({ after: 0 }, () => ran.push("a"), "a");
    clock.advance(10);
    expect(ran).toEqual(["a", "b"]);
    expect(seen).toEqual(["before a", "after a", "before b", "after b"]);
    clock.observeTasks(undefined);
    clock.schedule({ after: 0 }, () => ran.push("c"), "c");
    clock.advance(0);
    expect(ran).toEqual(["a", "b", "c"]);
    expect(seen).toHaveLength(4);
  });
});

describe("timestamps", () => {
  it("formats metav1.Time with whole seconds, truncating", () => {
    expect(formatTimestamp(DEFAULT_START_MS + 5_999)).toBe("2026-01-01T00:00:05Z");
  });

  it("parses RFC 3339 and refuses anything else", () => {
    expect(parseTimestamp("2026-01-01T00:00:05Z")).toBe(DEFAULT_START_MS + 5000);
    expect(parseTimestamp("2026-01-01T01:00:05+01:00")).toBe(DEFAULT_START_MS + 5000);
    expect(parseTimestamp("yesterday")).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../../src/runtime/clock/virtual-clock.js";
import { SyncQueue, type SyncOutcome, type SyncQueueOptions } from "../../../src/runtime/controllers/sync-queue.js";

function harness(options: Partial<SyncQueueOptions> = {}, outcome: (uid: string) => SyncOutcome | undefined = () => ({})) {
  const clock = new VirtualClock({ now: 0 });
  const known = new Set(["a", "b", "c"]);
  const log: string[] = [];
  const queue = new SyncQueue({
    clock,
    label: "test-controller",
    recheck: { label: "test-controller recheck" },
    knows: (uid) => known.has(uid),
    sync: (uid) => {
      log.push(`${clock.now()}:${uid}`);
      return outcome(uid);
    },
    ...options,
  });
  return { clock, known, log, queue };
}

describe("sync queue", () => {
  it("syncs the owners queued at an instant in one task, in the order first queued, and ignores unknown ones", () => {
    const { clock, log, queue } = harness();
    for (const uid of ["b", "a", "zz", "b", "c"]) queue.add(uid);
    expect(clock.pendingTasks()).toEqual([{ at: 0, label: "test-controller", background: false }]);
    clock.runUntilQuiet(100);
    expect(log).toEqual(["0:b", "0:a", "0:c"]);
  });

  it("drops the owner being synced from its own writes only with ignoreOwnWrites, and honours `again`", () => {
    let passes = 0;
    const follow = harness({}, (uid) => {
      if (uid === "a" && passes++ === 0) follow.queue.add("a");
      return {};
    });
    follow.queue.add("a");
    follow.clock.runUntilQuiet(100);
    expect(follow.log).toEqual(["0:a", "0:a"]);

    const ignore = harness({ ignoreOwnWrites: true }, (uid) => {
      ignore.queue.add(uid);
      return { again: ignore.log.length === 1 };
    });
    ignore.queue.add("a");
    ignore.clock.runUntilQuiet(100);
    expect(ignore.log).toEqual(["0:a", "0:a"]);
  });

  it("keeps one recheck per owner: the latest sync's instant replaces an earlier one, sooner or later", () => {
    const at: Record<string, number | undefined> = { a: 50 };
    const { clock, log, queue } = harness({ recheck: { label: "test-controller schedule", background: true } }, (uid) => ({ recheckAt: at[uid] }));
    queue.add("a");
    clock.advance(10);
    expect(clock.pendingTasks()).toEqual([{ at: 50, label: "test-controller schedule", background: true }]);
    at.a = 80;
    queue.add("a");
    clock.advance(10);
    expect(clock.pendingTasks()).toEqual([{ at: 80, label: "test-controller schedule", background: true }]);
    at.a = undefined;
    clock.advance(100);
    expect(log).toEqual(["0:a", "10:a", "80:a"]);
    expect(clock.pendingTasks()).toEqual([]);
  });

  it("runs afterSyncs after the syncs, and forget and stop cancel what is pending", () => {
    const after: string[] = [];
    const { clock, log, queue } = harness({ afterSyncs: () => after.push(`${clock.now()}`) }, () => ({ recheckAt: 30 }));
    queue.requestDrain();
    clock.advance(5);
    expect(after).toEqual(["0"]);
    queue.add("a");
    queue.add("b");
    queue.forget("b");
    clock.advance(5);
    expect(log).toEqual(["5:a"]);
    expect(after).toEqual(["0", "5"]);
    queue.forget("a");
    queue.add("c");
    queue.stop();
    expect(clock.pendingTasks()).toEqual([]);
  });
});

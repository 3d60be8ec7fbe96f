// The TTL-after-finished controller: a finished Job goes ttlSecondsAfterFinished after its Complete
// or Failed condition, pods first (foreground deletion); timers come back after a restart.
import { describe, expect, it } from "vitest";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { batchCluster, getJob, job, JOB_REF, podsOfJob, reload, s } from "./batch-fixtures.js";

const PULL_2S = { "sim.drydock.dev/pull-duration": "2s" };

describe("the TTL-after-finished controller", () => {
  it("deletes a completed Job and its pods ttlSecondsAfterFinished after it completed, pods first", () => {
    const b = batchCluster();
    const order: string[] = [];
    b.cluster.store.watch({ group: "", kind: "Pod" }, (e) => void (e.type === "DELETED" && order.push("pod")));
    b.cluster.store.watch({ group: "batch", kind: "Job" }, (e) => {
      if (e.type === "DELETED") order.push("job");
      else if (e.object.metadata.deletionTimestamp && !order.includes("job marked")) order.push("job marked");
    });
    b.create(job({ spec: { ttlSecondsAfterFinished: 100 }, annotations: PULL_2S }));
    b.settle();
    // Completed at 7 s; the clean-up is background work, so the run is quiet before it.
    expect(s(b.elapsed())).toBe(7);
    expect(getJob(b.cluster)).toBeDefined();

    b.advance(99_000);
    expect(getJob(b.cluster)).toBeDefined();
    b.advance(1000);
    expect(getJob(b.cluster)).toBeUndefined();
    expect(s(b.timeline.jobsDeleted.get("pi")!)).toBe(107);
    expect([...b.timeline.deleted.values()].map(s)).toEqual([107]);
    expect(order).toEqual(["job marked", "pod", "job"]);
  });

  it("rebuilds its timers when the control plane restarts", () => {
    const first = batchCluster();
    first.create(job({ spec: { ttlSecondsAfterFinished: 60 }, annotations: PULL_2S }));
    first.settle();
    const b = reload(first);
    b.advance(59_000);
    expect(getJob(b.cluster)).toBeDefined();
    b.advance(1000);
    expect(s(b.timeline.jobsDeleted.get("pi")!)).toBe(67);
  });

  it("deletes a failed Job too, counting from its Failed condition", () => {
    const b = batchCluster();
    b.create(job({ spec: { backoffLimit: 0, ttlSecondsAfterFinished: 30 }, annotations: { ...PULL_2S, "sim.drydock.dev/crash-after": "1s" } }));
    b.settle();
    expect(s(b.elapsed())).toBe(3);
    b.advance(60_000);
    expect(s(b.timeline.jobsDeleted.get("pi")!)).toBe(33);
    expect(podsOfJob(b.cluster)).toEqual([]);
  });

  it("follows a changed TTL, and leaves Jobs without one alone", () => {
    const b = batchCluster();
    b.create(job({ spec: { ttlSecondsAfterFinished: 10 }, annotations: PULL_2S }));
    b.create(job({ name: "keep", annotations: PULL_2S }));
    b.settle();
    expectOk(b.cluster.store.modify(JOB_REF("pi"), (o) => void ((o.spec as { ttlSecondsAfterFinished: number }).ttlSecondsAfterFinished = 120)));
    b.advance(60_000);
    expect(getJob(b.cluster)).toBeDefined();
    b.advance(3600_000);
    expect(s(b.timeline.jobsDeleted.get("pi")!)).toBe(127);
    expect(getJob(b.cluster, "keep")).toBeDefined();
  });
});

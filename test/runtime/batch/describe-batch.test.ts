// `describe job` and `describe cronjob` lines that only some Jobs have: the controlling CronJob, the
// TTL, the active deadline, failed pods, a time zone.
import { describe, expect, it } from "vitest";
import { describeObject } from "../../../src/cli/output/kube/describe/describe.js";
import { batchCluster, CRONJOB_REF, cronJob, getJob, job, minutes } from "./batch-fixtures.js";

const PULL_2S = { "sim.drydock.dev/pull-duration": "2s" };

describe("describe for batch kinds", () => {
  it("shows a failed Job's deadline, TTL and failed pods", () => {
    const b = batchCluster();
    b.create(job({ spec: { activeDeadlineSeconds: 300, ttlSecondsAfterFinished: 3600, backoffLimit: 1 }, annotations: { ...PULL_2S, "sim.drydock.dev/crash-after": "1s" } }));
    b.settle();
    const text = describeObject(getJob(b.cluster)!, b.cluster.store, b.cluster.clock.now());
    const lines = text.split("\n");
    expect(lines.slice(lines.indexOf("Completion Mode:             NonIndexed"), lines.indexOf("Pod Template:"))).toEqual([
      "Completion Mode:             NonIndexed",
      "Suspend:                     false",
      "Backoff Limit:               1",
      "TTL Seconds After Finished:  3600",
      "Start Time:                  Thu, 01 Jan 2026 00:00:00 +0000",
      "Active Deadline Seconds:     300s",
      "Pods Statuses:               0 Active (0 Ready) / 0 Succeeded / 2 Failed",
    ]);
    expect(text).toContain("  Annotations:  sim.drydock.dev/crash-after: 1s\n");
    expect(text).toMatch(/  Warning  BackoffLimitExceeded  0s    job-controller  Job has reached the specified backoff limit\n$/);
  });

  it("names the CronJob that controls a Job, and a CronJob's time zone and active Jobs", () => {
    const b = batchCluster();
    b.create(cronJob({ annotations: { ...PULL_2S, "sim.drydock.dev/run-duration": "1h" }, spec: { timeZone: "Europe/Berlin", startingDeadlineSeconds: 120 } }));
    b.advance(minutes(20));
    const jobs = b.cluster.store.list({ group: "batch", kind: "Job", namespace: "default" });
    const jobText = describeObject(jobs[0], b.cluster.store, b.cluster.clock.now());
    expect(jobText).toContain("Controlled By:    CronJob/hello\n");
    expect(jobText).toContain("Annotations:      batch.kubernetes.io/cronjob-scheduled-timestamp: 2026-01-01T01:10:00+01:00\n");
    const cronText = describeObject(b.cluster.store.get(CRONJOB_REF("hello"))!, b.cluster.store, b.cluster.clock.now());
    expect(cronText).toContain("Starting Deadline Seconds:     120s\n");
    expect(cronText).toContain(`Active Jobs:         ${jobs.map((j) => j.metadata.name).join(", ")}\n`);
  });
});

// The CronJob controller on the whole simulated cluster, in simulated time: Jobs at the scheduled
// instants, each concurrency policy against a Job that outlives the period, the starting deadline,
// too many missed times, suspension, history limits, time zones and restarts.
import { describe, expect, it } from "vitest";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { batchCluster, CRONJOB_REF, cronJob, eventLines, eventsAbout, getJob, minutes, reload, s } from "./batch-fixtures.js";

const PULL_2S = { "sim.drydock.dev/pull-duration": "2s" };
const LONG_RUN = { ...PULL_2S, "sim.drydock.dev/run-duration": "25m" };
/** 2026-01-01T00:00:00Z in minutes since the epoch: Job names count from here. */
const M0 = Date.UTC(2026, 0, 1) / 60_000;
const jobName = (minute: number, cron = "hello") => `${cron}-${M0 + minute}`;

function cronStatus(b: ReturnType<typeof batchCluster>, name = "hello") {
  return (b.cluster.store.get(CRONJOB_REF(name))?.status ?? {}) as { active?: Array<{ name: string }>; lastScheduleTime?: string; lastSuccessfulTime?: string };
}

function jobNames(b: ReturnType<typeof batchCluster>): string[] {
  return b.cluster.store.list({ group: "batch", kind: "Job", namespace: "default" }).map((j) => j.metadata.name!);
}

const created = (b: ReturnType<typeof batchCluster>) => [...b.timeline.jobsCreated].map(([name, t]) => `${name}@${s(t)}`);

describe("the CronJob controller", () => {
  it("creates a Job at each scheduled instant, named <cronjob>-<minutes>, from the job template", () => {
    const b = batchCluster();
    const object = cronJob({ annotations: PULL_2S });
    (object.spec as { jobTemplate: Record<string, unknown> }).jobTemplate.metadata = { labels: { team: "batch" }, annotations: { note: "hi" } };
    const cj = b.create(object);
    b.settle();
    // Nothing is due yet: the next schedule is a background wake-up, so the run is quiet at once.
    expect(s(b.elapsed())).toBe(0);
    expect(b.cluster.clock.pendingTasks()).toEqual([{ at: b.t0 + minutes(10), label: "cronjob-controller schedule", background: true }]);

    b.advance(minutes(60));
    expect(created(b)).toEqual([10, 20, 30, 40, 50, 60].map((m) => `${jobName(m)}@${m * 60}`));
    const job = getJob(b.cluster, jobName(60))!;
    expect(job.metadata.labels).toMatchObject({ team: "batch" });
    expect(job.metadata.annotations).toEqual({ note: "hi", "batch.kubernetes.io/cronjob-scheduled-timestamp": "2026-01-01T01:00:00Z" });
    expect(job.metadata.ownerReferences).toEqual([{ apiVersion: "batch/v1", kind: "CronJob", name: "hello", uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(job.spec).toMatchObject({ backoffLimit: 6, completions: 1, parallelism: 1, template: { spec: { restartPolicy: "OnFailure" } } });

    // The default history keeps the last three successful Jobs.
    expect(jobNames(b).sort()).toEqual([30, 40, 50, 60].map((m) => jobName(m)));
    expect(cronStatus(b)).toEqual({
      // The reference holds the resourceVersion the Job was created with.
      active: [{ kind: "Job", namespace: "default", name: jobName(60), uid: job.metadata.uid, apiVersion: "batch/v1", resourceVersion: expect.stringMatching(/^\d+$/) }],
      lastScheduleTime: "2026-01-01T01:00:00Z",
      // busybox is on the node by then: no pull, 5 s of work.
      lastSuccessfulTime: "2026-01-01T00:50:05Z",
    });
    const lines = eventLines(b.cluster, "CronJob", "hello");
    expect(lines.filter((l) => l.startsWith("SuccessfulCreate"))).toEqual([10, 20, 30, 40, 50, 60].map((m) => `SuccessfulCreate: Created job ${jobName(m)}`));
    expect(lines.filter((l) => l.startsWith("SuccessfulDelete"))).toEqual([`SuccessfulDelete: Deleted job ${jobName(10)}`, `SuccessfulDelete: Deleted job ${jobName(20)}`]);
    expect(lines.slice(0, 4)).toEqual([
      `SuccessfulCreate: Created job ${jobName(10)}`,
      `SawCompletedJob: Saw completed job: ${jobName(10)}, status: Complete`,
      `SuccessfulCreate: Created job ${jobName(20)}`,
      `SawCompletedJob: Saw completed job: ${jobName(20)}, status: Complete`,
    ]);
    // The oldest Job goes when the fourth completes, before that completion is reported.
    expect(lines.slice(6, 9)).toEqual([
      `SuccessfulCreate: Created job ${jobName(40)}`,
      `SuccessfulDelete: Deleted job ${jobName(10)}`,
      `SawCompletedJob: Saw completed job: ${jobName(40)}, status: Complete`,
    ]);
    expect(eventsAbout(b.cluster, "CronJob", "hello").every((e) => e.component === "cronjob-controller")).toBe(true);
  });

  it("Allow: lets Jobs that outlive the period overlap", () => {
    const b = batchCluster();
    b.create(cronJob({ annotations: LONG_RUN }));
    b.advance(minutes(60));
    expect(created(b)).toEqual([10, 20, 30, 40, 50, 60].map((m) => `${jobName(m)}@${m * 60}`));
    expect(cronStatus(b).active?.map((r) => r.name)).toEqual([jobName(40), jobName(50), jobName(60)]);
  });

  it("Forbid: skips while a Job runs, then starts the missed time as soon as it finishes", () => {
    const b = batchCluster();
    b.create(cronJob({ annotations: LONG_RUN, spec: { concurrencyPolicy: "Forbid" } }));
    b.advance(minutes(40));
    // The 00:10 Job runs from 00:10:02 to 00:35:02; 00:20 and 00:30 find it running.
    expect(created(b)).toEqual([`${jobName(10)}@600`, `${jobName(30)}@2102`]);
    expect(getJob(b.cluster, jobName(30))!.metadata.annotations).toEqual({ "batch.kubernetes.io/cronjob-scheduled-timestamp": "2026-01-01T00:30:00Z" });
    const skipped = eventsAbout(b.cluster, "CronJob", "hello").find((e) => e.reason === "JobAlreadyActive")!;
    expect(skipped).toMatchObject({ type: "Normal", message: "Not starting job because prior execution is running and concurrency policy is Forbid", count: 3, first: "2026-01-01T00:20:00Z" });
    expect(cronStatus(b).active?.map((r) => r.name)).toEqual([jobName(30)]);
  });

  it("Forbid with startingDeadlineSeconds: a time missed by more than the deadline is not started late", () => {
    const b = batchCluster();
    b.create(cronJob({ annotations: LONG_RUN, spec: { concurrencyPolicy: "Forbid", startingDeadlineSeconds: 60 } }));
    b.advance(minutes(45));
    expect(created(b)).toEqual([`${jobName(10)}@600`, `${jobName(40)}@2400`]);
    expect(eventLines(b.cluster, "CronJob", "hello").filter((l) => l.startsWith("JobAlreadyActive"))).toHaveLength(1);
  });

  it("Replace: deletes the running Job, then creates the new one", () => {
    const b = batchCluster();
    b.create(cronJob({ annotations: LONG_RUN, spec: { concurrencyPolicy: "Replace" } }));
    b.advance(minutes(30));
    expect(created(b)).toEqual([10, 20, 30].map((m) => `${jobName(m)}@${m * 60}`));
    expect([...b.timeline.jobsDeleted].map(([name, t]) => `${name}@${s(t)}`)).toEqual([`${jobName(10)}@1200`, `${jobName(20)}@1800`]);
    expect(eventLines(b.cluster, "CronJob", "hello")).toEqual([
      `SuccessfulCreate: Created job ${jobName(10)}`,
      `SuccessfulDelete: Deleted job ${jobName(10)}`,
      `SuccessfulCreate: Created job ${jobName(20)}`,
      `SuccessfulDelete: Deleted job ${jobName(20)}`,
      `SuccessfulCreate: Created job ${jobName(30)}`,
    ]);
    // The replaced Jobs' pods went with them.
    expect(b.cluster.store.list({ group: "", kind: "Pod", namespace: "default" }).map((p) => p.metadata.name!.slice(0, jobName(30).length))).toEqual([jobName(30)]);
  });

  it("warns of more than 100 missed times after a long outage and starts only the most recent", () => {
    const first = batchCluster();
    first.create(cronJob({ schedule: "*/1 * * * *", annotations: PULL_2S }));
    const b = reload(first, { downtimeMs: minutes(180) });
    b.settle();
    expect(created(b)).toEqual([`${jobName(180)}@10800`]);
    expect(eventsAbout(b.cluster, "CronJob", "hello").map((e) => `${e.type} ${e.reason}: ${e.message}`).slice(0, 2)).toEqual([
      "Warning TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew",
      `Normal SuccessfulCreate: Created job ${jobName(180)}`,
    ]);
  });

  it("counts missed times only within startingDeadlineSeconds", () => {
    const first = batchCluster();
    first.create(cronJob({ schedule: "*/1 * * * *", annotations: PULL_2S, spec: { startingDeadlineSeconds: 300 } }));
    const b = reload(first, { downtimeMs: minutes(180) });
    b.settle();
    expect(created(b)).toEqual([`${jobName(180)}@10800`]);
    expect(eventLines(b.cluster, "CronJob", "hello").filter((l) => l.startsWith("TooManyMissedTimes"))).toEqual([]);
  });

  it("wakes at the next scheduled time after a restart, from lastScheduleTime", () => {
    const first = batchCluster();
    first.create(cronJob({ annotations: PULL_2S }));
    first.advance(minutes(12));
    const b = reload(first);
    const wakeUps = () => b.cluster.clock.pendingTasks().filter((t) => t.label === "cronjob-controller schedule");
    // Pending clock tasks are not saved: the wake-up comes back from the first sync.
    expect(wakeUps()).toEqual([]);
    b.settle();
    expect(wakeUps()).toEqual([{ at: b.t0 + minutes(20), label: "cronjob-controller schedule", background: true }]);
    b.advance(minutes(8));
    expect(created(b)).toEqual([`${jobName(10)}@600`, `${jobName(20)}@1200`]);
  });

  it("starts nothing while suspended; on resume the most recent missed time starts at once", () => {
    const b = batchCluster();
    b.create(cronJob({ annotations: PULL_2S, spec: { suspend: true } }));
    b.advance(minutes(35));
    expect(jobNames(b)).toEqual([]);
    expectOk(b.cluster.store.modify(CRONJOB_REF("hello"), (o) => void ((o.spec as { suspend: boolean }).suspend = false)));
    b.advance(minutes(10));
    expect(created(b)).toEqual([`${jobName(30)}@2100`, `${jobName(40)}@2400`]);
  });

  it("keeps failedJobsHistoryLimit failed Jobs and successfulJobsHistoryLimit successful ones", () => {
    const b = batchCluster();
    b.create(cronJob({ name: "fails", restartPolicy: "Never", annotations: { ...PULL_2S, "sim.drydock.dev/crash-after": "1s" }, jobSpec: { backoffLimit: 0 } }));
    b.create(cronJob({ name: "works", annotations: PULL_2S, spec: { successfulJobsHistoryLimit: 1 } }));
    b.advance(minutes(31));
    expect(jobNames(b).sort()).toEqual([jobName(30, "fails"), jobName(30, "works")]);
    expect(eventLines(b.cluster, "CronJob", "fails")).toEqual([
      `SuccessfulCreate: Created job ${jobName(10, "fails")}`,
      `SawCompletedJob: Saw completed job: ${jobName(10, "fails")}, status: Failed`,
      `SuccessfulCreate: Created job ${jobName(20, "fails")}`,
      `SuccessfulDelete: Deleted job ${jobName(10, "fails")}`,
      `SawCompletedJob: Saw completed job: ${jobName(20, "fails")}, status: Failed`,
      `SuccessfulCreate: Created job ${jobName(30, "fails")}`,
      `SuccessfulDelete: Deleted job ${jobName(20, "fails")}`,
      `SawCompletedJob: Saw completed job: ${jobName(30, "fails")}, status: Failed`,
    ]);
    expect(cronStatus(b, "fails").lastSuccessfulTime).toBeUndefined();
    expect(cronStatus(b, "works").lastSuccessfulTime).toBe("2026-01-01T00:30:05Z");
  });

  it("schedules in spec.timeZone and stamps the scheduled time in that zone", () => {
    const b = batchCluster();
    b.create(cronJob({ schedule: "0 9 * * *", annotations: PULL_2S, spec: { timeZone: "Asia/Tokyo" } }));
    b.advance(minutes(25 * 60));
    // 09:00 in Tokyo is 00:00Z; the CronJob was made at exactly that instant, so the first run is a day later.
    expect(created(b)).toEqual([`${jobName(24 * 60)}@86400`]);
    expect(getJob(b.cluster, jobName(24 * 60))!.metadata.annotations).toEqual({ "batch.kubernetes.io/cronjob-scheduled-timestamp": "2026-01-02T09:00:00+09:00" });
  });

  it("reports an active Job that went missing", () => {
    const b = batchCluster();
    b.create(cronJob({ annotations: LONG_RUN }));
    b.advance(minutes(11));
    expectOk(b.cluster.store.delete({ group: "batch", kind: "Job", namespace: "default", name: jobName(10) }));
    b.settle();
    expect(cronStatus(b).active).toBeUndefined();
    expect(eventLines(b.cluster, "CronJob", "hello").at(-1)).toBe(`MissingJob: Active job went missing: ${jobName(10)}`);
  });
});

// CronJob admission: SetDefaults_CronJob and validation of the schedule, the time zone and the job
// template, with the API server's messages.
import { describe, expect, it } from "vitest";
import { createCluster } from "../../../src/runtime/cluster.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { cronJob, CRONJOB_REF } from "./batch-fixtures.js";

function refused(object: ReturnType<typeof cronJob>): string {
  const result = createCluster().store.create(object);
  if (result.ok) throw new Error("the write was accepted");
  expect(result.error.reason).toBe("Invalid");
  return result.error.message;
}

describe("CronJob admission", () => {
  it("defaults concurrencyPolicy Allow, suspend false and history limits 3 and 1, and the template's pod spec only", () => {
    const stored = expectOk(createCluster().store.create(cronJob()));
    expect(stored.spec).toMatchObject({ schedule: "*/10 * * * *", concurrencyPolicy: "Allow", suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    const jobSpec = (stored.spec as { jobTemplate: { spec: Record<string, unknown> } }).jobTemplate.spec;
    // The Job defaults (parallelism, backoffLimit …) are not applied to a template.
    expect(Object.keys(jobSpec)).toEqual(["template"]);
    expect(jobSpec.template).toMatchObject({ spec: { restartPolicy: "OnFailure", dnsPolicy: "ClusterFirst", schedulerName: "default-scheduler", terminationGracePeriodSeconds: 30 } });
  });

  it("refuses a schedule robfig/cron cannot parse, with its message", () => {
    const message = (schedule: string) => refused(cronJob({ name: "x", schedule }));
    expect(message("bad")).toBe('CronJob.batch "x" is invalid: spec.schedule: Invalid value: "bad": expected exactly 5 fields, found 1: [bad]');
    expect(message("* * * * * *")).toBe('CronJob.batch "x" is invalid: spec.schedule: Invalid value: "* * * * * *": expected exactly 5 fields, found 6: [* * * * * *]');
    expect(message("61 * * * *")).toBe('CronJob.batch "x" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61');
    expect(message("0 0 * * 7")).toBe('CronJob.batch "x" is invalid: spec.schedule: Invalid value: "0 0 * * 7": end of range (7) above maximum (6): 7');
    expect(message("x * * * *")).toBe('CronJob.batch "x" is invalid: spec.schedule: Invalid value: "x * * * *": failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    expect(message("@fortnightly")).toBe('CronJob.batch "x" is invalid: spec.schedule: Invalid value: "@fortnightly": unrecognized descriptor: @fortnightly');
    expect(refused(cronJob({ name: "x", schedule: "" }))).toBe('CronJob.batch "x" is invalid: spec.schedule: Required value');
  });

  it("refuses TZ in the schedule of a new CronJob, and time zones Go cannot load", () => {
    expect(refused(cronJob({ name: "x", schedule: "CRON_TZ=UTC 0 * * * *" }))).toBe(
      'CronJob.batch "x" is invalid: spec.schedule: Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    );
    expect(refused(cronJob({ name: "x", spec: { timeZone: "Mars/Olympus_Mons" } }))).toBe(
      'CronJob.batch "x" is invalid: spec.timeZone: Invalid value: "Mars/Olympus_Mons": unknown time zone Mars/Olympus_Mons',
    );
    expect(refused(cronJob({ name: "x", spec: { timeZone: "Local" } }))).toBe(
      'CronJob.batch "x" is invalid: spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
    );
    expect(refused(cronJob({ name: "x", spec: { timeZone: "" } }))).toBe('CronJob.batch "x" is invalid: spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string');
    expect(expectOk(createCluster().store.create(cronJob({ spec: { timeZone: "Europe/Berlin" } }))).spec).toMatchObject({ timeZone: "Europe/Berlin" });
  });

  it("refuses a job template whose pods would restart Always, a selector, and an unknown concurrency policy", () => {
    expect(refused(cronJob({ name: "x", restartPolicy: "Always" }))).toBe(
      'CronJob.batch "x" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    );
    expect(refused(cronJob({ name: "x", spec: { concurrencyPolicy: "Sometimes" } }))).toBe(
      'CronJob.batch "x" is invalid: spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
    );
    expect(refused(cronJob({ name: "x", jobSpec: { selector: { matchLabels: { a: "b" } } } }))).toBe(
      'CronJob.batch "x" is invalid: spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated',
    );
    expect(refused(cronJob({ name: "x", spec: { startingDeadlineSeconds: -1, successfulJobsHistoryLimit: -1 } }))).toBe(
      'CronJob.batch "x" is invalid: [spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0, spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0]',
    );
  });

  it("refuses names longer than 52 characters, which leave no room for the Job suffix", () => {
    const name = "a".repeat(53);
    expect(refused(cronJob({ name }))).toBe(`CronJob.batch "${name}" is invalid: metadata.name: Invalid value: "${name}": must be no more than 52 characters`);
  });

  it("validates an update's schedule too", () => {
    const cluster = createCluster();
    expectOk(cluster.store.create(cronJob()));
    const result = cluster.store.modify(CRONJOB_REF("hello"), (o) => void ((o.spec as { schedule: string }).schedule = "70 * * * *"));
    expect(result.ok ? "" : result.error.message).toBe('CronJob.batch "hello" is invalid: spec.schedule: Invalid value: "70 * * * *": end of range (70) above maximum (59): 70');
    // robfig/cron takes a step larger than the range (it fires at the start only).
    expectOk(cluster.store.modify(CRONJOB_REF("hello"), (o) => void ((o.spec as { schedule: string }).schedule = "*/70 * * * *")));
  });
});

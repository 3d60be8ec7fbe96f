// Admission of batch/v1 CronJobs: SetDefaults_CronJob (concurrencyPolicy Allow, suspend false,
// history limits 3 and 1) and the pod-spec defaults of the job template, then validation with
// upstream's messages: a schedule robfig/cron can parse, an IANA time zone, the job template.
import type { AdmissionRequest } from "../store/admission.js";
import type { KubeObject } from "../store/kube-object.js";
import { goLabelSelector } from "../workloads/go-values.js";
import { cronJobSpec, type CronJobSpec } from "./batch-types.js";
import { parseCronSchedule, timeZoneProblem } from "./cron-schedule.js";
import { defaultTemplatePodSpec, nonNegative, validateJobSpec } from "./job-spec-validation.js";

export const DEFAULT_SUCCESSFUL_JOBS_HISTORY_LIMIT = 3;
export const DEFAULT_FAILED_JOBS_HISTORY_LIMIT = 1;
/** Job names append `-<minutes>` (up to 11 characters) to the CronJob's name, which must stay a DNS label. */
const MAX_NAME_LENGTH = 52;

export function admitCronJob(request: AdmissionRequest): string[] {
  const cronJob = request.object;
  defaultCronJob(cronJob);
  const before = request.current ? cronJobSpec(request.current) : undefined;
  const errors: string[] = [];
  const name = cronJob.metadata.name ?? "";
  if (!before && name.length > MAX_NAME_LENGTH) errors.push(`metadata.name: Invalid value: ${JSON.stringify(name)}: must be no more than ${MAX_NAME_LENGTH} characters`);
  errors.push(...validateCronJobSpec(cronJobSpec(cronJob), before));
  return errors;
}

export function defaultCronJob(cronJob: KubeObject): void {
  const spec = (cronJob.spec ??= {}) as CronJobSpec;
  spec.concurrencyPolicy ||= "Allow";
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= DEFAULT_SUCCESSFUL_JOBS_HISTORY_LIMIT;
  spec.failedJobsHistoryLimit ??= DEFAULT_FAILED_JOBS_HISTORY_LIMIT;
  if (spec.jobTemplate?.spec) defaultTemplatePodSpec(spec.jobTemplate.spec);
}

function validateCronJobSpec(spec: CronJobSpec, before: CronJobSpec | undefined): string[] {
  const errors: string[] = [];
  const schedule = spec.schedule ?? "";
  if (schedule === "") {
    errors.push("spec.schedule: Required value");
  } else {
    const parsed = parseCronSchedule(schedule);
    if (!parsed.ok) errors.push(`spec.schedule: Invalid value: ${JSON.stringify(schedule)}: ${parsed.message}`);
    // A TZ prefix is tolerated only in a schedule that already had one.
    const allowTz = before?.schedule?.includes("TZ") === true;
    if (allowTz && schedule.includes("TZ") && spec.timeZone !== undefined) {
      errors.push(`spec.schedule: Invalid value: ${JSON.stringify(schedule)}: cannot use both timeZone field and TZ or CRON_TZ in schedule`);
    } else if (!allowTz && schedule.includes("TZ")) {
      errors.push(`spec.schedule: Invalid value: ${JSON.stringify(schedule)}: cannot use TZ or CRON_TZ in schedule, use timeZone field instead`);
    }
  }
  errors.push(...nonNegative("spec.startingDeadlineSeconds", spec.startingDeadlineSeconds));
  if (!before || before.timeZone !== spec.timeZone) errors.push(...validateTimeZone(spec.timeZone));
  const policy = spec.concurrencyPolicy ?? "";
  if (policy !== "Allow" && policy !== "Forbid" && policy !== "Replace") {
    errors.push(policy === "" ? "spec.concurrencyPolicy: Required value" : `spec.concurrencyPolicy: Unsupported value: ${JSON.stringify(policy)}: supported values: "Allow", "Forbid", "Replace"`);
  }
  const jobSpec = spec.jobTemplate?.spec ?? {};
  errors.push(...validateJobSpec(jobSpec, "spec.jobTemplate.spec"));
  if (jobSpec.selector) errors.push(`spec.jobTemplate.spec.selector: Invalid value: ${goLabelSelector(jobSpec.selector)}: \`selector\` will be auto-generated`);
  if (jobSpec.manualSelector === true) errors.push(`spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"`);
  errors.push(...nonNegative("spec.successfulJobsHistoryLimit", spec.successfulJobsHistoryLimit));
  errors.push(...nonNegative("spec.failedJobsHistoryLimit", spec.failedJobsHistoryLimit));
  return errors;
}

const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateTimeZone(timeZone: string | undefined): string[] {
  if (timeZone === undefined) return [];
  const invalid = (why: string) => [`spec.timeZone: Invalid value: ${JSON.stringify(timeZone)}: ${why}`];
  if (timeZone === "") return invalid("timeZone must be nil or non-empty string");
  for (const part of timeZone.split("/")) {
    if (part === "." || part === ".." || part.startsWith("-") || !TIME_ZONE_PART.test(part)) return invalid(`unknown time zone ${timeZone}`);
  }
  if (timeZone.toLowerCase() === "local") return invalid("timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones");
  const problem = timeZoneProblem(timeZone);
  return problem ? invalid(problem) : [];
}

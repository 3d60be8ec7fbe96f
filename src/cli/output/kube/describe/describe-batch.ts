// `kubectl describe job` and `kubectl describe cronjob` (describeJob, describeCronJob and
// describeJobTemplate in kubectl/pkg/describe/describe.go).
import type { KubeObject } from "../../../../runtime/store/kube-object.js";
import { arr, num, rec, str, type Json } from "../fields.js";
import { humanDuration, rfc1123z } from "../human-duration.js";
import { parseTimestamp } from "../../../../runtime/clock/timestamps.js";
import { selectorString } from "../kind-tables.js";
import { controlledBy, describeEvents, labelsAndAnnotations, nameAndNamespace, podTemplate } from "./describe-common.js";
import { eventsFor, type DescribeSource } from "./describe-source.js";
import { DescribeWriter } from "./describe-writer.js";

export function describeJob(job: KubeObject, source: DescribeSource, now: number): string {
  const o = job as unknown as Json;
  const spec = rec(o.spec);
  const status = rec(o.status);
  const w = new DescribeWriter();
  nameAndNamespace(w, o);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  labelsAndAnnotations(w, o);
  controlledBy(w, o);
  if (typeof spec.parallelism === "number") w.write(0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(0, `Completions:\t${typeof spec.completions === "number" ? spec.completions : "<unset>"}\n`);
  if (typeof spec.completionMode === "string") w.write(0, `Completion Mode:\t${spec.completionMode}\n`);
  if (typeof spec.suspend === "boolean") w.write(0, `Suspend:\t${spec.suspend}\n`);
  if (typeof spec.backoffLimit === "number") w.write(0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (typeof spec.ttlSecondsAfterFinished === "number") w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (status.startTime !== undefined) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  if (status.completionTime !== undefined) w.write(0, `Completed At:\t${rfc1123z(status.completionTime)}\n`);
  const start = typeof status.startTime === "string" ? parseTimestamp(status.startTime) : undefined;
  const end = typeof status.completionTime === "string" ? parseTimestamp(status.completionTime) : undefined;
  if (start !== undefined && end !== undefined) w.write(0, `Duration:\t${humanDuration(end - start)}\n`);
  if (typeof spec.activeDeadlineSeconds === "number") w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  const counts = `${num(status.succeeded)} Succeeded / ${num(status.failed)} Failed`;
  if (typeof status.ready === "number") w.write(0, `Pods Statuses:\t${num(status.active)} Active (${status.ready} Ready) / ${counts}\n`);
  else w.write(0, `Pods Statuses:\t${num(status.active)} Active / ${counts}\n`);
  if (spec.completionMode === "Indexed") w.write(0, `Completed Indexes:\t${str(status.completedIndexes) || "<none>"}\n`);
  podTemplate(w, rec(spec.template));
  describeEvents(w, eventsFor(source, job) as unknown as Json[], now);
  return w.toString();
}

export function describeCronJob(cronJob: KubeObject, source: DescribeSource, now: number): string {
  const o = cronJob as unknown as Json;
  const spec = rec(o.spec);
  const status = rec(o.status);
  const w = new DescribeWriter();
  nameAndNamespace(w, o);
  labelsAndAnnotations(w, o);
  w.write(0, `Schedule:\t${str(spec.schedule)}\n`);
  w.write(0, `Concurrency Policy:\t${str(spec.concurrencyPolicy)}\n`);
  w.write(0, `Suspend:\t${boolText(spec.suspend)}\n`);
  w.write(0, `Successful Job History Limit:\t${intOrUnset(spec.successfulJobsHistoryLimit)}\n`);
  w.write(0, `Failed Job History Limit:\t${intOrUnset(spec.failedJobsHistoryLimit)}\n`);
  w.write(0, `Starting Deadline Seconds:\t${typeof spec.startingDeadlineSeconds === "number" ? `${spec.startingDeadlineSeconds}s` : "<unset>"}\n`);
  const jobSpec = rec(rec(spec.jobTemplate).spec);
  w.write(0, `Selector:\t${jobSpec.selector === undefined ? "<unset>" : selectorString(jobSpec.selector)}\n`);
  w.write(0, `Parallelism:\t${intOrUnset(jobSpec.parallelism)}\n`);
  w.write(0, `Completions:\t${intOrUnset(jobSpec.completions)}\n`);
  if (typeof jobSpec.activeDeadlineSeconds === "number") w.write(0, `Active Deadline Seconds:\t${jobSpec.activeDeadlineSeconds}s\n`);
  podTemplate(w, rec(jobSpec.template));
  w.write(0, `Last Schedule Time:\t${status.lastScheduleTime === undefined ? "<unset>" : rfc1123z(status.lastScheduleTime)}\n`);
  const active = arr(status.active).map((ref) => str(ref.name));
  w.write(0, `Active Jobs:\t${active.length === 0 ? "<none>" : active.join(", ")}\n`);
  describeEvents(w, eventsFor(source, cronJob) as unknown as Json[], now);
  return w.toString();
}

/** printBoolPtr: `True`, `False` or `<unset>`. */
function boolText(value: unknown): string {
  return typeof value === "boolean" ? (value ? "True" : "False") : "<unset>";
}

function intOrUnset(value: unknown): string {
  return typeof value === "number" ? String(value) : "<unset>";
}

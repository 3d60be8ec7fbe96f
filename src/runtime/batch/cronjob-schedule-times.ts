// Which scheduled time a CronJob should start now, and when to look again (upstream's
// mostRecentScheduleTime, nextScheduleTime and nextScheduleTimeDuration in
// pkg/controller/cronjob/utils.go). Missed times are counted roughly, as upstream does, from the
// interval between the next two activations; more than 100 is "many", which the controller reports.
import type { KubeObject } from "../store/kube-object.js";
import { parseTimestamp } from "../clock/timestamps.js";
import { cronJobSpec, cronJobStatus } from "./batch-types.js";
import type { CronSchedule } from "./cron-schedule.js";

export const TOO_MANY_MISSED = 100;

export type Missed = "none" | "few" | "many";

export interface RecentTimes {
  /** lastScheduleTime, else creationTimestamp (raised to now − startingDeadlineSeconds when asked). */
  earliest: number;
  /** The latest activation in (earliest, now], if any. */
  mostRecent?: number;
  missed: Missed;
  error?: string;
}

export function mostRecentScheduleTime(cronJob: KubeObject, now: number, schedule: CronSchedule, includeDeadline: boolean): RecentTimes {
  const last = cronJobStatus(cronJob).lastScheduleTime;
  let earliest = (last === undefined ? undefined : parseTimestamp(last)) ?? parseTimestamp(cronJob.metadata.creationTimestamp ?? "") ?? now;
  const deadlineSeconds = cronJobSpec(cronJob).startingDeadlineSeconds;
  if (includeDeadline && deadlineSeconds !== undefined) earliest = Math.max(earliest, now - deadlineSeconds * 1000);
  const t1 = schedule.next(earliest);
  const t2 = t1 === undefined ? undefined : schedule.next(t1);
  if (t1 === undefined || t2 === undefined) return { earliest, missed: "none", error: "time difference between two schedules is less than 1 second" };
  if (now < t1) return { earliest, missed: "none" };
  if (now < t2) return { earliest, mostRecent: t1, missed: "none" };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { earliest, missed: "none", error: "time difference between two schedules is less than 1 second" };
  const elapsed = Math.trunc((now - t1) / 1000);
  const missedCount = Math.trunc(elapsed / between) + 1;
  // Start one interval before the estimate and let the schedule find the exact times, which copes
  // with schedules whose intervals differ (30 6-16/4 * * 1-5).
  let mostRecent: number | undefined;
  for (let t = schedule.next(t1 + (missedCount - 2) * between * 1000); t !== undefined && t <= now; t = schedule.next(t)) mostRecent = t;
  const missed: Missed = missedCount > TOO_MANY_MISSED ? "many" : missedCount > 0 ? "few" : "none";
  return mostRecent === undefined ? { earliest, missed } : { earliest, mostRecent, missed };
}

/** When the controller should look at the CronJob next: the first activation after the most recent one (or after now). */
export function nextWakeAt(cronJob: KubeObject, now: number, schedule: CronSchedule): number | undefined {
  const times = mostRecentScheduleTime(cronJob, now, schedule, false);
  const from = times.error !== undefined ? now : (times.mostRecent ?? (times.missed === "none" ? times.earliest : now));
  return schedule.next(from);
}

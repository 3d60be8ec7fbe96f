// Schedules as the CronJob controller reads them: robfig/cron's grammar (names, `?`, steps,
// descriptors, `@every`), the day-of-month/day-of-week OR rule, and time zones.
import { describe, expect, it } from "vitest";
import { parseCronSchedule, type CronSchedule } from "../../../src/runtime/batch/cron-schedule.js";

const T0 = Date.UTC(2026, 0, 1); // a Thursday

function schedule(text: string, timeZone?: string): CronSchedule {
  const parsed = parseCronSchedule(text, timeZone);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.schedule;
}

/** The next `n` activations after `from`, as ISO strings. */
function runs(text: string, n: number, from = T0, timeZone?: string): string[] {
  const s = schedule(text, timeZone);
  const out: string[] = [];
  for (let t = s.next(from); t !== undefined && out.length < n; t = s.next(t)) out.push(new Date(t).toISOString());
  return out;
}

describe("CronJob schedules", () => {
  it("fires strictly after the given instant, on the minute", () => {
    expect(runs("*/10 * * * *", 3)).toEqual(["2026-01-01T00:10:00.000Z", "2026-01-01T00:20:00.000Z", "2026-01-01T00:30:00.000Z"]);
    expect(runs("*/10 * * * *", 1, T0 + 9 * 60_000 + 59_500)).toEqual(["2026-01-01T00:10:00.000Z"]);
    expect(runs("5/20 * * * *", 3)).toEqual(["2026-01-01T00:05:00.000Z", "2026-01-01T00:25:00.000Z", "2026-01-01T00:45:00.000Z"]);
  });

  it("reads month and weekday names, `?`, and the descriptors", () => {
    expect(runs("0 12 ? FEB mon-wed", 2)).toEqual(["2026-02-02T12:00:00.000Z", "2026-02-03T12:00:00.000Z"]);
    expect(runs("@hourly", 1)).toEqual(["2026-01-01T01:00:00.000Z"]);
    expect(runs("@weekly", 1)).toEqual(["2026-01-04T00:00:00.000Z"]);
    expect(runs("@yearly", 1)).toEqual(["2027-01-01T00:00:00.000Z"]);
    expect(runs("@every 90m", 2, T0 + 500)).toEqual(["2026-01-01T01:30:00.000Z", "2026-01-01T03:00:00.000Z"]);
  });

  it("fires when either the day of month or the weekday matches, when both are restricted", () => {
    // The 13th, or any Friday.
    expect(runs("0 0 13 * 5", 3)).toEqual(["2026-01-02T00:00:00.000Z", "2026-01-09T00:00:00.000Z", "2026-01-13T00:00:00.000Z"]);
    // Only Fridays when the day of month is `*`.
    expect(runs("0 0 * * 5", 2)).toEqual(["2026-01-02T00:00:00.000Z", "2026-01-09T00:00:00.000Z"]);
  });

  it("runs in the given time zone, following its daylight saving time", () => {
    expect(runs("0 9 * * *", 1, T0, "Asia/Tokyo")).toEqual(["2026-01-02T00:00:00.000Z"]);
    // New York: 06:30 EST is 11:30Z; after 8 March 2026, 06:30 EDT is 10:30Z.
    expect(runs("30 6 * * *", 1, T0, "America/New_York")).toEqual(["2026-01-01T11:30:00.000Z"]);
    expect(runs("30 6 * * *", 1, Date.UTC(2026, 2, 10), "America/New_York")).toEqual(["2026-03-10T10:30:00.000Z"]);
  });

  it("has no next time for a date that never comes", () => {
    expect(schedule("0 0 30 2 *").next(T0)).toBeUndefined();
  });

  it("reports robfig/cron's errors", () => {
    const error = (text: string) => {
      const parsed = parseCronSchedule(text);
      return parsed.ok ? "" : parsed.message;
    };
    expect(error("1-2-3 * * * *")).toBe("too many hyphens: 1-2-3");
    expect(error("*/2/3 * * * *")).toBe("too many slashes: */2/3");
    expect(error("5-1 * * * *")).toBe("beginning of range (5) beyond end of range (1): 5-1");
    expect(error("*/0 * * * *")).toBe("step of range should be a positive number: */0");
    expect(error("0 0 0 * *")).toBe("beginning of range (0) below minimum (1): 0");
    expect(error("@every soon")).toBe('failed to parse duration @every soon: time: invalid duration "soon"');
    expect(error("TZ=Nowhere/Town 0 * * * *")).toBe("provided bad location Nowhere/Town: unknown time zone Nowhere/Town");
  });
});

// CronJob schedules as Kubernetes reads them: robfig/cron's standard parser (five fields, names of
// months and weekdays, `?`, descriptors such as `@hourly` and `@every 90m`, an optional `TZ=` or
// `CRON_TZ=` prefix) with its error messages, which the API server returns verbatim. The parsed
// fields are handed to croner, which does the calendar arithmetic in the schedule's time zone.
import { Cron } from "croner";
import { parseDuration } from "../clock/duration.js";

export interface CronSchedule {
  /** The first activation strictly after `after` (ms), or undefined when there is none. */
  next(after: number): number | undefined;
}

export type ScheduleResult = { ok: true; schedule: CronSchedule } | { ok: false; message: string };

interface Bounds {
  min: number;
  max: number;
  names?: Readonly<Record<string, number>>;
}

const MONTH_NAMES = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAY_NAMES = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** minute, hour, day of month, month, day of week */
const FIELDS: readonly Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTH_NAMES },
  { min: 0, max: 6, names: DAY_NAMES },
];

const DESCRIPTORS: Readonly<Record<string, string>> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/** One field: the values it allows, and whether it was `*` or `?` (which matters for day matching). */
interface FieldSet {
  values: Set<number>;
  star: boolean;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Parses a schedule as cron.ParseStandard does. `timeZone` (spec.timeZone) wins over a `TZ=` prefix;
 * without either the schedule runs in UTC, the simulated controller manager's zone.
 */
export function parseCronSchedule(text: string, timeZone?: string): ScheduleResult {
  let spec = text;
  if (spec.length === 0) return { ok: false, message: "empty spec string" };
  let zone = timeZone;
  if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
    const space = spec.indexOf(" ");
    const name = spec.slice(spec.indexOf("=") + 1, space === -1 ? spec.length : space);
    const problem = timeZoneProblem(name);
    if (problem) return { ok: false, message: `provided bad location ${name}: ${problem}` };
    zone ??= name;
    spec = space === -1 ? "" : spec.slice(space).trim();
  }
  if (spec.startsWith("@")) {
    const every = "@every ";
    if (spec.startsWith(every)) return everySchedule(spec, spec.slice(every.length));
    const fields = DESCRIPTORS[spec];
    if (fields === undefined) return { ok: false, message: `unrecognized descriptor: ${spec}` };
    spec = fields;
  }
  const fields = spec.split(/\s+/).filter((f) => f !== "");
  if (fields.length !== 5) return { ok: false, message: `expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]` };
  const sets: FieldSet[] = [];
  for (let i = 0; i < 5; i++) {
    const parsed = parseField(fields[i], FIELDS[i]);
    if (!parsed.ok) return parsed;
    sets.push(parsed.value);
  }
  const pattern = sets.map((set) => (set.star ? "*" : [...set.values].sort((a, b) => a - b).join(","))).join(" ");
  const cron = new Cron(pattern, { timezone: zone ?? "UTC", paused: true, mode: "5-part" });
  return {
    ok: true,
    schedule: {
      next(after) {
        const next = cron.nextRun(new Date(after));
        return next ? next.getTime() : undefined;
      },
    },
  };
}

/** Go's time.LoadLocation verdict on a zone name: undefined when it loads, else its error text. */
export function timeZoneProblem(name: string): string | undefined {
  if (name === "" || name === "UTC" || name === "Local") return undefined;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return `unknown time zone ${name}`;
  }
  // ICU ignores case; Go reads zone files by their exact names.
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) return `unknown time zone ${name}`;
  return undefined;
}

/** `@every <duration>`: a fixed delay after each run, whole seconds, at least one second. */
function everySchedule(spec: string, durationText: string): ScheduleResult {
  const duration = parseDuration(durationText);
  if (!duration.ok || duration.ms < 0) return { ok: false, message: `failed to parse duration ${spec}: time: invalid duration ${JSON.stringify(durationText)}` };
  const delay = Math.max(1000, duration.ms - (duration.ms % 1000));
  return { ok: true, schedule: { next: (after) => Math.floor(after / 1000) * 1000 + delay } };
}

function parseField(field: string, bounds: Bounds): Parsed<FieldSet> {
  const set: FieldSet = { values: new Set(), star: false };
  for (const expr of field.split(",").filter((e) => e !== "")) {
    const range = parseRange(expr, bounds);
    if (!range.ok) return range;
    for (const v of range.value.values) set.values.add(v);
    set.star ||= range.value.star;
  }
  return { ok: true, value: set };
}

function parseRange(expr: string, bounds: Bounds): Parsed<FieldSet> {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = rangeAndStep[0].split("-");
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    start = bounds.min;
    end = bounds.max;
    star = true;
  } else {
    const low = intOrName(lowAndHigh[0], bounds.names);
    if (!low.ok) return low;
    start = low.value;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const high = intOrName(lowAndHigh[1], bounds.names);
      if (!high.ok) return high;
      end = high.value;
    } else return { ok: false, message: `too many hyphens: ${expr}` };
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const parsed = nonNegativeInt(rangeAndStep[1]);
    if (!parsed.ok) return parsed;
    step = parsed.value;
    // `N/step` means `N-max/step`.
    if (single) end = bounds.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    return { ok: false, message: `too many slashes: ${expr}` };
  }
  if (start < bounds.min) return { ok: false, message: `beginning of range (${start}) below minimum (${bounds.min}): ${expr}` };
  if (end > bounds.max) return { ok: false, message: `end of range (${end}) above maximum (${bounds.max}): ${expr}` };
  if (start > end) return { ok: false, message: `beginning of range (${start}) beyond end of range (${end}): ${expr}` };
  if (step === 0) return { ok: false, message: `step of range should be a positive number: ${expr}` };
  const values = new Set<number>();
  for (let v = start; v <= end; v += step) values.add(v);
  return { ok: true, value: { values, star } };
}

function intOrName(expr: string, names: Bounds["names"]): Parsed<number> {
  const named = names?.[expr.toLowerCase() as keyof typeof names];
  if (named !== undefined) return { ok: true, value: named };
  return nonNegativeInt(expr);
}

/** strconv.Atoi, then robfig's refusal of negative numbers. */
function nonNegativeInt(expr: string): Parsed<number> {
  if (!/^[+-]?[0-9]+$/.test(expr)) return { ok: false, message: `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax` };
  const value = Number(expr);
  if (!Number.isSafeInteger(value)) return { ok: false, message: `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range` };
  if (value < 0) return { ok: false, message: `negative number (${value}) not allowed: ${expr}` };
  return { ok: true, value };
}

// Durations as kubectl takes them (`--timeout=5m`): Go's time.ParseDuration syntax, a sequence of
// decimal numbers each with a unit — `30s`, `5m`, `2h`, `1h30m`, `1.5h`, `500ms`. The `ms` package
// accepts only one number and unit (`1h30m` is rejected) and also natural-language forms Go refuses,
// so this follows Go's grammar instead. The simulated clock counts whole milliseconds: results are
// rounded to the nearest millisecond.

export type DurationResult = { ok: true; ms: number } | { ok: false; message: string };

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  "µs": 1e-3, // U+00B5 micro sign
  "μs": 1e-3, // U+03BC Greek mu
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const TERM = /([0-9]*(?:\.[0-9]*)?)([^0-9.]+)/y;

export function parseDuration(text: string): DurationResult {
  const invalid = (why: string): DurationResult => ({
    ok: false,
    message: `invalid duration ${JSON.stringify(text)}: ${why} (examples: 30s, 5m, 1h30m, 500ms)`,
  });
  let rest = text.trim();
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    sign = rest.startsWith("-") ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === "0") return { ok: true, ms: 0 };
  if (rest === "") return invalid("it is empty");
  let total = 0;
  TERM.lastIndex = 0;
  while (TERM.lastIndex < rest.length) {
    const start = TERM.lastIndex;
    const match = TERM.exec(rest);
    if (!match) {
      return /^[0-9.]+$/.test(rest.slice(start)) ? invalid("a number has no unit") : invalid("it is not a number followed by a unit");
    }
    const [, number, unit] = match;
    if (!/[0-9]/.test(number)) return invalid(`${JSON.stringify(unit)} has no number before it`);
    const factor = UNIT_MS[unit];
    if (factor === undefined) return invalid(`unknown unit ${JSON.stringify(unit)} (units: ns, us, ms, s, m, h)`);
    total += Number(number) * factor;
  }
  if (!Number.isFinite(total)) return invalid("it is too large");
  return { ok: true, ms: sign * Math.round(total) };
}

/** Go's time.Duration.String for whole milliseconds: `0s`, `500ms`, `1.5s`, `1h30m0s`. */
export function formatDuration(ms: number): string {
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms === 0) return "0s";
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = (ms % 60_000) / 1000;
  const s = `${Number(seconds.toFixed(3))}s`;
  if (hours > 0) return `${hours}h${minutes}m${s}`;
  if (minutes > 0) return `${minutes}m${s}`;
  return s;
}

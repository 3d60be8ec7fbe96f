// Ages as kubectl prints them: apimachinery's duration.HumanDuration — two significant units at
// most, coarser as durations grow — and translateTimestampSince for metav1.Time fields.
import { parseTimestamp } from "../../../runtime/clock/timestamps.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** `45s`, `5m30s`, `12m`, `3h20m`, `20h`, `3d4h`, `40d`, `3y10d`, `9y`; `<invalid>` below -1s. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return "<invalid>";
  if (seconds <= 0) return "0s";
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.trunc(hours / 24) % 365;
    const years = Math.trunc(hours / 24 / 365);
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** The age of a timestamp at `now`, or `<unknown>` when it is unset or unreadable. */
export function since(timestamp: unknown, now: number): string {
  const at = typeof timestamp === "string" ? parseTimestamp(timestamp) : undefined;
  return at === undefined ? "<unknown>" : humanDuration(now - at);
}

/** time.RFC1123Z, as describe prints timestamps: `Thu, 01 Jan 2026 00:00:00 +0000`. */
export function rfc1123z(timestamp: unknown): string {
  const at = typeof timestamp === "string" ? parseTimestamp(timestamp) : undefined;
  // Go formats the zero time for an unset metav1.Time.
  if (at === undefined) return "Mon, 01 Jan 0001 00:00:00 +0000";
  const d = new Date(at);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${days[d.getUTCDay()]}, ${two(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

// Instants written the way Go's time package formats them in a location: RFC 3339 with the zone's
// offset (`Z` when the offset is zero), and RFC 1123 with a numeric zone for UTC.

/** `2026-01-01T09:00:00+09:00`, or `…Z` where the zone's offset is zero at that instant. */
export function rfc3339InZone(ms: number, timeZone: string | undefined): string {
  const seconds = Math.floor(ms / 1000) * 1000;
  const offsetMinutes = zoneOffsetMinutes(seconds, timeZone);
  const wall = new Date(seconds + offsetMinutes * 60_000).toISOString().slice(0, 19);
  if (offsetMinutes === 0) return `${wall}Z`;
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${wall}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `Thu, 01 Jan 2026 00:10:00 +0000` (time.RFC1123Z of the instant in UTC). */
export function rfc1123zUtc(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toUTCString().replace("GMT", "+0000");
}

/** Minutes the zone is ahead of UTC at the instant. */
function zoneOffsetMinutes(ms: number, timeZone: string | undefined): number {
  if (timeZone === undefined || timeZone === "" || timeZone === "UTC") return 0;
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(ms));
  const field = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wallAsUtc = Date.UTC(field("year"), field("month") - 1, field("day"), field("hour"), field("minute"), field("second"));
  return Math.round((wallAsUtc - ms) / 60_000);
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

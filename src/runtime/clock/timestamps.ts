// Simulated instants are milliseconds since the Unix epoch, like Date.now(). Runs start at a fixed
// instant so that timestamps, names derived from them and every saved state are reproducible.

/** 2026-01-01T00:00:00Z: where a new simulated cluster's clock starts. */
export const DEFAULT_START_MS = Date.UTC(2026, 0, 1);

/**
 * metav1.Time as the API server writes it: RFC 3339 in UTC with whole seconds (Go's marshaller drops
 * the fraction), e.g. `2026-01-01T00:00:05Z`.
 */
export function formatTimestamp(ms: number): string {
  const seconds = Math.floor(ms / 1000) * 1000;
  // Components stamp many objects at one simulated instant: remember the last second formatted.
  if (seconds !== lastSeconds) {
    lastSeconds = seconds;
    lastText = new Date(seconds).toISOString().replace(".000Z", "Z");
  }
  return lastText;
}

let lastSeconds = Number.NaN;
let lastText = "";

/** The instant a metav1.Time names, or undefined when the text is not an RFC 3339 timestamp. */
export function parseTimestamp(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

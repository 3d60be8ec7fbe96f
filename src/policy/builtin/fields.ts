// Defensive readers for policy rules. Policies run on objects that failed schema validation too, so
// every field can have any shape: these return undefined (or an empty list) instead of throwing.

export type Mapping = Readonly<Record<string, unknown>>;

export function asRecord(value: unknown): Mapping | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Mapping) : undefined;
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** A non-empty string: empty names and images are schema errors, not references. */
export function asName(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** The value at `path` below `root`, or undefined when a step is missing or not a mapping. */
export function field(root: unknown, ...path: readonly string[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    const record = asRecord(current);
    if (!record) return undefined;
    current = record[key];
  }
  return current;
}

/**
 * String values of a string map (labels, a Service selector). Numbers and booleans are schema errors
 * that Kubernetes would reject; reading them as text keeps one mistake from causing a second finding.
 */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const record = asRecord(value);
  if (!record) return out;
  for (const [key, raw] of Object.entries(record)) {
    if (typeof raw === "string") out[key] = raw;
    else if (typeof raw === "number" || typeof raw === "boolean") out[key] = String(raw);
  }
  return out;
}

/** The option as a list of strings, or the fallback when drydock.yaml gave something else. */
export function stringListOption(value: unknown, fallback: readonly string[]): readonly string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : fallback;
}

export function numberOption(value: unknown, fallback: number): number {
  return asNumber(value) ?? fallback;
}

// Reading optional fields of plain-JSON Kubernetes objects without a cast at every step.

export type Json = Record<string, unknown>;

export function rec(value: unknown): Json {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
}

export function arr(value: unknown): Json[] {
  return Array.isArray(value) ? (value.filter((v) => v !== null && typeof v === "object") as Json[]) : [];
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function str(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

export function num(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

/** Go's %v of an int-or-string (targetPort, maxSurge). */
export function intOrString(value: unknown): string {
  return typeof value === "number" ? String(value) : str(value);
}

/** A string map (labels, annotations, selectors). */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec(value))) out[k] = str(v);
  return out;
}

/** labels.FormatLabels: `a=b,c=d` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort(compareStrings);
  return keys.length === 0 ? "<none>" : keys.map((k) => `${k}=${labels[k]}`).join(",");
}

/** Byte-wise string order, as Go's sort.Strings. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function conditionOf(object: Json, type: string): Json | undefined {
  return arr(rec(object.status).conditions).find((c) => c.type === type);
}

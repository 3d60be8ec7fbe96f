// Field values as plans print them: JSON-ish (strings quoted, maps and lists as compact JSON), long
// values shortened so one change stays on one line. Masked values are mask strings, printed bare so
// they do not read as the real value.

import type { FieldChange } from "../diff/field-change.js";

export const ABSENT = "(absent)";

export function formatValue(value: unknown, maxLength: number): string {
  if (value === undefined) return ABSENT;
  return shorten(JSON.stringify(value) ?? String(value), maxLength);
}

export function formatChangeValue(change: FieldChange, side: "before" | "after", maxLength: number): string {
  const value = change[side];
  if (change.masked && typeof value === "string") return value;
  return formatValue(value, maxLength);
}

export function shorten(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, Math.max(0, maxLength - 1))}…`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

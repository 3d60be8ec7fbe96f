// In a manifest, `key: null` (or `key: ~`) means "not set": kubectl and server-side apply drop it,
// and upstream prints such fields as absent (`creationTimestamp: null`, `rules: null`). Removing null
// map values up front lets the rest of the diff treat them as plain absence.
import { isPlainObject } from "./json-value.js";

/** A copy of `value` without null-valued map entries, at any depth. List items are kept as they are. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = value[key];
    if (item !== null) out[key] = typeof item === "object" ? withoutNulls(item) : item;
  }
  return out;
}

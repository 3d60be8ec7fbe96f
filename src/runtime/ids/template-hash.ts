// pod-template-hash and controller-revision-hash: upstream's ComputeHash is FNV-32a over the pod
// template (plus the collision count when set), printed in decimal and mapped through the safe
// alphabet, e.g. `7d4b9c8f5`. Upstream hashes Go's printed struct; this hashes canonical JSON, so
// values differ from a real cluster's but keep their shape and stability.
import { safeEncodeString } from "./name-alphabet.js";
import { fnv1a32 } from "./prng.js";

export function computeTemplateHash(template: unknown, collisionCount?: number): string {
  let bytes: Uint8Array = new TextEncoder().encode(canonicalJson(template));
  if (collisionCount !== undefined) {
    const extra = new Uint8Array(4);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    bytes = concat(bytes, extra);
  }
  return safeEncodeString(String(fnv1a32(bytes)));
}

/** JSON with object keys sorted, so equal values always serialize the same way. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

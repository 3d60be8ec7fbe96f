// Server-side-apply style write of one object: the desired fields are set, fields drydock set
// before (its owned paths from the inventory) that the manifest no longer sets are removed, and
// everything else in the live object — fields of other managers (an HPA's replicas, controller
// fields, a label added by hand) — is kept. Keyed lists (containers by name, ports, env…) merge
// item by item with the same merge keys as the diff. Pure: inputs are not modified.
import { listKeyFor, keySegments, itemKeySegment } from "../diff/merge-keys.js";
import { ownedPaths } from "../diff/owned-paths.js";
import { unescapePointerToken } from "../manifests/json-pointer.js";

type Json = unknown;

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** The object to write: `live` with `desired` applied over it. `previouslyOwned`: the inventory's owned set. */
export function applyFields(live: Record<string, unknown>, desired: Record<string, unknown>, previouslyOwned: readonly string[] | undefined): Record<string, unknown> {
  const kind = typeof desired.kind === "string" ? desired.kind : "";
  const merged = merge(structuredClone(live), desired, kind, []) as Record<string, unknown>;
  if (previouslyOwned === undefined || previouslyOwned.length === 0) return merged;
  const now = ownedPaths(desired as never);
  const nowPrefixes = new Set<string>();
  for (const path of now) {
    let at = path.length;
    while (at > 0) {
      nowPrefixes.add(path.slice(0, at));
      at = path.lastIndexOf("/", at - 1);
    }
  }
  const nowSet = new Set(now);
  for (const path of previouslyOwned) {
    if (nowSet.has(path) || nowPrefixes.has(path) || !path.startsWith("/")) continue;
    remove(merged, path, kind, nowPrefixes);
  }
  return merged;
}

function merge(live: Json, desired: Json, kind: string, tokens: string[]): Json {
  if (isMap(desired)) {
    if (!isMap(live)) return structuredClone(desired);
    const out: Record<string, unknown> = { ...live };
    for (const [key, value] of Object.entries(desired)) out[key] = merge(live[key], value, kind, [...tokens, key]);
    return out;
  }
  if (Array.isArray(desired)) {
    const key = listKeyFor(kind, tokens);
    if (!key || !Array.isArray(live)) return structuredClone(desired);
    const dSegs = keySegments(desired, key, true);
    const lSegs = keySegments(live, key, false);
    if (!dSegs || !lSegs) return structuredClone(desired);
    const liveBySeg = new Map<string, unknown>();
    lSegs.forEach((s, i) => {
      if (!liveBySeg.has(s)) liveBySeg.set(s, live[i]);
    });
    const out: unknown[] = desired.map((item, i) => merge(liveBySeg.get(dSegs[i]), item, kind, [...tokens, dSegs[i]]));
    const declared = new Set(dSegs);
    // Items others added stay, after the declared ones.
    live.forEach((item, i) => {
      if (!declared.has(lSegs[i])) out.push(structuredClone(item));
    });
    return out;
  }
  return structuredClone(desired);
}

/**
 * Deletes an owned path no longer desired: a keyed-list item goes whole once nothing in it is
 * desired, and maps left empty by the deletion go too (as `labels` once its last label is dropped),
 * unless the manifest still sets them.
 */
function remove(root: Record<string, unknown>, path: string, kind: string, nowPrefixes: ReadonlySet<string>): void {
  const raw = path.slice(1).split("/");
  let node: unknown = root;
  const tokens: string[] = [];
  // The maps walked through, with the key that led into the next node, to drop emptied ones afterwards.
  const parents: Array<{ map: Record<string, unknown>; key: string; prefix: string }> = [];
  let prefix = "";
  for (let i = 0; i < raw.length; i++) {
    const token = unescapePointerToken(raw[i]);
    prefix += `/${raw[i]}`;
    const last = i === raw.length - 1;
    if (Array.isArray(node)) {
      const key = listKeyFor(kind, tokens);
      const index = key ? node.findIndex((item) => itemKeySegment(item, key) === token) : /^\d+$/.test(token) ? Number(token) : -1;
      if (index < 0 || index >= node.length) return;
      if (last || (key && !nowPrefixes.has(prefix))) {
        node.splice(index, 1);
        return;
      }
      node = node[index];
      parents.length = 0;
    } else if (isMap(node)) {
      if (!Object.hasOwn(node, token)) return;
      if (last) {
        delete node[token];
        dropEmptied(parents, nowPrefixes);
        return;
      }
      parents.push({ map: node, key: token, prefix });
      node = node[token];
    } else {
      return;
    }
    tokens.push(token);
  }
}

function dropEmptied(parents: Array<{ map: Record<string, unknown>; key: string; prefix: string }>, nowPrefixes: ReadonlySet<string>): void {
  for (let i = parents.length - 1; i >= 0; i--) {
    const { map, key, prefix } = parents[i];
    const child = map[key];
    if (!isMap(child) || Object.keys(child).length > 0 || nowPrefixes.has(prefix)) return;
    delete map[key];
  }
}

// The fields drydock owns in an object: what it applied last time, stored in its inventory and
// handed back to the next diff. A field owned before but no longer in the manifest is a removal;
// a live field nobody in drydock ever set (controller defaults, an HPA's replicas, a hand-added
// label) is not drydock's business — the server-side-apply notion of field ownership.
//
// Encoding (stable across runs, so inventories stay comparable): JSON pointers (RFC 6901) to
// leaves — scalars, and empty maps/lists (which are set on purpose: `emptyDir: {}`). Map keys are
// pointer tokens; items of keyed lists (see merge-keys.ts) are `field=value[,field=value]` segments;
// items of atomic lists are their index. Secret stringData keys are recorded under /data, where
// the live object holds them.
//   /metadata/labels/app
//   /spec/template/spec/containers/name=web/image
//   /spec/template/spec/containers/name=web/ports/containerPort=80,protocol=TCP/containerPort
//   /spec/template/spec/tolerations/0/key
import { joinPointer, unescapePointerToken } from "../manifests/json-pointer.js";
import { isPlainObject, type JsonObject } from "./json-value.js";
import { keySegments, listKeyFor } from "./merge-keys.js";
import { normalizeDesired } from "./normalize.js";

/** The owned set to store after applying `desired` (sorted, deduplicated). */
export function ownedPaths(desired: JsonObject): string[] {
  const { object } = normalizeDesired(desired);
  const kind = typeof object.kind === "string" ? object.kind : "";
  const out = new Set<string>();
  collect(object, "", [], kind, out);
  return [...out].sort();
}

function collect(value: unknown, pointer: string, tokens: string[], kind: string, out: Set<string>): void {
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 && pointer !== "") out.add(pointer);
    for (const key of keys) collect(value[key], joinPointer(pointer, key), [...tokens, key], kind, out);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.add(pointer);
      return;
    }
    const key = listKeyFor(kind, tokens);
    const segments = key ? keySegments(value, key, true) : undefined;
    value.forEach((item, i) => {
      const segment = segments ? segments[i] : String(i);
      collect(item, joinPointer(pointer, segment), [...tokens, segment], kind, out);
    });
    return;
  }
  out.add(pointer);
}

/** The owned set as a tree of tokens, for walking alongside the objects. */
export interface OwnedTree {
  /** True when this exact path is an owned leaf. */
  leaf: boolean;
  children: Map<string, OwnedTree>;
}

export function ownedTree(paths: Iterable<string> | undefined): OwnedTree | undefined {
  if (paths === undefined) return undefined;
  const root: OwnedTree = { leaf: false, children: new Map() };
  // Inventories hold tens of paths per object, sorted, so each path mostly repeats the one before:
  // the nodes of the previous path are kept with where their prefix ends, and a path is walked only
  // from the deepest node it shares (a plan reads thousands of objects; bench/plan.bench.js).
  let previous = "";
  const nodes: OwnedTree[] = [root];
  const ends: number[] = [0];
  let top = 0; // nodes[0..top] and ends[0..top] describe `previous` (arrays are reused, not truncated)
  for (const path of paths) {
    if (typeof path !== "string" || path.charCodeAt(0) !== 47) continue; // "" or not a pointer: an inventory from elsewhere; ignore, never throw
    const max = Math.min(previous.length, path.length);
    let common = 0;
    while (common < max && previous.charCodeAt(common) === path.charCodeAt(common)) common++;
    while (top > 0 && !(ends[top] <= common && (ends[top] === path.length || path.charCodeAt(ends[top]) === 47))) top--;
    let node = nodes[top];
    let start = ends[top] + 1;
    while (ends[top] < path.length) {
      const slash = path.indexOf("/", start);
      const end = slash < 0 ? path.length : slash;
      const raw = path.slice(start, end);
      const token = raw.includes("~") ? unescapePointerToken(raw) : raw;
      let child = node.children.get(token);
      if (!child) node.children.set(token, (child = { leaf: false, children: new Map() }));
      node = child;
      top++;
      nodes[top] = node;
      ends[top] = end;
      start = end + 1;
    }
    node.leaf = true;
    previous = path;
  }
  return root;
}

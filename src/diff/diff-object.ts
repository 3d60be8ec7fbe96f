// The diff of one object: desired (the manifest) against live (the cluster), reported as the
// fields an apply would change. Server-side-apply semantics: only fields the manifest sets are
// compared, plus fields drydock set last time (options.owned) and no longer sets, which an apply
// removes. Everything else in the live object — defaults, controller-written fields, fields another
// actor owns — is not a change. Pure: no I/O, inputs are not modified, outputs share nothing with them.
import { joinPointer, unescapePointerToken } from "../manifests/json-pointer.js";
import { equalsAbsence, isPresentWhenEmpty, scalarsEqual } from "./equivalence.js";
import type { FieldChange } from "./field-change.js";
import { ignoreMatcher, type IgnoreMatcher } from "./ignore-pointers.js";
import { cloneJson, isPlainObject, type JsonObject } from "./json-value.js";
import { keySegments, listKeyFor } from "./merge-keys.js";
import { normalizeDesired, normalizeLive } from "./normalize.js";
import { ownedTree, type OwnedTree } from "./owned-paths.js";
import { isSecret } from "./secret-data.js";
import { carriesSecretValues, maskChange } from "./secret-mask.js";

export interface DiffOptions {
  /**
   * The owned set stored after drydock's last apply of this object (see ownedPaths). Undefined on
   * a first plan: then nothing counts as removed.
   */
  owned?: Iterable<string>;
  /** JSON pointers whose subtrees are left out (drydock.yaml `sync.ignoreDifferences`). */
  ignore?: Iterable<string>;
}

/**
 * Where the walk is: the same field as a desired-shape pointer, an owned-path pointer and tokens.
 * The pointers are built on first use only: most fields compare equal and never need them.
 */
class Position {
  #display: string | undefined;
  #owned: string | undefined;
  constructor(
    private readonly parent: Position | undefined,
    private readonly displayToken: string,
    private readonly ownedToken: string,
    /** Owned-path tokens, unescaped, for merge-key and quantity rules. */
    readonly tokens: string[],
  ) {}

  /** Pointer in the desired object's shape (a removed list item: its index in the live list). */
  get display(): string {
    return (this.#display ??= this.parent ? joinPointer(this.parent.display, this.displayToken) : "");
  }

  /** Pointer in the owned-path encoding (keyed items by key). */
  get owned(): string {
    return (this.#owned ??= this.parent ? joinPointer(this.parent.owned, this.ownedToken) : "");
  }
}

interface Walk {
  kind: string;
  ignore: IgnoreMatcher;
}

const ROOT = new Position(undefined, "", "", []);

function child(pos: Position, displayToken: string, ownedToken: string = displayToken): Position {
  return new Position(pos, displayToken, ownedToken, [...pos.tokens, ownedToken]);
}

const ignored = (walk: Walk, pos: Position) => walk.ignore.active && walk.ignore.ignores(pos.display, pos.owned);

const absent = (value: unknown) => value === undefined || value === null;

/** The changes an apply of `desired` would make to `live` (undefined: the object does not exist). */
export function diffObject(desired: JsonObject, live: JsonObject | undefined, options: DiffOptions = {}): FieldChange[] {
  const { object: d, stringDataKeys } = normalizeDesired(desired);
  const l = normalizeLive(live);
  clusterScopedNamespace(d, l);
  const secret = isSecret(d) || isSecret(l);
  const walk: Walk = {
    kind: typeof d.kind === "string" ? d.kind : typeof l.kind === "string" ? l.kind : "",
    ignore: ignoreMatcher(secret ? withDataAliases(options.ignore) : options.ignore),
  };
  const out: FieldChange[] = [];
  compare(walk, d, l, ownedTree(options.owned), ROOT, out);
  if (!secret) return out;
  return out.map((change) => {
    const path = stringDataPath(change.path, stringDataKeys);
    return carriesSecretValues(path) ? maskChange({ ...change, path }) : { ...change, path };
  });
}

function compare(walk: Walk, d: unknown, l: unknown, owned: OwnedTree | undefined, pos: Position, out: FieldChange[]): void {
  if (ignored(walk, pos)) return;
  if (d === undefined) {
    removed(walk, l, owned, pos, out);
  } else if (absent(l)) {
    if (!equalsAbsence(d, pos.tokens)) out.push({ path: pos.display, after: cloneJson(d) });
  } else if (isPlainObject(d)) {
    if (!isPlainObject(l)) {
      out.push({ path: pos.display, before: cloneJson(l), after: cloneJson(d) });
      return;
    }
    for (const key of Object.keys(d)) compare(walk, d[key], l[key], owned?.children.get(key), child(pos, key), out);
    // Fields drydock set last time and the manifest no longer sets.
    const ownedOnly = [...(owned?.children.keys() ?? [])].filter((key) => !Object.hasOwn(d, key)).sort();
    for (const key of ownedOnly) compare(walk, undefined, l[key], owned?.children.get(key), child(pos, key), out);
  } else if (Array.isArray(d)) {
    compareLists(walk, d, l, owned, pos, out);
  } else if (!scalarsEqual(d, l, pos.tokens)) {
    out.push({ path: pos.display, before: cloneJson(l), after: d });
  }
}

function compareLists(walk: Walk, d: unknown[], l: unknown, owned: OwnedTree | undefined, pos: Position, out: FieldChange[]): void {
  if (!Array.isArray(l)) {
    out.push({ path: pos.display, before: cloneJson(l), after: cloneJson(d) });
    return;
  }
  const key = listKeyFor(walk.kind, pos.tokens);
  const desiredKeys = key && keySegments(d, key, true);
  const liveKeys = key && keySegments(l, key, false);
  if (desiredKeys && liveKeys) {
    compareKeyedItems(walk, d, desiredKeys, l, liveKeys, owned, pos, out);
    return;
  }
  // Atomic list: one change for the whole list when any position differs. Items are still compared
  // field by field (a server-defaulted `scope: "*"` inside a webhook rule is not a difference).
  const itemChanges: FieldChange[] = [];
  if (d.length === l.length) {
    d.forEach((item, i) => compare(walk, item, l[i], owned?.children.get(String(i)), child(pos, String(i)), itemChanges));
  }
  if (d.length !== l.length || itemChanges.length > 0) out.push({ path: pos.display, before: cloneJson(l), after: cloneJson(d) });
}

function compareKeyedItems(
  walk: Walk,
  d: unknown[],
  desiredKeys: string[],
  l: unknown[],
  liveKeys: string[],
  owned: OwnedTree | undefined,
  pos: Position,
  out: FieldChange[],
): void {
  const liveIndex = new Map<string, number>();
  liveKeys.forEach((segment, j) => {
    if (!liveIndex.has(segment)) liveIndex.set(segment, j);
  });
  d.forEach((item, i) => {
    const segment = desiredKeys[i];
    const itemPos = child(pos, String(i), segment);
    const j = liveIndex.get(segment);
    if (j !== undefined) compare(walk, item, l[j], owned?.children.get(segment), itemPos, out);
    else if (!ignored(walk, itemPos)) out.push({ path: itemPos.display, after: cloneJson(item) });
  });
  // Items drydock added last time and no longer declares: removed whole, addressed by live index.
  const declared = new Set(desiredKeys);
  for (const segment of [...(owned?.children.keys() ?? [])].sort()) {
    const j = liveIndex.get(segment);
    if (declared.has(segment) || j === undefined) continue;
    const itemPos = child(pos, String(j), segment);
    if (!ignored(walk, itemPos)) out.push({ path: itemPos.display, before: cloneJson(l[j]) });
  }
}

/** A field the manifest no longer sets: a removal if drydock owned it and it is still live. */
function removed(walk: Walk, l: unknown, owned: OwnedTree | undefined, pos: Position, out: FieldChange[]): void {
  if (absent(l) || owned === undefined) return;
  if (owned.children.size === 0) {
    // An owned empty map (`annotations: {}`) or keyed list (`env: []`) owned only its existence;
    // what others put in it since is theirs, so it stays — except where presence is the meaning.
    if (isPlainObject(l) && !isPresentWhenEmpty(pos.tokens)) return;
    if (Array.isArray(l) && listKeyFor(walk.kind, pos.tokens)) return;
    if (!equalsAbsence(l, pos.tokens)) out.push({ path: pos.display, before: cloneJson(l) });
  } else if (isPlainObject(l)) {
    // Only the owned keys go: the map may also hold keys set by others (labels added by hand).
    for (const key of [...owned.children.keys()].sort()) compare(walk, undefined, l[key], owned.children.get(key), child(pos, key), out);
  } else if (Array.isArray(l)) {
    const key = listKeyFor(walk.kind, pos.tokens);
    const liveKeys = key && keySegments(l, key, false);
    if (liveKeys) compareKeyedItems(walk, [], [], l, liveKeys, owned, pos, out);
    else out.push({ path: pos.display, before: cloneJson(l) });
  } else {
    out.push({ path: pos.display, before: cloneJson(l) });
  }
}

/**
 * A namespace written on a cluster-scoped object (a ClusterRole with `namespace: test`) means
 * nothing: the API server drops it, so the live object has none — which a live object of a
 * namespaced kind always has. The desired namespace is dropped then (in place, on the copy), or
 * every plan after the apply would show it (polaris' and kube-linter's ClusterRole fixtures).
 */
function clusterScopedNamespace(d: JsonObject, l: JsonObject): void {
  const desiredMeta = d.metadata;
  const liveMeta = l.metadata;
  if (!isPlainObject(desiredMeta) || !isPlainObject(liveMeta) || desiredMeta.namespace === undefined) return;
  if (liveMeta.namespace === undefined || liveMeta.namespace === "") delete desiredMeta.namespace;
}

/** `/data/<key>` → `/stringData/<key>` for keys the manifest set through stringData. */
function stringDataPath(path: string, stringDataKeys: ReadonlySet<string>): string {
  const m = /^\/data\/([^/]*)/.exec(path);
  if (!m) return path;
  const key = unescapePointerToken(m[1]);
  return stringDataKeys.has(key) ? "/stringData" + path.slice("/data".length) : path;
}

/** Ignore pointers under /stringData also cover the /data keys they were folded into. */
function withDataAliases(pointers: Iterable<string> | undefined): string[] {
  const list = [...(pointers ?? [])];
  for (const p of list.slice()) {
    if (p === "/stringData" || p.startsWith("/stringData/")) list.push("/data" + p.slice("/stringData".length));
  }
  return list;
}

// Maps a JSON pointer inside a parsed document back to source offsets. When the pointer names
// something absent (a required field that is missing), it answers with the nearest enclosing node
// that exists, so every finding still lands on a line the user wrote.
import type { Document, Node as YamlNode, Pair } from "yaml";
import { jsonKeyOf } from "./detailed-parse.js";
import { parsePointer } from "./json-pointer.js";
import { yamlLibrary } from "./yaml-library.js";

export interface SourceSpan {
  start: number;
  end: number;
  /** False when the pointer was not found and the span is that of its nearest existing ancestor. */
  exact: boolean;
}

export function locatePointer(document: Document.Parsed, pointer: string, target: "key" | "value"): SourceSpan | undefined {
  const { isMap, isSeq } = yamlLibrary();
  let node: unknown = document.contents;
  let key: YamlNode | undefined;
  let exact = true;
  for (const token of parsePointer(pointer)) {
    const current = deref(document, node);
    let next: { key?: YamlNode; value: unknown } | undefined;
    if (isMap(current)) {
      const pair = findPair(document, current.items as Pair[], token, new Set());
      if (pair) next = { key: pair.key as YamlNode, value: pair.value };
    } else if (isSeq(current) && /^\d+$/.test(token)) {
      const item = current.items[Number(token)];
      if (item !== undefined) next = { value: item };
    }
    if (!next) {
      exact = false;
      break;
    }
    key = next.key;
    node = next.value;
  }
  const span = exact && target === "value" ? rangeOf(node) ?? rangeOf(key) : rangeOf(key) ?? rangeOf(node);
  return span ? { ...span, exact } : undefined;
}

function deref(document: Document.Parsed, node: unknown): unknown {
  return yamlLibrary().isAlias(node) ? node.resolve(document) : node;
}

/** Finds a key among a mapping's pairs, then in the mappings merged into it with `<<`. */
function findPair(document: Document.Parsed, items: Pair[], token: string, visited: Set<unknown>): Pair | undefined {
  const { isMap, isScalar, isSeq } = yamlLibrary();
  const merges: unknown[] = [];
  for (let i = items.length - 1; i >= 0; i--) {
    // Last one wins, as when the object was built.
    const pair = items[i];
    const key = jsonKeyOf(pair.key);
    if (key === "<<" && isScalar(pair.key) && typeof pair.key.value === "symbol") merges.unshift(pair.value);
    else if (key === token) return pair;
  }
  for (const source of merges) {
    const resolved = deref(document, source);
    const sources = isSeq(resolved) ? resolved.items.map((item) => deref(document, item)) : [resolved];
    for (const map of sources) {
      if (!isMap(map) || visited.has(map)) continue;
      visited.add(map);
      const found = findPair(document, map.items as Pair[], token, visited);
      if (found) return found;
    }
  }
  return undefined;
}

function rangeOf(node: unknown): { start: number; end: number } | undefined {
  const range = (node as YamlNode | undefined)?.range;
  if (!range) return undefined;
  return { start: range[0], end: Math.max(range[0], range[1]) };
}

// Puts a finding on its line without the detailed parse. Policies report on most files, and the
// detailed parse (eemeli/yaml) costs milliseconds per file, far more than the rest of validation.
// Block-style YAML as people write Kubernetes manifests can be read straight from the text, line by
// line: this reader answers a (document, JSON pointer, key or value) query with exactly the span
// locatePointer gives on the detailed parse. Wherever the text on its way leaves the subset it is
// sure about (anchors, tags, flow collections it must enter, multi-line plain scalars, comments that
// move where a range ends), it answers undefined and the caller parses in detail.
import { parsePointer } from "./json-pointer.js";
import type { LineIndex } from "./line-index.js";
import { resolveKubernetesScalar } from "./scalar-resolution.js";
import type { SourceSpan } from "./source-locator.js";

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const DQUOTE = 0x22;
const HASH = 0x23;
const PERCENT = 0x25;
const SQUOTE = 0x27;
const COMMA = 0x2c;
const DASH = 0x2d;
const DOT = 0x2e;
const COLON = 0x3a;
const QUESTION = 0x3f;
const LBRACKET = 0x5b;
const BACKSLASH = 0x5c;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const PIPE = 0x7c;
const RBRACE = 0x7d;
const GT = 0x3e;
const BOM = 0xfeff;

/** Characters that cannot start a plain key: YAML indicators, and whitespace. */
const NOT_PLAIN_KEY_START = new Set([..."-?:,[]{}#&*!|>'\"%@` \t"].map((c) => c.charCodeAt(0)));
/** Characters that cannot start a plain value we read: indicators for anchors, tags and the like. */
const NOT_PLAIN_VALUE_START = new Set([..."&*!%@`,]}#\t"].map((c) => c.charCodeAt(0)));
/** First characters of the plain scalars Kubernetes reads as something other than their text. */
const MAY_RESOLVE = new Set([..."0123456789+-.~yYnNoOtTfF"].map((c) => c.charCodeAt(0)));
const INDEX = /^\d+$/;

/** Thrown inside the reader when the text leaves the subset it is sure about. */
const UNSURE = Symbol("unsure");

function unsure(): never {
  throw UNSURE;
}

/** The lines of one document's body, between its markers (1-based, inclusive). */
interface Body {
  first: number;
  last: number;
}

type Kind = "map" | "seq" | "plain" | "quoted" | "flow" | "block" | "empty";

interface Node {
  kind: Kind;
  /** Offset of its first character: eemeli/yaml's range[0]. */
  start: number;
  /** Offset past its text (range[1]) for scalars and flow collections; -1 where it is computed on demand. */
  end: number;
  /** The line it starts on. */
  line: number;
  /** The line its own text ends on: a quoted scalar may span lines. */
  lastLine: number;
  /** Collections: the column of their keys or dashes. Scalars: the indentation of their parent. */
  indent: number;
}

/** A map entry or a sequence item, as read once per collection, with what the lines after it tell. */
interface Slot {
  /** The key's span; -1 for sequence items, which have no key. */
  keyStart: number;
  keyEnd: number;
  keyQuoted: boolean;
  /** The value's node, built when a query first needs it (reading it may make the reader unsure). */
  value?: Node;
  /** What builds it: the value written on the slot's line; else its first line below; else the empty value's offset. */
  inline?: Node;
  valueLine: number;
  /** The value is a sequence whose dashes sit at the key's column (`key:` then `- item`). */
  dashes: boolean;
  emptyAt: number;
  line: number;
  /** The indentation of the collection holding the slot. */
  indent: number;
  /** The last line holding the value's text, comments and blank lines aside. */
  lastContent: number;
  /** Indentation of the first and of the deepest comment line after lastContent, -1 when none. */
  firstComment: number;
  deepestComment: number;
}

export class FastLocator {
  /** Document bodies in the detailed parser's numbering; undefined for one it cannot read; null when the file is out of reach. */
  private bodies?: Array<Body | undefined> | null;
  private readonly bom: number;
  private readonly lineCount: number;
  /** The last line of the document being read. */
  private limit = 0;
  /** Root nodes by document, and the slots of each collection by its start offset; null where unsure. */
  private readonly roots = new Map<number, Node | null>();
  private readonly slots = new Map<number, Slot[] | null>();
  /** Set by readKey. */
  private keyEnd = 0;
  private keyQuoted = false;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {
    this.bom = text.charCodeAt(0) === BOM ? 1 : 0;
    this.lineCount = lines.lineCount;
  }

  /** The span locatePointer would give on the detailed parse, or undefined when not sure of it. */
  locate(documentIndex: number, pointer: string, target: "key" | "value"): SourceSpan | undefined {
    if (this.bodies === undefined) this.bodies = this.readDocuments();
    const body = this.bodies?.[documentIndex];
    if (!body) return undefined;
    const tokens = parsePointer(pointer);
    try {
      return this.walk(documentIndex, body, tokens, target);
    } catch (error) {
      if (error === UNSURE) return undefined;
      throw error;
    }
  }

  private walk(documentIndex: number, body: Body, tokens: readonly string[], target: "key" | "value"): SourceSpan {
    this.limit = body.last;
    let node = this.rootOf(documentIndex, body);
    let slot: Slot | undefined;
    let exact = true;
    for (const token of tokens) {
      const next = this.childOf(node, token);
      if (!next) {
        exact = false;
        break;
      }
      slot = next;
      node = this.valueOf(next);
    }
    // As locatePointer: the value for an exact match asked by value, else the key when there is one.
    if (slot && slot.keyStart >= 0 && !(exact && target === "value")) return { start: slot.keyStart, end: slot.keyEnd, exact };
    const end = this.rangeEnd(node, slot);
    return { start: node.start, end: Math.max(node.start, end), exact };
  }

  private rootOf(documentIndex: number, body: Body): Node {
    return this.remember(this.roots, documentIndex, () => {
      const line = this.nextContent(body.first);
      return line ? this.nodeAt(line, -1) : unsure();
    });
  }

  /** The slot a pointer token names in a node; undefined when there is none (or the node is a scalar). */
  private childOf(node: Node, token: string): Slot | undefined {
    const isMap = node.kind === "map" || (node.kind === "flow" && this.text.charCodeAt(node.start) === LBRACE);
    if (!isMap && node.kind !== "seq" && node.kind !== "flow") return undefined;
    const slots = this.slotsOf(node);
    if (!isMap) return INDEX.test(token) ? slots[Number(token)] : undefined;
    // The last of duplicate keys wins, as when the object was built.
    for (let i = slots.length - 1; i >= 0; i--) {
      const slot = slots[i];
      if (this.keyIs(slot.keyStart, slot.keyEnd, slot.keyQuoted, token)) return slot;
    }
    return undefined;
  }

  private slotsOf(node: Node): Slot[] {
    return this.remember(this.slots, node.start, () => {
      if (node.kind === "map") return this.readMap(node);
      if (node.kind === "seq") return this.readSeq(node);
      return this.readFlow(node);
    });
  }

  private valueOf(slot: Slot): Node {
    if (!slot.value) {
      if (slot.inline) slot.value = slot.inline;
      else if (slot.dashes) slot.value = { kind: "seq", start: this.firstNonSpace(slot.valueLine), end: -1, line: slot.valueLine, lastLine: slot.valueLine, indent: slot.indent };
      else if (slot.valueLine) slot.value = this.nodeAt(slot.valueLine, slot.indent);
      else slot.value = { kind: "empty", start: slot.emptyAt, end: slot.emptyAt, line: slot.line, lastLine: slot.line, indent: slot.indent };
    }
    return slot.value;
  }

  /** Reads once per file what many findings ask for, remembering when it was unsure too. */
  private remember<K, V>(cache: Map<K, V | null>, key: K, read: () => V): V {
    const known = cache.get(key);
    if (known) return known;
    if (known === null) unsure();
    try {
      const value = read();
      cache.set(key, value);
      return value;
    } catch (error) {
      if (error === UNSURE) cache.set(key, null);
      throw error;
    }
  }

  // ---- documents ----

  /** Splits the file where eemeli/yaml does, counting empty documents as it does. */
  private readDocuments(): Array<Body | undefined> | null {
    const { text } = this;
    if (text.indexOf("\ufeff", 1) >= 0) return null;
    // A lone CR breaks lines for YAML but not for the line index.
    for (let i = text.indexOf("\r"); i >= 0; i = text.indexOf("\r", i + 1)) if (text.charCodeAt(i + 1) !== LF) return null;
    const bodies: Array<Body | undefined> = [];
    let open = false;
    let usable = true;
    let first = 0;
    for (let l = 1; l <= this.lineCount; l++) {
      const s = this.lineStart(l);
      const c = text.charCodeAt(s);
      if (c === DASH && this.isMarker(s, "---", l)) {
        if (open) bodies.push(usable ? { first, last: l - 1 } : undefined);
        open = true;
        first = l + 1;
        // Content after `---` (a block scalar, a tag) starts the document on the marker line.
        usable = this.restIsBlank(s + 3, l);
      } else if (c === DOT && this.isMarker(s, "...", l)) {
        // `...` outside a document makes an empty one; too rare to follow.
        if (!open || !this.restIsBlank(s + 3, l)) return null;
        bodies.push(usable ? { first, last: l - 1 } : undefined);
        open = false;
      } else if (c === PERCENT) {
        return null;
      } else if (!open) {
        const f = this.firstNonSpace(l);
        const fc = text.charCodeAt(f);
        if (f < this.lineEnd(l) && fc !== HASH) {
          // Whether a line of tabs opens a document is not worth knowing.
          if (fc === TAB) return null;
          open = true;
          usable = true;
          first = l;
        }
      }
    }
    if (open) bodies.push(usable ? { first, last: this.lineCount } : undefined);
    return bodies;
  }

  private isMarker(s: number, marker: string, line: number): boolean {
    if (!this.text.startsWith(marker, s)) return false;
    const after = s + 3;
    if (after >= this.lineEnd(line)) return true;
    const c = this.text.charCodeAt(after);
    return c === SPACE || c === TAB;
  }

  /** Only spaces, then the end of the line or a comment. */
  private restIsBlank(i: number, line: number): boolean {
    const end = this.lineEnd(line);
    const from = i;
    while (i < end && this.text.charCodeAt(i) === SPACE) i++;
    return i >= end || (this.text.charCodeAt(i) === HASH && i > from);
  }

  // ---- lines ----

  private lineStart(l: number): number {
    return l === 1 ? this.bom : this.lines.lineStart(l);
  }

  /** The offset of the line's break (or of the text's end). */
  private lineEnd(l: number): number {
    const end = l < this.lineCount ? this.lines.lineStart(l + 1) - 1 : this.text.length;
    return end > 0 && this.text.charCodeAt(end - 1) === CR ? end - 1 : end;
  }

  /** The offset past the line's break: where eemeli/yaml ends a node that ends on this line. */
  private lineAfter(l: number): number {
    return l < this.lineCount ? this.lines.lineStart(l + 1) : this.text.length;
  }

  private firstNonSpace(l: number): number {
    let i = this.lineStart(l);
    while (this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }

  /** The first line from `from` in the document that is neither blank nor a comment; 0 when none. */
  private nextContent(from: number): number {
    for (let l = from; l <= this.limit; l++) {
      const f = this.firstNonSpace(l);
      if (f < this.lineEnd(l) && this.text.charCodeAt(f) !== HASH) return l;
    }
    return 0;
  }

  /** A `-` that starts a sequence item at offset f of line l. */
  private isDash(f: number, l: number): boolean {
    if (this.text.charCodeAt(f) !== DASH) return false;
    if (f + 1 >= this.lineEnd(l)) return true;
    const c = this.text.charCodeAt(f + 1);
    if (c === TAB) unsure();
    return c === SPACE;
  }

  // ---- nodes ----

  /** The node whose text starts a line of its own (a document's root, or a value under its key). */
  private nodeAt(line: number, parentIndent: number): Node {
    const p = this.firstNonSpace(line);
    const column = p - this.lineStart(line);
    if (this.isDash(p, line)) return { kind: "seq", start: p, end: -1, line, lastLine: line, indent: column };
    if (this.readKey(p, line) >= 0) return { kind: "map", start: p, end: -1, line, lastLine: line, indent: column };
    return this.readScalar(p, line, parentIndent);
  }

  /** What follows `- ` on an item's line: a map, a scalar, or nothing (undefined). */
  private readItem(p: number, line: number, indent: number): Node | undefined {
    if (p >= this.lineEnd(line) || this.text.charCodeAt(p) === HASH) return undefined;
    // A sequence right inside a sequence item (`- - x`) is rare in manifests.
    if (this.isDash(p, line)) unsure();
    if (this.readKey(p, line) >= 0) return { kind: "map", start: p, end: -1, line, lastLine: line, indent: p - this.lineStart(line) };
    return this.readScalar(p, line, indent);
  }

  /** A scalar or flow collection starting at p, with what ends it checked. */
  private readScalar(p: number, line: number, indent: number): Node {
    const { text } = this;
    const end = this.lineEnd(line);
    const c = text.charCodeAt(p);
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.closingQuote(p, this.lineEnd(this.limit));
      if (close < 0) unsure();
      const lastLine = close < end ? line : this.lines.position(close).line;
      this.expectLineEnd(close + 1, lastLine);
      return { kind: "quoted", start: p, end: close + 1, line, lastLine, indent };
    }
    if (c === LBRACKET || c === LBRACE) {
      const close = this.closingBracket(p, this.lineEnd(this.limit));
      const lastLine = close < end ? line : this.lines.position(close).line;
      this.expectLineEnd(close + 1, lastLine);
      return { kind: "flow", start: p, end: close + 1, line, lastLine, indent };
    }
    if (c === PIPE || c === GT) {
      // Clip or strip chomping only: keep (`+`) and explicit indentation move where the scalar ends.
      const header = text.charCodeAt(p + 1) === DASH ? p + 2 : p + 1;
      this.expectLineEnd(header, line);
      return { kind: "block", start: p, end: -1, line, lastLine: line, indent };
    }
    if (NOT_PLAIN_VALUE_START.has(c)) unsure();
    // `- `, `? ` and `: ` where a scalar should be: a collection or an error.
    if ((c === DASH || c === QUESTION || c === COLON) && (p + 1 >= end || text.charCodeAt(p + 1) === SPACE)) unsure();
    let last = p;
    for (let i = p; i < end; i++) {
      const ch = text.charCodeAt(i);
      if (ch === SPACE) continue;
      if (ch === TAB) unsure();
      if (ch === HASH && text.charCodeAt(i - 1) === SPACE) break;
      if (ch === COLON && (i + 1 >= end || text.charCodeAt(i + 1) === SPACE || text.charCodeAt(i + 1) === TAB)) unsure();
      last = i + 1;
    }
    this.checkPlain(p, last);
    return { kind: "plain", start: p, end: last, line, lastLine: line, indent };
  }

  /**
   * If a mapping key starts at p on this line, the offset of its `:` (and keyEnd, keyQuoted set);
   * else -1.
   */
  private readKey(p: number, line: number): number {
    const { text } = this;
    const end = this.lineEnd(line);
    const c = text.charCodeAt(p);
    let colon: number;
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.closingQuote(p, end);
      if (close < 0) return -1;
      colon = close + 1;
      while (text.charCodeAt(colon) === SPACE) colon++;
      if (text.charCodeAt(colon) !== COLON || !this.separates(colon + 1, end)) return -1;
      // The key's value would need unescaping to compare with a pointer token.
      const inner = text.slice(p + 1, close);
      if (c === DQUOTE ? inner.includes("\\") : inner.includes("'")) unsure();
      this.keyEnd = close + 1;
      this.keyQuoted = true;
      return colon;
    }
    if (NOT_PLAIN_KEY_START.has(c) || p >= end) return -1;
    for (colon = p; colon < end; colon++) {
      const ch = text.charCodeAt(colon);
      if (ch === COLON && this.separates(colon + 1, end)) break;
      if (ch === HASH && text.charCodeAt(colon - 1) === SPACE) return -1;
      if (ch === TAB) unsure();
    }
    if (colon >= end) return -1;
    let keyEnd = colon;
    while (text.charCodeAt(keyEnd - 1) === SPACE) keyEnd--;
    this.checkPlain(p, keyEnd);
    this.keyEnd = keyEnd;
    this.keyQuoted = false;
    return colon;
  }

  /** Whether the character after a `:` makes it a mapping indicator. */
  private separates(i: number, end: number): boolean {
    if (i >= end) return true;
    const c = this.text.charCodeAt(i);
    if (c === TAB) unsure();
    return c === SPACE;
  }

  /**
   * Plain text that closes a bracket or a quote it did not open is most likely the last line of a
   * flow collection or quoted scalar begun, badly indented, on an earlier line: not ours to read.
   */
  private checkPlain(start: number, end: number): void {
    const { text } = this;
    let depth = 0;
    let doubles = 0;
    let singles = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === LBRACKET || c === LBRACE) depth++;
      else if ((c === RBRACKET || c === RBRACE) && --depth < 0) unsure();
      else if (c === DQUOTE) doubles++;
      else if (c === SQUOTE) singles++;
    }
    const last = text.charCodeAt(end - 1);
    if ((last === DQUOTE && doubles % 2 === 1) || (last === SQUOTE && singles % 2 === 1)) unsure();
  }

  /** The offset of the quote closing the quoted scalar at p, searching up to `limit`; -1 if none. */
  private closingQuote(p: number, limit: number): number {
    const { text } = this;
    const quote = text.charCodeAt(p);
    for (let i = p + 1; i < limit; i++) {
      const c = text.charCodeAt(i);
      if (quote === DQUOTE && c === BACKSLASH) i++;
      else if (c === quote) {
        if (quote === SQUOTE && text.charCodeAt(i + 1) === SQUOTE) i++;
        else return i;
      }
    }
    return -1;
  }

  /** The offset of the bracket closing the flow collection at p, searching up to `limit`. */
  private closingBracket(p: number, limit: number): number {
    const { text } = this;
    let depth = 0;
    // The last two characters that are not white space.
    let previous = 0;
    let before = 0;
    for (let i = p; i < limit; i++) {
      const c = text.charCodeAt(i);
      if (c === LBRACKET || c === LBRACE) depth++;
      else if (c === RBRACKET || c === RBRACE) {
        if (--depth === 0) return i;
      } else if (c === DQUOTE || c === SQUOTE) {
        // A quote starts a quoted scalar only where a scalar can start; inside plain text it is
        // text. Right after a `:` it starts one only after a JSON-like key (`"a":"b"`).
        const afterColon = previous === COLON && (isWhite(text.charCodeAt(i - 1)) || before === DQUOTE || before === SQUOTE || before === RBRACKET || before === RBRACE);
        if (previous === LBRACKET || previous === LBRACE || previous === COMMA || afterColon) {
          const close = this.closingQuote(i, limit);
          if (close < 0) unsure();
          i = close;
        }
      } else if (c === HASH && isWhite(text.charCodeAt(i - 1))) {
        i = this.commentEnd(i) - 1;
        continue;
      } else if (c === TAB) {
        unsure();
      }
      if (!isWhite(c)) {
        before = previous;
        previous = text.charCodeAt(i);
      }
    }
    return unsure();
  }

  /** The offset of the line break ending the comment at i (or of the text's end). */
  private commentEnd(i: number): number {
    const end = this.text.indexOf("\n", i);
    return end < 0 ? this.text.length : end;
  }

  /** After a node on this line: nothing but spaces and a comment. */
  private expectLineEnd(i: number, line: number): void {
    const { text } = this;
    const end = this.lineEnd(line);
    const from = i;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    if (i < end && !(text.charCodeAt(i) === HASH && i > from)) unsure();
  }

  // ---- collections ----

  /** The entries of a block map. */
  private readMap(map: Node): Slot[] {
    const { text } = this;
    const n = map.indent;
    const slots: Slot[] = [];
    let line = map.line;
    let p = map.start;
    for (;;) {
      const colon = this.readKey(p, line);
      if (colon < 0) unsure();
      const keyEnd = this.keyEnd;
      const keyQuoted = this.keyQuoted;
      // Merge keys bring in entries from elsewhere.
      if (!keyQuoted && keyEnd - p === 2 && text.startsWith("<<", p)) unsure();
      let v = colon + 1;
      while (text.charCodeAt(v) === SPACE) v++;
      const inline = v >= this.lineEnd(line) || text.charCodeAt(v) === HASH ? undefined : this.readScalar(v, line, n);
      const slot: Slot = { keyStart: p, keyEnd, keyQuoted, inline, valueLine: 0, dashes: false, emptyAt: v, line, indent: n, lastContent: 0, firstComment: -1, deepestComment: -1 };
      slots.push(slot);
      // Lines below belong to the entry while they are deeper, or are dashes of a sequence written
      // at the key's own column.
      const next = this.readBelow(slot, (f, l, indent) => {
        if (indent > n) {
          if (!inline && !slot.valueLine) slot.valueLine = l;
          return true;
        }
        if (indent === n && this.isDash(f, l)) {
          if (inline || (slot.valueLine && !slot.dashes)) unsure();
          if (!slot.valueLine) {
            slot.valueLine = l;
            slot.dashes = true;
          }
          return true;
        }
        return false;
      });
      if (!next) return slots;
      const nextStart = this.firstNonSpace(next);
      if (nextStart - this.lineStart(next) < n) return slots;
      line = next;
      p = nextStart;
    }
  }

  /** The items of a block sequence. */
  private readSeq(seq: Node): Slot[] {
    const { text } = this;
    const m = seq.indent;
    const slots: Slot[] = [];
    let line = seq.line;
    let dash = seq.start;
    for (;;) {
      let p = dash + 1;
      while (text.charCodeAt(p) === SPACE) p++;
      const inline = this.readItem(p, line, m);
      const slot: Slot = { keyStart: -1, keyEnd: -1, keyQuoted: false, inline, valueLine: 0, dashes: false, emptyAt: p, line, indent: m, lastContent: 0, firstComment: -1, deepestComment: -1 };
      slots.push(slot);
      const next = this.readBelow(slot, (_f, l, indent) => {
        if (indent <= m) return false;
        if (!inline && !slot.valueLine) slot.valueLine = l;
        return true;
      });
      if (!next) return slots;
      const nextStart = this.firstNonSpace(next);
      if (nextStart - this.lineStart(next) !== m || !this.isDash(nextStart, next)) return slots;
      line = next;
      dash = nextStart;
    }
  }

  /**
   * Walks the lines after a slot's own text while `belongs` claims them, noting the last one with
   * content and the comments after it; returns the first line not claimed, or 0 at the document's end.
   */
  private readBelow(slot: Slot, belongs: (f: number, line: number, indent: number) => boolean): number {
    slot.lastContent = slot.inline ? slot.inline.lastLine : slot.line;
    for (let l = slot.lastContent + 1; l <= this.limit; l++) {
      const f = this.firstNonSpace(l);
      if (f >= this.lineEnd(l)) continue;
      const indent = f - this.lineStart(l);
      if (this.text.charCodeAt(f) === HASH) {
        if (slot.firstComment < 0) slot.firstComment = indent;
        slot.deepestComment = Math.max(slot.deepestComment, indent);
        continue;
      }
      if (!belongs(f, l, indent)) return l;
      slot.lastContent = l;
      slot.firstComment = slot.deepestComment = -1;
    }
    return 0;
  }

  /**
   * The entries of a flow map or the items of a flow sequence: `resources: {}`,
   * `args: ["--port", "80"]`, and JSON.
   */
  private readFlow(flow: Node): Slot[] {
    const { text } = this;
    const isMap = text.charCodeAt(flow.start) === LBRACE;
    const close = flow.end - 1;
    const slots: Slot[] = [];
    let i = flow.start + 1;
    for (;;) {
      i = this.skipFlowSpace(i);
      // The end, possibly after a trailing comma.
      if (i >= close) return slots;
      let keyStart = -1;
      let keyEnd = -1;
      let keyQuoted = false;
      if (isMap) {
        keyStart = i;
        keyQuoted = text.charCodeAt(i) === DQUOTE || text.charCodeAt(i) === SQUOTE;
        if (keyQuoted) {
          const quote = this.closingQuote(i, close);
          if (quote < 0) unsure();
          const inner = text.slice(i + 1, quote);
          // Keys that need unescaping, or that span lines.
          if (inner.includes(text[i] === '"' ? "\\" : "'") || inner.includes("\n")) unsure();
          keyEnd = quote + 1;
        } else {
          keyEnd = this.flowPlainEnd(i, close, true);
        }
        let colon = keyEnd;
        while (text.charCodeAt(colon) === SPACE) colon++;
        // `{key}` and `{? key}` have no value node to point at.
        if (keyEnd === keyStart || text.charCodeAt(colon) !== COLON) unsure();
        if (!keyQuoted && keyEnd - keyStart === 2 && text.startsWith("<<", keyStart)) unsure();
        i = this.skipFlowSpace(colon + 1);
      }
      const value = this.flowValue(i, close);
      i = this.skipFlowSpace(value.end);
      if (text.charCodeAt(i) === COMMA) i++;
      else if (i !== close) unsure();
      // Lines do not matter inside a flow collection: its scalars were checked to be on one line.
      slots.push({ keyStart, keyEnd, keyQuoted, value, valueLine: 0, dashes: false, emptyAt: -1, line: 0, indent: 0, lastContent: 0, firstComment: -1, deepestComment: -1 });
    }
  }

  /** A value inside a flow collection that closes at `close`. */
  private flowValue(i: number, close: number): Node {
    const { text } = this;
    const c = text.charCodeAt(i);
    let kind: Kind;
    let end: number;
    if (c === DQUOTE || c === SQUOTE) {
      kind = "quoted";
      end = this.closingQuote(i, close) + 1;
      if (end === 0) unsure();
    } else if (c === LBRACKET || c === LBRACE) {
      kind = "flow";
      end = this.closingBracket(i, close) + 1;
    } else {
      // Empty values (`{a: , b: c}`) are rare enough to leave to the detailed parse.
      if (i >= close || c === COMMA || NOT_PLAIN_VALUE_START.has(c)) unsure();
      kind = "plain";
      end = this.flowPlainEnd(i, close, false);
    }
    return { kind, start: i, end, line: 0, lastLine: 0, indent: 0 };
  }

  /**
   * Where a plain scalar inside a flow collection ends: at a flow indicator, a comment, or a `:`
   * that makes it a key (where a value should be, a pair this reader does not follow). One that
   * goes on after a line break is folded, and not read here.
   */
  private flowPlainEnd(i: number, close: number, isKey: boolean): number {
    const { text } = this;
    const first = text.charCodeAt(i);
    if (NOT_PLAIN_KEY_START.has(first) && !(first === DASH && !this.flowBreak(i + 1))) unsure();
    let end = i;
    for (; i < close; i++) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE) break;
      if (c === COLON && this.flowBreak(i + 1)) {
        if (isKey) break;
        unsure();
      }
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) break;
      if (c === LF || c === CR) {
        const next = text.charCodeAt(this.skipFlowSpace(i));
        if (next === COMMA || next === RBRACKET || next === RBRACE || (isKey && next === COLON)) break;
        unsure();
      }
      if (c === TAB) unsure();
      if (c !== SPACE) end = i + 1;
    }
    return end;
  }

  /** A space, line break or flow indicator after a `:` or `-`, which makes it an indicator in flow context. */
  private flowBreak(i: number): boolean {
    const c = this.text.charCodeAt(i);
    return isWhite(c) || c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
  }

  /** Skips spaces, line breaks and comments between the parts of a flow collection. */
  private skipFlowSpace(i: number): number {
    const { text } = this;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === LF || c === CR) i++;
      else if (c === HASH && isWhite(text.charCodeAt(i - 1))) i = this.commentEnd(i);
      else if (c === TAB) unsure();
      else return i;
    }
  }

  /** Whether a key is `token` once resolved as jsonKeyOf resolves it for the detailed parse. */
  private keyIs(start: number, end: number, quoted: boolean, token: string): boolean {
    const { text } = this;
    if (quoted) return end - start - 2 === token.length && text.startsWith(token, start + 1);
    if (end - start === token.length && text.startsWith(token, start)) return jsonKey(token) === token;
    // Other text matches only by resolving to it (`0x10` is "16"); only some first characters can.
    return MAY_RESOLVE.has(text.charCodeAt(start)) && jsonKey(text.slice(start, end)) === token;
  }

  // ---- where nodes end ----

  /** range[1] of a node the walk arrived at. */
  private rangeEnd(node: Node, slot: Slot | undefined): number {
    switch (node.kind) {
      case "map":
      case "seq":
        return this.collectionEnd(node);
      case "block":
        return this.blockEnd(node);
      case "empty":
        return node.start;
      default:
        this.expectOneLine(node, slot);
        return node.end;
    }
  }

  /**
   * range[1] of a block collection: where the node of its last value ends (range[2]), which for a
   * scalar includes the rest of its line. Trailing comment lines can join that node: eemeli/yaml
   * gives a comment indented past a collection to its last scalar, and a comment that stays in a
   * nested collection ends that collection later. Where that could happen, it is not sure.
   */
  private collectionEnd(node: Node): number {
    const slots = this.slotsOf(node);
    const slot = slots[slots.length - 1];
    const value = this.valueOf(slot);
    if (value.kind === "map" || value.kind === "seq") {
      // Comments leave a nested collection for its parent only when all sit left of it.
      if (slot.firstComment >= 0 && value.indent > 0 && slot.deepestComment >= value.indent) unsure();
      return this.collectionEnd(value);
    }
    if (slot.firstComment > node.indent) unsure();
    switch (value.kind) {
      case "empty":
        // An empty value keeps the comments that follow it, on its line (and then the next line's
        // indentation too) or below.
        if (slot.firstComment >= 0 || this.text.charCodeAt(value.start) === HASH) unsure();
        // An empty item after comment lines keeps the line breaks that follow it too.
        if (node.kind === "seq" && (slots.length < 2 || slots[slots.length - 2].firstComment >= 0)) unsure();
        return value.start;
      case "block":
        return this.blockEnd(value);
      default:
        this.expectOneLine(value, slot);
        return this.lineAfter(value.lastLine);
    }
  }

  /** A plain scalar that continues on later lines has a range this reader does not compute. */
  private expectOneLine(node: Node, slot: Slot | undefined): void {
    const more = slot ? slot.lastContent !== node.lastLine : this.nextContent(node.lastLine + 1) !== 0;
    if (more) unsure();
  }

  /** range[1] of a literal or folded block scalar with clip or strip chomping: past its last non-empty line. */
  private blockEnd(node: Node): number {
    const n = node.indent;
    let contentIndent = -1;
    let widestBlank = -1;
    let last = 0;
    for (let l = node.line + 1; l <= this.limit; l++) {
      const f = this.firstNonSpace(l);
      const indent = f - this.lineStart(l);
      if (f >= this.lineEnd(l)) {
        widestBlank = Math.max(widestBlank, indent);
        continue;
      }
      if (indent <= n) break;
      if (contentIndent < 0) contentIndent = indent;
      // Less indented text ends the scalar with an error, or is a comment after it.
      else if (indent < contentIndent) unsure();
      last = l;
    }
    // A blank line with more spaces than the indentation holds text (spaces).
    if (!last || widestBlank > contentIndent) unsure();
    return this.lineAfter(last);
  }
}

function isWhite(c: number): boolean {
  return c === SPACE || c === LF || c === CR;
}

/** The JSON field name a plain key becomes, as jsonKeyOf computes it. */
function jsonKey(text: string): string {
  const value = resolveKubernetesScalar(text);
  return value === null ? "" : String(value);
}

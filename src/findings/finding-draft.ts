import type { Finding, Severity } from "./finding.js";

/**
 * Where a finding is, before it has a line and column. Stages describe places in the terms they know
 * (a node by JSON pointer, a parser offset); positioning turns them into lines and columns at the end,
 * so the fast path never pays for source positions it does not need.
 */
export type DraftLocation =
  | { kind: "file" }
  | { kind: "position"; line: number; column: number; endLine?: number; endColumn?: number }
  | { kind: "offset"; start: number; end?: number }
  /** `pointer` is from the document root; `key` targets the mapping key, `value` the node itself. */
  | { kind: "node"; documentIndex: number; pointer: string; target: "key" | "value" };

export interface FindingDraft {
  severity: Severity;
  rule: string;
  message: string;
  hint?: string;
  resource?: string;
  /** JSON pointer relative to the resource, reported to users. */
  pointer?: string;
  location: DraftLocation;
}

/** A draft as a finding of its file only, for drafts that have no text to be positioned in. */
export function stripLocation(draft: FindingDraft): Omit<Finding, "file"> {
  const { location: _location, ...rest } = draft;
  return rest;
}

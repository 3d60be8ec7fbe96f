import type { Severity } from "../../findings/finding.js";
import { isPlainObject } from "../../manifests/extract-manifests.js";

export interface CheckIssue {
  rule: string;
  /** JSON pointer inside the resource. */
  pointer: string;
  message: string;
  hint?: string;
  severity?: Severity;
  /** Report at the key (`key`) or the value (default). */
  target?: "key" | "value";
}

export type Report = (issue: CheckIssue) => void;

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isPlainObject(value) ? value : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

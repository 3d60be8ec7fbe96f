/** How much a finding matters. Errors block `validate`, `plan` and `apply`; warnings and infos report. */
export type Severity = "error" | "warning" | "info";

/** A position in a file, 1-based, columns counted in UTF-16 code units of the line. */
export interface Position {
  line: number;
  column: number;
}

/**
 * One problem found in the input. Every finding names a stable rule id and, whenever the problem has
 * a place in a file, the exact line and column (the end is set when the span is known).
 */
export interface Finding {
  severity: Severity;
  rule: string;
  message: string;
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** JSON pointer inside the resource the finding is about. */
  pointer?: string;
  /** kubectl-style name of the resource, e.g. `deployment.apps/web -n shop`. */
  resource?: string;
  /** What to do about it. */
  hint?: string;
  /** The template a rendered document came from (Helm's `# Source:` comment). */
  origin?: string;
  /** The text of the line the finding starts on, for renderers. */
  snippet?: string;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable report order: file, then position, then severity, then rule. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    compareStrings(a.rule, b.rule) ||
    compareStrings(a.message, b.message)
  );
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

// What compiling one policy file produces, and where it is kept between runs. A compiled policy is a
// pure function of the file's text and of drydock's version (which fixes the public API and
// kubernetes-types), so it is stored under a hash of both and never recomputed while they hold.
import { createHash } from "node:crypto";

/** A type error, at a 1-based line and column (UTF-16 code units) of the policy file. */
export interface PolicyDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** TypeScript's message, chains flattened into one line. */
  message: string;
  /** TypeScript's error number, e.g. 2551. */
  code: number;
}

export interface SourcePosition {
  line: number;
  column: number;
}

/** An import of a module policies cannot have (anything but drydock/policy and kubernetes-types). */
export interface ForbiddenImport extends SourcePosition {
  module: string;
}

export interface CompiledPolicy {
  /** Type errors; a policy with any does not run. */
  diagnostics: PolicyDiagnostic[];
  /** A policy with any does not run either; their type errors (unresolved modules) are left out. */
  forbiddenImports: ForbiddenImport[];
  /** The policy as a CommonJS script body; absent when it has type errors or forbidden imports. */
  js?: string;
  /** Source map `mappings` of `js`, to place exceptions in the .ts file. */
  mappings?: string;
  /** Where `export default` is, to place problems with the definition; absent when there is none. */
  definitionAt?: SourcePosition;
}

/** Compiled policies kept between processes (the integrator backs it with a file in the state directory). */
export interface PolicyCompileStore {
  get(key: string): CompiledPolicy | undefined;
  set(key: string, value: CompiledPolicy): void;
}

/** Bump when CompiledPolicy or the way it is produced changes, so stored entries of older drydocks are ignored. */
const FORMAT = "drydock-policy-compile/1";

export function compileKey(options: { text: string; drydockVersion: string; environment: string }): string {
  return createHash("sha256")
    .update(FORMAT)
    .update("\0")
    .update(options.drydockVersion)
    .update("\0")
    .update(options.environment)
    .update("\0")
    .update(options.text)
    .digest("hex");
}

/** A store is a file anyone could edit: take only entries of the right shape. */
export function isCompiledPolicy(value: unknown): value is CompiledPolicy {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.diagnostics) || !v.diagnostics.every(isDiagnostic)) return false;
  if (v.js !== undefined && typeof v.js !== "string") return false;
  if (!Array.isArray(v.forbiddenImports) || !v.forbiddenImports.every((f) => isPosition(f) && typeof (f as ForbiddenImport).module === "string")) return false;
  if (v.js === undefined && v.diagnostics.length === 0 && v.forbiddenImports.length === 0) return false;
  if (v.mappings !== undefined && typeof v.mappings !== "string") return false;
  return v.definitionAt === undefined || isPosition(v.definitionAt);
}

function isDiagnostic(value: unknown): value is PolicyDiagnostic {
  if (!isPosition(value)) return false;
  const v = value as unknown as Record<string, unknown>;
  return typeof v.endLine === "number" && typeof v.endColumn === "number" && typeof v.message === "string" && typeof v.code === "number";
}

function isPosition(value: unknown): value is SourcePosition {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return Number.isInteger(v.line) && Number.isInteger(v.column);
}

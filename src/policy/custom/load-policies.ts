// Loads a repository's TypeScript policies: compile (type-check + transpile, cached), evaluate each
// module once in a sandbox to read its definition, and check the definitions. Every problem is a
// finding at the policy file; the policies that pass are returned ready to run.
import type vm from "node:vm";
import type { Finding, Severity } from "../../findings/finding.js";
import type { PolicyResource } from "../policy-resource.js";
import type { CompiledPolicy, PolicyCompileStore, SourcePosition } from "./compile-store.js";
import { compilePolicies, type PolicySource } from "./compile-policies.js";
import { checkDefinition, type PolicyFields } from "./policy-definition.js";
import { importFinding, invalidFinding, threwFinding, timeoutFinding, typeErrorFinding } from "./policy-file-findings.js";
import { compiledMatcher, type PolicyMatchSpec } from "./policy-match.js";
import { PolicySandbox, policyScript, type LoadStatus } from "./policy-sandbox.js";
import { placeOf, runPolicy, type RunOptions, type RunResult } from "./run-policy.js";
import { SourceLineMap } from "./source-map-lines.js";

/** A policy as the rest of drydock lists it. */
export interface CustomPolicy {
  id: string;
  description: string;
  severity: Severity;
  match: PolicyMatchSpec;
  /** The policy file's display path. */
  file: string;
  /** Where its `export default` is (1-based). */
  line: number;
  column: number;
}

export interface LoadedPolicy extends CustomPolicy {
  /** Whether `match` selects the resource. */
  appliesTo(resource: PolicyResource): boolean;
  /** Validates each target in a fresh sandbox; violations name targets by index. */
  run(targets: readonly PolicyResource[], options: RunOptions): RunResult;
}

export interface LoadPoliciesOptions {
  /** Part of the compile cache key: a new drydock recompiles every policy. */
  drydockVersion: string;
  store?: PolicyCompileStore;
  /** Ids policies may not take (the built-in rules'). */
  reservedIds?: ReadonlySet<string>;
  /** Time limit for evaluating a policy module; 1000 ms unless given. */
  timeoutMs?: number;
}

export interface LoadPoliciesResult {
  policies: LoadedPolicy[];
  findings: Finding[];
  stats: { files: number; typeChecked: number };
}

const DEFAULT_TIMEOUT_MS = 1000;

export async function loadPolicies(sources: readonly PolicySource[], options: LoadPoliciesOptions): Promise<LoadPoliciesResult> {
  const { compiled, typeChecked } = await compilePolicies(sources, options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const findings: Finding[] = [];
  const loaded: ScriptPolicy[] = [];
  for (const [i, source] of sources.entries()) {
    const result = loadOne(source, compiled[i], timeoutMs);
    if (result instanceof ScriptPolicy) loaded.push(result);
    else findings.push(...result);
  }
  const { policies, rejected } = rejectClashingIds(loaded, options.reservedIds ?? new Set());
  findings.push(...rejected);
  return { policies, findings, stats: { files: sources.length, typeChecked } };
}

function loadOne(source: PolicySource, compiled: CompiledPolicy, timeoutMs: number): ScriptPolicy | Finding[] {
  if (compiled.js === undefined) {
    return [
      ...compiled.forbiddenImports.map((f) => importFinding(source.path, { line: f.line, column: f.column }, f.module)),
      ...compiled.diagnostics.map((d) => typeErrorFinding(source.path, d)),
    ];
  }
  const at = compiled.definitionAt;
  let script: vm.Script;
  try {
    script = policyScript(compiled.js);
  } catch (error) {
    return [invalidFinding(source.path, at, `the compiled policy does not parse: ${(error as Error).message}`)];
  }
  const lines = lineMapOf(compiled.mappings);
  const status = new PolicySandbox().load(script, timeoutMs);
  if (status.status !== "ok") return [loadProblem(source.path, at, lines, status, timeoutMs)];
  const check = checkDefinition(status);
  if (!check.ok) return check.problems.map((problem) => invalidFinding(source.path, at, problem));
  return new ScriptPolicy(check.fields, { file: source.path, at: at ?? { line: 1, column: 1 }, script, lines });
}

/** Without a usable map (a store entry someone edited), exceptions are placed at the definition. */
function lineMapOf(mappings: string | undefined): SourceLineMap | undefined {
  if (!mappings) return undefined;
  try {
    return new SourceLineMap(mappings);
  } catch {
    return undefined;
  }
}

function loadProblem(
  file: string,
  at: SourcePosition | undefined,
  lines: SourceLineMap | undefined,
  status: Exclude<LoadStatus, { status: "ok" }>,
  timeoutMs: number,
): Finding {
  switch (status.status) {
    case "no-default":
      return invalidFinding(file, at, "the policy file has no default export", "write `export default definePolicy({ id, description, severity, validate })`");
    case "not-object":
      return invalidFinding(file, at, `the default export must be a policy made with definePolicy({ … }), not ${status.type === "undefined" || status.type === "null" ? status.type : `a ${status.type}`}`);
    case "bad-match":
      return invalidFinding(file, at, `match must be plain data: ${status.message}`);
    case "bad-import":
      return importFinding(file, at, status.module);
    case "threw":
      return threwFinding(file, placeOf({ at: at ?? { line: 1, column: 1 }, lines }, status.at), `policy file threw while loading: ${status.message}`);
    case "timeout":
      return timeoutFinding(file, at, `policy file did not finish loading within ${timeoutMs} ms`);
    case "broken":
      return threwFinding(file, at, "policy file broke drydock's sandbox while loading (did it change built-in objects?)");
    default:
      return assertNever(status);
  }
}

/** Two files with one id would make findings ambiguous: neither runs. Built-in ids are taken. */
function rejectClashingIds(loaded: readonly ScriptPolicy[], reserved: ReadonlySet<string>): { policies: ScriptPolicy[]; rejected: Finding[] } {
  const byId = new Map<string, ScriptPolicy[]>();
  for (const policy of loaded) byId.set(policy.id, [...(byId.get(policy.id) ?? []), policy]);
  const policies: ScriptPolicy[] = [];
  const rejected: Finding[] = [];
  for (const policy of loaded) {
    const at = { line: policy.line, column: policy.column };
    const others = byId.get(policy.id)!.filter((p) => p !== policy);
    if (reserved.has(policy.id)) {
      rejected.push(invalidFinding(policy.file, at, `policy id "${policy.id}" is taken by a built-in rule`, "choose another id"));
    } else if (others.length > 0) {
      rejected.push(invalidFinding(policy.file, at, `policy id "${policy.id}" is also defined in ${others.map((p) => p.file).join(", ")}; ids must be unique`));
    } else policies.push(policy);
  }
  return { policies, rejected };
}

interface ScriptPlace {
  file: string;
  at: SourcePosition;
  script: vm.Script;
  lines?: SourceLineMap;
}

class ScriptPolicy implements LoadedPolicy {
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  readonly match: PolicyMatchSpec;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  private readonly place: ScriptPlace;
  private readonly matcher: (resource: PolicyResource) => boolean;

  constructor(fields: PolicyFields, place: ScriptPlace) {
    this.id = fields.id;
    this.description = fields.description;
    this.severity = fields.severity;
    this.match = fields.match;
    this.file = place.file;
    this.line = place.at.line;
    this.column = place.at.column;
    this.place = place;
    this.matcher = compiledMatcher(fields.match);
  }

  appliesTo(resource: PolicyResource): boolean {
    return this.matcher(resource);
  }

  run(targets: readonly PolicyResource[], options: RunOptions): RunResult {
    return runPolicy({ id: this.id, ...this.place }, targets, options);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}

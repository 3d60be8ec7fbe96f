// One run of one policy file over its targets, in a fresh sandbox. Problems of the policy itself
// (an exception, the time limit, a promise, a forbidden import) become findings at the policy file,
// one per kind of problem and run, and never stop the other policies.
import type vm from "node:vm";
import type { Finding } from "../../findings/finding.js";
import type { PolicyResource } from "../policy-resource.js";
import type { SourcePosition } from "./compile-store.js";
import { importFinding, invalidFinding, threwFinding, timeoutFinding } from "./policy-file-findings.js";
import { PolicySandbox, type CallsOutcome, type Drained, type LoadStatus, type RunInput, type ScriptPosition } from "./policy-sandbox.js";
import type { SourceLineMap } from "./source-map-lines.js";

export interface RunnablePolicy {
  id: string;
  file: string;
  /** Where the definition is: the fallback place for findings. */
  at: SourcePosition;
  script: vm.Script;
  lines?: SourceLineMap;
}

export interface RunOptions {
  /** Every desired resource: `ctx.resources`. */
  all: readonly PolicyResource[];
  /** Time limit of one validate call. */
  timeoutMs: number;
  /** `ctx.options`. */
  options: Readonly<Record<string, unknown>>;
}

export interface PolicyCallViolation {
  /** Index into the targets. */
  target: number;
  message: string;
  pointer: string;
}

export interface RunResult {
  violations: PolicyCallViolation[];
  findings: Finding[];
}

export function runPolicy(policy: RunnablePolicy, targets: readonly PolicyResource[], options: RunOptions): RunResult {
  if (targets.length === 0) return { violations: [], findings: [] };
  const sandbox = new PolicySandbox(runInput(targets, options));
  const status = sandbox.load(policy.script, options.timeoutMs);
  if (status.status !== "ok") return { violations: [], findings: [loadFailure(policy, status, options.timeoutMs)] };

  const outcome = sandbox.runCalls(targets.length, options.timeoutMs);
  const drained = sandbox.drain(options.timeoutMs);
  const findings: Finding[] = [];
  if (!drained) {
    if (outcome.kind !== "broken") findings.push(brokenFinding(policy));
  } else {
    if (drained.badImport !== null) findings.push(importFinding(policy.file, policy.at, drained.badImport));
    if (drained.errors.length > 0) findings.push(threwSummary(policy, targets, drained.errors));
  }
  const outcomeFinding = outcomeToFinding(policy, targets, outcome, options.timeoutMs);
  if (outcomeFinding) findings.push(outcomeFinding);
  const violations = (drained?.reports ?? [])
    .filter(([target]) => target >= 0 && target < targets.length)
    .map(([target, message, pointer]) => ({ target, message, pointer }));
  return { violations, findings };
}

function outcomeToFinding(policy: RunnablePolicy, targets: readonly PolicyResource[], outcome: CallsOutcome, timeoutMs: number): Finding | undefined {
  switch (outcome.kind) {
    case "completed":
      return undefined;
    case "timeout":
      return timeoutFinding(
        policy.file,
        policy.at,
        `policy "${policy.id}" ran over the ${timeoutMs} ms time limit on ${displayOf(targets, outcome.at)} and was stopped${skipped(targets.length - outcome.at - 1)}`,
      );
    case "async":
      return invalidFinding(
        policy.file,
        policy.at,
        `policy "${policy.id}": validate must be synchronous, but it returned a promise on ${displayOf(targets, outcome.at)}; the policy was stopped${skipped(targets.length - outcome.at - 1)}`,
      );
    case "broken":
      return brokenFinding(policy);
    default:
      return assertNever(outcome);
  }
}

function displayOf(targets: readonly PolicyResource[], index: number): string {
  return targets[index]?.display ?? "a resource";
}

function skipped(count: number): string {
  if (count === 0) return "";
  return `; it skipped ${count} more resource${count === 1 ? "" : "s"}`;
}

function threwSummary(policy: RunnablePolicy, targets: readonly PolicyResource[], errors: Drained["errors"]): Finding {
  const [target, message, where] = errors[0];
  const more = errors.length - 1;
  const tail = more > 0 ? ` (and on ${more} more resource${more === 1 ? "" : "s"})` : "";
  return threwFinding(policy.file, placeOf(policy, where), `policy "${policy.id}" threw on ${displayOf(targets, target)}: ${message}${tail}`);
}

function loadFailure(policy: RunnablePolicy, status: Exclude<LoadStatus, { status: "ok" }>, timeoutMs: number): Finding {
  switch (status.status) {
    case "timeout":
      return timeoutFinding(policy.file, policy.at, `policy file did not finish loading within ${timeoutMs} ms`);
    case "threw":
      return threwFinding(policy.file, placeOf(policy, status.at), `policy file threw while loading: ${status.message}`);
    case "bad-import":
      return importFinding(policy.file, policy.at, status.module);
    case "no-default":
    case "not-object":
    case "bad-match":
      // It loaded once with a valid definition: only a policy that changes between evaluations gets here.
      return invalidFinding(policy.file, policy.at, `policy "${policy.id}" no longer exports a valid definition`);
    case "broken":
      return brokenFinding(policy);
    default:
      return assertNever(status);
  }
}

function brokenFinding(policy: RunnablePolicy): Finding {
  return threwFinding(policy.file, policy.at, `policy "${policy.id}" broke drydock's sandbox (did it change built-in objects?) and was stopped`);
}

/** The .ts position of a place in the compiled module, else the definition. */
export function placeOf(policy: { at: SourcePosition; lines?: SourceLineMap }, where: ScriptPosition | null): SourcePosition {
  if (!where || !policy.lines) return policy.at;
  return policy.lines.original(where[0], where[1]) ?? policy.at;
}

interface SerializedSet {
  json: string;
  index: Map<PolicyResource, number>;
}

// Every policy of a run gets the same `all`: serialize it once, not once per policy.
const serializedSets = new WeakMap<readonly PolicyResource[], SerializedSet>();

function serializedSet(all: readonly PolicyResource[]): SerializedSet {
  let set = serializedSets.get(all);
  if (!set) {
    set = { json: toJson(all.map((r) => r.object)), index: new Map(all.map((r, i) => [r, i])) };
    serializedSets.set(all, set);
  }
  return set;
}

function runInput(targets: readonly PolicyResource[], options: RunOptions): RunInput {
  const set = serializedSet(options.all);
  const extra: unknown[] = [];
  const refs = targets.map((target) => {
    const i = set.index.get(target);
    if (i !== undefined) return i;
    extra.push(target.object);
    return -extra.length;
  });
  return { all: set.json, extra: toJson(extra), refs: JSON.stringify(refs), options: toJson(options.options ?? {}) };
}

/** Objects parsed from YAML can hold big integers, which JSON.stringify refuses; policies get them as numbers. */
function toJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? Number(v) : v));
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}

// One policy file's vm context. The host side of the harness: it runs `__drydock.<entry>(…)` calls
// under the time limit and reads back only strings and numbers, which it checks before trusting.
import { types } from "node:util";
import vm from "node:vm";
import { HARNESS_GLOBAL, HARNESS_SOURCE, INPUT_GLOBALS, MODULE_FILENAME } from "./sandbox-harness.js";

/** A string field of the definition, or the type it had instead. */
export type DefinitionText = string | { type: string };

/** [line, column] in the compiled module, 1-based. */
export type ScriptPosition = [number, number];

export type LoadStatus =
  | {
      status: "ok";
      id: DefinitionText;
      description: DefinitionText;
      severity: DefinitionText;
      match: unknown;
      hasMatch: boolean;
      /** "function", "async", "generator", or the type of a non-function. */
      validate: string;
    }
  | { status: "threw"; message: string; at: ScriptPosition | null }
  | { status: "bad-import"; module: string }
  | { status: "no-default" }
  | { status: "not-object"; type: string }
  | { status: "bad-match"; message: string }
  | { status: "timeout" }
  | { status: "broken" };

export interface RunInput {
  /** JSON of every resource object of the run (`ctx.resources`). */
  all: string;
  /** JSON of targets that are not among `all`. */
  extra: string;
  /** JSON list: each target as an index into `all`, or `-1 - i` for `extra[i]`. */
  refs: string;
  options: string;
}

export type CallsOutcome =
  | { kind: "completed" }
  /** Call `at` returned a promise; the calls after it did not run. */
  | { kind: "async"; at: number }
  /** Call `at` ran over the limit on its own; the calls after it did not run. */
  | { kind: "timeout"; at: number }
  /** The policy broke the harness (by changing built-ins it relies on); nothing after `at` ran. */
  | { kind: "broken"; at: number };

export interface Drained {
  /** [target, message, pointer] of the calls that completed. */
  reports: Array<[number, string, string]>;
  /** [target, message, where] of the calls that threw. */
  errors: Array<[number, string, ScriptPosition | null]>;
  /** The first module the policy tried to import that it may not. */
  badImport: string | null;
}

type Invocation = { kind: "value"; value: unknown } | { kind: "timeout" } | { kind: "failed" };

const harness = new vm.Script(HARNESS_SOURCE, { filename: "drydock-policy-harness.js" });

/** Compiles a transpiled policy once; it can then be evaluated in any number of sandboxes. */
export function policyScript(js: string): vm.Script {
  // The wrapper takes a line of its own, which lineOffset takes back: stack lines are the module's.
  return new vm.Script(`${HARNESS_GLOBAL}.load(function (exports, require, module) {\n${js}\n});`, {
    filename: MODULE_FILENAME,
    lineOffset: -1,
  });
}

export class PolicySandbox {
  private readonly context: vm.Context;
  private unusable = false;

  /** A fresh context with the harness installed; `input` is parsed there before any policy code runs. */
  constructor(input?: RunInput) {
    guardSandboxRejections();
    // A null-prototype object: the context's global must not inherit from the host's Object, or
    // `this.constructor.constructor` would be the host's Function.
    const globals: Record<string, string> = Object.create(null);
    if (input) {
      globals[INPUT_GLOBALS.all] = input.all;
      globals[INPUT_GLOBALS.extra] = input.extra;
      globals[INPUT_GLOBALS.refs] = input.refs;
      globals[INPUT_GLOBALS.options] = input.options;
    }
    this.context = vm.createContext(globals, {
      name: "drydock policy",
      codeGeneration: { strings: false, wasm: false },
      // Promise jobs run before runInContext returns, inside its time limit, instead of later in the host.
      microtaskMode: "afterEvaluate",
    });
    harness.runInContext(this.context);
    // No policy code has run yet: this fails only on input nested too deep to parse, and the error is
    // not looked at.
    try {
      if (input) vm.runInContext(`${HARNESS_GLOBAL}.begin()`, this.context);
    } catch {
      this.unusable = true;
    }
  }

  /** Evaluates the policy module and reads its definition. */
  load(script: vm.Script, timeoutMs: number): LoadStatus {
    if (this.unusable) return { status: "broken" };
    const started = performance.now();
    try {
      script.runInContext(this.context, { timeout: timeoutMs });
    } catch (error) {
      if (isTimeout(error, performance.now() - started, timeoutMs)) return { status: "timeout" };
      return { status: "broken" };
    }
    const status = this.invoke("loadStatus()", timeoutMs);
    if (status.kind !== "value") return status.kind === "timeout" ? { status: "timeout" } : { status: "broken" };
    return parseLoadStatus(status.value);
  }

  /**
   * Calls validate on targets 0…count-1, each with the time limit. Batches calls in one runInContext
   * for speed; when a batch runs over, the call it stopped in is retried alone with the whole limit,
   * so a call is stopped only when it alone takes longer than the limit.
   */
  runCalls(count: number, timeoutMs: number): CallsOutcome {
    let start = 0;
    while (start < count) {
      const batch = this.invoke(`runBatch(${start}, ${count})`, timeoutMs);
      if (batch.kind === "failed") return { kind: "broken", at: start };
      if (batch.kind === "value") return finished(batch.value, count, start);
      const reached = this.invoke("next()", timeoutMs);
      if (reached.kind !== "value" || typeof reached.value !== "number") return { kind: "broken", at: start };
      const stoppedIn = reached.value;
      if (stoppedIn >= count) return { kind: "completed" };
      // The batch's first call had the whole limit to itself.
      if (stoppedIn === start) return { kind: "timeout", at: start };
      const single = this.invoke(`runBatch(${stoppedIn}, ${stoppedIn + 1})`, timeoutMs);
      if (single.kind === "timeout") return { kind: "timeout", at: stoppedIn };
      if (single.kind === "failed") return { kind: "broken", at: stoppedIn };
      const outcome = finished(single.value, stoppedIn + 1, stoppedIn);
      if (outcome.kind !== "completed") return outcome;
      start = stoppedIn + 1;
    }
    return { kind: "completed" };
  }

  /** What the calls reported; undefined when the harness no longer answers sensibly. */
  drain(timeoutMs: number): Drained | undefined {
    const result = this.invoke("drain()", timeoutMs);
    if (result.kind !== "value") return undefined;
    return parseDrained(parseJson(result.value));
  }

  private invoke(call: string, timeoutMs: number): Invocation {
    const started = performance.now();
    try {
      return { kind: "value", value: vm.runInContext(`${HARNESS_GLOBAL}.${call}`, this.context, { timeout: timeoutMs }) };
    } catch (error) {
      return isTimeout(error, performance.now() - started, timeoutMs) ? { kind: "timeout" } : { kind: "failed" };
    }
  }
}

let guarded = false;

/**
 * A promise a policy rejects and never handles would be the host process's unhandled rejection, which
 * ends Node by default. Those of sandbox promises are the policy's own business and are ignored (and
 * their reasons never touched); for the host's own, Node's default (crash) is kept unless someone else
 * listens.
 */
function guardSandboxRejections(): void {
  if (guarded) return;
  guarded = true;
  process.on("unhandledRejection", (reason, promise) => {
    if (isHostPromise(promise) && process.listenerCount("unhandledRejection") === 1) throw reason;
  });
}

function isHostPromise(value: unknown): boolean {
  let current: unknown = value;
  while (typeof current === "object" && current !== null) {
    if (types.isProxy(current)) return false;
    current = Reflect.getPrototypeOf(current);
    if (current === Promise.prototype) return true;
  }
  return false;
}

/** runBatch returns how far it got: short of `end` only when a call returned a promise. */
function finished(value: unknown, end: number, start: number): CallsOutcome {
  if (typeof value !== "number") return { kind: "broken", at: start };
  return value >= end ? { kind: "completed" } : { kind: "async", at: value };
}

/**
 * Whether runInContext stopped the script for its time limit. Node creates that error inside the
 * context, so it is a sandbox object like anything else thrown from there: it is classified without
 * calling into it (no property reads that could reach a getter, no prototype walk through a proxy).
 * Its own "code" says so, unless the policy froze Error.prototype; the elapsed time says so too.
 */
function isTimeout(error: unknown, elapsedMs: number, timeoutMs: number): boolean {
  if (elapsedMs >= timeoutMs) return true;
  if (typeof error !== "object" || error === null || types.isProxy(error)) return false;
  const code = Reflect.getOwnPropertyDescriptor(error, "code");
  return code !== undefined && "value" in code && code.value === "ERR_SCRIPT_EXECUTION_TIMEOUT";
}

/**
 * The harness answers in JSON it writes itself, but a policy can change what JSON.stringify sees
 * (a toJSON on a prototype): anything that is not a JSON object is no answer.
 */
function parseJson(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== "string") return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function parseLoadStatus(value: unknown): LoadStatus {
  const status = parseJson(value);
  switch (status?.status) {
    case "ok":
      return {
        status: "ok",
        id: definitionText(status.id),
        description: definitionText(status.description),
        severity: definitionText(status.severity),
        match: status.hasMatch === true ? status.match : undefined,
        hasMatch: status.hasMatch === true,
        validate: String(status.validate),
      };
    case "threw":
      return { status: "threw", message: String(status.message), at: scriptPosition(status.at) };
    case "bad-import":
      return { status: "bad-import", module: String(status.module) };
    case "no-default":
      return { status: "no-default" };
    case "not-object":
      return { status: "not-object", type: String(status.type) };
    case "bad-match":
      return { status: "bad-match", message: String(status.message) };
    default:
      return { status: "broken" };
  }
}

function definitionText(value: unknown): DefinitionText {
  if (typeof value === "string") return value;
  const type = typeof value === "object" && value !== null ? (value as { type?: unknown }).type : undefined;
  return { type: String(type) };
}

function scriptPosition(value: unknown): ScriptPosition | null {
  return Array.isArray(value) && value.length === 2 && value.every(Number.isInteger) ? [value[0], value[1]] : null;
}

function parseDrained(v: Record<string, unknown> | undefined): Drained | undefined {
  if (!v) return undefined;
  if (!Array.isArray(v.reports) || !Array.isArray(v.errors)) return undefined;
  const reports: Drained["reports"] = [];
  for (const r of v.reports) {
    if (Array.isArray(r) && Number.isInteger(r[0]) && typeof r[1] === "string" && typeof r[2] === "string") reports.push([r[0], r[1], r[2]]);
  }
  const errors: Drained["errors"] = [];
  for (const e of v.errors) {
    if (Array.isArray(e) && Number.isInteger(e[0]) && typeof e[1] === "string") errors.push([e[0], e[1], scriptPosition(e[2])]);
  }
  return { reports, errors, badImport: typeof v.badImport === "string" ? v.badImport : null };
}

// Turns policy sources into runnable scripts: type-check, then transpile. Each file's result is kept
// in memory and, when the integrator provides one, in a persistent store, both keyed by the file's
// content and drydock's version; ts-morph is imported only when some file is not cached.
import { createHash } from "node:crypto";
import { compileKey, isCompiledPolicy, type CompiledPolicy, type PolicyCompileStore } from "./compile-store.js";
import { kubernetesTypesVersion } from "./kubernetes-types-files.js";
import { locatePublicApi } from "./public-api-declarations.js";
import { transpilePolicy } from "./transpile.js";
import { PolicyTypeChecker } from "./type-check.js";

export interface PolicySource {
  /** Display path, e.g. `policies/no-latest.ts`: findings are reported at it. */
  path: string;
  text: string;
}

export interface CompileOptions {
  drydockVersion: string;
  store?: PolicyCompileStore;
}

export interface CompileOutcome {
  compiled: CompiledPolicy[];
  /** How many files were type-checked (the others came from a cache). */
  typeChecked: number;
}

const memory = new Map<string, CompiledPolicy>();
/** A watching process compiles each edit of each file: keep the recent ones only. */
const MEMORY_ENTRIES = 500;
let checker: PolicyTypeChecker | undefined;

export async function compilePolicies(sources: readonly PolicySource[], options: CompileOptions): Promise<CompileOutcome> {
  const environment = environmentFingerprint();
  const keys = sources.map((s) => compileKey({ text: s.text, drydockVersion: options.drydockVersion, environment }));
  const found = new Map<string, CompiledPolicy>();
  const pending = new Map<string, PolicySource>();
  for (const [i, key] of keys.entries()) {
    if (found.has(key) || pending.has(key)) continue;
    const cached = memory.get(key) ?? readStore(options.store, key);
    if (cached) found.set(key, cached);
    else pending.set(key, sources[i]);
  }
  if (pending.size > 0) {
    const tsMorph = await import("ts-morph");
    checker ??= new PolicyTypeChecker(tsMorph);
    const entries = [...pending];
    const checked = checker.check(entries.map(([, source]) => source));
    for (const [i, [key, source]] of entries.entries()) {
      const { diagnostics, forbiddenImports, definitionAt } = checked[i];
      const compiled: CompiledPolicy = { diagnostics, forbiddenImports, definitionAt };
      // Such a policy never runs: no need to transpile it.
      if (diagnostics.length === 0 && forbiddenImports.length === 0) Object.assign(compiled, transpilePolicy(tsMorph.ts, source));
      found.set(key, compiled);
      writeStore(options.store, key, compiled);
    }
  }
  for (const [key, compiled] of found) remember(key, compiled);
  return { compiled: keys.map((key) => found.get(key)!), typeChecked: pending.size };
}

function remember(key: string, compiled: CompiledPolicy): void {
  memory.delete(key);
  memory.set(key, compiled);
  if (memory.size > MEMORY_ENTRIES) memory.delete(memory.keys().next().value!);
}

/** What else a compiled policy depends on; drydock's version covers it once built, this covers development. */
function environmentFingerprint(): string {
  return createHash("sha256").update(locatePublicApi().text).update("\0").update(kubernetesTypesVersion()).digest("hex");
}

// A cache must never make a run fail: an unreadable or unwritable entry is a miss.
function readStore(store: PolicyCompileStore | undefined, key: string): CompiledPolicy | undefined {
  try {
    const value = store?.get(key);
    return isCompiledPolicy(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function writeStore(store: PolicyCompileStore | undefined, key: string, value: CompiledPolicy): void {
  try {
    store?.set(key, value);
  } catch {
    // See readStore.
  }
}

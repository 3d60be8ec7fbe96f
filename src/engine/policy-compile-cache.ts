// Type-checked and compiled TypeScript policies by content, under the state dir, so a policy that
// did not change is neither type-checked nor compiled again in the next run (type-checking starts
// TypeScript, which costs about a second).
import { join } from "node:path";
import { isCompiledPolicy, type CompiledPolicy, type PolicyCompileStore } from "../policy/custom/compile-store.js";
import { readStateFile, writeStateFile } from "../state/state-files.js";

const FORMAT = "drydock/compiled-policies@1";
/** Compiled policies kept beyond those the last run used. */
const SPARE_ENTRIES = 50;

type Entries = Array<[key: string, value: CompiledPolicy]>;

function isEntries(data: unknown): data is Entries {
  return Array.isArray(data) && data.every((e) => Array.isArray(e) && typeof e[0] === "string" && isCompiledPolicy(e[1]));
}

export class PolicyCompileCache implements PolicyCompileStore {
  private readonly used = new Set<string>();
  private unsaved = false;

  private constructor(private entries: Map<string, CompiledPolicy>) {}

  static load(stateDir: string): PolicyCompileCache {
    return new PolicyCompileCache(new Map(readStateFile(cacheFile(stateDir), FORMAT, isEntries) ?? []));
  }

  get(key: string): CompiledPolicy | undefined {
    const value = this.entries.get(key);
    if (value) this.used.add(key);
    return value;
  }

  set(key: string, value: CompiledPolicy): void {
    this.entries.set(key, value);
    this.used.add(key);
    this.unsaved = true;
  }

  save(stateDir: string): void {
    if (!this.unsaved) return;
    this.unsaved = false;
    const all = [...this.entries];
    const kept = [...all.filter(([k]) => !this.used.has(k)).slice(-SPARE_ENTRIES), ...all.filter(([k]) => this.used.has(k))];
    this.entries = new Map(kept);
    writeStateFile(cacheFile(stateDir), FORMAT, kept);
  }
}

function cacheFile(stateDir: string): string {
  return join(stateDir, "cache", "compiled-policies.json");
}

// What repository runs remember between one another: git tree listings, validation results and
// compiled policies, keyed by git object ids or content hashes. A one-off command loads them from the state dir and saves them back; a
// long-running process (watch, dash) keeps one RevisionCaches so a new commit costs only the objects
// it changed, without reloading the caches from disk, and saves them when it is idle.
import { TreeCache } from "../git/tree-cache.js";
import { ensureStateDir } from "../state/state-dir.js";
import { PolicyCompileCache } from "./policy-compile-cache.js";
import { ResultCache } from "./result-cache.js";

export class RevisionCaches {
  private trees?: { stateDir: string; cache: TreeCache };
  private results?: { stateDir: string; cache: ResultCache };
  private policies?: { stateDir: string; cache: PolicyCompileCache };

  /** The tree cache of a state dir, its counters reset for a new run. */
  treesFor(stateDir: string): TreeCache {
    if (this.trees?.stateDir !== stateDir) this.trees = { stateDir, cache: TreeCache.load(stateDir) };
    this.trees.cache.resetStats();
    return this.trees.cache;
  }

  /** The result cache of a state dir for results made with these settings, its counters reset. */
  resultsFor(stateDir: string, fingerprint: string): ResultCache {
    if (this.results?.stateDir !== stateDir || this.results.cache.fingerprint !== fingerprint) {
      this.results = { stateDir, cache: ResultCache.load(stateDir, fingerprint) };
    }
    this.results.cache.resetStats();
    return this.results.cache;
  }

  /** Compiled TypeScript policies of a state dir. */
  policiesFor(stateDir: string): PolicyCompileCache {
    if (this.policies?.stateDir !== stateDir) this.policies = { stateDir, cache: PolicyCompileCache.load(stateDir) };
    return this.policies.cache;
  }

  /** Writes what the runs since the last save added (a long-running process calls this when idle). */
  save(): void {
    for (const held of [this.trees, this.results, this.policies]) {
      if (!held) continue;
      ensureStateDir(held.stateDir);
      held.cache.save(held.stateDir);
    }
  }
}

// What repository runs remember between one another: git tree listings and validation results, both
// keyed by git object ids. A one-off command loads them from the state dir and saves them back; a
// long-running process (watch, dash) keeps one RevisionCaches so a new commit costs only the objects
// it changed, without reloading the caches from disk, and saves them when it is idle.
import { TreeCache } from "../git/tree-cache.js";
import { ensureStateDir } from "../state/state-dir.js";
import { ResultCache } from "./result-cache.js";

export class RevisionCaches {
  private trees?: { stateDir: string; cache: TreeCache };
  private results?: { stateDir: string; cache: ResultCache };

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

  /** Writes what the runs since the last save added (a long-running process calls this when idle). */
  save(): void {
    for (const held of [this.trees, this.results]) {
      if (!held) continue;
      ensureStateDir(held.stateDir);
      held.cache.save(held.stateDir);
    }
  }
}

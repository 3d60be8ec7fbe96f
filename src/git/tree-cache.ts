// Listings of git tree objects by id. A tree never changes, so a listing never goes stale: after a
// commit that touches one file, only the trees on that file's path are read again. Kept in memory
// and under the state dir between runs.
import { join } from "node:path";
import * as git from "isomorphic-git";
import { readStateFile, writeStateFile } from "../state/state-files.js";
import { gitOptions, type GitRepository } from "./git-repository.js";

export interface TreeEntry {
  name: string;
  /** "040000" tree, "100644"/"100755" file, "120000" symbolic link, "160000" submodule. */
  mode: string;
  oid: string;
}

const FORMAT = "drydock/git-trees@1";
const SPARE_TREES = 20_000;

type StoredEntry = [name: string, mode: string, oid: string];

export class TreeCache {
  private trees: Map<string, TreeEntry[]>;
  private used = new Set<string>();
  private unsaved = false;
  /** Trees read from the repository rather than the cache in this run, for tests and benchmarks. */
  misses = 0;

  constructor(trees: Iterable<[string, TreeEntry[]]> = []) {
    this.trees = new Map(trees);
  }

  async entries(repo: GitRepository, treeOid: string): Promise<TreeEntry[]> {
    this.used.add(treeOid);
    let entries = this.trees.get(treeOid);
    if (!entries) {
      this.misses++;
      this.unsaved = true;
      const { tree } = await git.readTree({ ...gitOptions(repo), oid: treeOid });
      entries = tree.map((e) => ({ name: e.path, mode: e.mode, oid: e.oid }));
      this.trees.set(treeOid, entries);
    }
    return entries;
  }

  /** Starts a new run: counters from zero, and only trees this run uses count as in use. */
  resetStats(): void {
    this.misses = 0;
    this.used = new Set();
  }

  static load(stateDir: string): TreeCache {
    const stored = readStateFile(cacheFile(stateDir), FORMAT, isStored) ?? [];
    return new TreeCache(stored.map(([oid, entries]) => [oid, entries.map(([name, mode, entryOid]) => ({ name, mode, oid: entryOid }))]));
  }

  /** Writes the cache, trimmed to its bound, when this process has read trees it did not hold before. */
  save(stateDir: string): void {
    if (!this.unsaved) return;
    this.unsaved = false;
    const all = [...this.trees];
    const kept = [...all.filter(([oid]) => !this.used.has(oid)).slice(-SPARE_TREES), ...all.filter(([oid]) => this.used.has(oid))];
    this.trees = new Map(kept);
    writeStateFile(
      cacheFile(stateDir),
      FORMAT,
      kept.map(([oid, entries]) => [oid, entries.map((e): StoredEntry => [e.name, e.mode, e.oid])]),
    );
  }
}

function isStored(data: unknown): data is Array<[string, StoredEntry[]]> {
  return (
    Array.isArray(data) &&
    data.every((tree) => Array.isArray(tree) && typeof tree[0] === "string" && Array.isArray(tree[1]) && tree[1].every((e: unknown) => Array.isArray(e) && e.length === 3 && e.every((part) => typeof part === "string")))
  );
}

function cacheFile(stateDir: string): string {
  return join(stateDir, "cache", "git-trees.json");
}

// Files added, modified or deleted between two commits under the manifests path, found by walking
// both trees side by side and skipping every subtree whose id did not change. A rename is a delete
// and an add.
import * as git from "isomorphic-git";
import { gitOptions, type GitRepository } from "./git-repository.js";
import { normalizeRoot } from "./manifest-tree.js";
import type { TreeCache, TreeEntry } from "./tree-cache.js";

export type PathChange = { path: string; change: "added" | "modified" | "deleted" };

export async function changedPaths(repo: GitRepository, fromCommit: string, toCommit: string, path: string, trees: TreeCache): Promise<PathChange[]> {
  const root = normalizeRoot(path);
  const [from, to] = await Promise.all([rootEntry(repo, fromCommit, root, trees), rootEntry(repo, toCommit, root, trees)]);
  const changes: PathChange[] = [];
  await compare(repo, trees, root, from, to, changes);
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function rootEntry(repo: GitRepository, commitOid: string, root: string, trees: TreeCache): Promise<TreeEntry | undefined> {
  const { commit } = await git.readCommit({ ...gitOptions(repo), oid: commitOid });
  let entry: TreeEntry | undefined = { name: "", mode: "040000", oid: commit.tree };
  for (const segment of root === "" ? [] : root.split("/")) {
    if (entry?.mode !== "040000") return undefined;
    entry = (await trees.entries(repo, entry.oid)).find((e) => e.name === segment);
  }
  return entry;
}

async function compare(repo: GitRepository, trees: TreeCache, path: string, from: TreeEntry | undefined, to: TreeEntry | undefined, out: PathChange[]): Promise<void> {
  if (from?.oid === to?.oid && from?.mode === to?.mode) return;
  const fromTree = from?.mode === "040000";
  const toTree = to?.mode === "040000";
  if (fromTree && toTree) {
    const [a, b] = await Promise.all([trees.entries(repo, from!.oid), trees.entries(repo, to!.oid)]);
    const names = new Set([...a.map((e) => e.name), ...b.map((e) => e.name)]);
    for (const name of names) {
      await compare(repo, trees, path === "" ? name : `${path}/${name}`, a.find((e) => e.name === name), b.find((e) => e.name === name), out);
    }
    return;
  }
  if (from && to && !fromTree && !toTree) {
    out.push({ path, change: "modified" });
    return;
  }
  // One side is missing, or a file became a folder (or the reverse): all of one side goes, all of the other comes.
  if (from) await everyFile(repo, trees, path, from, "deleted", out);
  if (to) await everyFile(repo, trees, path, to, "added", out);
}

async function everyFile(repo: GitRepository, trees: TreeCache, path: string, entry: TreeEntry, change: PathChange["change"], out: PathChange[]): Promise<void> {
  if (entry.mode !== "040000") {
    out.push({ path, change });
    return;
  }
  for (const child of await trees.entries(repo, entry.oid)) await everyFile(repo, trees, `${path}/${child.name}`, child, change, out);
}

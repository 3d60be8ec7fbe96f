import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { changedPaths } from "../../src/git/changed-paths.js";
import { openRepository } from "../../src/git/git-repository.js";
import { TreeCache } from "../../src/git/tree-cache.js";
import { listWorktree } from "../../src/git/worktree.js";
import { commit, configMap, git, makeRepo } from "./git-fixture.js";

const ALL = { path: "", include: [], exclude: [] };

describe("changed paths between two revisions", () => {
  it("finds what git diff finds, renames as delete and add, skipping unchanged subtrees", async () => {
    const files: Record<string, string> = { "docs/readme.md": "x" };
    for (let i = 0; i < 30; i++) files[`m/ns-${i % 3}/app-${i}.yaml`] = configMap(`app-${i}`);
    const repo = makeRepo(files);
    const from = git(repo, "rev-parse", "HEAD");
    git(repo, "mv", "m/ns-0/app-0.yaml", "m/ns-0/renamed.yaml");
    const to = commit(repo, {
      "m/ns-1/app-1.yaml": configMap("app-1", "data: {v: '2'}\n"),
      "m/ns-2/app-2.yaml": null,
      "m/new/extra.yaml": configMap("extra"),
      "docs/readme.md": "changed",
    });
    const trees = new TreeCache();
    const changes = await changedPaths(await openRepository(repo), from, to, "m", trees);
    const expected = git(repo, "diff", "--name-status", "--no-renames", from, to, "--", "m")
      .split("\n")
      .map((line) => line.split("\t"))
      .map(([status, path]) => ({ path, change: { A: "added", M: "modified", D: "deleted" }[status as "A" | "M" | "D"] }))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(changes).toEqual(expected);
    expect(changes).toHaveLength(5);
    // Both roots, both m, both sides of ns-0, ns-1 and ns-2, and m/new; docs/ is outside the path.
    expect(trees.misses).toBe(2 + 2 + 2 * 3 + 1);
  });

  it("turns a file that became a folder into deletes and adds", async () => {
    const repo = makeRepo({ "m/x.yaml": configMap("x") });
    const from = git(repo, "rev-parse", "HEAD");
    const to = commit(repo, { "m/x.yaml": null, "m/x.yaml/inner.yaml": configMap("inner") });
    expect(await changedPaths(await openRepository(repo), from, to, "", new TreeCache())).toEqual([
      { path: "m/x.yaml", change: "deleted" },
      { path: "m/x.yaml/inner.yaml", change: "added" },
    ]);
  });
});

describe("the working tree (--ref WORKTREE)", () => {
  it("reads uncommitted edits and marks the revision dirty only when a file really differs", async () => {
    const repo = makeRepo({ "m/a.yaml": configMap("a"), "m/b.yaml": configMap("b") });
    const head = git(repo, "rev-parse", "HEAD");
    const open = await openRepository(repo);
    const clean = await listWorktree(open, ALL, new TreeCache());
    expect(clean.revision).toBe(head);
    expect(clean.files.map((f) => [f.display, f.blobId])).toEqual([
      ["m/a.yaml", git(repo, "rev-parse", "HEAD:m/a.yaml")],
      ["m/b.yaml", git(repo, "rev-parse", "HEAD:m/b.yaml")],
    ]);

    // Rewriting a file with the same bytes leaves it clean.
    writeFileSync(join(repo, "m/a.yaml"), configMap("a"));
    expect((await listWorktree(open, ALL, new TreeCache())).revision).toBe(head);

    writeFileSync(join(repo, "m/a.yaml"), configMap("a", "data: {edited: 'yes'}\n"));
    const dirty = await listWorktree(open, ALL, new TreeCache());
    expect(dirty.revision).toBe(`${head}-dirty`);
    expect(new TextDecoder().decode(dirty.files[0].content)).toContain("edited");

    git(repo, "checkout", "-q", "--", "m/a.yaml");
    writeFileSync(join(repo, "m/untracked.yaml"), configMap("u"));
    expect((await listWorktree(open, ALL, new TreeCache())).revision).toBe(`${head}-dirty`);
  });

  it("counts an edited drydock.yaml as a difference", async () => {
    const repo = makeRepo({ "m/a.yaml": configMap("a"), "drydock.yaml": "source:\n  path: m\n" });
    const open = await openRepository(repo);
    writeFileSync(join(repo, "drydock.yaml"), "source:\n  path: m\nvalidation:\n  strict: false\n");
    expect((await listWorktree(open, { ...ALL, path: "m" }, new TreeCache(), ["drydock.yaml"])).revision).toMatch(/-dirty$/);
  });

  it("works in a repository without commits", async () => {
    const repo = makeRepo();
    writeFileSync(join(repo, "a.yaml"), configMap("a"));
    const listing = await listWorktree(await openRepository(repo), ALL, new TreeCache());
    expect(listing.revision).toBe("WORKTREE");
    expect(listing.files.map((f) => f.display)).toEqual(["a.yaml"]);
  });
});

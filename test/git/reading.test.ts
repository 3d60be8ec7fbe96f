import { describe, expect, it } from "vitest";
import { GitSourceError, openRepository } from "../../src/git/git-repository.js";
import { listManifestTree } from "../../src/git/manifest-tree.js";
import { readCommitInfo, resolveRevision } from "../../src/git/revisions.js";
import { TreeCache } from "../../src/git/tree-cache.js";
import { commit, configMap, git, makeRepo } from "./git-fixture.js";

async function resolve(dir: string, rev: string): Promise<string> {
  return resolveRevision(await openRepository(dir), rev);
}

describe("resolving revisions", () => {
  it("resolves what git resolves: branches, tags, SHAs, ~N, ^N, and merges", async () => {
    const repo = makeRepo({ "a.yaml": configMap("a") });
    commit(repo, { "a.yaml": configMap("a", "data: {v: '2'}\n") }, "second");
    git(repo, "tag", "light");
    git(repo, "tag", "-a", "annotated", "-m", "release");
    git(repo, "checkout", "-q", "-b", "feature");
    commit(repo, { "b.yaml": configMap("b") }, "feature work");
    git(repo, "checkout", "-q", "main");
    commit(repo, { "c.yaml": configMap("c") }, "main work");
    git(repo, "merge", "-q", "--no-ff", "feature", "-m", "merge feature");
    const revisions = ["HEAD", "main", "feature", "light", "annotated", "HEAD~1", "HEAD^", "HEAD^2", "HEAD~2", "HEAD^2~1", "main~3", "HEAD^0", "refs/heads/feature"];
    for (const rev of revisions) expect(await resolve(repo, rev), rev).toBe(git(repo, "rev-parse", `${rev}^{commit}`));
    const head = git(repo, "rev-parse", "HEAD");
    expect(await resolve(repo, head)).toBe(head);
    expect(await resolve(repo, head.slice(0, 7))).toBe(head);
    expect(await resolve(repo, `${head.slice(0, 9)}~1`)).toBe(git(repo, "rev-parse", "HEAD~1"));
  });

  it("works on a detached HEAD and after git gc packs objects and refs", async () => {
    const repo = makeRepo({ "a.yaml": configMap("a") });
    const second = commit(repo, { "b.yaml": configMap("b") });
    git(repo, "tag", "-a", "v1", "-m", "v1");
    git(repo, "gc", "-q");
    git(repo, "checkout", "-q", "--detach", "HEAD~1");
    expect(await resolve(repo, "HEAD")).toBe(git(repo, "rev-parse", "HEAD"));
    expect(await resolve(repo, "main")).toBe(second);
    expect(await resolve(repo, "v1")).toBe(second);
    expect(await resolve(repo, "main~1")).toBe(git(repo, "rev-parse", "HEAD"));
  });

  it("names a revision that does not exist, suggesting close names", async () => {
    const repo = makeRepo({ "a.yaml": configMap("a") });
    git(repo, "branch", "release-1.2");
    await expect(resolve(repo, "mian")).rejects.toThrow(new GitSourceError('revision "mian" not found; did you mean "main"? (branches: main, release-1.2)'));
    for (const branch of ["feature/login", "feature/logout", "fix/typo", "release-1.3", "release-2.0", "zeta"]) git(repo, "branch", branch);
    await expect(resolve(repo, "release-1.4")).rejects.toThrow(
      new GitSourceError('revision "release-1.4" not found; did you mean "release-1.2"? (closest branches: release-1.2, release-1.3, release-2.0, zeta, main)'),
    );
    await expect(resolve(repo, "HEAD~5")).rejects.toThrow('revision "HEAD~5" goes past the history');
    await expect(resolve(repo, "deadbeef")).rejects.toThrow('revision "deadbeef" not found');
    await expect(resolve(makeRepo(), "HEAD")).rejects.toThrow("the repository has no commits yet");
  });

  it("fails clearly outside a repository", async () => {
    const { tempDir } = await import("../helpers.js");
    await expect(openRepository(tempDir())).rejects.toThrow(/is not inside a git repository/);
  });

  it("reads commit details", async () => {
    const repo = makeRepo({ "a.yaml": configMap("a") });
    const sha = commit(repo, { "b.yaml": configMap("b") }, "add b\n\nwith a body");
    expect(await readCommitInfo(await openRepository(repo), sha)).toEqual({
      sha,
      author: { name: "Dev", email: "dev@example.com" },
      date: expect.stringMatching(/^2026-01-01T00:00:\d\dZ$/),
      message: "add b\n\nwith a body",
    });
  });
});

describe("reading the manifest tree at a revision", () => {
  async function list(dir: string, rev: string, selection: { path?: string; include?: string[]; exclude?: string[] } = {}, trees = new TreeCache()) {
    const repo = await openRepository(dir);
    return listManifestTree(repo, await resolveRevision(repo, rev), { path: selection.path ?? "", include: selection.include ?? [], exclude: selection.exclude ?? [] }, trees);
  }

  it("lists exactly the files and blob ids git has, at any revision, without checking out", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`apps/team-${i % 4}/svc-${i}.yaml`] = configMap(`svc-${i}`);
    files["README.md"] = "# not a manifest";
    const repo = makeRepo(files);
    commit(repo, { "apps/team-1/svc-1.yaml": null, "apps/team-2/new.json": JSON.stringify({ kind: "x" }) });
    for (const rev of ["HEAD", "HEAD~1"]) {
      const listing = await list(repo, rev);
      const expected = git(repo, "ls-tree", "-r", rev)
        .split("\n")
        .map((line) => line.split(/\s+/))
        .filter(([, , , path]) => /\.(ya?ml|json)$/.test(path))
        .map(([, , oid, path]) => [path, oid]);
      expect(listing.files.map((f) => [f.display, f.blobId]), rev).toEqual(expected);
      expect(listing.findings).toEqual([]);
      expect(listing.commit).toMatchObject({ sha: git(repo, "rev-parse", rev), author: { name: "Dev" }, message: rev === "HEAD" ? "change" : "first" });
    }
  });

  it("applies the manifests path and include/exclude globs", async () => {
    const repo = makeRepo({
      "deploy/base/a.yaml": configMap("a"),
      "deploy/base/b.yml": configMap("b"),
      "deploy/overlays/dev/c.yaml": configMap("c"),
      "deploy/ci/pipeline.yaml": "steps: []\n",
      "other/d.yaml": configMap("d"),
    });
    expect((await list(repo, "HEAD", { path: "deploy" })).files.map((f) => f.display)).toEqual([
      "deploy/base/a.yaml",
      "deploy/base/b.yml",
      "deploy/ci/pipeline.yaml",
      "deploy/overlays/dev/c.yaml",
    ]);
    expect((await list(repo, "HEAD", { path: "./deploy/", exclude: ["ci/**"], include: ["**/*.yaml"] })).files.map((f) => f.display)).toEqual([
      "deploy/base/a.yaml",
      "deploy/overlays/dev/c.yaml",
    ]);
    await expect(list(repo, "HEAD", { path: "nowhere" })).rejects.toThrow(/nowhere does not exist at commit/);
    await expect(list(repo, "HEAD", { path: "../outside" })).rejects.toThrow(/must stay inside the repository/);
  });

  it("follows symbolic links that stay inside the manifests path, and refuses the others", async () => {
    const repo = makeRepo({
      "m/real/a.yaml": configMap("a"),
      "m/link-to-file.yaml": { symlink: "real/a.yaml" },
      "m/link-to-dir": { symlink: "real" },
      "m/chain.yaml": { symlink: "link-to-file.yaml" },
      "m/escape.yaml": { symlink: "../secrets/s.yaml" },
      "m/absolute.yaml": { symlink: "/etc/passwd" },
      "m/broken.yaml": { symlink: "missing.yaml" },
      "m/loop-a.yaml": { symlink: "loop-b.yaml" },
      "m/loop-b.yaml": { symlink: "loop-a.yaml" },
      "secrets/s.yaml": configMap("s"),
    });
    const listing = await list(repo, "HEAD", { path: "m" });
    const blob = git(repo, "rev-parse", "HEAD:m/real/a.yaml");
    expect(listing.files.map((f) => [f.display, f.blobId])).toEqual([
      ["m/chain.yaml", blob],
      ["m/link-to-dir/a.yaml", blob],
      ["m/link-to-file.yaml", blob],
      ["m/real/a.yaml", blob],
    ]);
    expect(listing.findings.map((f) => [f.file, f.rule, f.severity])).toEqual([
      ["m/absolute.yaml", "input/symlink", "error"],
      ["m/broken.yaml", "input/symlink", "error"],
      ["m/escape.yaml", "input/symlink", "error"],
      ["m/loop-a.yaml", "input/symlink", "error"],
      ["m/loop-b.yaml", "input/symlink", "error"],
    ]);
    expect(listing.findings[2].message).toBe("m/escape.yaml is a symbolic link to ../secrets/s.yaml, outside the manifests folder; it was not read");
    expect(listing.findings[3].message).toBe("m/loop-a.yaml is a symbolic link that leads through more than 40 links (a cycle?); it was not read");
  });

  it("reports submodules and skips them, and skips hidden folders and Helm charts", async () => {
    const other = makeRepo({ "x.yaml": configMap("x") });
    const repo = makeRepo({ "m/a.yaml": configMap("a"), "m/.hidden/h.yaml": configMap("h"), "m/chart/Chart.yaml": "name: c\n", "m/chart/templates/t.yaml": "{{ x }}\n" });
    git(repo, "submodule", "add", "-q", other, "m/vendor");
    git(repo, "commit", "-q", "-m", "add submodule");
    const listing = await list(repo, "HEAD", { path: "m" });
    expect(listing.files.map((f) => f.display)).toEqual(["m/a.yaml"]);
    expect(listing.findings.map((f) => [f.file, f.rule])).toEqual([
      ["m/chart/Chart.yaml", "manifest/helm-chart"],
      ["m/vendor", "input/submodule"],
    ]);
  });

  it("re-reads only the trees on the path of a change", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`m/ns-${i % 5}/group-${i % 2}/app-${i}.yaml`] = configMap(`app-${i}`);
    const repo = makeRepo(files);
    const trees = new TreeCache();
    await list(repo, "HEAD", {}, trees);
    const firstRead = trees.misses;
    expect(firstRead).toBe(1 + 1 + 5 + 10);
    commit(repo, { "m/ns-3/group-1/app-3.yaml": configMap("app-3", "data: {changed: 'yes'}\n") });
    const listing = await list(repo, "HEAD", {}, trees);
    // The root, m, m/ns-3 and m/ns-3/group-1 changed; every other tree comes from the cache.
    expect(trees.misses - firstRead).toBe(4);
    expect(listing.files).toHaveLength(40);
  });
});

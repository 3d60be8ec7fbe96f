import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEPLOYMENT, runCli, tempDir } from "../helpers.js";
import { commit, git, makeRepo } from "../git/git-fixture.js";

const BROKEN = DEPLOYMENT.replace("replicas: 2", "replica: 2");

describe("drydock validate in a git repository", () => {
  it("validates HEAD by default, an older revision with --ref, and uncommitted edits with --ref WORKTREE", () => {
    const repo = makeRepo({ "drydock.yaml": "source:\n  path: manifests\n", "manifests/web.yaml": DEPLOYMENT });
    const good = git(repo, "rev-parse", "HEAD");
    const bad = commit(repo, { "manifests/web.yaml": BROKEN }, "typo");

    const head = runCli(["validate", "--no-policies"], { cwd: join(repo, "manifests") });
    expect(head.status).toBe(1);
    expect(head.stdout).toContain(`manifests/web.yaml:9:3: error [schema/unknown-field] unknown field "spec.replica"`);
    expect(head.stdout.trim().split("\n").pop()).toBe(`✖ 1 error, 0 warnings (1 resource in 1 file at ${bad.slice(0, 7)})`);

    const older = runCli(["validate", "--no-policies", "--repo", repo, "--ref", "HEAD~1", "-o", "json"], { cwd: tempDir() });
    expect(older.status).toBe(0);
    const json = JSON.parse(older.stdout);
    expect(json.summary).toEqual({ files: 1, resources: 1, errors: 0, warnings: 0, infos: 0, skipped: 0, exempted: 0, revision: good });
    expect(json.commit).toEqual({ sha: good, author: { name: "Dev", email: "dev@example.com" }, date: expect.stringMatching(/^2026-01-01T/), message: "first" });

    writeFileSync(join(repo, "manifests/web.yaml"), DEPLOYMENT);
    const worktree = runCli(["validate", "--no-policies", "--ref", "WORKTREE"], { cwd: repo });
    expect(worktree.status).toBe(0);
    expect(worktree.stdout).toBe(`✔ 0 errors, 0 warnings (1 resource in 1 file at ${bad.slice(0, 7)}-dirty)\n`);
  });

  it("takes --path, and keeps its state beside drydock.yaml or where --state or DRYDOCK_STATE say", () => {
    const repo = makeRepo({ "a/web.yaml": DEPLOYMENT, "b/web.yaml": BROKEN, "c/drydock.yaml": "validation: {strict: false}\n", "c/web.yaml": BROKEN });
    expect(runCli(["validate", "--no-policies", "--path", "a"], { cwd: repo }).status).toBe(0);
    expect(runCli(["validate", "--no-policies", "--path", "b"], { cwd: repo }).status).toBe(1);
    expect(existsSync(join(repo, ".drydock/cache/validate-results.json"))).toBe(true);
    // c's own drydock.yaml relaxes strictness, and its state lives beside it.
    expect(runCli(["validate", "--no-policies", "--path", "c"], { cwd: repo }).status).toBe(0);
    expect(existsSync(join(repo, "c/.drydock/cache/validate-results.json"))).toBe(true);
    expect(git(repo, "status", "--porcelain")).toBe("");
    const state = tempDir();
    runCli(["validate", "--no-policies", "--state", join(state, "s1")], { cwd: repo });
    runCli(["validate", "--no-policies"], { cwd: repo, env: { DRYDOCK_STATE: join(state, "s2") } });
    expect(existsSync(join(state, "s1/cache/git-trees.json"))).toBe(true);
    expect(existsSync(join(state, "s2/cache/git-trees.json"))).toBe(true);
  });

  it("reports an invalid drydock.yaml with file, line and column before anything else", () => {
    const repo = makeRepo({ "drydock.yaml": "source:\n  pathh: m\n", "web.yaml": BROKEN });
    const result = runCli(["validate", "--no-policies"], { cwd: repo });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('drydock.yaml:2:3: error [schema/unknown-field] unknown field "source.pathh"');
    expect(result.stdout).toContain('hint: did you mean "path"?');
    expect(result.stdout).not.toContain("web.yaml");
  });

  it("exits 2 with one sentence for revisions, repositories and state it cannot use", () => {
    const repo = makeRepo({ "web.yaml": DEPLOYMENT });
    expect(runCli(["validate", "--no-policies", "--ref", "mian"], { cwd: repo })).toMatchObject({
      status: 2,
      stdout: "",
      stderr: 'drydock: revision "mian" not found; did you mean "main"? (branches: main)\n',
    });
    const notRepo = tempDir();
    expect(runCli(["validate", "--no-policies", "--ref", "HEAD"], { cwd: notRepo }).stderr).toBe(`drydock: ${notRepo} is not inside a git repository\n`);
    expect(runCli(["validate", "--no-policies", "--ref", "HEAD", "web.yaml"], { cwd: repo })).toMatchObject({ status: 2 });
    runCli(["validate", "--no-policies"], { cwd: repo });
    const state = join(repo, ".drydock/cache/validate-results.json");
    writeFileSync(state, "[]");
    const corrupt = runCli(["validate", "--no-policies"], { cwd: repo });
    expect(corrupt.status).toBe(2);
    expect(corrupt.stderr).toBe(`drydock: state file ${state} is not a drydock state file (it names no format; expected "drydock/validate-results@1"); delete it to start afresh\n`);
    writeFileSync(state, JSON.stringify({ format: "drydock/validate-results@1", data: { entries: 3 } }));
    expect(runCli(["validate", "--no-policies"], { cwd: repo })).toMatchObject({ status: 2, stderr: `drydock: state file ${state} does not hold what format "drydock/validate-results@1" describes; delete it to start afresh\n` });
  });

  it("validates folders as before outside a repository, and paths given inside one", () => {
    const plain = tempDir({ "web.yaml": BROKEN });
    expect(runCli(["validate", "--no-policies"], { cwd: plain }).stdout).toContain("web.yaml:9:3");
    const repo = makeRepo({ "web.yaml": DEPLOYMENT });
    mkdirSync(join(repo, "scratch"));
    writeFileSync(join(repo, "scratch/draft.yaml"), BROKEN);
    // A path reads the files on disk, committed or not.
    expect(runCli(["validate", "--no-policies", "scratch"], { cwd: repo }).status).toBe(1);
    expect(runCli(["validate", "--no-policies"], { cwd: repo }).status).toBe(0);
  });
});

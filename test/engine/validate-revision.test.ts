import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateRevision, type RevisionRequest } from "../../src/engine/validate-revision.js";
import { RevisionCaches } from "../../src/engine/revision-caches.js";
import { GitSourceError } from "../../src/git/git-repository.js";
import { StateFileError } from "../../src/state/state-files.js";
import { DEPLOYMENT } from "../helpers.js";
import { commit, configMap, git, makeRepo } from "../git/git-fixture.js";

function request(repo: string, extra: Partial<RevisionRequest> = {}): RevisionRequest {
  return { repo, ref: "HEAD", stateDir: (root) => join(root, ".drydock"), overrides: {}, parallelism: 0, drydockVersion: "test", policy: { enabled: false, exemptions: true }, ...extra };
}

const brief = (r: Awaited<ReturnType<typeof validateRevision>>) => r.report.findings.map((f) => `${f.file}:${f.line ?? "-"}:${f.column ?? "-"} ${f.rule}`);

describe("drydock.yaml", () => {
  it("is validated like a manifest, and an invalid one stops the run", async () => {
    const repo = makeRepo({
      "drydock.yaml": "source:\n  path: manifests\n  includes: ['**/*.yaml']\nvalidation:\n  strict: maybe\n",
      "manifests/web.yaml": DEPLOYMENT.replace("replicas: 2", "replica: 2"),
    });
    const result = await validateRevision(request(repo));
    expect(brief(result)).toEqual(["drydock.yaml:3:3 schema/unknown-field", "drydock.yaml:5:11 schema/type"]);
    expect(result.report.findings[0].hint).toBe('did you mean "include"?');
    expect(result.report.summary).toMatchObject({ errors: 2, resources: 0 });
  });

  it("chooses the manifests and the validation defaults", async () => {
    const repo = makeRepo({
      "drydock.yaml": "source:\n  path: deploy\n  exclude: ['legacy/**']\nvalidation:\n  strict: false\n  kubeVersion: '1.20'\n",
      "deploy/web.yaml": DEPLOYMENT.replace("replicas: 2", "replica: 2"),
      "deploy/legacy/old.yaml": "not: [valid\n",
      "elsewhere/x.yaml": "broken: [\n",
    });
    const result = await validateRevision(request(repo));
    expect(result.report.findings).toEqual([]);
    expect(result.report.summary).toMatchObject({ files: 1, resources: 1 });
    // Options given on the command line win over the file.
    const strict = await validateRevision(request(repo, { overrides: { strict: true } }));
    expect(brief(strict)).toEqual(["deploy/web.yaml:9:3 schema/unknown-field"]);
    // --path wins over source.path.
    const elsewhere = await validateRevision(request(repo, { path: "elsewhere" }));
    expect(brief(elsewhere)).toEqual(["elsewhere:-:- input/empty", "elsewhere/x.yaml:2:1 yaml/syntax"]);
    expect(elsewhere.report.findings[0].message).toMatch(/^no Kubernetes resources found in elsewhere at [0-9a-f]{7} \(1 file read\)$/);
  });

  it("comes from the revision being validated", async () => {
    const repo = makeRepo({ "drydock.yaml": "validation:\n  strict: false\n", "web.yaml": DEPLOYMENT.replace("replicas: 2", "replica: 2") });
    commit(repo, { "drydock.yaml": "validation:\n  strict: true\n" });
    expect((await validateRevision(request(repo))).report.summary.errors).toBe(1);
    expect((await validateRevision(request(repo, { ref: "HEAD~1" }))).report.summary.errors).toBe(0);
  });

  it("is also found at the manifests path", async () => {
    const repo = makeRepo({ "apps/drydock.yaml": "validation:\n  skipUnknown: true\n", "apps/w.yaml": "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n" });
    expect((await validateRevision(request(repo, { path: "apps" }))).report.summary).toMatchObject({ errors: 0, skipped: 1 });
  });
});

describe("validating a revision", () => {
  it("reports the revision, old revisions, and the working tree", async () => {
    const repo = makeRepo({ "m/web.yaml": DEPLOYMENT });
    const broken = commit(repo, { "m/web.yaml": DEPLOYMENT.replace("replicas: 2", "replica: 2") });
    expect((await validateRevision(request(repo))).report.summary).toMatchObject({ errors: 1, revision: broken });
    expect((await validateRevision(request(repo, { ref: "HEAD~1" }))).report.summary).toMatchObject({ errors: 0, revision: git(repo, "rev-parse", "HEAD~1") });
    writeFileSync(join(repo, "m/web.yaml"), DEPLOYMENT);
    expect((await validateRevision(request(repo, { ref: "WORKTREE" }))).report.summary).toMatchObject({ errors: 0, revision: `${broken}-dirty` });
  });

  it("validates only the files a commit changed, with results cached by blob id between runs", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`m/ns-${i % 3}/app-${i}.yaml`] = configMap(`app-${i}`);
    const repo = makeRepo(files);
    const first = await validateRevision(request(repo));
    expect(first.stats).toMatchObject({ filesValidated: 30, filesFromCache: 0 });

    commit(repo, { "m/ns-1/app-1.yaml": configMap("app-1", "data: {v: yes}\n") });
    const second = await validateRevision(request(repo));
    // Only the root, m and m/ns-1 changed.
    expect(second.stats).toMatchObject({ filesValidated: 1, filesFromCache: 29, treesRead: 3 });
    const changed = ["m/ns-1/app-1.yaml:5 schema/type", "m/ns-1/app-1.yaml:5 yaml/ambiguous-scalar"];
    expect(second.report.findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual(changed);

    // Cached findings keep their positions, and a blob that appears under a new name gets that name.
    commit(repo, { "m/copy.yaml": configMap("app-1", "data: {v: yes}\n").replace("app-1", "copy") }, "unrelated");
    git(repo, "mv", "m/ns-1/app-1.yaml", "m/moved.yaml");
    commit(repo, {}, "move");
    const third = await validateRevision(request(repo));
    // The moved file keeps its blob, so only the new copy is validated.
    expect(third.stats).toMatchObject({ filesFromCache: 30, filesValidated: 1 });
    expect(third.report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`)).toEqual([
      "m/copy.yaml:5:11 schema/type",
      "m/copy.yaml:5:11 yaml/ambiguous-scalar",
      "m/moved.yaml:5:11 schema/type",
      "m/moved.yaml:5:11 yaml/ambiguous-scalar",
    ]);
  });

  it("keeps its caches in memory in a long-running process, saving them only when asked", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`m/ns-${i % 3}/app-${i}.yaml`] = configMap(`app-${i}`);
    const repo = makeRepo(files);
    const caches = new RevisionCaches();
    expect((await validateRevision(request(repo, { caches }))).stats).toMatchObject({ filesValidated: 12, treesRead: 5 });
    expect(existsSync(join(repo, ".drydock/cache"))).toBe(false);

    commit(repo, { "m/ns-2/app-2.yaml": configMap("app-2", "data: {v: '2'}\n") });
    expect((await validateRevision(request(repo, { caches }))).stats).toMatchObject({ filesValidated: 1, filesFromCache: 11, treesRead: 3 });
    caches.save();
    // A new process starts from what was saved.
    expect((await validateRevision(request(repo))).stats).toMatchObject({ filesValidated: 0, filesFromCache: 12, treesRead: 0 });
    // Other settings make other results: the cache is not used for them.
    expect((await validateRevision(request(repo, { caches, overrides: { strict: false } }))).stats).toMatchObject({ filesValidated: 12, filesFromCache: 0, treesRead: 0 });
  });

  it("stops with one sentence when the repository is missing an object", async () => {
    const repo = makeRepo({ "a.yaml": configMap("a"), "b.yaml": configMap("b") });
    const blob = git(repo, "rev-parse", "HEAD:b.yaml");
    rmSync(join(repo, ".git/objects", blob.slice(0, 2), blob.slice(2)));
    await expect(validateRevision(request(repo))).rejects.toThrow(new GitSourceError(`cannot read b.yaml (object ${blob.slice(0, 7)}) from the repository: Could not find ${blob}.`));
  });

  it("finds duplicates and CRD-described objects across cached and fresh files", async () => {
    const repo = makeRepo({ "a.yaml": configMap("same"), "crd.yaml": readFileSync(new URL("../../examples/shop/namespace.yaml", import.meta.url), "utf8") });
    await validateRevision(request(repo));
    commit(repo, { "b.yaml": configMap("same") });
    const result = await validateRevision(request(repo));
    // b.yaml has a.yaml's bytes, so the same blob id: its result is cached too.
    expect(result.stats.filesFromCache).toBe(3);
    expect(brief(result)).toEqual(["b.yaml:4:9 resource/duplicate"]);
    expect(result.report.findings[0].message).toBe("configmap/same -n default is defined more than once; it is also defined at a.yaml:4:9");
  });

  it("refuses a corrupt state file, naming it", async () => {
    const repo = makeRepo({ "a.yaml": configMap("a") });
    await validateRevision(request(repo));
    const file = join(repo, ".drydock/cache/validate-results.json");
    writeFileSync(file, "{ truncated");
    await expect(validateRevision(request(repo))).rejects.toThrow(new StateFileError(file, "is not valid JSON (a crash cannot cause this: writes are atomic)"));
    expect(readFileSync(join(repo, ".drydock/.gitignore"), "utf8")).toContain("*");
    expect(git(repo, "status", "--porcelain")).toBe("");
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateRepo } from "../../bench/generate-repo.js";
import { CORPUS, DEPLOYMENT, itWithCorpus, ROOT, runCli, tempDir, validatePaths } from "../helpers.js";

const BROKEN = DEPLOYMENT.replace("replicas: 2", "replica: 2");

describe("drydock validate, run as users run it", () => {
  it("exits 0 on a valid folder and prints a summary", () => {
    const dir = tempDir({ "apps/web.yaml": DEPLOYMENT });
    const result = runCli(["validate", "--no-policies", "apps"], { cwd: dir });
    expect(result).toMatchObject({ status: 0, stderr: "" });
    expect(result.stdout).toBe("✔ 0 errors, 0 warnings (1 resource in 1 file)\n");
  });

  it("exits 1 with compiler-style findings when there are errors", () => {
    const dir = tempDir({ "web.yaml": BROKEN });
    const result = runCli(["validate", "--no-policies"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('web.yaml:9:3: error [schema/unknown-field] unknown field "spec.replica"\n  9 |   replica: 2\n    |   ^^^^^^^\n  hint: did you mean "replicas"?\n');
    expect(result.stdout.trim().split("\n").pop()).toBe("✖ 1 error, 0 warnings (1 resource in 1 file)");
  });

  it("prints the same findings in every format", () => {
    const dir = tempDir({ "web.yaml": BROKEN });
    const json = JSON.parse(runCli(["validate", "--no-policies", "-o", "json", "."], { cwd: dir }).stdout);
    expect(json.findings.map((f: { rule: string; line: number }) => [f.rule, f.line])).toEqual([["schema/unknown-field", 9]]);
    const sarif = JSON.parse(runCli(["validate", "--no-policies", "-o", "sarif", "."], { cwd: dir }).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.region).toMatchObject({ startLine: 9, startColumn: 3 });
    const junit = runCli(["validate", "--no-policies", "-o", "junit", "."], { cwd: dir });
    expect(junit.status).toBe(1);
    expect(junit.stdout).toContain('<failure type="schema/unknown-field"');
    const github = runCli(["validate", "--no-policies", "-o", "github", "."], { cwd: dir });
    expect(github.stdout.split("\n")[0]).toBe(
      '::error file=web.yaml,line=9,col=3,endLine=9,endColumn=10,title=drydock schema/unknown-field::unknown field "spec.replica"%0Ahint: did you mean "replicas"?',
    );
  });

  it("fails on warnings only when asked", () => {
    const dir = tempDir({
      "pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: busybox}]\n  volumes:\n  - name: v\n    configMap: {name: c, defaultMode: 0644}\n",
    });
    expect(runCli(["validate", "--no-policies", "."], { cwd: dir }).status).toBe(0);
    expect(runCli(["validate", "--no-policies", "--fail-on-warning", "."], { cwd: dir }).status).toBe(1);
  });

  it("reads standard input for -", () => {
    const dir = tempDir();
    const ok = runCli(["validate", "--no-policies", "-"], { cwd: dir, input: DEPLOYMENT });
    expect(ok.status).toBe(0);
    const empty = runCli(["validate", "--no-policies", "-", "-o", "json"], { cwd: dir, input: "" });
    expect(empty.status).toBe(1);
    expect(JSON.parse(empty.stdout).findings[0]).toMatchObject({ rule: "input/empty", file: "<stdin>" });
  });

  it("exits 2 with one clear sentence for usage and infrastructure problems", () => {
    const dir = tempDir();
    expect(runCli(["validate", "--no-policies", "missing.yaml"], { cwd: dir })).toMatchObject({ status: 2, stdout: "", stderr: "drydock: no such file or directory: missing.yaml\n" });
    expect(runCli(["validate", "--no-policies", "--kube-version", "latest", "."], { cwd: dir })).toMatchObject({ status: 2 });
    expect(runCli(["validate", "--no-policies", "--kube-version", "latest", "."], { cwd: dir }).stderr).toContain('"latest" is not a Kubernetes version');
    expect(runCli(["validate", "--no-policies", "-o", "xml", "."], { cwd: dir }).status).toBe(2);
    expect(runCli(["validate", "--no-policies", "--bogus"], { cwd: dir }).stderr).toContain("unknown option '--bogus'");
    expect(runCli(["frobnicate"], { cwd: dir }).status).toBe(2);
  });

  it("answers --version and --help with exit 0", () => {
    const dir = tempDir();
    const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
    expect(runCli(["--version"], { cwd: dir })).toMatchObject({ status: 0, stdout: `${version}\n` });
    const help = runCli(["validate", "--no-policies", "--help"], { cwd: dir });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--kube-version <version>");
  });

  it("applies --max-file-size, --kube-version, --skip-unknown and --no-strict", () => {
    const dir = tempDir({
      "big.yaml": `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: "${"x".repeat(3000)}"\n`,
      "cron.yaml": "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\n",
      "w.yaml": "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n",
      "web.yaml": BROKEN,
    });
    const rules = (args: string[]) => JSON.parse(runCli(["validate", "--no-policies", "-o", "json", ...args, "."], { cwd: dir }).stdout).findings.map((f: { rule: string }) => f.rule);
    expect(rules([])).toEqual(["api/removed", "schema/missing", "schema/unknown-field"]);
    expect(rules(["--max-file-size", "2KiB", "--kube-version", "1.22", "--skip-unknown", "--no-strict"])).toEqual(["input/too-large", "api/deprecated", "schema/not-validated"]);
    // At 1.20, batch/v1beta1 was the CronJob API: drydock has no schema for it, which is not an error.
    expect(rules(["--kube-version", "1.20", "--skip-unknown", "--no-strict"])).toEqual(["schema/not-validated"]);
  });

  it("colours for terminals and when forced, never when NO_COLOR is set", () => {
    const dir = tempDir({ "web.yaml": BROKEN });
    expect(runCli(["validate", "--no-policies", "."], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: "1" } }).stdout).toContain("\u001b[31m");
    expect(runCli(["validate", "--no-policies", "."], { cwd: dir, env: { NO_COLOR: "1", FORCE_COLOR: "1" } }).stdout).not.toContain("\u001b[");
    expect(runCli(["validate", "--no-policies", "--no-color", "."], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: "1" } }).stdout).not.toContain("\u001b[");
  });

  it("gives identical output from worker threads and from one thread, run after run", () => {
    const dir = tempDir();
    generateRepo(join(dir, "repo"), 900);
    // Break some objects so the report is not empty.
    const broken = tempDir({ "x.yaml": BROKEN, "y.yaml": DEPLOYMENT.replace("namespace: shop", "namespace: shop\n  labels: {owner: me@x}") });
    const args = (workers: string) => ["validate", "-o", "json", "--workers", workers, join(dir, "repo"), broken];
    const single = runCli(args("0"), { cwd: dir });
    const threaded = runCli(args("1"), { cwd: dir });
    const again = runCli(args("1"), { cwd: dir });
    expect(single.status).toBe(1);
    expect(threaded.stdout).toBe(single.stdout);
    expect(again.stdout).toBe(single.stdout);
    expect(JSON.parse(single.stdout).summary).toMatchObject({ resources: 922, files: 303 });
  });

  itWithCorpus("reports what the engine reports: the built CLI's precompiled validators match compiling on demand", async () => {
    const fixtures = join(CORPUS, "yannh__kubeconform/fixtures");
    const engine = await validatePaths(fixtures, ["."]);
    const cli = JSON.parse(runCli(["validate", "--no-policies", "-o", "json", "."], { cwd: fixtures }).stdout);
    expect(cli.summary).toEqual(engine.summary);
    expect(cli.findings).toEqual(JSON.parse(JSON.stringify(engine.findings)));
    expect(engine.findings.length).toBeGreaterThan(40);
  });
});

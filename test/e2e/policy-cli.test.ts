import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "../helpers.js";
import { commit, git, makeRepo } from "../git/git-fixture.js";

// The manifests `drydock init` writes pass every default rule; tests start from them.
const NAMESPACE = readFileSync(join(ROOT, "templates/init/manifests/namespace.yaml"), "utf8");
const WEB = readFileSync(join(ROOT, "templates/init/manifests/web.yaml"), "utf8");
const LATEST = WEB.replace("nginxinc/nginx-unprivileged:1.27.3", "nginxinc/nginx-unprivileged:latest");
const IMAGE_LINE = WEB.split("\n").findIndex((l) => l.includes("image: nginxinc")) + 1;

const NO_LATEST = `import { definePolicy } from "drydock/policy";

export default definePolicy({
  id: "no-latest",
  description: "images are pinned",
  severity: "error",
  match: { kinds: ["Deployment"] },
  validate(resource, ctx) {
    resource.spec?.template.spec?.containers.forEach((c, i) => {
      if (c.image?.endsWith(":latest")) ctx.report(\`container \${c.name} uses latest\`, { path: \`/spec/template/spec/containers/\${i}/image\` });
    });
  },
});
`;

function json(args: string[], cwd: string): { status: number; report: any } {
  const result = runCli([...args, "-o", "json"], { cwd });
  return { status: result.status, report: JSON.parse(result.stdout) };
}

describe("policies in drydock validate", () => {
  it("reports built-in rules with file:line:col in every format, as warnings that fail only on request", () => {
    const dir = tempDir({ "namespace.yaml": NAMESPACE, "web.yaml": LATEST });
    const { status, report } = json(["validate", "."], dir);
    expect(status).toBe(0);
    expect(report.findings.map((f: any) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule}`)).toEqual([`web.yaml:${IMAGE_LINE}:18 warning policy/latest-tag`]);
    expect(report.findings[0]).toMatchObject({ pointer: "/spec/template/spec/containers/0/image", resource: "deployment.apps/web -n shop" });
    expect(runCli(["validate", "--fail-on-warning", "."], { cwd: dir }).status).toBe(1);

    const text = runCli(["validate", "."], { cwd: dir }).stdout;
    expect(text).toContain(`web.yaml:${IMAGE_LINE}:18: warning [policy/latest-tag]`);
    const sarif = JSON.parse(runCli(["validate", "-o", "sarif", "."], { cwd: dir }).stdout);
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: "policy/latest-tag", level: "warning" });
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.region).toMatchObject({ startLine: IMAGE_LINE, startColumn: 18 });
    expect(sarif.runs[0].tool.driver.rules.some((r: any) => r.id === "policy/latest-tag")).toBe(true);
    expect(runCli(["validate", "-o", "github", "."], { cwd: dir }).stdout).toContain(`::warning file=web.yaml,line=${IMAGE_LINE},col=18`);
    expect(runCli(["validate", "-o", "junit", "."], { cwd: dir }).stdout).toContain("policy/latest-tag");
    expect(json(["validate", "--no-policies", "."], dir).report.findings).toEqual([]);
  });

  it("counts and lists exemptions instead of dropping them, and --no-exemptions ignores them", () => {
    const exempt = LATEST.replace("  name: web\n  namespace: shop\n  labels:\n    app: web", '  name: web\n  namespace: shop\n  annotations:\n    drydock.dev/ignore: "latest-tag, no-such-rule"\n    drydock.dev/ignore-reason: "tracks upstream on purpose"\n  labels:\n    app: web');
    expect(exempt).not.toBe(LATEST);
    const dir = tempDir({ "namespace.yaml": NAMESPACE, "web.yaml": exempt });
    const { report } = json(["validate", "."], dir);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 1, exempted: 1 });
    expect(report.findings.map((f: any) => f.rule)).toEqual(["exemption/unknown-rule"]);
    expect(report.exemptions).toEqual([expect.objectContaining({ rule: "policy/latest-tag", reason: "tracks upstream on purpose", file: "web.yaml" })]);
    const text = runCli(["validate", "."], { cwd: dir }).stdout;
    expect(text).toContain("exempted by 1 annotation:");
    expect(text).toContain("(reason: tracks upstream on purpose)");
    expect(text.trim().split("\n").pop()).toBe("✔ 0 errors, 1 warning (5 resources in 2 files, 1 exempted)");
    const sarif = JSON.parse(runCli(["validate", "-o", "sarif", "."], { cwd: dir }).stdout);
    expect(sarif.runs[0].results.find((r: any) => r.ruleId === "policy/latest-tag").suppressions).toEqual([{ kind: "inSource", justification: "tracks upstream on purpose" }]);
    const strict = json(["validate", "--no-exemptions", "."], dir).report;
    expect(strict.summary.exempted).toBe(0);
    expect(strict.findings.map((f: any) => f.rule)).toContain("policy/latest-tag");
  });

  it("applies drydock.yaml's severities, strict mode and disabled rules in a repository", () => {
    const repo = makeRepo({ "namespace.yaml": NAMESPACE, "web.yaml": LATEST });
    expect(runCli(["validate"], { cwd: repo }).status).toBe(0);
    commit(repo, { "drydock.yaml": "policy:\n  strict: true\n" });
    expect(json(["validate"], repo).report.findings.map((f: any) => `${f.severity} ${f.rule}`)).toEqual(["error policy/latest-tag"]);
    commit(repo, { "drydock.yaml": "policy:\n  strict: true\n  severities:\n    policy/latest-tag: info\n" });
    expect(json(["validate"], repo)).toMatchObject({ status: 0, report: { findings: [{ severity: "info", rule: "policy/latest-tag" }] } });
    commit(repo, { "drydock.yaml": "policy:\n  disable: [latest-tag]\n" });
    expect(json(["validate"], repo).report.findings).toEqual([]);
    // Each revision is judged by its own drydock.yaml.
    expect(json(["validate", "--ref", "HEAD~1"], repo).report.findings.map((f: any) => f.severity)).toEqual(["info"]);
  });

  it("runs the repository's TypeScript policies at the revision, and reports type errors in the policy file", () => {
    const repo = makeRepo({ "namespace.yaml": NAMESPACE, "web.yaml": LATEST, "policies/no-latest.ts": NO_LATEST });
    const { status, report } = json(["validate"], repo);
    expect(status).toBe(1);
    const own = report.findings.find((f: any) => f.rule === "policy/no-latest");
    expect(own).toMatchObject({ severity: "error", file: "web.yaml", line: IMAGE_LINE, column: 18, message: "container web uses latest" });

    commit(repo, { "policies/no-latest.ts": NO_LATEST.replace("c.image?.endsWith", "c.imagee?.endsWith") });
    const broken = json(["validate"], repo).report.findings.filter((f: any) => f.file.startsWith("policies/"));
    expect(broken).toEqual([expect.objectContaining({ rule: "policy-file/type-error", file: "policies/no-latest.ts", line: 10 })]);
    expect(broken[0].message).toContain("Property 'imagee' does not exist");
    // The older revision's policy still runs when that revision is validated.
    expect(json(["validate", "--ref", "HEAD~1"], repo).report.findings.map((f: any) => f.rule)).toContain("policy/no-latest");
    expect(git(repo, "status", "--porcelain")).toBe("");
  });
});

describe("drydock policy", () => {
  it("lists every built-in rule with its severity, and the repository's policies", () => {
    const repo = makeRepo({ "drydock.yaml": "policy:\n  disable: [host-path]\n", "policies/no-latest.ts": NO_LATEST });
    const list = runCli(["policy", "list"], { cwd: repo });
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^policy\/latest-tag +warning +images /m);
    expect(list.stdout).toMatch(/^policy\/host-path +off /m);
    expect(list.stdout).toMatch(/^policy\/no-latest +error +custom \(policies\/no-latest\.ts\) +images are pinned$/m);
    const rules = JSON.parse(runCli(["policy", "list", "-o", "json"], { cwd: repo }).stdout).rules;
    expect(rules.find((r: any) => r.rule === "policy/dangling-service")).toMatchObject({ severity: "error", category: "references", enabled: true });
  });
});

describe("drydock init and drydock policy test", () => {
  it("creates a repository whose manifests pass every default rule and whose example policy tests pass", () => {
    const parent = tempDir();
    const init = runCli(["init", "shop"], { cwd: parent, env: { GIT_AUTHOR_NAME: "Ada", GIT_AUTHOR_EMAIL: "ada@example.com" } });
    expect(init.status).toBe(0);
    const repo = join(parent, "shop");
    expect(init.stdout).toContain("policies/require-team-label.ts");
    expect(git(repo, "log", "--format=%an <%ae>|%s")).toBe("Ada <ada@example.com>|drydock init: configuration, example manifests and policy");
    expect(git(repo, "status", "--porcelain")).toBe("");
    expect(readFileSync(join(repo, ".gitignore"), "utf8")).toContain(".drydock/");

    const validate = runCli(["validate"], { cwd: repo });
    expect(validate.stdout).toMatch(/^✔ 0 errors, 0 warnings \(5 resources in 2 files at [0-9a-f]{7}\)\n$/);
    const tests = runCli(["policy", "test"], { cwd: repo });
    expect(tests).toMatchObject({ status: 0 });
    expect(tests.stdout).toContain("policies/require-team-label.test.yaml\n  ✔ a labelled ConfigMap passes\n  ✔ an unlabelled ConfigMap fails\n");
    expect(tests.stdout.trim().split("\n").pop()).toBe("✔ 2 passed, 0 failed");

    // A case that expects the wrong outcome fails, says why, and fails the command.
    const file = join(repo, "policies/require-team-label.test.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("pass: [require-team-label]", "fail: [require-team-label, latest-tag]"));
    const failing = runCli(["policy", "test"], { cwd: repo });
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain("✖ a labelled ConfigMap passes (line 4)\n      expected require-team-label to fail, and it passed\n      expected latest-tag to fail, and it passed\n");

    expect(runCli(["init", "shop"], { cwd: parent })).toMatchObject({ status: 2, stderr: expect.stringContaining("is already a git repository") });
  });
});

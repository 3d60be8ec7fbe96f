// Loading TypeScript policies: type errors at exact positions, the typing of `resource` by kind,
// imports, and the checks of the definition each policy exports.
import { beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/findings/finding.js";
import { loadPolicies, type LoadPoliciesResult } from "../../src/policy/custom/load-policies.js";
import type { PolicyResource } from "../../src/policy/policy-resource.js";

const HEADER = `import { definePolicy } from "drydock/policy";\n`;

/** A policy file whose validate body is `body`, with the given definition fields. */
function policyFile(id: string, fields: string, body: string): string {
  return `${HEADER}export default definePolicy({
  id: "${id}",
  description: "test",
  severity: "warning",
  ${fields}
  validate(resource, ctx) {
    ${body}
  },
});
`;
}

const FILES: Record<string, string> = {
  // Line 9, column 38: `imagePullPolicyy`.
  "typo.ts": `${HEADER}import type { Deployment } from "kubernetes-types/apps/v1";
export default definePolicy({
  id: "typo",
  description: "misspells a field",
  severity: "error",
  match: { kinds: ["Deployment"] },
  validate(resource, ctx) {
    const policy = resource.spec!.template.spec!.containers[0].imagePullPolicyy;
    const typed: Deployment = resource;
    if (policy === "Always" && typed) ctx.report("always");
  },
});
`,
  "typed-imports.ts": `${HEADER}import type { Deployment } from "kubernetes-types/apps/v1.js";
import type { Container } from "kubernetes-types/core/v1";
import type { KubernetesObject } from "drydock/policy";
const containersOf = (d: Deployment): Container[] => d.spec?.template.spec?.containers ?? [];
export default definePolicy({
  id: "typed-imports",
  description: "imports types both ways",
  severity: "info",
  match: { kinds: ["apps/v1/Deployment"] },
  validate(resource, ctx) {
    const all: readonly KubernetesObject[] = ctx.resources;
    ctx.report(\`\${containersOf(resource).length} of \${all.length}\`);
  },
});
`,
  "hpa-union.ts": policyFile("hpa-union", `match: { kinds: ["HorizontalPodAutoscaler"] },`, `const metrics = resource.spec?.metrics;`),
  "hpa-narrowed.ts": policyFile(
    "hpa-narrowed",
    `match: { kinds: ["HorizontalPodAutoscaler"] },`,
    `if (resource.apiVersion === "autoscaling/v2") ctx.report(String(resource.spec?.metrics?.length));`,
  ),
  "custom-kind.ts": policyFile("custom-kind", `match: { kinds: ["Certificate", "Deployment"] },`, `const replicas: number = resource.spec.replicas;`),
  "no-kinds.ts": policyFile("no-kinds", "", `const spec = resource.spec; const n: string = resource.metadata.name ?? ""; ctx.report(n + typeof spec);`),
  "forbidden-import.ts": `${HEADER}import { readFileSync } from "node:fs";
export default definePolicy({ id: "reads-files", description: "x", severity: "info", validate() { readFileSync("/etc/passwd"); } });
`,
  "runtime-require.ts": `${HEADER}declare const require: (name: string) => unknown;
const load = require;
export default definePolicy({ id: "sneaky-require", description: "x", severity: "info", validate() { load("child_process"); } });
`,
  "no-default.ts": `${HEADER}export const policy = definePolicy({ id: "no-default", description: "x", severity: "info", validate() {} });\n`,
  "default-number.ts": `export default 42;\n`,
  "bad-fields.ts": `${HEADER}export default definePolicy({
  id: "Bad_Id",
  description: 7 as unknown as string,
  severity: "fatal" as "error",
  validate: "nope" as unknown as () => void,
});
`,
  "missing-id.ts": `${HEADER}export default definePolicy({ description: "x", severity: "info", validate() {} } as unknown as Parameters<typeof definePolicy>[0]);\n`,
  "async-validate.ts": policyFile("async-validate", "", `await Promise.resolve();`).replace("validate(resource, ctx)", "async validate(resource, ctx)"),
  "bad-match.ts": policyFile(
    "bad-match",
    `match: { kinds: "Deployment", labelSelector: { matchExpressions: [{ key: "a", operator: "Near" }] } } as never,`,
    "",
  ),
  "dup-a.ts": policyFile("twice", "", ""),
  "dup-b.ts": policyFile("twice", "", ""),
  "reserved.ts": policyFile("latest-tag", "", ""),
  "throws-at-load.ts": `${HEADER}const table: Record<string, string> = JSON.parse("{");
export default definePolicy({ id: "throws-at-load", description: "x", severity: "info", validate() { void table; } });
`,
  "loops-at-load.ts": `${HEADER}while (Date.now() > 0) {}
export default definePolicy({ id: "loops-at-load", description: "x", severity: "info", validate() {} });
`,
};

let result: LoadPoliciesResult;

beforeAll(async () => {
  result = await loadPolicies(
    Object.entries(FILES).map(([name, text]) => ({ path: `policies/${name}`, text })),
    { drydockVersion: "test", reservedIds: new Set(["latest-tag"]), timeoutMs: 200 },
  );
});

function findingsOf(name: string): Finding[] {
  return result.findings.filter((f) => f.file === `policies/${name}`);
}

function loadedIds(): string[] {
  return result.policies.map((p) => p.id).sort();
}

function deployment(name: string): PolicyResource {
  return {
    key: { group: "apps", version: "v1", kind: "Deployment", namespace: "shop", name },
    apiVersion: "apps/v1",
    display: `deployment.apps/${name} -n shop`,
    object: { apiVersion: "apps/v1", kind: "Deployment", metadata: { name }, spec: { template: { spec: { containers: [{ name: "a", image: "a:1" }] } } } },
  };
}

describe("loading TypeScript policies", () => {
  it("type-checks all files in one project, identical ones once", () => {
    expect(result.stats).toEqual({ files: 19, typeChecked: 18 });
  });

  it("reports a type error at its exact line and column, and the policy does not run", () => {
    expect(findingsOf("typo.ts")).toEqual([
      {
        severity: "error",
        rule: "policy-file/type-error",
        message: "Property 'imagePullPolicyy' does not exist on type 'Container'. Did you mean 'imagePullPolicy'?",
        file: "policies/typo.ts",
        line: 9,
        column: 64,
        endLine: 9,
        endColumn: 80,
        hint: "fix the type error; a policy that does not type-check does not run",
      },
    ]);
    expect(loadedIds()).not.toContain("typo");
  });

  it("resolves kubernetes-types with and without .js and types resource from apiVersion/Kind", () => {
    expect(findingsOf("typed-imports.ts")).toEqual([]);
    const policy = result.policies.find((p) => p.id === "typed-imports")!;
    const all = [deployment("a"), deployment("b")];
    expect(policy.run([all[0]], { all, timeoutMs: 1000, options: {} }).violations).toEqual([{ target: 0, message: "1 of 2", pointer: "" }]);
  });

  it("types a kind served in two versions as their union, which the policy narrows by apiVersion", () => {
    const [error] = findingsOf("hpa-union.ts");
    expect(error.message).toContain("Property 'metrics' does not exist on type 'HorizontalPodAutoscalerSpec'");
    expect(findingsOf("hpa-narrowed.ts")).toEqual([]);
  });

  it("types unknown kinds, and policies without kinds, as KubernetesObject", () => {
    expect(findingsOf("custom-kind.ts").map((f) => f.message)).toEqual(["'resource.spec' is of type 'unknown'."]);
    expect(findingsOf("no-kinds.ts")).toEqual([]);
  });

  it("refuses imports of anything but drydock/policy and kubernetes-types, at the import", () => {
    expect(findingsOf("forbidden-import.ts")).toEqual([
      {
        severity: "error",
        rule: "policy-file/invalid",
        message: "policies cannot import node:fs; they run isolated",
        file: "policies/forbidden-import.ts",
        line: 2,
        column: 30,
        hint: "only drydock/policy and type imports from kubernetes-types are available",
      },
    ]);
  });

  it("refuses modules required at run time too", () => {
    expect(findingsOf("runtime-require.ts")).toEqual([]);
    const policy = result.policies.find((p) => p.id === "sneaky-require")!;
    const run = policy.run([deployment("a")], { all: [deployment("a")], timeoutMs: 1000, options: {} });
    expect(run.findings.map((f) => [f.rule, f.message])).toEqual([["policy-file/invalid", "policies cannot import child_process; they run isolated"]]);
  });

  it("needs a default export that is a policy object", () => {
    expect(findingsOf("no-default.ts").map((f) => [f.rule, f.message])).toEqual([["policy-file/invalid", "the policy file has no default export"]]);
    expect(findingsOf("default-number.ts").map((f) => [f.rule, f.message, f.line, f.column])).toEqual([
      ["policy-file/invalid", "the default export must be a policy made with definePolicy({ … }), not a number", 1, 1],
    ]);
  });

  it("checks id, description, severity and validate, at the export default", () => {
    expect(findingsOf("bad-fields.ts").map((f) => [f.message, f.line, f.column])).toEqual([
      ['id "Bad_Id" must be lowercase letters, digits and dashes, like "no-latest-tag"', 2, 1],
      ["description must be a string, not a number", 2, 1],
      ['severity must be "error", "warning" or "info", not "fatal"', 2, 1],
      ["validate must be a function, not a string", 2, 1],
    ]);
    expect(findingsOf("missing-id.ts").map((f) => f.message)).toEqual(["the policy has no id"]);
  });

  it("refuses an async validate", () => {
    expect(findingsOf("async-validate.ts").map((f) => f.message)).toEqual(["validate must be synchronous; it is an async function"]);
  });

  it("checks match", () => {
    expect(findingsOf("bad-match.ts").map((f) => f.message)).toEqual([
      "match.kinds must be a list of kinds",
      'match.labelSelector.matchExpressions[0]: operator must be In, NotIn, Exists or DoesNotExist, not "Near"',
    ]);
  });

  it("refuses two files with one id, and the ids of built-in rules", () => {
    expect(findingsOf("dup-a.ts").map((f) => f.message)).toEqual(['policy id "twice" is also defined in policies/dup-b.ts; ids must be unique']);
    expect(findingsOf("dup-b.ts").map((f) => f.message)).toEqual(['policy id "twice" is also defined in policies/dup-a.ts; ids must be unique']);
    expect(findingsOf("reserved.ts").map((f) => f.message)).toEqual(['policy id "latest-tag" is taken by a built-in rule']);
    expect(loadedIds()).not.toContain("twice");
  });

  it("reports a module that throws or runs over the limit while loading", () => {
    expect(findingsOf("throws-at-load.ts").map((f) => [f.rule, f.message, f.line])).toEqual([
      ["policy-file/threw", expect.stringMatching(/^policy file threw while loading: SyntaxError: .*JSON/), 2],
    ]);
    expect(findingsOf("loops-at-load.ts").map((f) => [f.rule, f.message])).toEqual([
      ["policy-file/timeout", "policy file did not finish loading within 200 ms"],
    ]);
  });

  it("loads the valid ones", () => {
    expect(loadedIds()).toEqual(["hpa-narrowed", "no-kinds", "sneaky-require", "typed-imports"]);
    const policy = result.policies.find((p) => p.id === "typed-imports")!;
    expect({ ...policy }).toMatchObject({
      id: "typed-imports",
      description: "imports types both ways",
      severity: "info",
      match: { kinds: ["apps/v1/Deployment"] },
      file: "policies/typed-imports.ts",
      line: 6,
      column: 1,
    });
  });
});

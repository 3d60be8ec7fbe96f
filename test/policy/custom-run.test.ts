// TypeScript policies running in their sandboxes: reports, cross-resource rules, exceptions, the time
// limit (with the batch fallback), promises, and attempts to reach the host.
import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicies, type LoadedPolicy } from "../../src/policy/custom/load-policies.js";
import type { PolicyResource } from "../../src/policy/policy-resource.js";
import type { Finding } from "../../src/findings/finding.js";

function deployment(name: string, options: { namespace?: string; image?: string; labels?: Record<string, string> } = {}): PolicyResource {
  const namespace = options.namespace ?? "shop";
  return {
    key: { group: "apps", version: "v1", kind: "Deployment", namespace, name },
    apiVersion: "apps/v1",
    display: `deployment.apps/${name} -n ${namespace}`,
    source: { file: "manifests/app.yaml", documentIndex: 0, pointer: "" },
    object: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, namespace, labels: options.labels ?? { app: name } },
      spec: {
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "app", image: options.image ?? "nginx:1.27" }] } },
      },
    },
  };
}

function service(name: string, selector: Record<string, string>, namespace = "shop"): PolicyResource {
  return {
    key: { group: "", version: "v1", kind: "Service", namespace, name },
    apiVersion: "v1",
    display: `service/${name} -n ${namespace}`,
    source: { file: "manifests/app.yaml", documentIndex: 1, pointer: "" },
    object: { apiVersion: "v1", kind: "Service", metadata: { name, namespace }, spec: { selector, ports: [{ port: 80 }] } },
  };
}

const HEADER = `import { definePolicy } from "drydock/policy";\n`;

const SOURCES = {
  noLatest: `${HEADER}export default definePolicy({
  id: "no-latest",
  description: "images must be pinned",
  severity: "error",
  match: { kinds: ["Deployment"] },
  validate(resource, ctx) {
    for (const [i, c] of resource.spec!.template.spec!.containers.entries())
      if (c.image?.endsWith(":latest")) ctx.report(\`container \${c.name} uses latest\`, { path: \`/spec/template/spec/containers/\${i}/image\` });
  },
});
`,
  serviceSelects: `${HEADER}import type { Service } from "kubernetes-types/core/v1.js";
export default definePolicy({
  id: "service-selects-pods",
  description: "a Service selects the pods of some Deployment in its namespace",
  severity: "warning",
  match: { kinds: ["Service"] },
  validate(service, ctx) {
    const selector = service.spec?.selector ?? {};
    const selects = ctx.resources.some((r) => {
      if (r.kind !== "Deployment" || r.metadata.namespace !== service.metadata?.namespace) return false;
      const labels = (r.spec as { template?: { metadata?: { labels?: Record<string, string> } } }).template?.metadata?.labels ?? {};
      return Object.entries(selector).every(([k, v]) => labels[k] === v);
    });
    const typed: Service = service;
    if (!selects) ctx.report(\`\${typed.metadata?.name} selects no pods\`, { path: "/spec/selector" });
  },
});
`,
  throws: `${HEADER}export default definePolicy({
  id: "fragile",
  description: "throws on everything but web",
  severity: "warning",
  validate(resource) {
    const missing = (resource as { nothing?: { here: string } }).nothing;
    if (resource.metadata.name !== "web") missing!.here.toString();
  },
});
`,
  loops: `${HEADER}export default definePolicy({
  id: "spins",
  description: "never returns on db",
  severity: "warning",
  match: { kinds: ["Deployment"] },
  validate(resource, ctx) {
    if (resource.metadata?.name === "db") while (true) {}
    ctx.report("visited");
  },
});
`,
  options: `${HEADER}export default definePolicy({
  id: "registry",
  description: "images come from the allowed registry",
  severity: "error",
  match: { kinds: ["Deployment"] },
  validate(resource, ctx) {
    const registry = typeof ctx.options.registry === "string" ? ctx.options.registry : "registry.local";
    resource.spec?.template.spec?.containers.forEach((c, i) => {
      if (!c.image?.startsWith(registry + "/")) ctx.report(\`\${c.image} is not from \${registry}\`, { path: \`/spec/template/spec/containers/\${i}/image\` });
    });
  },
});
`,
  mutates: `${HEADER}export default definePolicy({
  id: "mutates",
  description: "tries to change the resource",
  severity: "info",
  validate(resource, ctx) {
    (resource.metadata as { name?: string }).name = "changed";
    ctx.report("changed it");
  },
});
`,
  escapes: `${HEADER}export default definePolicy({
  id: "escapes",
  description: "tries to reach the host",
  severity: "info",
  validate(resource, ctx) {
    const results: string[] = [];
    const attempt = (name: string, get: () => unknown) => {
      try {
        const value = get() as { env?: unknown } | undefined;
        results.push(\`\${name}=\${typeof value}/\${typeof value?.env}\`);
      } catch {
        results.push(\`\${name}=blocked\`);
      }
    };
    const any = (value: unknown) => value as { constructor: { constructor: (code: string) => () => unknown } };
    attempt("resource", () => any(resource).constructor.constructor("return process")());
    attempt("ctx", () => any(ctx).constructor.constructor("return process")());
    attempt("report", () => any(ctx.report).constructor.constructor("return process")());
    attempt("resources", () => any(ctx.resources).constructor.constructor("return process")());
    attempt("global", () => any(globalThis).constructor.constructor("return process")());
    attempt("error", () => {
      try {
        (null as unknown as { x: number }).x;
      } catch (e) {
        return any(e).constructor.constructor("return process")();
      }
    });
    attempt("process", () => (globalThis as { process?: unknown }).process);
    attempt("FinalizationRegistry", () => (globalThis as { FinalizationRegistry?: unknown }).FinalizationRegistry);
    (Object.prototype as { polluted?: string }).polluted = "yes";
    ctx.report(results.join(" "));
  },
});
`,
  hostile: `${HEADER}export default definePolicy({
  id: "hostile",
  description: "sets a trap for the time limit's error, then spins",
  severity: "info",
  validate() {
    try {
      Object.defineProperty(Error.prototype, "code", { set() { while (true) {} }, get: () => "trapped" });
    } catch {}
    while (true) {}
  },
});
`,
  slowEach: `${HEADER}export default definePolicy({
  id: "slow-each",
  description: "takes 2 ms per resource",
  severity: "info",
  validate(resource, ctx) {
    const until = Date.now() + 2;
    while (Date.now() < until) {}
    ctx.report("done " + resource.metadata.name);
  },
});
`,
  returnsPromise: `${HEADER}export default definePolicy({
  id: "promised",
  description: "returns a promise",
  severity: "info",
  validate(resource, ctx) {
    ctx.report("before the promise");
    return Promise.reject(new Error("nobody waits for this"));
  },
});
`,
  laterReport: `${HEADER}import type { PolicyContext } from "drydock/policy";
let saved: PolicyContext | undefined;
export default definePolicy({
  id: "late-report",
  description: "reports through an old ctx",
  severity: "info",
  validate(resource, ctx) {
    if (saved) saved.report("late");
    saved = ctx;
  },
});
`,
  badPath: `${HEADER}export default definePolicy({
  id: "bad-path",
  description: "reports a path that is not a JSON pointer",
  severity: "info",
  validate(resource, ctx) {
    ctx.report("x", { path: "spec.replicas" });
  },
});
`,
};

type Name = keyof typeof SOURCES;

let loaded: Map<string, LoadedPolicy>;
let loadFindings: Finding[];

beforeAll(async () => {
  const result = await loadPolicies(
    Object.entries(SOURCES).map(([name, text]) => ({ path: `policies/${name}.ts`, text })),
    { drydockVersion: "test" },
  );
  loadFindings = result.findings;
  loaded = new Map(result.policies.map((p) => [p.file.replace(/^policies\/|\.ts$/g, ""), p]));
});

function policy(name: Name): LoadedPolicy {
  const found = loaded.get(name);
  if (!found) throw new Error(`${name} did not load: ${JSON.stringify(loadFindings)}`);
  return found;
}

function run(name: Name, all: readonly PolicyResource[], options: { timeoutMs?: number; options?: Record<string, unknown> } = {}) {
  const p = policy(name);
  return p.run(all.filter((r) => p.appliesTo(r)), { all, timeoutMs: options.timeoutMs ?? 1000, options: options.options ?? {} });
}

describe("running TypeScript policies", () => {
  it("loads every policy of the suite", () => {
    expect(loadFindings).toEqual([]);
    expect(loaded.size).toBe(Object.keys(SOURCES).length);
  });

  it("reports at the JSON pointer the policy gives", () => {
    const all = [deployment("web", { image: "nginx:latest" }), deployment("db", { image: "postgres:16" }), service("web", { app: "web" })];
    expect(run("noLatest", all)).toEqual({
      violations: [{ target: 0, message: "container app uses latest", pointer: "/spec/template/spec/containers/0/image" }],
      findings: [],
    });
  });

  it("gives ctx.resources, the whole desired set, for cross-resource rules", () => {
    const all = [deployment("web"), service("web", { app: "web" }), service("orphan", { app: "gone" }), service("elsewhere", { app: "web" }, "other")];
    const result = run("serviceSelects", all);
    expect(result.findings).toEqual([]);
    expect(result.violations).toEqual([
      { target: 1, message: "orphan selects no pods", pointer: "/spec/selector" },
      { target: 2, message: "elsewhere selects no pods", pointer: "/spec/selector" },
    ]);
  });

  it("gives the policy its options from the configuration", () => {
    const all = [deployment("web", { image: "registry.local/web:1" }), deployment("db", { image: "docker.io/postgres:16" })];
    expect(run("options", all).violations.map((v) => v.target)).toEqual([1]);
    const configured = run("options", all, { options: { registry: "docker.io" } });
    expect(configured.violations).toEqual([{ target: 0, message: "registry.local/web:1 is not from docker.io", pointer: "/spec/template/spec/containers/0/image" }]);
  });

  it("reports a policy that throws once, naming the first resource and counting the others, and keeps going", () => {
    const all = [deployment("a"), deployment("web"), deployment("b"), deployment("c")];
    const result = run("throws", all);
    expect(result.violations).toEqual([]);
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding).toMatchObject({ rule: "policy-file/threw", severity: "error", file: "policies/throws.ts" });
    expect(finding.message).toBe(
      `policy "fragile" threw on deployment.apps/a -n shop: TypeError: Cannot read properties of undefined (reading 'here') (and on 2 more resources)`,
    );
    // The line of the throw in the .ts file, through the source map.
    expect({ line: finding.line, column: finding.column }).toEqual({ line: 8, column: 52 });
  });

  it("stops a policy that runs over the time limit, says what it skipped, and other policies still run", () => {
    const all = [deployment("web", { image: "nginx:latest" }), deployment("db"), deployment("cache"), deployment("queue")];
    const spun = run("loops", all, { timeoutMs: 200 });
    expect(spun.violations).toEqual([{ target: 0, message: "visited", pointer: "" }]);
    expect(spun.findings).toHaveLength(1);
    expect(spun.findings[0]).toMatchObject({ rule: "policy-file/timeout", file: "policies/loops.ts", severity: "error" });
    expect(spun.findings[0].message).toBe(
      `policy "spins" ran over the 200 ms time limit on deployment.apps/db -n shop and was stopped; it skipped 2 more resources`,
    );
    expect(run("noLatest", all, { timeoutMs: 200 }).violations).toHaveLength(1);
  });

  it("stops a policy that traps the time limit's error, without running the trap in the host", () => {
    const result = run("hostile", [deployment("web"), deployment("db")], { timeoutMs: 200 });
    expect(result.findings.map((f) => [f.rule, f.message])).toEqual([
      ["policy-file/timeout", 'policy "hostile" ran over the 200 ms time limit on deployment.apps/web -n shop and was stopped; it skipped 1 more resource'],
    ]);
  });

  it("gives each call the whole limit: many short calls that add up to more than it complete", () => {
    const all = Array.from({ length: 150 }, (_, i) => deployment(`d${i}`));
    const result = run("slowEach", all, { timeoutMs: 200 });
    expect(result.findings).toEqual([]);
    expect(result.violations.map((v) => v.target)).toEqual(all.map((_, i) => i));
    expect(result.violations[149].message).toBe("done d149");
  });

  it("refuses a validate that returns a promise, keeping nothing of that call", () => {
    const all = [deployment("web"), deployment("db")];
    const result = run("returnsPromise", all);
    expect(result.violations).toEqual([]);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ rule: "policy-file/invalid", file: "policies/returnsPromise.ts" });
    expect(result.findings[0].message).toContain("validate must be synchronous");
    expect(result.findings[0].message).toContain("skipped 1 more resource");
  });

  it("freezes the resources: a policy cannot change what other calls or policies see", () => {
    const all = [deployment("web")];
    const result = run("mutates", all);
    expect(result.violations).toEqual([]);
    expect(result.findings[0].message).toContain("Cannot assign to read only property 'name'");
    expect((all[0].object.metadata as { name: string }).name).toBe("web");
  });

  it("does not let ctx.report be used after its call returned", () => {
    const result = run("laterReport", [deployment("a"), deployment("b")]);
    expect(result.violations).toEqual([]);
    expect(result.findings[0].message).toContain("ctx.report was called after validate returned");
  });

  it("rejects a report path that is not a JSON pointer", () => {
    const result = run("badPath", [deployment("a")]);
    expect(result.findings[0].message).toContain('path must be a JSON pointer such as "/spec/replicas", got spec.replicas');
  });

  it("cannot reach the host's process through constructors, nor pollute the host's prototypes", () => {
    const result = run("escapes", [deployment("web")]);
    expect(result.findings).toEqual([]);
    const [report] = result.violations;
    expect(report.message).toBe(
      "resource=blocked ctx=blocked report=blocked resources=blocked global=blocked error=blocked process=undefined/undefined FinalizationRegistry=undefined/undefined",
    );
    expect(({} as { polluted?: string }).polluted).toBeUndefined();
  });

  it("runs each policy in a fresh context per run: module state does not carry over", () => {
    const first = run("laterReport", [deployment("a")]);
    const second = run("laterReport", [deployment("a")]);
    expect(first).toEqual({ violations: [], findings: [] });
    expect(second).toEqual({ violations: [], findings: [] });
  });

  it("validates targets that are not in the whole set too", () => {
    const p = policy("noLatest");
    const result = p.run([deployment("extra", { image: "x:latest" })], { all: [deployment("web")], timeoutMs: 1000, options: {} });
    expect(result.violations).toEqual([{ target: 0, message: "container app uses latest", pointer: "/spec/template/spec/containers/0/image" }]);
  });
});

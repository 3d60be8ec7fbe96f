// A policy is type-checked and transpiled once per content: later loads take it from memory, and a
// new process takes it from the persistent store.
import { describe, expect, it, vi } from "vitest";
import type { CompiledPolicy, PolicyCompileStore } from "../../src/policy/custom/compile-store.js";
import type { PolicyResource } from "../../src/policy/policy-resource.js";

class CountingStore implements PolicyCompileStore {
  readonly entries = new Map<string, CompiledPolicy>();
  gets = 0;
  sets = 0;

  get(key: string): CompiledPolicy | undefined {
    this.gets++;
    return this.entries.get(key);
  }

  set(key: string, value: CompiledPolicy): void {
    this.sets++;
    // As a state file would: only JSON survives.
    this.entries.set(key, JSON.parse(JSON.stringify(value)) as CompiledPolicy);
  }
}

const GOOD = {
  path: "policies/replicas.ts",
  text: `import { definePolicy } from "drydock/policy";
export default definePolicy({
  id: "two-replicas",
  description: "at least two replicas",
  severity: "warning",
  match: { kinds: ["Deployment"] },
  validate(resource, ctx) {
    if ((resource.spec?.replicas ?? 1) < 2) ctx.report("one replica", { path: "/spec/replicas" });
  },
});
`,
};

const BROKEN = {
  path: "policies/broken.ts",
  text: `import { definePolicy } from "drydock/policy";
export default definePolicy({
  id: "broken",
  description: "x",
  severity: "warning",
  match: { kinds: ["Deployment"] },
  validate(resource) {
    resource.spec!.replica = 3;
  },
});
`,
};

const deployment: PolicyResource = {
  key: { group: "apps", version: "v1", kind: "Deployment", namespace: "shop", name: "web" },
  apiVersion: "apps/v1",
  display: "deployment.apps/web -n shop",
  object: { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: 1 } },
};

/** load-policies as a new process would have it: nothing in memory. */
async function freshLoader() {
  vi.resetModules();
  return (await import("../../src/policy/custom/load-policies.js")).loadPolicies;
}

describe("the policy compile cache", () => {
  it("type-checks a file once per content and drydock version", async () => {
    const store = new CountingStore();
    const loadPolicies = await freshLoader();
    const first = await loadPolicies([GOOD, BROKEN], { drydockVersion: "1.0.0", store });
    expect(first.stats.typeChecked).toBe(2);
    expect(store.sets).toBe(2);
    expect(first.findings.map((f) => [f.rule, f.line, f.column])).toEqual([["policy-file/type-error", 8, 20]]);

    // Same process: from memory, without asking the store.
    const gets = store.gets;
    const again = await loadPolicies([GOOD, BROKEN], { drydockVersion: "1.0.0", store });
    expect(again.stats.typeChecked).toBe(0);
    expect(store.gets).toBe(gets);
    expect(again.findings).toEqual(first.findings);

    // A new process: from the store, with the same findings, and the policy runs.
    const inNewProcess = await freshLoader();
    const fromStore = await inNewProcess([GOOD, BROKEN], { drydockVersion: "1.0.0", store });
    expect(fromStore.stats.typeChecked).toBe(0);
    expect(store.sets).toBe(2);
    expect(fromStore.findings).toEqual(first.findings);
    const [policy] = fromStore.policies;
    expect(policy.run([deployment], { all: [deployment], timeoutMs: 1000, options: {} }).violations).toEqual([
      { target: 0, message: "one replica", pointer: "/spec/replicas" },
    ]);

    // An edited file is checked again; so is every file under another drydock version.
    const edited = await inNewProcess([GOOD, { ...BROKEN, text: BROKEN.text.replace("replica =", "replicas =") }], { drydockVersion: "1.0.0", store });
    expect(edited.stats.typeChecked).toBe(1);
    expect(edited.findings).toEqual([]);
    const upgraded = await inNewProcess([GOOD], { drydockVersion: "1.1.0", store });
    expect(upgraded.stats.typeChecked).toBe(1);
  });

  it("ignores store entries of the wrong shape and a store that fails", async () => {
    const store = new CountingStore();
    const loadPolicies = await freshLoader();
    await loadPolicies([GOOD], { drydockVersion: "2.0.0", store });
    for (const key of store.entries.keys()) store.entries.set(key, { diagnostics: "none" } as unknown as CompiledPolicy);
    const reloaded = await (await freshLoader())([GOOD], { drydockVersion: "2.0.0", store });
    expect(reloaded.stats.typeChecked).toBe(1);
    expect(reloaded.policies.map((p) => p.id)).toEqual(["two-replicas"]);

    const failing: PolicyCompileStore = {
      get: () => {
        throw new Error("disk on fire");
      },
      set: () => {
        throw new Error("disk on fire");
      },
    };
    const despite = await (await freshLoader())([GOOD], { drydockVersion: "2.0.0", store: failing });
    expect(despite.policies.map((p) => p.id)).toEqual(["two-replicas"]);
  });
});

// The diff reads live objects as the simulated store hands them out — deep-frozen, with status and
// server metadata — without copying them whole (bench/plan.bench.js: copying was the diff's main
// cost) and without changing them; and plan-after-apply cases found by
// test/engine/plan-after-apply-corpus.test.ts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ownedTree } from "../../src/diff/owned-paths.js";
import { diffObject, ownedPaths, type JsonObject } from "../../src/diff/index.js";

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

const serverMeta = { uid: "u-1", resourceVersion: "7", generation: 2, creationTimestamp: "2026-01-01T00:00:00Z", managedFields: [{ manager: "m" }] };

describe("live objects are read, never copied whole nor changed", () => {
  it("diffs a frozen live object carrying status, server metadata and the last-applied annotation", () => {
    const desired: JsonObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "a", annotations: { team: "x" } }, data: { k: "v" } };
    const live = deepFreeze({
      ...structuredClone(desired),
      metadata: { name: "c", namespace: "a", ...serverMeta, annotations: { team: "x", "kubectl.kubernetes.io/last-applied-configuration": "{}" } },
      status: { anything: true },
    });
    const snapshot = structuredClone(live);
    expect(diffObject(desired, live, { owned: ownedPaths(desired) })).toEqual([]);
    expect(diffObject({ ...desired, data: { k: "w" } }, live)).toEqual([{ path: "/data/k", before: "v", after: "w" }]);
    expect(live).toEqual(snapshot);
  });

  it("sorts a frozen live Endpoints' subsets on a copy and leaves the live object as it was", () => {
    const subsets = (ips: string[]) => [{ addresses: ips.map((ip) => ({ ip })), ports: [{ port: 80 }] }];
    const desired: JsonObject = { apiVersion: "v1", kind: "Endpoints", metadata: { name: "e" }, subsets: subsets(["10.0.0.1", "10.0.0.2"]) };
    const live = deepFreeze({ ...desired, metadata: { name: "e", ...serverMeta }, subsets: subsets(["10.0.0.2", "10.0.0.1"]) });
    expect(diffObject(desired, live)).toEqual([]);
    expect((live.subsets as Array<{ addresses: Array<{ ip: string }> }>)[0].addresses[0].ip).toBe("10.0.0.2");
  });

  it("reads a frozen live Secret whose empty value came back null", () => {
    const desired: JsonObject = { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { empty: "", k: "dg==" } };
    const live = deepFreeze({ ...desired, metadata: { name: "s", ...serverMeta }, data: { empty: null, k: "dg==" }, type: "Opaque" });
    expect(diffObject(desired, live)).toEqual([]);
    expect((live.data as Record<string, unknown>).empty).toBeNull();
  });

  it("hands out changes that share nothing with the live object", () => {
    const desired: JsonObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { tolerations: [{ key: "a", operator: "Exists" }] } };
    const live = deepFreeze({ ...desired, metadata: { name: "p", ...serverMeta }, spec: { tolerations: [{ key: "b", operator: "Exists" }] } });
    const [change] = diffObject(desired, live);
    expect(change.path).toBe("/spec/tolerations");
    expect(change.before).toEqual(live.spec.tolerations);
    expect(change.before).not.toBe(live.spec.tolerations);
    expect(Object.isFrozen(change.before)).toBe(false);
  });

  it("removes owned fields whose keys hold '/' and '~' (escaped tokens in the owned set)", () => {
    const labels = { "app.kubernetes.io/name": "web", "a~b": "1", keep: "k" };
    const before: JsonObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels } };
    const desired: JsonObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels: { keep: "k" } } };
    const live = deepFreeze({ ...before, metadata: { ...(before.metadata as object), ...serverMeta } });
    expect(ownedPaths(before)).toContain("/metadata/labels/app.kubernetes.io~1name");
    expect(ownedPaths(before)).toContain("/metadata/labels/a~0b");
    expect(diffObject(desired, live, { owned: ownedPaths(before) })).toEqual([
      { path: "/metadata/labels/app.kubernetes.io~1name", before: "web" },
      { path: "/metadata/labels/a~0b", before: "1" },
    ]);
  });

  it("ignores malformed owned entries instead of throwing", () => {
    const desired: JsonObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { k: "v" } };
    expect(diffObject(desired, deepFreeze(structuredClone(desired)), { owned: ["", "data/k", "/data/", "/data/k"] })).toEqual([]);
  });
});

describe("ownedTree", () => {
  /** The straightforward construction: every path split and walked from the root. */
  function naive(paths: readonly string[]): unknown {
    const root = { leaf: false, children: new Map() };
    for (const path of paths) {
      if (!path.startsWith("/")) continue;
      let node = root;
      for (const raw of path.slice(1).split("/")) {
        const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
        if (!node.children.has(token)) node.children.set(token, { leaf: false, children: new Map() });
        node = node.children.get(token);
      }
      node.leaf = true;
    }
    return root;
  }

  it("builds the same tree as splitting every path, sorted or not, with prefixes, duplicates and empty tokens", () => {
    const token = fc.constantFrom("a", "b", "ab", "", "~0", "~1x", "name=web");
    const path = fc.oneof(fc.array(token, { minLength: 1, maxLength: 5 }).map((t) => "/" + t.join("/")), fc.constantFrom("", "x/y", "/"));
    fc.assert(
      fc.property(fc.array(path, { maxLength: 30 }), fc.boolean(), (paths, sorted) => {
        const input = sorted ? [...paths].sort() : paths;
        expect(ownedTree(input)).toEqual(naive(input));
      }),
    );
  });
});

describe("plan-after-apply cases from the corpus's fixture folders", () => {
  it("a namespace written on a cluster-scoped object is no change: the live object has none", () => {
    const desired: JsonObject = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "r", namespace: "test" }, rules: [] };
    const live = deepFreeze({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "r", ...serverMeta } });
    expect(diffObject(desired, live, { owned: ownedPaths(desired) })).toEqual([]);
    // A namespaced object's live namespace is always there, and a different one is still a change.
    const cm = (namespace: string): JsonObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace } });
    expect(diffObject(cm("a"), deepFreeze(cm("b")))).toEqual([{ path: "/metadata/namespace", before: "b", after: "a" }]);
  });

  it("controller-written annotations saved with a manifest are no change", () => {
    const deployment = (annotations: Record<string, string>): JsonObject => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d", namespace: "a", annotations: { team: "x", ...annotations } },
    });
    expect(diffObject(deployment({ "deployment.kubernetes.io/revision": "3" }), deepFreeze(deployment({ "deployment.kubernetes.io/revision": "1" })))).toEqual([]);
    const hpa = (conditions: string): JsonObject => ({
      apiVersion: "autoscaling/v1",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "h", namespace: "a", annotations: { "autoscaling.alpha.kubernetes.io/conditions": conditions, "autoscaling.alpha.kubernetes.io/current-metrics": conditions } },
    });
    expect(diffObject(hpa('[{"type":"AbleToScale","status":"True"}]'), deepFreeze(hpa('[{"type":"AbleToScale","status":"False"}]')))).toEqual([]);
  });
});

// kubectl patch's three patch types applied to live objects.
import { describe, expect, it } from "vitest";
import { applyPatch, jsonPatch, mergeKeyFor, mergePatch, strategicMerge } from "../../../src/cli/commands/patch.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";

const deployment: KubeObject = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "default", labels: { app: "web", tier: "front" } },
  spec: {
    replicas: 2,
    template: {
      metadata: { labels: { app: "web" } },
      spec: {
        containers: [
          {
            name: "nginx",
            image: "nginx:1.25",
            args: ["-g", "daemon off;"],
            ports: [{ containerPort: 80, protocol: "TCP" }, { containerPort: 443, protocol: "TCP" }],
            env: [{ name: "A", value: "1" }, { name: "B", value: "2" }],
            volumeMounts: [{ name: "cfg", mountPath: "/etc/nginx" }],
          },
          { name: "log", image: "busybox" },
        ],
        volumes: [{ name: "cfg", configMap: { name: "nginx" } }],
        tolerations: [{ key: "a", operator: "Exists" }],
      },
    },
  },
};

function strategic(patch: unknown): any {
  const result = applyPatch(deployment, patch, "strategic");
  if (!result.ok) throw new Error(result.message);
  return result.object;
}

describe("strategic merge patch", () => {
  it("merges maps and replaces scalars, deleting keys set to null", () => {
    const out = strategic({ metadata: { labels: { tier: null, env: "prod" } }, spec: { replicas: 5 } });
    expect(out.metadata.labels).toEqual({ app: "web", env: "prod" });
    expect(out.spec.replicas).toBe(5);
    expect(out.spec.template.spec.containers).toHaveLength(2);
  });

  it("merges containers by name, leaving the others alone", () => {
    const out = strategic({ spec: { template: { spec: { containers: [{ name: "nginx", image: "nginx:1.26" }] } } } });
    expect(out.spec.template.spec.containers.map((c: any) => `${c.name}=${c.image}`)).toEqual(["nginx=nginx:1.26", "log=busybox"]);
    expect(out.spec.template.spec.containers[0].env).toHaveLength(2);
  });

  it("appends list items with a new key, merges env by name and container ports by containerPort", () => {
    const out = strategic({
      spec: {
        template: {
          spec: {
            containers: [{ name: "nginx", env: [{ name: "B", value: "20" }, { name: "C", value: "3" }], ports: [{ containerPort: 443, name: "https" }, { containerPort: 8080 }] }, { name: "sidecar", image: "envoy" }],
          },
        },
      },
    });
    const nginx = out.spec.template.spec.containers[0];
    expect(nginx.env).toEqual([{ name: "A", value: "1" }, { name: "B", value: "20" }, { name: "C", value: "3" }]);
    expect(nginx.ports).toEqual([{ containerPort: 80, protocol: "TCP" }, { containerPort: 443, protocol: "TCP", name: "https" }, { containerPort: 8080 }]);
    expect(out.spec.template.spec.containers.map((c: any) => c.name)).toEqual(["nginx", "log", "sidecar"]);
  });

  it("replaces lists without a merge key (args, tolerations)", () => {
    const out = strategic({ spec: { template: { spec: { tolerations: [{ key: "b", operator: "Exists" }], containers: [{ name: "nginx", args: ["-v"] }] } } } });
    expect(out.spec.template.spec.tolerations).toEqual([{ key: "b", operator: "Exists" }]);
    expect(out.spec.template.spec.containers[0].args).toEqual(["-v"]);
  });

  it("honours $patch: delete for items and $patch: replace for lists and maps", () => {
    const deleted = strategic({ spec: { template: { spec: { containers: [{ name: "log", $patch: "delete" }], volumes: [{ $patch: "replace" }, { name: "data", emptyDir: {} }] } } } });
    expect(deleted.spec.template.spec.containers.map((c: any) => c.name)).toEqual(["nginx"]);
    expect(deleted.spec.template.spec.volumes).toEqual([{ name: "data", emptyDir: {} }]);
    const replaced = strategic({ metadata: { labels: { $patch: "replace", only: "this" } } });
    expect(replaced.metadata.labels).toEqual({ only: "this" });
  });

  it("merges finalizers as a set and removes values with $deleteFromPrimitiveList", () => {
    const object = { metadata: { finalizers: ["a", "b"] } };
    expect(strategicMerge(object, { metadata: { finalizers: ["b", "c"] } }, [])).toEqual({ metadata: { finalizers: ["a", "b", "c"] } });
    expect(strategicMerge(object, { metadata: { "$deleteFromPrimitiveList/finalizers": ["a"] } }, [])).toEqual({ metadata: { finalizers: ["b"] } });
  });

  it("knows the merge keys: container ports by containerPort, service ports by port", () => {
    expect(mergeKeyFor(["spec", "template", "spec", "containers", "ports"])).toBe("containerPort");
    expect(mergeKeyFor(["spec", "ports"])).toBe("port");
    expect(mergeKeyFor(["spec", "template", "spec", "containers", "volumeMounts"])).toBe("mountPath");
    expect(mergeKeyFor(["spec", "template", "spec", "tolerations"])).toBeUndefined();
  });

  it("does not change the object it was given", () => {
    strategic({ spec: { replicas: 9 } });
    expect((deployment.spec as any).replicas).toBe(2);
  });
});

describe("merge patch (RFC 7386)", () => {
  it("replaces lists wholesale and deletes with null", () => {
    const out = mergePatch(deployment, { spec: { template: { spec: { containers: [{ name: "only", image: "x" }] } } }, metadata: { labels: null } }) as any;
    expect(out.spec.template.spec.containers).toEqual([{ name: "only", image: "x" }]);
    expect(out.metadata.labels).toBeUndefined();
    expect(out.spec.replicas).toBe(2);
  });
});

describe("json patch (RFC 6902)", () => {
  it("adds, replaces, removes, moves, copies and tests by JSON pointer", () => {
    const doc = { spec: { replicas: 1, list: ["a", "b"], "a/b": { "c~d": 1 } } };
    const out = jsonPatch(structuredClone(doc), [
      { op: "replace", path: "/spec/replicas", value: 4 },
      { op: "add", path: "/spec/list/1", value: "x" },
      { op: "add", path: "/spec/list/-", value: "z" },
      { op: "remove", path: "/spec/list/0" },
      { op: "test", path: "/spec/a~1b/c~0d", value: 1 },
      { op: "copy", from: "/spec/replicas", path: "/spec/copied" },
      { op: "move", from: "/spec/a~1b", path: "/spec/moved" },
    ]);
    expect(out).toEqual({ spec: { replicas: 4, list: ["x", "b", "z"], copied: 4, moved: { "c~d": 1 } } });
  });

  it("fails with a message for a missing path or a failed test", () => {
    expect(applyPatch(deployment, [{ op: "replace", path: "/spec/nope/x", value: 1 }], "json")).toEqual({ ok: false, message: 'doc is missing path: "/spec/nope/x"' });
    expect(applyPatch(deployment, [{ op: "test", path: "/spec/replicas", value: 3 }], "json")).toEqual({ ok: false, message: "testing value /spec/replicas failed" });
  });
});

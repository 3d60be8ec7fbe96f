import { describe, expect, it } from "vitest";
import { expectOk } from "../../src/runtime/store/store-errors.js";
import { configMap, create, deployment, names, newCluster, pod, replicaSet } from "./runtime-helpers.js";

const ns = (name: string) => ({ group: "", kind: "Namespace", name });

describe("namespaces", () => {
  it("default, kube-system, kube-public and kube-node-lease exist from the start", () => {
    const namespaces = newCluster().store.list({ kind: "Namespace" });
    expect(namespaces.map((n) => n.metadata.name)).toEqual(["default", "kube-node-lease", "kube-public", "kube-system"]);
    expect(namespaces[0]).toMatchObject({
      metadata: { labels: { "kubernetes.io/metadata.name": "default" } },
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "Active" },
    });
  });

  it("new namespaces get the kubernetes finalizer, Active phase and name label", () => {
    const cluster = newCluster();
    const created = create(cluster, { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" }, spec: { finalizers: ["example.com/x"] }, status: { phase: "Terminating" } });
    expect(created.spec).toEqual({ finalizers: ["example.com/x", "kubernetes"] });
    expect(created.status).toEqual({ phase: "Active" });
    // The label cannot be taken away, nor the spec finalizers changed by a main update.
    const updated = expectOk(cluster.store.update({ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" }, spec: {} }));
    expect(updated.metadata.labels).toEqual({ "kubernetes.io/metadata.name": "shop" });
    expect(updated.spec).toEqual({ finalizers: ["example.com/x", "kubernetes"] });
  });

  it("refuses to delete default, kube-system and kube-public", () => {
    const cluster = newCluster();
    for (const name of ["default", "kube-system", "kube-public"]) {
      const result = cluster.store.delete(ns(name));
      expect(!result.ok && result.error).toMatchObject({ reason: "Forbidden", code: 403, message: `namespaces "${name}" is forbidden: this namespace may not be deleted` });
    }
    cluster.store.delete(ns("kube-node-lease"));
    cluster.clock.advance(0);
    expect(cluster.store.get(ns("kube-node-lease"))).toBeUndefined();
  });

  it("a deleted namespace is Terminating while its contents are deleted, then goes", () => {
    const cluster = newCluster();
    create(cluster, { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } });
    create(cluster, configMap("settings", { namespace: "shop" }));
    const web = create(cluster, deployment("web", { namespace: "shop" }));
    create(cluster, replicaSet("web-1", web, { namespace: "shop" }));
    create(cluster, configMap("elsewhere"));
    const seen: string[] = [];
    cluster.store.watch({}, (e) => seen.push(`${e.type} ${e.object.kind}/${e.object.metadata.name}`));

    const marked = cluster.store.delete(ns("shop"));
    expect(marked).toMatchObject({ ok: true, outcome: "pending" });
    const terminating = cluster.store.get(ns("shop"));
    expect(terminating?.status).toEqual({ phase: "Terminating" });
    expect(terminating?.metadata.deletionTimestamp).toBe("2026-01-01T00:00:00Z");
    expect(names(cluster, { namespace: "shop" })).toHaveLength(3);

    const refused = cluster.store.create(configMap("late", { namespace: "shop" }));
    expect(!refused.ok && refused.error).toMatchObject({
      reason: "Forbidden",
      message: 'configmaps "late" is forbidden: unable to create new content in namespace shop because it is being terminated',
    });

    cluster.clock.advance(0);
    expect(cluster.store.get(ns("shop"))).toBeUndefined();
    expect(names(cluster)).toEqual(["ConfigMap/default/elsewhere"]);
    expect(seen[0]).toBe("MODIFIED Namespace/shop");
    expect(seen.at(-1)).toBe("DELETED Namespace/shop");
    expect(seen.filter((s) => s.startsWith("DELETED"))).toHaveLength(4);
    expect(cluster.clock.now()).toBe(Date.UTC(2026, 0, 1));
  });

  it("waits for content held by finalizers or a grace period", () => {
    const cluster = newCluster();
    create(cluster, { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } });
    create(cluster, { ...configMap("held", { namespace: "shop" }), metadata: { name: "held", namespace: "shop", finalizers: ["example.com/hold"] } });
    create(cluster, pod("running", { namespace: "shop", nodeName: "node-1" }));
    cluster.store.delete(ns("shop"));
    cluster.clock.advance(0);
    expect(cluster.store.get(ns("shop"))?.status).toEqual({ phase: "Terminating" });
    expect(names(cluster, { namespace: "shop" })).toEqual(["ConfigMap/shop/held", "Pod/shop/running"]);

    expectOk(cluster.store.modify({ group: "", kind: "ConfigMap", namespace: "shop", name: "held" }, (o) => void delete o.metadata.finalizers));
    cluster.clock.advance(0);
    expect(cluster.store.get(ns("shop"))).toBeDefined();
    // What the kubelet does once the pod's containers have stopped.
    cluster.store.delete({ group: "", kind: "Pod", namespace: "shop", name: "running" }, { gracePeriodSeconds: 0 });
    cluster.clock.advance(0);
    expect(cluster.store.get(ns("shop"))).toBeUndefined();
  });

  it("a namespace's own metadata finalizers hold it after it is emptied", () => {
    const cluster = newCluster();
    create(cluster, { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop", finalizers: ["example.com/ns"] } });
    cluster.store.delete(ns("shop"));
    cluster.clock.advance(0);
    const held = cluster.store.get(ns("shop"));
    expect(held?.spec).toEqual({});
    expect(held?.metadata.finalizers).toEqual(["example.com/ns"]);
    expectOk(cluster.store.modify(ns("shop"), (o) => void delete o.metadata.finalizers));
    expect(cluster.store.get(ns("shop"))).toBeUndefined();
  });
});

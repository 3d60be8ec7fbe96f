import { describe, expect, it } from "vitest";
import { snapshotCluster } from "../../src/runtime/cluster.js";
import type { KubeObject } from "../../src/runtime/store/kube-object.js";
import { expectOk } from "../../src/runtime/store/store-errors.js";
import { controllerOf, controllerReference } from "../../src/runtime/controllers/owner-references.js";
import { createBareCluster } from "./runtime-helpers.js";
import { configMap, create, deployment, names, newCluster, ownerRef, pod, replicaSet } from "./runtime-helpers.js";

const DEPLOY = { group: "apps", kind: "Deployment", name: "web" };

/** web (Deployment) → web-1 (ReplicaSet) → web-1-a (Pod), each link a controller reference. */
function chain(options: { podOnNode?: boolean } = {}) {
  const cluster = newCluster();
  const web = create(cluster, deployment("web"));
  const rs = create(cluster, replicaSet("web-1", web));
  create(cluster, pod("web-1-a", { owners: [ownerRef(rs, { controller: true, blockOwnerDeletion: true })], nodeName: options.podOnNode ? "node-1" : undefined }));
  const deleted: string[] = [];
  cluster.store.watch({}, (e) => {
    if (e.type === "DELETED") deleted.push(`${e.object.kind}/${e.object.metadata.name}`);
  });
  return { cluster, web, rs, deleted };
}

describe("garbage collection", () => {
  it("Background (the default): the owner goes at once, dependents at the same instant after", () => {
    const { cluster, deleted } = chain();
    expect(cluster.store.delete(DEPLOY)).toMatchObject({ ok: true, outcome: "deleted" });
    expect(names(cluster)).toEqual(["Pod/default/web-1-a", "ReplicaSet/default/web-1"]);
    expect(cluster.clock.pendingTasks()).toEqual([{ at: Date.UTC(2026, 0, 1), label: "garbage-collector", background: false }]);
    cluster.clock.runUntilQuiet(cluster.clock.now() + 60_000);
    expect(names(cluster)).toEqual([]);
    expect(deleted).toEqual(["Deployment/web", "ReplicaSet/web-1", "Pod/web-1-a"]);
    expect(cluster.clock.now()).toBe(Date.UTC(2026, 0, 1));
  });

  it("Foreground: the owner is marked, dependents go first, then the owner", () => {
    const { cluster, deleted } = chain();
    const marked = cluster.store.delete(DEPLOY, { propagationPolicy: "Foreground" });
    expect(marked).toMatchObject({ ok: true, outcome: "pending" });
    expect(marked.ok && marked.object.metadata).toMatchObject({ deletionTimestamp: "2026-01-01T00:00:00Z", finalizers: ["foregroundDeletion"] });
    cluster.clock.advance(0);
    expect(names(cluster)).toEqual([]);
    expect(deleted).toEqual(["Pod/web-1-a", "ReplicaSet/web-1", "Deployment/web"]);
  });

  it("Foreground: the owner waits while a blocking dependent is still terminating", () => {
    const { cluster, deleted } = chain({ podOnNode: true });
    cluster.store.delete(DEPLOY, { propagationPolicy: "Foreground" });
    cluster.clock.advance(0);
    expect(names(cluster)).toEqual(["Pod/default/web-1-a", "Deployment/default/web", "ReplicaSet/default/web-1"]);
    expect(cluster.store.get({ group: "", kind: "Pod", name: "web-1-a" })?.metadata.deletionTimestamp).toBe("2026-01-01T00:00:30Z");
    expect(cluster.store.get({ group: "apps", kind: "ReplicaSet", name: "web-1" })?.metadata.finalizers).toEqual(["foregroundDeletion"]);
    cluster.store.delete({ group: "", kind: "Pod", name: "web-1-a" }, { gracePeriodSeconds: 0 });
    cluster.clock.advance(0);
    expect(names(cluster)).toEqual([]);
    expect(deleted).toEqual(["Pod/web-1-a", "ReplicaSet/web-1", "Deployment/web"]);
  });

  it("Foreground: dependents without blockOwnerDeletion are deleted but do not hold the owner", () => {
    const cluster = newCluster();
    const web = create(cluster, deployment("web"));
    const held = configMap("held");
    held.metadata.finalizers = ["example.com/hold"];
    held.metadata.ownerReferences = [ownerRef(web, { blockOwnerDeletion: false })];
    create(cluster, held);
    cluster.store.delete(DEPLOY, { propagationPolicy: "Foreground" });
    cluster.clock.advance(0);
    expect(cluster.store.get(DEPLOY)).toBeUndefined();
    expect(cluster.store.get({ group: "", kind: "ConfigMap", name: "held" })?.metadata.deletionTimestamp).toBe("2026-01-01T00:00:00Z");
  });

  it("Orphan: dependents lose their reference to the owner and stay", () => {
    const { cluster, deleted } = chain();
    const marked = cluster.store.delete(DEPLOY, { propagationPolicy: "Orphan" });
    expect(marked.ok && marked.object.metadata.finalizers).toEqual(["orphan"]);
    cluster.clock.advance(0);
    expect(deleted).toEqual(["Deployment/web"]);
    const rs = cluster.store.get({ group: "apps", kind: "ReplicaSet", name: "web-1" });
    expect(rs?.metadata.ownerReferences).toBeUndefined();
    // The pod still belongs to the ReplicaSet.
    expect(cluster.store.get({ group: "", kind: "Pod", name: "web-1-a" })?.metadata.ownerReferences?.[0].uid).toBe(rs?.metadata.uid);
  });

  it("Background with a dependent that has its own finalizer leaves it terminating", () => {
    const cluster = newCluster();
    const web = create(cluster, deployment("web"));
    const held = replicaSet("web-1", web);
    held.metadata.finalizers = ["example.com/hold"];
    create(cluster, held);
    cluster.store.delete(DEPLOY);
    cluster.clock.advance(0);
    expect(cluster.store.get({ group: "apps", kind: "ReplicaSet", name: "web-1" })?.metadata.deletionTimestamp).toBe("2026-01-01T00:00:00Z");
  });

  it("keeps a dependent that still has another owner, dropping the reference to the one gone", () => {
    const cluster = newCluster();
    const a = create(cluster, configMap("owner-a"));
    const b = create(cluster, configMap("owner-b"));
    const shared = configMap("shared");
    shared.metadata.ownerReferences = [ownerRef(a), ownerRef(b)];
    create(cluster, shared);
    cluster.store.delete({ group: "", kind: "ConfigMap", name: "owner-a" });
    cluster.clock.advance(0);
    expect(cluster.store.get({ group: "", kind: "ConfigMap", name: "shared" })?.metadata.ownerReferences).toEqual([ownerRef(b)]);
    cluster.store.delete({ group: "", kind: "ConfigMap", name: "owner-b" });
    cluster.clock.advance(0);
    expect(names(cluster)).toEqual([]);
  });

  it("collects dependents whose owner never existed or was recreated under the same name", () => {
    const cluster = newCluster();
    const ghost = configMap("ghost-child");
    ghost.metadata.ownerReferences = [{ apiVersion: "v1", kind: "ConfigMap", name: "ghost", uid: "00000000-0000-4000-8000-000000000000" }];
    create(cluster, ghost);
    const original = create(cluster, configMap("owner"));
    const child = configMap("child");
    child.metadata.ownerReferences = [ownerRef(original)];
    create(cluster, child);
    cluster.store.transaction((tx) => {
      tx.delete({ group: "", kind: "ConfigMap", name: "owner" });
      tx.create(configMap("owner"));
    });
    cluster.clock.advance(0);
    expect(names(cluster)).toEqual(["ConfigMap/default/owner"]);
  });

  it("treats an owner in another namespace as absent, and says so in a Warning event", () => {
    const cluster = newCluster();
    create(cluster, { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } });
    const owner = create(cluster, configMap("owner", { namespace: "shop" }));
    const child = configMap("child");
    child.metadata.ownerReferences = [ownerRef(owner)];
    create(cluster, child);
    cluster.clock.advance(0);
    expect(cluster.store.get({ group: "", kind: "ConfigMap", name: "child" })).toBeUndefined();
    expect(cluster.store.get({ group: "", kind: "ConfigMap", namespace: "shop", name: "owner" })).toBeDefined();
    const [event] = cluster.store.list({ kind: "Event" });
    expect(event).toMatchObject({
      type: "Warning",
      reason: "OwnerRefInvalidNamespace",
      source: { component: "garbage-collector-controller" },
      involvedObject: { kind: "ConfigMap", namespace: "default", name: "child" },
    });
    expect(event.message).toBe(`ownerRef [v1/ConfigMap, namespace: default, name: owner, uid: ${owner.metadata.uid}] does not exist in namespace "default"`);
  });

  it("follows cluster-scoped owners of namespaced dependents, and refuses the reverse", () => {
    const cluster = newCluster();
    const node = create(cluster, { apiVersion: "v1", kind: "Node", metadata: { name: "node-1" } });
    create(cluster, {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: "node-1", namespace: "kube-node-lease", ownerReferences: [ownerRef(node)] },
      spec: {},
    });
    const cm = create(cluster, configMap("namespaced-owner"));
    create(cluster, { apiVersion: "v1", kind: "PersistentVolume", metadata: { name: "pv", ownerReferences: [ownerRef(cm)] }, spec: {} });
    cluster.clock.advance(0);
    expect(names(cluster, { kind: "PersistentVolume" })).toEqual([]);
    expect(cluster.store.list({ kind: "Event" }).map((e) => e.reason)).toEqual(["OwnerRefInvalidNamespace"]);
    expect(names(cluster, { kind: "Lease" })).toEqual(["Lease/kube-node-lease/node-1"]);
    cluster.store.delete({ group: "", kind: "Node", name: "node-1" });
    cluster.clock.advance(0);
    expect(names(cluster, { kind: "Lease" })).toEqual([]);
  });

  it("catches up after loading a saved cluster whose owners are gone", () => {
    const cluster = newCluster();
    const owner = create(cluster, configMap("owner"));
    const child = configMap("child");
    child.metadata.ownerReferences = [ownerRef(owner)];
    create(cluster, child);
    cluster.garbageCollector.stop();
    cluster.store.delete({ group: "", kind: "ConfigMap", name: "owner" });
    cluster.clock.advance(0);
    expect(names(cluster)).toEqual(["ConfigMap/default/child"]);
    const reloaded = createBareCluster({}, JSON.parse(JSON.stringify(snapshotCluster(cluster))));
    reloaded.clock.advance(0);
    expect(names(reloaded)).toEqual([]);
  });

  it("resumes foreground deletion after loading a saved cluster", () => {
    const { cluster } = chain();
    cluster.garbageCollector.stop();
    cluster.store.delete(DEPLOY, { propagationPolicy: "Foreground" });
    const reloaded = createBareCluster({}, JSON.parse(JSON.stringify(snapshotCluster(cluster))));
    reloaded.clock.advance(0);
    expect(names(reloaded)).toEqual([]);
  });

  it("builds controller references as controllers write them", () => {
    const { cluster, web } = chain();
    expect(controllerReference(web)).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: web.metadata.uid, controller: true, blockOwnerDeletion: true });
    const rs = cluster.store.get({ group: "apps", kind: "ReplicaSet", name: "web-1" }) as KubeObject;
    expect(controllerOf(rs)?.uid).toBe(web.metadata.uid);
    expect(controllerOf(web)).toBeUndefined();
  });

  it("does nothing to objects whose owners exist", () => {
    const { cluster } = chain();
    const before = JSON.stringify(cluster.store.snapshot());
    const rs = cluster.store.get({ group: "apps", kind: "ReplicaSet", name: "web-1" }) as KubeObject;
    expectOk(cluster.store.modify({ group: "apps", kind: "ReplicaSet", name: "web-1" }, (o) => void (o.metadata.ownerReferences = rs.metadata.ownerReferences)));
    cluster.clock.advance(0);
    expect(JSON.stringify(cluster.store.snapshot())).toBe(before);
  });
});

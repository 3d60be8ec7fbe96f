import { describe, expect, it } from "vitest";
import { parseFieldSelector } from "../../src/runtime/store/field-selector.js";
import { parseLabelSelector } from "../../src/runtime/store/label-selector-syntax.js";
import { cloneObject, type KubeObject } from "../../src/runtime/store/kube-object.js";
import { expectOk, StoreOperationError, toStatus } from "../../src/runtime/store/store-errors.js";
import { configMap, create, deployment, newCluster, pod } from "./runtime-helpers.js";

describe("create", () => {
  it("sets uid, resourceVersion, generation, creationTimestamp and the default namespace", () => {
    const cluster = newCluster();
    cluster.clock.advance(61_500);
    const created = create(cluster, deployment("web"));
    expect(created.metadata).toEqual({
      name: "web",
      namespace: "default",
      uid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      resourceVersion: "5",
      generation: 1,
      creationTimestamp: "2026-01-01T00:01:01Z",
    });
    expect(Object.keys(created)).toEqual(["apiVersion", "kind", "metadata", "spec"]);
  });

  it("hands out a new, increasing resourceVersion for every write across the store", () => {
    const cluster = newCluster();
    const versions = [
      create(cluster, configMap("a")),
      create(cluster, configMap("b", { namespace: "kube-system" })),
      expectOk(cluster.store.modify({ group: "", kind: "ConfigMap", name: "a" }, (o) => void (o.data = { k: "v" }))),
    ].map((o) => Number(o.metadata.resourceVersion));
    expect(versions).toEqual([5, 6, 7]);
    expect(cluster.store.resourceVersion).toBe(7);
  });

  it("ignores a namespace on cluster-scoped kinds", () => {
    const cluster = newCluster();
    const node = create(cluster, { apiVersion: "v1", kind: "Node", metadata: { name: "node-1", namespace: "default" } });
    expect(node.metadata.namespace).toBeUndefined();
    expect(cluster.store.get({ group: "", kind: "Node", name: "node-1", namespace: "anything" })).toBe(node);
  });

  it("fails like the API server for a namespace that does not exist", () => {
    const result = newCluster().store.create(configMap("a", { namespace: "shop" }));
    expect(result).toEqual({
      ok: false,
      error: { reason: "NotFound", code: 404, message: 'namespaces "shop" not found', details: { group: "", kind: "namespaces", name: "shop" } },
    });
  });

  it("refuses duplicates, naming the resource with its group", () => {
    const cluster = newCluster();
    create(cluster, deployment("web"));
    const result = cluster.store.create(deployment("web"));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toBe('deployments.apps "web" already exists');
      expect(toStatus(result.error)).toEqual({
        apiVersion: "v1",
        kind: "Status",
        metadata: {},
        status: "Failure",
        message: 'deployments.apps "web" already exists',
        reason: "AlreadyExists",
        code: 409,
        details: { group: "apps", kind: "deployments", name: "web" },
      });
    }
  });

  it("fills generateName with 5 characters of the safe alphabet", () => {
    const cluster = newCluster();
    const created = create(cluster, { apiVersion: "v1", kind: "Pod", metadata: { generateName: "web-7d4b9c8f5-" }, spec: {} });
    expect(created.metadata.name).toMatch(/^web-7d4b9c8f5-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(created.metadata.generateName).toBe("web-7d4b9c8f5-");
  });

  it("requires a valid name", () => {
    const store = newCluster().store;
    const missing = store.create({ apiVersion: "v1", kind: "ConfigMap", metadata: {} });
    expect(!missing.ok && missing.error.message).toBe('ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required');
    const bad = store.create(deployment("Web"));
    expect(!bad.ok && bad.error.reason).toBe("Invalid");
    expect(!bad.ok && bad.error.message).toMatch(/^Deployment\.apps "Web" is invalid: metadata\.name: Invalid value: "Web": a lowercase RFC 1123 subdomain/);
    const dotted = store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "a.b" } });
    expect(!dotted.ok && dotted.error.message).toMatch(/RFC 1123 label/);
  });

  it("refuses a resourceVersion on create and input that is not an object", () => {
    const store = newCluster().store;
    const withVersion = store.create({ ...configMap("a"), metadata: { name: "a", resourceVersion: "3" } });
    expect(!withVersion.ok && withVersion.error).toMatchObject({ reason: "BadRequest", message: "resourceVersion should not be set on objects to be created" });
    const junk = store.create({ kind: "ConfigMap" } as unknown as KubeObject);
    expect(!junk.ok && junk.error.reason).toBe("BadRequest");
  });

  it("does not keep a reference to the caller's object, and hands out frozen objects", () => {
    const cluster = newCluster();
    const input = configMap("a");
    const created = create(cluster, input);
    (input.data as Record<string, string>).key = "changed";
    expect(created.data).toEqual({ key: "a" });
    expect(Object.isFrozen(created)).toBe(true);
    expect(() => {
      (created.metadata as { name: string }).name = "b";
    }).toThrow(TypeError);
  });

  it("writes fields in the API server's order whatever order the caller used", () => {
    const cluster = newCluster();
    const created = create(cluster, {
      status: { phase: "Pending" },
      spec: { containers: [] },
      metadata: { labels: { a: "1" }, name: "p" },
      kind: "Pod",
      apiVersion: "v1",
    } as KubeObject);
    expect(JSON.stringify(created)).toMatch(/^\{"apiVersion":"v1","kind":"Pod","metadata":\{"name":"p","namespace":"default","uid":.*,"labels":\{"a":"1"\}\},"spec":.*,"status":/);
    // An update that adds metadata out of order (annotations after ownerReferences) is reordered too.
    const updated = expectOk(
      cluster.store.update({ ...created, status: created.status, metadata: { ...created.metadata, ownerReferences: [], annotations: { b: "2" } }, spec: { containers: [], nodeName: "n" } } as KubeObject),
    );
    expect(JSON.stringify(updated)).toMatch(/"labels":\{"a":"1"\},"annotations":\{"b":"2"\},"ownerReferences":\[\]\},"spec":\{.*\},"status":\{"phase":"Pending"\}\}$/);
  });
});

describe("update", () => {
  it("bumps generation only when spec changes", () => {
    const cluster = newCluster();
    const ref = { group: "apps", kind: "Deployment", name: "web" };
    create(cluster, deployment("web"));
    const labelled = expectOk(cluster.store.modify(ref, (o) => void (o.metadata.labels = { team: "a" })));
    expect(labelled.metadata.generation).toBe(1);
    const withStatus = expectOk(cluster.store.modify(ref, (o) => void (o.status = { replicas: 1 }), { subresource: "status" }));
    expect(withStatus.metadata.generation).toBe(1);
    const scaled = expectOk(cluster.store.modify(ref, (o) => void ((o.spec as { replicas: number }).replicas = 3)));
    expect(scaled.metadata.generation).toBe(2);
    expect(Number(scaled.metadata.resourceVersion)).toBeGreaterThan(Number(withStatus.metadata.resourceVersion));
  });

  it("does not bump generation of spec-less kinds", () => {
    const cluster = newCluster();
    create(cluster, configMap("a"));
    const changed = expectOk(cluster.store.modify({ group: "", kind: "ConfigMap", name: "a" }, (o) => void (o.data = { x: "y" })));
    expect(changed.metadata.generation).toBe(1);
  });

  it("keeps status out of main-resource updates and spec out of status updates", () => {
    const cluster = newCluster();
    const ref = { group: "apps", kind: "Deployment", name: "web" };
    create(cluster, deployment("web"));
    expectOk(cluster.store.modify(ref, (o) => void (o.status = { replicas: 1 }), { subresource: "status" }));
    // A writer of desired state (no status) does not erase the observed state.
    const desired = deployment("web", { replicas: 2 });
    const updated = expectOk(cluster.store.update(desired));
    expect(updated.status).toEqual({ replicas: 1 });
    expect((updated.spec as { replicas: number }).replicas).toBe(2);
    const statusOnly = expectOk(cluster.store.update({ ...deployment("web", { replicas: 9 }), status: { replicas: 2 } }, { subresource: "status" }));
    expect(statusOnly.status).toEqual({ replicas: 2 });
    expect((statusOnly.spec as { replicas: number }).replicas).toBe(2);
  });

  it("keeps server-owned metadata", () => {
    const cluster = newCluster();
    const created = create(cluster, configMap("a"));
    const copy = cloneObject(created);
    copy.metadata.uid = "forged";
    copy.metadata.creationTimestamp = "1999-01-01T00:00:00Z";
    copy.metadata.generation = 42;
    copy.data = { changed: "yes" };
    const updated = expectOk(cluster.store.update(copy));
    expect(updated.metadata).toMatchObject({ uid: created.metadata.uid, creationTimestamp: created.metadata.creationTimestamp, generation: 1 });
  });

  it("refuses a stale resourceVersion with a Conflict, and accepts an update without one", () => {
    const cluster = newCluster();
    const first = create(cluster, configMap("a"));
    expectOk(cluster.store.update({ ...cloneObject(first), data: { v: "1" } }));
    const stale = cluster.store.update({ ...cloneObject(first), data: { v: "2" } });
    expect(stale).toEqual({
      ok: false,
      error: {
        reason: "Conflict",
        code: 409,
        message: 'Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again',
        details: { group: "", kind: "configmaps", name: "a" },
      },
    });
    const unconditional = configMap("a", { data: { v: "3" } });
    expect(expectOk(cluster.store.update(unconditional)).data).toEqual({ v: "3" });
  });

  it("writes nothing for an update that changes nothing", () => {
    const cluster = newCluster();
    const created = create(cluster, configMap("a"));
    const events: string[] = [];
    cluster.store.watch({}, (e) => events.push(e.type));
    const same = expectOk(cluster.store.update(cloneObject(created)));
    expect(same).toBe(created);
    expect(events).toEqual([]);
  });

  it("offers the finalize subresource only for namespaces", () => {
    const cluster = newCluster();
    create(cluster, configMap("a"));
    const result = cluster.store.update(configMap("a"), { subresource: "finalize" });
    expect(!result.ok && result.error).toMatchObject({ reason: "BadRequest", message: "the finalize subresource exists only for namespaces, not configmaps" });
  });

  it("binds a pod in one write with the binding subresource, and only once", () => {
    const cluster = newCluster();
    const created = create(cluster, pod("p"));
    const events: string[] = [];
    cluster.store.watch({}, (e) => events.push(e.type));
    const request = { ...pod("p", { nodeName: "n1" }), metadata: { name: "p", labels: { ignored: "yes" } }, status: { conditions: [{ type: "PodScheduled", status: "True" }] } };
    const bound = expectOk(cluster.store.update(request, { subresource: "binding" }));
    expect((bound.spec as { nodeName: string }).nodeName).toBe("n1");
    expect(bound.status).toEqual({ conditions: [{ type: "PodScheduled", status: "True" }] });
    expect(bound.metadata.labels).toEqual(created.metadata.labels);
    expect(Number(bound.metadata.resourceVersion)).toBe(Number(created.metadata.resourceVersion) + 1);
    expect(events).toEqual(["MODIFIED"]);
    const again = cluster.store.update(pod("p", { nodeName: "n2" }), { subresource: "binding" });
    expect(!again.ok && again.error).toMatchObject({ reason: "Conflict", message: 'Operation cannot be fulfilled on pods/binding "p": pod p is already assigned to node "n1"' });
    create(cluster, configMap("a"));
    const notPod = cluster.store.update(configMap("a"), { subresource: "binding" });
    expect(!notPod.ok && notPod.error.message).toBe("the binding subresource exists only for pods, not configmaps");
  });

  it("is NotFound for an object that does not exist", () => {
    const result = newCluster().store.update(configMap("nope"));
    expect(!result.ok && result.error.message).toBe('configmaps "nope" not found');
  });

  it("expectOk throws the error for a failed result", () => {
    expect(() => expectOk(newCluster().store.update(configMap("nope")))).toThrow(StoreOperationError);
  });
});

describe("delete", () => {
  it("removes an object without finalizers at once", () => {
    const cluster = newCluster();
    create(cluster, configMap("a"));
    const result = cluster.store.delete({ group: "", kind: "ConfigMap", name: "a" });
    expect(result).toMatchObject({ ok: true, outcome: "deleted" });
    expect(result.ok && result.object.metadata.resourceVersion).toBe("6");
    expect(cluster.store.get({ group: "", kind: "ConfigMap", name: "a" })).toBeUndefined();
    const again = cluster.store.delete({ group: "", kind: "ConfigMap", name: "a" });
    expect(!again.ok && again.error.message).toBe('configmaps "a" not found');
  });

  it("checks uid and resourceVersion preconditions", () => {
    const cluster = newCluster();
    const created = create(cluster, configMap("a"));
    const ref = { group: "", kind: "ConfigMap", name: "a" };
    const wrongUid = cluster.store.delete(ref, { preconditions: { uid: "other" } });
    expect(!wrongUid.ok && wrongUid.error.message).toBe(`Precondition failed: UID in precondition: other, UID in object meta: ${created.metadata.uid}`);
    const wrongVersion = cluster.store.delete(ref, { preconditions: { resourceVersion: "1" } });
    expect(!wrongVersion.ok && wrongVersion.error.reason).toBe("Conflict");
    expect(cluster.store.delete(ref, { preconditions: { uid: created.metadata.uid, resourceVersion: created.metadata.resourceVersion } }).ok).toBe(true);
  });

  it("deletes pods bound to a node gracefully and others at once", () => {
    const cluster = newCluster();
    create(cluster, pod("unscheduled"));
    create(cluster, pod("running", { nodeName: "node-1" }));
    create(cluster, pod("done", { nodeName: "node-1", phase: "Succeeded" }));
    const ref = (name: string) => ({ group: "", kind: "Pod", name });
    expect(cluster.store.delete(ref("unscheduled"))).toMatchObject({ outcome: "deleted" });
    expect(cluster.store.delete(ref("done"))).toMatchObject({ outcome: "deleted" });
    const graceful = cluster.store.delete(ref("running"));
    expect(graceful).toMatchObject({ outcome: "pending" });
    expect(graceful.ok && graceful.object.metadata).toMatchObject({ deletionTimestamp: "2026-01-01T00:00:30Z", deletionGracePeriodSeconds: 30, generation: 2 });
    // The kubelet confirms with a zero grace period.
    expect(cluster.store.delete(ref("running"), { gracePeriodSeconds: 0 })).toMatchObject({ outcome: "deleted" });
  });
});

describe("finalizers", () => {
  it("keep a deleted object, marked, until the last one is removed", () => {
    const cluster = newCluster();
    const ref = { group: "", kind: "ConfigMap", name: "a" };
    create(cluster, { ...configMap("a"), metadata: { name: "a", finalizers: ["example.com/a", "example.com/b"] } });
    const marked = cluster.store.delete(ref);
    expect(marked).toMatchObject({ ok: true, outcome: "pending" });
    expect(marked.ok && marked.object.metadata).toMatchObject({ deletionTimestamp: "2026-01-01T00:00:00Z", deletionGracePeriodSeconds: 0 });
    // Deleting again changes nothing.
    expect(cluster.store.delete(ref)).toMatchObject({ ok: true, outcome: "pending", object: marked.ok ? marked.object : undefined });
    expectOk(cluster.store.modify(ref, (o) => void (o.metadata.finalizers = ["example.com/b"])));
    expect(cluster.store.get(ref)).toBeDefined();
    const events: string[] = [];
    cluster.store.watch({}, (e) => events.push(`${e.type} ${e.object.metadata.name}`));
    const last = expectOk(cluster.store.modify(ref, (o) => void delete o.metadata.finalizers));
    expect(last.metadata.finalizers).toBeUndefined();
    expect(cluster.store.get(ref)).toBeUndefined();
    expect(events).toEqual(["DELETED a"]);
  });

  it("cannot be added to an object being deleted", () => {
    const cluster = newCluster();
    const ref = { group: "", kind: "ConfigMap", name: "a" };
    create(cluster, { ...configMap("a"), metadata: { name: "a", finalizers: ["example.com/a"] } });
    cluster.store.delete(ref);
    const result = cluster.store.modify(ref, (o) => void o.metadata.finalizers?.push("example.com/late"));
    expect(!result.ok && result.error.message).toBe(
      'ConfigMap "a" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ["example.com/late"]',
    );
  });

  it("keep the deletionTimestamp through updates", () => {
    const cluster = newCluster();
    const ref = { group: "", kind: "ConfigMap", name: "a" };
    create(cluster, { ...configMap("a"), metadata: { name: "a", finalizers: ["example.com/a"] } });
    cluster.store.delete(ref);
    const input = configMap("a", { data: { x: "1" } });
    input.metadata.finalizers = ["example.com/a"];
    expect(expectOk(cluster.store.update(input)).metadata.deletionTimestamp).toBe("2026-01-01T00:00:00Z");
  });
});

describe("get and list", () => {
  function populated() {
    const cluster = newCluster();
    expectOk(cluster.store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } }));
    create(cluster, configMap("b", { namespace: "shop", labels: { app: "web", tier: "front" } }));
    create(cluster, configMap("a", { namespace: "shop", labels: { app: "api" } }));
    create(cluster, configMap("c", { labels: { app: "web" } }));
    create(cluster, pod("p1", { namespace: "shop", nodeName: "node-1", phase: "Running", labels: { app: "web" } }));
    create(cluster, pod("p2", { namespace: "shop", phase: "Pending", labels: { app: "web" } }));
    create(cluster, { apiVersion: "v1", kind: "Node", metadata: { name: "node-1", labels: { zone: "a" } } });
    return cluster;
  }
  const names = (objects: KubeObject[]) => objects.map((o) => `${o.metadata.namespace ?? "-"}/${o.metadata.name}`);

  it("lists a kind in one namespace or all, ordered by namespace then name", () => {
    const store = populated().store;
    expect(names(store.list({ kind: "ConfigMap", namespace: "shop" }))).toEqual(["shop/a", "shop/b"]);
    expect(names(store.list({ kind: "ConfigMap" }))).toEqual(["default/c", "shop/a", "shop/b"]);
    expect(names(store.list({ group: "", kind: "ConfigMap", namespace: "nowhere" }))).toEqual([]);
  });

  it("lists everything in a namespace, ordered by group, kind, then name", () => {
    expect(populated().store.list({ namespace: "shop" }).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(["ConfigMap/a", "ConfigMap/b", "Pod/p1", "Pod/p2"]);
  });

  it("ignores the namespace for cluster-scoped kinds", () => {
    expect(names(populated().store.list({ kind: "Node", namespace: "shop" }))).toEqual(["-/node-1"]);
  });

  it("filters by label selectors in both forms", () => {
    const store = populated().store;
    const parsed = parseLabelSelector("app=web,tier notin (back)");
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(names(store.list({ kind: "ConfigMap", labelSelector: parsed.selector }))).toEqual(["default/c", "shop/b"]);
    expect(names(store.list({ kind: "ConfigMap", labelSelector: { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "Exists" }] } }))).toEqual(["shop/b"]);
  });

  it("filters by field selectors", () => {
    const store = populated().store;
    const running = parseFieldSelector("status.phase=Running", "Pod");
    const unscheduled = parseFieldSelector("spec.nodeName=", "Pod");
    const byName = parseFieldSelector("metadata.name!=a,metadata.namespace=shop", "ConfigMap");
    if (!running.ok || !unscheduled.ok || !byName.ok) throw new Error("selectors must parse");
    expect(names(store.list({ kind: "Pod", fieldSelector: running.selector }))).toEqual(["shop/p1"]);
    expect(names(store.list({ kind: "Pod", fieldSelector: unscheduled.selector }))).toEqual(["shop/p2"]);
    expect(names(store.list({ kind: "ConfigMap", fieldSelector: byName.selector }))).toEqual(["shop/b"]);
  });

  it("finds objects by uid", () => {
    const cluster = populated();
    const node = cluster.store.get({ group: "", kind: "Node", name: "node-1" });
    expect(cluster.store.getByUid(node?.metadata.uid ?? "")).toBe(node);
    expect(cluster.store.getByUid("nope")).toBeUndefined();
  });

  it("addresses a kind's objects whatever version they were written with", () => {
    const cluster = newCluster();
    create(cluster, { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: "web" }, spec: {} });
    expect(cluster.store.create({ apiVersion: "autoscaling/v1", kind: "HorizontalPodAutoscaler", metadata: { name: "web" }, spec: {} }).ok).toBe(false);
    expect(cluster.store.get({ group: "autoscaling", kind: "HorizontalPodAutoscaler", name: "web" })?.apiVersion).toBe("autoscaling/v2");
  });
});

describe("kind scopes", () => {
  it("knows built-in scopes from the schema index", () => {
    const store = newCluster().store;
    expect(store.kindInfo("", "Namespace")).toEqual({ namespaced: false, resource: "namespaces" });
    expect(store.kindInfo("rbac.authorization.k8s.io", "ClusterRole").namespaced).toBe(false);
    expect(store.kindInfo("networking.k8s.io", "NetworkPolicy")).toEqual({ namespaced: true, resource: "networkpolicies" });
    expect(store.kindInfo("", "Endpoints").resource).toBe("endpoints");
    expect(store.kindInfo("example.com", "Unknown")).toEqual({ namespaced: true, resource: "unknowns" });
  });

  it("learns custom kinds from stored CustomResourceDefinitions", () => {
    const cluster = newCluster();
    create(cluster, {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "clusterwidgets.example.com" },
      spec: { group: "example.com", scope: "Cluster", names: { kind: "ClusterWidget", plural: "clusterwidgets" }, versions: [] },
    });
    expect(cluster.store.kindInfo("example.com", "ClusterWidget")).toEqual({ namespaced: false, resource: "clusterwidgets" });
    const widget = create(cluster, { apiVersion: "example.com/v1", kind: "ClusterWidget", metadata: { name: "w", namespace: "default" } });
    expect(widget.metadata.namespace).toBeUndefined();
    const again = cluster.store.create({ apiVersion: "example.com/v1", kind: "ClusterWidget", metadata: { name: "w" } });
    expect(!again.ok && again.error.message).toBe('clusterwidgets.example.com "w" already exists');
  });
});

describe("Secret stringData", () => {
  it("is merged into data as base64 on create and on update, and never stored (a stringData key wins)", () => {
    const cluster = newCluster();
    const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { a: "YQ==", b: "b2xk" }, stringData: { b: "new", c: "é" } } as KubeObject;
    const created = create(cluster, secret);
    expect(created.stringData).toBeUndefined();
    expect(created.data).toEqual({ a: "YQ==", b: Buffer.from("new").toString("base64"), c: Buffer.from("é").toString("base64") });
    const updated = expectOk(cluster.store.modify({ group: "", kind: "Secret", name: "s" }, (o) => void (o.stringData = { a: "x" })));
    expect(updated.stringData).toBeUndefined();
    expect((updated.data as Record<string, string>).a).toBe(Buffer.from("x").toString("base64"));
  });
});

describe("RBAC object names", () => {
  it("take any path segment (system:controller:glbc), not only DNS subdomains; '/' and '..' are refused", () => {
    const cluster = newCluster();
    const role = (name: string) => ({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name }, rules: [] }) as KubeObject;
    expect(create(cluster, role("system:controller:glbc")).metadata.name).toBe("system:controller:glbc");
    const slash = cluster.store.create(role("a/b"));
    expect(slash.ok ? "" : slash.error.message).toContain(`metadata.name: Invalid value: "a/b": may not contain '/'`);
    const dots = cluster.store.create(role(".."));
    expect(dots.ok ? "" : dots.error.message).toContain("may not be '..'");
    const cm = cluster.store.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "system:x" } } as KubeObject);
    expect(cm.ok).toBe(false);
  });
});

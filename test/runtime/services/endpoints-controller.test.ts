import { describe, expect, test } from "vitest";
import { EndpointsController } from "../../../src/runtime/services/endpoints-controller.js";
import { cloneObject, type KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { get, pod, service, serviceCluster, setPodStatus, slicesOf, webService, type ServiceCluster } from "./service-fixtures.js";

const T0 = "2026-01-01T00:00:00Z";

function started(): ServiceCluster {
  const sc = serviceCluster({ controller: true });
  sc.cluster.clock.advance(0);
  return sc;
}

function create(sc: ServiceCluster, object: KubeObject): KubeObject {
  const created = expectOk(sc.cluster.store.create(object));
  sc.cluster.clock.advance(0);
  return created;
}

function status(sc: ServiceCluster, name: string, value: Parameters<typeof setPodStatus>[3]): void {
  setPodStatus(sc.cluster, "default", name, value);
  sc.cluster.clock.advance(0);
}

function endpoints(sc: ServiceCluster, name = "web"): KubeObject {
  const object = get(sc.cluster, "Endpoints", name);
  if (!object) throw new Error(`no Endpoints ${name}`);
  return object;
}

/** The one slice of a Service (fails when there are several). */
function slice(sc: ServiceCluster, name = "web"): KubeObject {
  const slices = slicesOf(sc.cluster, name);
  expect(slices).toHaveLength(1);
  return slices[0];
}

const ref = (name: string, sc: ServiceCluster) => ({ kind: "Pod", namespace: "default", name, uid: get(sc.cluster, "Pod", name)?.metadata.uid });

describe("the kubernetes Service", () => {
  test("exists from the start with its Endpoints and EndpointSlice", () => {
    const sc = started();
    const svc = get(sc.cluster, "Service", "kubernetes");
    expect(svc?.metadata.labels).toEqual({ component: "apiserver", provider: "kubernetes" });
    expect(svc?.spec).toEqual({
      ports: [{ name: "https", protocol: "TCP", port: 443, targetPort: 6443 }],
      clusterIP: "10.96.0.1",
      clusterIPs: ["10.96.0.1"],
      type: "ClusterIP",
      sessionAffinity: "None",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      internalTrafficPolicy: "Cluster",
    });
    expect(endpoints(sc, "kubernetes").subsets).toEqual([{ addresses: [{ ip: "172.18.0.1" }], ports: [{ name: "https", port: 6443, protocol: "TCP" }] }]);
    const apiSlice = sc.cluster.store.get({ group: "discovery.k8s.io", kind: "EndpointSlice", namespace: "default", name: "kubernetes" });
    expect(apiSlice).toMatchObject({
      addressType: "IPv4",
      endpoints: [{ addresses: ["172.18.0.1"], conditions: { ready: true } }],
      ports: [{ name: "https", port: 6443, protocol: "TCP" }],
    });
  });

  test("is created once: a restarted controller writes nothing", () => {
    const sc = started();
    const before = sc.cluster.store.resourceVersion;
    sc.controller?.stop();
    new EndpointsController(sc.deps).start();
    sc.cluster.clock.advance(0);
    expect(sc.cluster.store.resourceVersion).toBe(before);
  });

  test("holds 10.96.0.1 against requests, and comes back when deleted", () => {
    const sc = started();
    const taken = sc.cluster.store.create(webService("x", { clusterIP: "10.96.0.1" }));
    expect(taken.ok ? "" : taken.error.message).toContain("failed to allocate IP 10.96.0.1: provided IP is already allocated");
    expectOk(sc.cluster.store.delete({ group: "", kind: "Service", namespace: "default", name: "kubernetes" }));
    expectOk(sc.cluster.store.delete({ group: "", kind: "Endpoints", namespace: "default", name: "kubernetes" }));
    sc.cluster.clock.advance(0);
    expect((get(sc.cluster, "Service", "kubernetes")?.spec as { clusterIP: string }).clusterIP).toBe("10.96.0.1");
    expect(endpoints(sc, "kubernetes").subsets).toHaveLength(1);
  });
});

describe("Endpoints and EndpointSlices follow the pods", () => {
  test("from an empty Service to ready, not-ready and terminating pods", () => {
    const sc = started();
    const svc = create(sc, webService("web", { ports: [{ name: "http", port: 80, targetPort: 8080 }] }));

    // No pods: an Endpoints without subsets, and one placeholder slice.
    const empty = endpoints(sc);
    expect(empty.metadata.labels).toEqual({ "endpoints.kubernetes.io/managed-by": "endpoint-controller" });
    expect(empty.metadata.annotations).toEqual({ "endpoints.kubernetes.io/last-change-trigger-time": T0 });
    expect(empty.metadata.ownerReferences).toBeUndefined();
    expect("subsets" in empty).toBe(false);
    const placeholder = slice(sc);
    expect(placeholder.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(placeholder.metadata.labels).toEqual({ "kubernetes.io/service-name": "web", "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io" });
    expect(placeholder.metadata.ownerReferences).toEqual([{ apiVersion: "v1", kind: "Service", name: "web", uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(placeholder).toMatchObject({ addressType: "IPv4", endpoints: null, ports: null });

    // A pod without an IP is not listed, and nothing is written.
    const quiet = sc.cluster.store.resourceVersion;
    create(sc, pod("web-1"));
    expect(sc.cluster.store.resourceVersion).toBe(quiet + 1);

    // An IP but not ready: notReadyAddresses.
    sc.cluster.clock.advance(5000);
    status(sc, "web-1", { podIP: "10.244.1.5", ready: false });
    const address = { ip: "10.244.1.5", nodeName: "worker-1", targetRef: ref("web-1", sc) };
    expect(endpoints(sc).subsets).toEqual([{ notReadyAddresses: [address], ports: [{ name: "http", port: 8080, protocol: "TCP" }] }]);
    expect(endpoints(sc).metadata.annotations?.["endpoints.kubernetes.io/last-change-trigger-time"]).toBe("2026-01-01T00:00:05Z");
    const notReady = slice(sc);
    expect(notReady.metadata.name).toBe(placeholder.metadata.name);
    expect(notReady.ports).toEqual([{ name: "http", port: 8080, protocol: "TCP" }]);
    expect(notReady.endpoints).toEqual([
      { addresses: ["10.244.1.5"], conditions: { ready: false, serving: false, terminating: false }, targetRef: ref("web-1", sc), nodeName: "worker-1" },
    ]);

    // Ready: addresses.
    status(sc, "web-1", { podIP: "10.244.1.5", ready: true });
    expect(endpoints(sc).subsets).toEqual([{ addresses: [address], ports: [{ name: "http", port: 8080, protocol: "TCP" }] }]);
    expect((slice(sc).endpoints as Array<{ conditions: unknown }>)[0].conditions).toEqual({ ready: true, serving: true, terminating: false });

    // Terminating (a graceful delete of a bound pod): gone from Endpoints, still in the slice.
    expectOk(sc.cluster.store.delete({ group: "", kind: "Pod", namespace: "default", name: "web-1" }));
    sc.cluster.clock.advance(0);
    expect("subsets" in endpoints(sc)).toBe(false);
    expect((slice(sc).endpoints as Array<{ conditions: unknown }>)[0].conditions).toEqual({ ready: false, serving: true, terminating: true });

    // Gone: the slice is the placeholder again, under the same name.
    expectOk(sc.cluster.store.delete({ group: "", kind: "Pod", namespace: "default", name: "web-1" }, { gracePeriodSeconds: 0 }));
    sc.cluster.clock.advance(0);
    expect(slice(sc)).toMatchObject({ metadata: { name: placeholder.metadata.name }, endpoints: null, ports: null });
  });

  test("addresses are grouped by port set and sorted by IP as text", () => {
    const sc = started();
    create(sc, webService());
    for (const [name, ip, ready] of [
      ["a", "10.244.1.9", true],
      ["b", "10.244.1.10", true],
      ["c", "10.244.2.3", false],
    ] as const) {
      create(sc, pod(name));
      status(sc, name, { podIP: ip, ready });
    }
    const subsets = endpoints(sc).subsets as Array<{ addresses: Array<{ ip: string }>; notReadyAddresses: Array<{ ip: string }> }>;
    expect(subsets).toHaveLength(1);
    expect(subsets[0].addresses.map((a) => a.ip)).toEqual(["10.244.1.10", "10.244.1.9"]);
    expect(subsets[0].notReadyAddresses.map((a) => a.ip)).toEqual(["10.244.2.3"]);
    // Slices keep endpoints in the order they were added.
    expect((slice(sc).endpoints as Array<{ addresses: string[] }>).map((e) => e.addresses[0])).toEqual(["10.244.1.9", "10.244.1.10", "10.244.2.3"]);
  });

  test("a named targetPort resolves per pod; pods without that port are left out of Endpoints", () => {
    const sc = started();
    create(sc, service("web", { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: "http" }] }));
    create(sc, pod("a", { ports: [{ name: "http", containerPort: 8080 }] }));
    create(sc, pod("b", { ports: [{ name: "http", containerPort: 9090 }] }));
    create(sc, pod("c", { ports: [{ name: "metrics", containerPort: 9100 }] }));
    create(sc, pod("d", { ports: [{ name: "http", containerPort: 7070, protocol: "UDP" }] }));
    for (const [name, ip] of [["a", "10.244.1.2"], ["b", "10.244.1.3"], ["c", "10.244.1.4"], ["d", "10.244.1.6"]] as const) status(sc, name, { podIP: ip, ready: true });
    const subsets = endpoints(sc).subsets as Array<{ addresses: Array<{ ip: string }>; ports: unknown }>;
    expect(subsets.map((s) => [s.addresses.map((a) => a.ip), s.ports])).toEqual([
      [["10.244.1.2"], [{ name: "http", port: 8080, protocol: "TCP" }]],
      [["10.244.1.3"], [{ name: "http", port: 9090, protocol: "TCP" }]],
    ]);
    // Slices are per port list; pods whose ports do not resolve still appear, in a slice without ports.
    const slices = slicesOf(sc.cluster, "web").map((s) => [s.ports, (s.endpoints as Array<{ addresses: string[] }>).map((e) => e.addresses[0])]);
    expect(slices).toHaveLength(3);
    expect(slices).toEqual(
      expect.arrayContaining([
        [[{ name: "http", port: 8080, protocol: "TCP" }], ["10.244.1.2"]],
        [[{ name: "http", port: 9090, protocol: "TCP" }], ["10.244.1.3"]],
        [null, ["10.244.1.4", "10.244.1.6"]],
      ]),
    );
  });

  test("publishNotReadyAddresses lists every pod as ready, terminating ones included", () => {
    const sc = started();
    create(sc, webService("web", { publishNotReadyAddresses: true }));
    create(sc, pod("a"));
    status(sc, "a", { podIP: "10.244.1.2", ready: false });
    expect((endpoints(sc).subsets as Array<Record<string, unknown>>)[0]).toMatchObject({ addresses: [{ ip: "10.244.1.2" }] });
    expect((slice(sc).endpoints as Array<{ conditions: unknown }>)[0].conditions).toEqual({ ready: true, serving: false, terminating: false });
    expectOk(sc.cluster.store.delete({ group: "", kind: "Pod", namespace: "default", name: "a" }));
    sc.cluster.clock.advance(0);
    expect((endpoints(sc).subsets as Array<Record<string, unknown>>)[0]).toMatchObject({ addresses: [{ ip: "10.244.1.2" }] });
    expect((slice(sc).endpoints as Array<{ conditions: unknown }>)[0].conditions).toEqual({ ready: true, serving: false, terminating: true });
  });

  test("finished pods, pods of other namespaces and pods not matching the selector are not listed", () => {
    const sc = started();
    expectOk(sc.cluster.store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "other" } }));
    create(sc, webService());
    create(sc, pod("done"));
    status(sc, "done", { podIP: "10.244.1.2", ready: false, phase: "Succeeded" });
    create(sc, pod("api", { labels: { app: "api" } }));
    status(sc, "api", { podIP: "10.244.1.3", ready: true });
    create(sc, pod("elsewhere", { namespace: "other" }));
    setPodStatus(sc.cluster, "other", "elsewhere", { podIP: "10.244.1.4", ready: true });
    sc.cluster.clock.advance(0);
    expect("subsets" in endpoints(sc)).toBe(false);
    expect(slice(sc).endpoints).toBeNull();
  });

  test("relabelling a pod moves it out of and into a Service", () => {
    const sc = started();
    create(sc, webService());
    create(sc, pod("a"));
    status(sc, "a", { podIP: "10.244.1.2", ready: true });
    expect(endpoints(sc).subsets).toHaveLength(1);
    const relabel = (app: string) => {
      expectOk(sc.cluster.store.modify({ group: "", kind: "Pod", namespace: "default", name: "a" }, (o) => (o.metadata.labels = { app })));
      sc.cluster.clock.advance(0);
    };
    relabel("other");
    expect("subsets" in endpoints(sc)).toBe(false);
    relabel("web");
    expect(endpoints(sc).subsets).toHaveLength(1);
  });

  test("a changed selector is followed", () => {
    const sc = started();
    create(sc, webService());
    create(sc, pod("api", { labels: { app: "api" } }));
    status(sc, "api", { podIP: "10.244.1.3", ready: true });
    expectOk(sc.cluster.store.modify({ group: "", kind: "Service", namespace: "default", name: "web" }, (o) => ((o.spec as { selector: unknown }).selector = { app: "api" })));
    sc.cluster.clock.advance(0);
    expect((endpoints(sc).subsets as Array<{ addresses: Array<{ ip: string }> }>)[0].addresses[0].ip).toBe("10.244.1.3");
  });

  test("a pod whose hostname and subdomain name the Service gets a hostname; headless Services are labelled", () => {
    const sc = started();
    create(sc, webService("db", { clusterIP: "None" }));
    create(sc, pod("db-0", { hostname: "db-0", subdomain: "db" }));
    status(sc, "db-0", { podIP: "10.244.1.7", ready: true });
    const address = (endpoints(sc, "db").subsets as Array<{ addresses: Array<Record<string, unknown>> }>)[0].addresses[0];
    expect(Object.keys(address)).toEqual(["ip", "hostname", "nodeName", "targetRef"]);
    expect(address.hostname).toBe("db-0");
    expect(endpoints(sc, "db").metadata.labels).toEqual({ "endpoints.kubernetes.io/managed-by": "endpoint-controller", "service.kubernetes.io/headless": "" });
    expect(slice(sc, "db").metadata.labels?.["service.kubernetes.io/headless"]).toBe("");
    expect((slice(sc, "db").endpoints as Array<{ hostname: string }>)[0].hostname).toBe("db-0");
  });

  test("Endpoints and slices carry the Service's labels", () => {
    const sc = started();
    create(sc, service("web", { selector: { app: "web" }, ports: [{ port: 80 }] }, { labels: { tier: "front" } }));
    expect(endpoints(sc).metadata.labels).toEqual({ tier: "front", "endpoints.kubernetes.io/managed-by": "endpoint-controller" });
    expect(slice(sc).metadata.labels?.tier).toBe("front");
    expectOk(sc.cluster.store.modify({ group: "", kind: "Service", namespace: "default", name: "web" }, (o) => (o.metadata.labels = { tier: "back" })));
    sc.cluster.clock.advance(0);
    expect(endpoints(sc).metadata.labels?.tier).toBe("back");
    expect(slice(sc).metadata.labels?.tier).toBe("back");
  });
});

describe("slices", () => {
  test("hold at most 100 endpoints; a change rewrites only the slice that holds the pod", () => {
    const sc = started();
    create(sc, webService());
    sc.cluster.store.transaction((tx) => {
      for (let i = 0; i < 250; i++) expectOk(tx.create(pod(`p${String(i).padStart(3, "0")}`)));
    });
    sc.cluster.store.transaction((tx) => {
      for (let i = 0; i < 250; i++) {
        const current = cloneObject(tx.get({ group: "", kind: "Pod", namespace: "default", name: `p${String(i).padStart(3, "0")}` }) as KubeObject);
        current.status = { phase: "Running", podIP: `10.244.${Math.floor(i / 200) + 1}.${(i % 200) + 1}`, conditions: [{ type: "Ready", status: "True" }] };
        expectOk(tx.update(current, { subresource: "status" }));
      }
    });
    sc.cluster.clock.advance(0);
    const sizes = (slices: KubeObject[]) => slices.map((s) => (s.endpoints as unknown[] | null)?.length ?? 0).sort((a, b) => a - b);
    expect(sizes(slicesOf(sc.cluster, "web"))).toEqual([50, 100, 100]);
    const versions = new Map(slicesOf(sc.cluster, "web").map((s) => [s.metadata.name, s.metadata.resourceVersion]));

    status(sc, "p010", { podIP: "10.244.1.11", ready: false });
    const after = slicesOf(sc.cluster, "web");
    const changed = after.filter((s) => versions.get(s.metadata.name) !== s.metadata.resourceVersion);
    expect(changed).toHaveLength(1);
    expect((changed[0].endpoints as Array<{ targetRef: { name: string }; conditions: { ready: boolean } }>).find((e) => e.targetRef.name === "p010")?.conditions.ready).toBe(false);
    expect(endpoints(sc).subsets).toEqual([expect.objectContaining({ notReadyAddresses: [expect.objectContaining({ ip: "10.244.1.11" })] })]);
    expect(((endpoints(sc).subsets as Array<{ addresses: unknown[] }>)[0]).addresses).toHaveLength(249);
  });

  test("a slice edited or deleted by someone else is put back", () => {
    const sc = started();
    create(sc, webService());
    create(sc, pod("a"));
    status(sc, "a", { podIP: "10.244.1.2", ready: true });
    const original = slice(sc);
    expectOk(sc.cluster.store.modify({ group: "discovery.k8s.io", kind: "EndpointSlice", namespace: "default", name: original.metadata.name ?? "" }, (o) => (o.endpoints = null)));
    sc.cluster.clock.advance(0);
    expect(slice(sc).endpoints).toEqual(original.endpoints);
    expectOk(sc.cluster.store.delete({ group: "discovery.k8s.io", kind: "EndpointSlice", namespace: "default", name: original.metadata.name ?? "" }));
    sc.cluster.clock.advance(0);
    expect(slice(sc).endpoints).toEqual(original.endpoints);
    expectOk(sc.cluster.store.delete({ group: "", kind: "Endpoints", namespace: "default", name: "web" }));
    sc.cluster.clock.advance(0);
    expect(endpoints(sc).subsets).toHaveLength(1);
  });
});

describe("Endpoints capacity", () => {
  test("over 1,000 addresses, not-ready ones go first and the Endpoints is marked truncated", () => {
    const sc = started();
    create(sc, webService());
    sc.cluster.store.transaction((tx) => {
      for (let i = 0; i < 1005; i++) {
        const created = expectOk(tx.create(pod(`p${i}`)));
        const next = cloneObject(created);
        next.status = { phase: "Running", podIP: `10.244.${Math.floor(i / 250)}.${(i % 250) + 1}`, conditions: [{ type: "Ready", status: i < 995 ? "True" : "False" }] };
        expectOk(tx.update(next, { subresource: "status" }));
      }
    });
    sc.cluster.clock.advance(0);
    const [subset] = endpoints(sc).subsets as Array<{ addresses: unknown[]; notReadyAddresses: unknown[] }>;
    expect([subset.addresses.length, subset.notReadyAddresses.length]).toEqual([995, 5]);
    expect(endpoints(sc).metadata.annotations?.["endpoints.kubernetes.io/over-capacity"]).toBe("truncated");
    expect(slicesOf(sc.cluster, "web")).toHaveLength(11);
    // Back under capacity, the mark goes.
    for (let i = 0; i < 10; i++) expectOk(sc.cluster.store.delete({ group: "", kind: "Pod", namespace: "default", name: `p${i}` }, { gracePeriodSeconds: 0 }));
    sc.cluster.clock.advance(0);
    expect(endpoints(sc).metadata.annotations?.["endpoints.kubernetes.io/over-capacity"]).toBeUndefined();
  });
});

describe("lifecycle", () => {
  test("deleting the Service removes its Endpoints and (through their owner) its slices", () => {
    const sc = started();
    create(sc, webService());
    create(sc, pod("a"));
    status(sc, "a", { podIP: "10.244.1.2", ready: true });
    expectOk(sc.cluster.store.delete({ group: "", kind: "Service", namespace: "default", name: "web" }));
    sc.cluster.clock.advance(0);
    expect(get(sc.cluster, "Endpoints", "web")).toBeUndefined();
    expect(slicesOf(sc.cluster, "web")).toEqual([]);
  });

  test("a Service without a selector gets no Endpoints, and the user's are left alone", () => {
    const sc = started();
    create(sc, service("ext", { ports: [{ port: 5432 }] }));
    expect(get(sc.cluster, "Endpoints", "ext")).toBeUndefined();
    const mine = create(sc, { apiVersion: "v1", kind: "Endpoints", metadata: { name: "ext" }, subsets: [{ addresses: [{ ip: "192.168.0.10" }], ports: [{ port: 5432 }] }] });
    create(sc, pod("a"));
    status(sc, "a", { podIP: "10.244.1.2", ready: true });
    expect(get(sc.cluster, "Endpoints", "ext")).toEqual(mine);
    expect(slicesOf(sc.cluster, "ext")).toEqual([]);
  });

  test("deleting a Service without a selector deletes the Endpoints of its name too, as upstream does", () => {
    const sc = started();
    create(sc, service("ext", { ports: [{ port: 5432 }] }));
    create(sc, { apiVersion: "v1", kind: "Endpoints", metadata: { name: "ext" }, subsets: [{ addresses: [{ ip: "192.168.0.10" }], ports: [{ port: 5432 }] }] });
    expectOk(sc.cluster.store.delete({ group: "", kind: "Service", namespace: "default", name: "ext" }));
    sc.cluster.clock.advance(0);
    expect(get(sc.cluster, "Endpoints", "ext")).toBeUndefined();
  });

  test("a deleted namespace empties and goes: nothing is recreated in it", () => {
    const sc = started();
    expectOk(sc.cluster.store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } }));
    create(sc, service("web", { selector: { app: "web" }, ports: [{ port: 80 }] }, { namespace: "shop" }));
    create(sc, pod("a", { namespace: "shop", nodeName: "" }));
    setPodStatus(sc.cluster, "shop", "a", { podIP: "10.244.1.2", ready: true });
    sc.cluster.clock.advance(0);
    expect(sc.cluster.store.get({ group: "", kind: "Endpoints", namespace: "shop", name: "web" })).toBeDefined();
    expectOk(sc.cluster.store.delete({ group: "", kind: "Namespace", name: "shop" }));
    sc.cluster.clock.runUntilQuiet(sc.cluster.clock.now() + 60_000);
    expect(sc.cluster.store.list({ namespace: "shop" })).toEqual([]);
    expect(sc.cluster.store.get({ group: "", kind: "Namespace", name: "shop" })).toBeUndefined();
    expect(sc.cluster.store.list({ group: "", kind: "Event" }).filter((e) => e.reason !== undefined && String(e.reason).startsWith("Failed"))).toEqual([]);
  });

  test("an ExternalName Service gets nothing", () => {
    const sc = started();
    create(sc, service("db", { type: "ExternalName", externalName: "db.example.com", selector: { app: "web" } }));
    expect(get(sc.cluster, "Endpoints", "db")).toBeUndefined();
    expect(slicesOf(sc.cluster, "db")).toEqual([]);
  });

  test("nothing is written when nothing the endpoints show has changed", () => {
    const sc = started();
    create(sc, webService());
    create(sc, pod("a"));
    status(sc, "a", { podIP: "10.244.1.2", ready: true });
    const before = sc.cluster.store.resourceVersion;
    const versions = () => [endpoints(sc).metadata.resourceVersion, slice(sc).metadata.resourceVersion];
    const written = versions();
    // Container statuses and the Service's status are not part of any endpoint.
    expectOk(sc.cluster.store.modify({ group: "", kind: "Pod", namespace: "default", name: "a" }, (o) => ((o.status as Record<string, unknown>).containerStatuses = [{ name: "app", ready: true, restartCount: 1 }]), { subresource: "status" }));
    expectOk(sc.cluster.store.modify({ group: "", kind: "Service", namespace: "default", name: "web" }, (o) => (o.status = { loadBalancer: {}, conditions: [] }), { subresource: "status" }));
    // A later instant, same content.
    sc.cluster.clock.advance(60_000);
    status(sc, "a", { podIP: "10.244.1.2", ready: true });
    // Three writes: the two status changes, and the pod's status set again without containerStatuses.
    expect(sc.cluster.store.resourceVersion).toBe(before + 3);
    expect(versions()).toEqual(written);
    // A restarted controller resyncs everything and finds nothing to do.
    sc.controller?.stop();
    new EndpointsController(sc.deps).start();
    sc.cluster.clock.advance(0);
    expect(sc.cluster.store.resourceVersion).toBe(before + 3);
  });

  test("a stopped controller ignores changes until started again, then catches up", () => {
    const sc = started();
    create(sc, webService());
    sc.controller?.stop();
    create(sc, pod("a"));
    status(sc, "a", { podIP: "10.244.1.2", ready: true });
    expect("subsets" in endpoints(sc)).toBe(false);
    new EndpointsController(sc.deps).start();
    sc.cluster.clock.advance(0);
    expect(endpoints(sc).subsets).toHaveLength(1);
    expect((slice(sc).endpoints as unknown[]).length).toBe(1);
  });

  test("the same controller stopped and started again catches up too", () => {
    const sc = started();
    create(sc, webService());
    create(sc, pod("a"));
    status(sc, "a", { podIP: "10.244.1.2", ready: true });
    sc.controller?.stop();
    status(sc, "a", { podIP: "10.244.1.2", ready: false });
    sc.controller?.start();
    sc.cluster.clock.advance(0);
    expect(endpoints(sc).subsets).toEqual([expect.objectContaining({ notReadyAddresses: [expect.objectContaining({ ip: "10.244.1.2" })] })]);
  });
});

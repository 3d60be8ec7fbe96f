import { describe, expect, test } from "vitest";
import { DEFAULT_CLUSTER_CONFIG } from "../../../src/runtime/runtime-deps.js";
import { parseIPv4 } from "../../../src/runtime/services/ranges.js";
import { serviceAdmission } from "../../../src/runtime/services/service-admission.js";
import { cloneObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { newCluster } from "../runtime-helpers.js";
import { service, serviceCluster, specOf, webService } from "./service-fixtures.js";

const ipValue = (ip: string): number => parseIPv4(ip) ?? Number.NaN;
const UPPER_BAND_START = ipValue("10.96.1.1");
const RANGE_END = ipValue("10.111.255.254");

function create(sc: ReturnType<typeof serviceCluster>, object: Parameters<typeof sc.cluster.store.create>[0]) {
  return expectOk(sc.cluster.store.create(object));
}

function failure(result: ReturnType<ReturnType<typeof serviceCluster>["cluster"]["store"]["create"]>): { reason: string; message: string } {
  if (result.ok) throw new Error("the write succeeded");
  return { reason: result.error.reason, message: result.error.message };
}

describe("Service defaults", () => {
  test("a minimal Service gets upstream's defaults, in the API server's field order", () => {
    const sc = serviceCluster();
    const created = create(sc, service("web", { selector: { app: "web" }, ports: [{ port: 80 }] }));
    const spec = specOf(created);
    expect(Object.keys(spec)).toEqual(["ports", "selector", "clusterIP", "clusterIPs", "type", "sessionAffinity", "ipFamilies", "ipFamilyPolicy", "internalTrafficPolicy"]);
    expect(spec.ports).toEqual([{ protocol: "TCP", port: 80, targetPort: 80 }]);
    expect(spec).toMatchObject({ type: "ClusterIP", sessionAffinity: "None", ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack", internalTrafficPolicy: "Cluster" });
    expect(spec.externalTrafficPolicy).toBeUndefined();
    expect(created.status).toEqual({ loadBalancer: {} });
  });

  test("a named or numeric targetPort and a protocol are kept", () => {
    const sc = serviceCluster();
    const spec = specOf(create(sc, service("dns", { selector: { app: "dns" }, ports: [{ name: "dns", port: 53, protocol: "UDP", targetPort: "dns" }, { name: "m", port: 9153, targetPort: 9154 }] })));
    expect(spec.ports).toEqual([
      { name: "dns", protocol: "UDP", port: 53, targetPort: "dns" },
      { name: "m", protocol: "TCP", port: 9153, targetPort: 9154 },
    ]);
  });

  test("NodePort and LoadBalancer Services get externalTrafficPolicy Cluster; LoadBalancer allocates node ports", () => {
    const sc = serviceCluster();
    expect(specOf(create(sc, webService("np", { type: "NodePort" }))).externalTrafficPolicy).toBe("Cluster");
    const lb = specOf(create(sc, webService("lb", { type: "LoadBalancer" })));
    expect(lb).toMatchObject({ externalTrafficPolicy: "Cluster", allocateLoadBalancerNodePorts: true });
    expect(lb.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(lb.healthCheckNodePort).toBeUndefined();
  });

  test("ClientIP affinity gets the three-hour timeout", () => {
    const sc = serviceCluster();
    expect(specOf(create(sc, webService("web", { sessionAffinity: "ClientIP" }))).sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
  });

  test("an ExternalName Service gets no cluster IP, IP families or internal traffic policy", () => {
    const sc = serviceCluster();
    const spec = specOf(create(sc, service("db", { type: "ExternalName", externalName: "db.example.com" })));
    expect(spec).toEqual({ type: "ExternalName", sessionAffinity: "None", externalName: "db.example.com" });
    const missing = failure(sc.cluster.store.create(service("bad", { type: "ExternalName" })));
    expect(missing.message).toBe('Service "bad" is invalid: spec.externalName: Required value');
  });

  test("a Service without ports is refused unless it is headless", () => {
    const sc = serviceCluster();
    expect(failure(sc.cluster.store.create(service("x", { selector: { app: "x" } }))).message).toBe('Service "x" is invalid: spec.ports: Required value');
    expect(specOf(create(sc, service("h", { clusterIP: "None", selector: { app: "x" } }))).clusterIPs).toEqual(["None"]);
  });
});

describe("cluster IP allocation", () => {
  test("is deterministic for a seed and draws from the upper band of 10.96.0.0/12", () => {
    const first = serviceCluster();
    const second = serviceCluster();
    const ips = (sc: ReturnType<typeof serviceCluster>) => ["a", "b", "c", "d"].map((name) => specOf(create(sc, webService(name))).clusterIP as string);
    const a = ips(first);
    expect(a).toEqual(ips(second));
    expect(a).toEqual(["10.108.212.3", "10.102.55.173", "10.99.231.109", "10.96.6.181"]);
    expect(ips(serviceCluster({ seed: "other" }))).not.toEqual(a);
    for (const ip of a) {
      expect(ipValue(ip)).toBeGreaterThanOrEqual(UPPER_BAND_START);
      expect(ipValue(ip)).toBeLessThanOrEqual(RANGE_END);
    }
    expect(new Set(a).size).toBe(4);
  });

  test("sets clusterIP and clusterIPs together", () => {
    const sc = serviceCluster();
    const spec = specOf(create(sc, webService()));
    expect(spec.clusterIPs).toEqual([spec.clusterIP]);
  });

  test("a requested IP in the lower band is granted; a second request for it is refused with upstream's message", () => {
    const sc = serviceCluster();
    expect(specOf(create(sc, webService("dns", { clusterIP: "10.96.0.10" }))).clusterIPs).toEqual(["10.96.0.10"]);
    const refused = failure(sc.cluster.store.create(webService("other", { clusterIP: "10.96.0.10" })));
    expect(refused).toEqual({
      reason: "Invalid",
      message: 'Service "other" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    });
  });

  test("a requested IP held by a dynamically allocated Service is refused", () => {
    const sc = serviceCluster();
    const ip = specOf(create(sc, webService("a"))).clusterIP as string;
    expect(failure(sc.cluster.store.create(webService("b", { clusterIPs: [ip] }))).message).toBe(
      `Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"${ip}"}: failed to allocate IP ${ip}: provided IP is already allocated`,
    );
  });

  test.each(["10.0.0.1", "10.96.0.0", "10.111.255.255", "10.112.0.1"])("%s is outside the usable range", (ip) => {
    const sc = serviceCluster();
    expect(failure(sc.cluster.store.create(webService("x", { clusterIP: ip })))).toEqual({
      reason: "Invalid",
      message: `Service "x" is invalid: spec.clusterIPs: Invalid value: []string{"${ip}"}: failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is 10.96.0.0/12`,
    });
  });

  test("the first and last usable addresses can be requested", () => {
    const sc = serviceCluster();
    expect(specOf(create(sc, webService("first", { clusterIP: "10.96.0.1" }))).clusterIP).toBe("10.96.0.1");
    expect(specOf(create(sc, webService("last", { clusterIP: "10.111.255.254" }))).clusterIP).toBe("10.111.255.254");
  });

  test("a malformed IP is refused", () => {
    const sc = serviceCluster();
    expect(failure(sc.cluster.store.create(webService("x", { clusterIP: "10.96.0.300" }))).message).toBe(
      'Service "x" is invalid: spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    );
  });

  test("a headless Service allocates nothing; with a selector it is SingleStack, without one RequireDualStack", () => {
    const sc = serviceCluster();
    const withSelector = specOf(create(sc, webService("h1", { clusterIP: "None" })));
    expect(withSelector).toMatchObject({ clusterIP: "None", clusterIPs: ["None"], ipFamilyPolicy: "SingleStack", ipFamilies: ["IPv4"] });
    const without = specOf(create(sc, service("h2", { clusterIP: "None", ports: [{ port: 80 }] })));
    expect(without).toMatchObject({ clusterIP: "None", clusterIPs: ["None"], ipFamilyPolicy: "RequireDualStack", ipFamilies: ["IPv4"] });
  });

  test("None is refused for NodePort and LoadBalancer Services", () => {
    const sc = serviceCluster();
    expect(failure(sc.cluster.store.create(webService("x", { type: "NodePort", clusterIP: "None" }))).message).toBe(
      `Service "x" is invalid: spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services`,
    );
  });

  test("a deleted Service's IP is free again", () => {
    const sc = serviceCluster();
    create(sc, webService("a", { clusterIP: "10.96.0.20" }));
    expectOk(sc.cluster.store.delete({ group: "", kind: "Service", namespace: "default", name: "a" }));
    expect(specOf(create(sc, webService("b", { clusterIP: "10.96.0.20" }))).clusterIP).toBe("10.96.0.20");
  });

  test("an IP taken by a write that was rolled back stays free", () => {
    const sc = serviceCluster();
    const outcome = sc.cluster.store.transaction((tx) => {
      tx.create(webService("a", { clusterIP: "10.96.0.30" }));
      tx.abort({ reason: "BadRequest", code: 400, message: "changed my mind" });
    });
    expect(outcome.ok).toBe(false);
    expect(specOf(create(sc, webService("b", { clusterIP: "10.96.0.30" }))).clusterIP).toBe("10.96.0.30");
  });

  test("two Services created in one transaction never share an IP or a node port", () => {
    const sc = serviceCluster();
    const outcome = sc.cluster.store.transaction((tx) => [expectOk(tx.create(webService("a", { type: "NodePort" }))), expectOk(tx.create(webService("b", { type: "NodePort" })))]);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const [a, b] = outcome.value.map(specOf);
    expect(a.clusterIP).not.toBe(b.clusterIP);
    expect(a.ports[0].nodePort).not.toBe(b.ports[0].nodePort);
    expect(failure(sc.cluster.store.create(webService("c", { clusterIP: a.clusterIP }))).message).toContain("provided IP is already allocated");
  });

  test("Services stored before the plugin was added (a loaded cluster) hold their IPs and ports", () => {
    const cluster = newCluster();
    expectOk(cluster.store.create(webService("dns", { type: "NodePort", clusterIP: "10.96.0.10", clusterIPs: ["10.96.0.10"], ports: [{ port: 53, nodePort: 30053 }] })));
    const deps = { store: cluster.store, clock: cluster.clock, ids: cluster.ids, events: cluster.events, config: DEFAULT_CLUSTER_CONFIG };
    cluster.store.addAdmission(serviceAdmission(deps));
    const again = cluster.store.create(webService("x", { clusterIP: "10.96.0.10" }));
    expect(again.ok ? "" : again.error.message).toContain("provided IP is already allocated");
    const port = cluster.store.create(webService("y", { type: "NodePort", ports: [{ port: 53, nodePort: 30053 }] }));
    expect(port.ok ? "" : port.error.message).toContain("provided port is already allocated");
  });
});

describe("updates", () => {
  test("re-applying the manifest without clusterIP or nodePort keeps the allocated values and writes nothing", () => {
    const sc = serviceCluster();
    const created = create(sc, webService("web", { type: "NodePort" }));
    const again = expectOk(sc.cluster.store.update(webService("web", { type: "NodePort" })));
    expect(again.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    expect(again.spec).toEqual(created.spec);
  });

  test("changing the cluster IP is refused", () => {
    const sc = serviceCluster();
    const created = create(sc, webService("web"));
    const next = cloneObject(created);
    specOf(next).clusterIP = "10.96.0.55";
    specOf(next).clusterIPs = ["10.96.0.55"];
    expect(failure(sc.cluster.store.update(next)).message).toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.55"}: may not change once set');
    // An old client that sets only the singular field is caught the same way.
    const singular = cloneObject(created);
    specOf(singular).clusterIP = "10.96.0.56";
    expect(failure(sc.cluster.store.update(singular)).message).toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.56"}: may not change once set');
  });

  test("ClusterIP to NodePort keeps the IP and allocates node ports; back to ClusterIP drops them", () => {
    const sc = serviceCluster();
    const created = create(sc, webService("web"));
    const nodePort = specOf(expectOk(sc.cluster.store.update(webService("web", { type: "NodePort" }))));
    expect(nodePort.clusterIP).toBe(specOf(created).clusterIP);
    expect(nodePort.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    const back = expectOk(sc.cluster.store.modify({ group: "", kind: "Service", namespace: "default", name: "web" }, (o) => (specOf(o).type = "ClusterIP")));
    expect(specOf(back).ports[0].nodePort).toBeUndefined();
    expect(specOf(back).externalTrafficPolicy).toBeUndefined();
    expect(specOf(back).clusterIP).toBe(specOf(created).clusterIP);
  });

  test("a nodePort on a ClusterIP Service is forbidden", () => {
    const sc = serviceCluster();
    expect(failure(sc.cluster.store.create(webService("web", { ports: [{ port: 80, nodePort: 30080 }] }))).message).toBe(
      "Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    );
  });

  test("ExternalName to ClusterIP allocates an IP; ClusterIP to ExternalName releases it", () => {
    const sc = serviceCluster();
    create(sc, service("db", { type: "ExternalName", externalName: "db.example.com" }));
    const withIp = specOf(expectOk(sc.cluster.store.update(webService("db"))));
    expect(ipValue(withIp.clusterIP)).toBeGreaterThanOrEqual(UPPER_BAND_START);
    const external = expectOk(sc.cluster.store.modify({ group: "", kind: "Service", namespace: "default", name: "db" }, (o) => {
      Object.assign(specOf(o), { type: "ExternalName", externalName: "db.example.com" });
    }));
    expect(specOf(external).clusterIP).toBeUndefined();
    expect(specOf(external).clusterIPs).toBeUndefined();
    expect(specOf(create(sc, webService("reuse", { clusterIP: withIp.clusterIP }))).clusterIP).toBe(withIp.clusterIP);
  });
});

describe("node ports", () => {
  test("each port of a NodePort Service gets a distinct port from the upper band of 30000-32767", () => {
    const sc = serviceCluster();
    const spec = specOf(create(sc, service("web", { type: "NodePort", selector: { app: "web" }, ports: [{ name: "http", port: 80 }, { name: "https", port: 443 }] })));
    const ports = spec.ports.map((p: { nodePort: number }) => p.nodePort);
    expect(ports).toEqual([30837, 30896]);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(30086);
      expect(port).toBeLessThanOrEqual(32767);
    }
  });

  test("ports differing only in protocol share a node port", () => {
    const sc = serviceCluster();
    const spec = specOf(create(sc, service("dns", { type: "NodePort", selector: { app: "dns" }, ports: [{ name: "udp", port: 53, protocol: "UDP" }, { name: "tcp", port: 53 }] })));
    expect(spec.ports[0].nodePort).toBe(spec.ports[1].nodePort);
  });

  test("a requested node port is granted once; the second request and ports outside the range are refused", () => {
    const sc = serviceCluster();
    expect(specOf(create(sc, webService("a", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }))).ports[0].nodePort).toBe(30080);
    expect(failure(sc.cluster.store.create(webService("b", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] })))).toEqual({
      reason: "Invalid",
      message: 'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    });
    expect(failure(sc.cluster.store.create(webService("c", { type: "NodePort", ports: [{ port: 80, nodePort: 8080 }] }))).message).toBe(
      'Service "c" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    expect(failure(sc.cluster.store.create(webService("d", { type: "NodePort", ports: [{ port: 80, nodePort: 32768 }] }))).message).toContain("not in the valid range");
  });

  test("the same node port twice in one Service is a duplicate", () => {
    const sc = serviceCluster();
    const ports = [{ name: "a", port: 80, nodePort: 30100 }, { name: "b", port: 81, nodePort: 30100 }];
    expect(failure(sc.cluster.store.create(webService("web", { type: "NodePort", ports }))).message).toBe('Service "web" is invalid: spec.ports[1].nodePort: Duplicate value: 30100');
  });

  test("allocation never hands out a port another port of the same request asks for", () => {
    const manifest = (ports: object[]) => service("web", { type: "NodePort", selector: { app: "web" }, ports });
    // Same seed, same draws: the probe shows which port the first allocation picks.
    const picked = specOf(create(serviceCluster(), manifest([{ name: "a", port: 80 }]))).ports[0].nodePort as number;
    const spec = specOf(create(serviceCluster(), manifest([{ name: "a", port: 80 }, { name: "b", port: 81, nodePort: picked }])));
    expect(spec.ports[1].nodePort).toBe(picked);
    expect(spec.ports[0].nodePort).toBe(picked + 1);
  });

  test("an update may keep, move and add node ports; a deleted Service's ports are free", () => {
    const sc = serviceCluster();
    create(sc, webService("web", { type: "NodePort", ports: [{ name: "a", port: 80, nodePort: 30200 }] }));
    const moved = specOf(expectOk(sc.cluster.store.update(webService("web", { type: "NodePort", ports: [{ name: "b", port: 81, nodePort: 30200 }, { name: "a", port: 80 }] }))));
    expect(moved.ports[0].nodePort).toBe(30200);
    expect(moved.ports[1].nodePort).not.toBe(30200);
    expectOk(sc.cluster.store.delete({ group: "", kind: "Service", namespace: "default", name: "web" }));
    expect(specOf(create(sc, webService("next", { type: "NodePort", ports: [{ port: 80, nodePort: 30200 }] }))).ports[0].nodePort).toBe(30200);
  });

  test("a LoadBalancer with externalTrafficPolicy Local gets a health-check node port", () => {
    const sc = serviceCluster();
    const spec = specOf(create(sc, webService("lb", { type: "LoadBalancer", externalTrafficPolicy: "Local" })));
    expect(spec.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
    expect(spec.healthCheckNodePort).not.toBe(spec.ports[0].nodePort);
    expect(failure(sc.cluster.store.create(webService("np", { type: "NodePort", ports: [{ port: 80, nodePort: spec.healthCheckNodePort }] }))).message).toContain(
      "provided port is already allocated",
    );
  });

  test("a LoadBalancer with allocateLoadBalancerNodePorts false gets none", () => {
    const sc = serviceCluster();
    expect(specOf(create(sc, webService("lb", { type: "LoadBalancer", allocateLoadBalancerNodePorts: false }))).ports[0].nodePort).toBeUndefined();
  });
});

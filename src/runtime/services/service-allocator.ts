// The cluster-IP and node-port allocators of the simulated API server, as the Service registry runs
// them on create and update (pkg/registry/core/service/storage/alloc.go with the bitmap allocators
// of ipallocator and portallocator). Dynamic picks use the cluster's seeded id generator, so they
// look like a real cluster's random ones and are the same on every run.
import type { IdGenerator } from "../ids/id-generator.js";
import type { KubeObject } from "../store/kube-object.js";
import type { StoreReader } from "../store/store-api.js";
import type { StoreError } from "../store/store-errors.js";
import { parseIPv4, pickFreeSlot, type NodePortRange, type ServiceIpRange } from "./ranges.js";
import { nodePortsOf, ServiceAllocations } from "./service-allocations.js";
import { duplicateService, forbiddenService, invalidService, rangeFull, requiredService } from "./service-errors.js";
import { CLUSTER_IP_NONE, needsClusterIP, needsHealthCheckNodePort, needsNodePort, serviceKey, serviceType, type ServiceSpec } from "./service-spec.js";

export interface ServiceAllocatorOptions {
  ids: IdGenerator;
  ipRange: ServiceIpRange;
  portRange: NodePortRange;
}

export class ServiceAllocator {
  private readonly allocations = new ServiceAllocations();

  constructor(private readonly options: ServiceAllocatorOptions) {}

  /**
   * Validates what the spec asks for and fills in what it leaves to the server. `old` is the stored
   * spec of an update. Returns the refusal, or nothing once the spec holds its values.
   */
  allocate(store: StoreReader, service: KubeObject, spec: ServiceSpec, old?: ServiceSpec): StoreError | undefined {
    const name = service.metadata.name ?? "";
    const self = serviceKey(service.metadata.namespace ?? "default", name);
    const refused = validate(name, spec, old) ?? this.allocateClusterIP(store, name, self, spec, old) ?? this.allocateNodePorts(store, name, self, spec, old);
    if (refused) return refused;
    this.allocations.record(service);
    return undefined;
  }

  private allocateClusterIP(store: StoreReader, name: string, self: string, spec: ServiceSpec, old?: ServiceSpec): StoreError | undefined {
    if (!needsClusterIP(spec)) return undefined;
    const requested = spec.clusterIPs ?? [];
    if (requested.length === 0) {
      const { ipRange } = this.options;
      const index = pickFreeSlot(ipRange, () => this.random(), (i) => this.allocations.ipHolder(store, ipRange.addressAt(i)) !== undefined);
      if (index === undefined) return rangeFull("serviceIP");
      const ip = ipRange.addressAt(index);
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
      return undefined;
    }
    const ip = requested[0];
    spec.clusterIP = ip;
    if (ip === CLUSTER_IP_NONE) return undefined;
    // An update keeps the address the stored Service already holds.
    if (old && (old.clusterIPs ?? []).includes(ip)) return undefined;
    const fail = (detail: string): StoreError => invalidService(name, "spec.clusterIPs", requested, `failed to allocate IP ${ip}: ${detail}`);
    if (this.options.ipRange.indexOf(ip) === undefined) {
      return fail(`the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.options.ipRange.cidr}`);
    }
    const holder = this.allocations.ipHolder(store, ip);
    if (holder !== undefined && holder !== self) return fail("provided IP is already allocated");
    return undefined;
  }

  private allocateNodePorts(store: StoreReader, name: string, self: string, spec: ServiceSpec, old?: ServiceSpec): StoreError | undefined {
    const { portRange } = this.options;
    const ownBefore = new Set(old ? nodePortsOf(old) : []);
    const chosen = new Set<number>();
    const taken = (port: number): boolean => {
      if (chosen.has(port)) return true;
      const holder = this.allocations.portHolder(store, port);
      return holder !== undefined && !(holder === self && ownBefore.has(port));
    };
    const claim = (port: number, path: string): StoreError | undefined => {
      if (ownBefore.has(port) || chosen.has(port)) {
        chosen.add(port);
        return undefined;
      }
      if (!portRange.contains(port)) {
        return invalidService(name, path, port, `provided port is not in the valid range. The range of valid ports is ${portRange.toString()}`);
      }
      if (taken(port)) return invalidService(name, path, port, "provided port is already allocated");
      chosen.add(port);
      return undefined;
    };
    const next = (): number | undefined => {
      const index = pickFreeSlot(portRange, () => this.random(), (i) => taken(portRange.first + i));
      if (index === undefined) return undefined;
      chosen.add(portRange.first + index);
      return portRange.first + index;
    };

    if (needsNodePort(spec)) {
      const ports = spec.ports ?? [];
      // Explicit ports first, so that allocation never hands out one a later port asks for.
      for (const [i, port] of ports.entries()) {
        if (!port.nodePort) continue;
        const refused = claim(port.nodePort, `spec.ports[${i}].nodePort`);
        if (refused) return refused;
      }
      // Ports that differ only in protocol (DNS on 53/TCP and 53/UDP) share one node port.
      const byNumber = new Map<number, number>();
      for (const port of ports) if (port.nodePort) byNumber.set(port.port, port.nodePort);
      for (const port of ports) {
        if (port.nodePort) continue;
        const nodePort = byNumber.get(port.port) ?? next();
        if (nodePort === undefined) return rangeFull("nodePort");
        port.nodePort = nodePort;
        byNumber.set(port.port, nodePort);
      }
    }
    if (needsHealthCheckNodePort(spec)) {
      if (spec.healthCheckNodePort) return claim(spec.healthCheckNodePort, "spec.healthCheckNodePort");
      const port = next();
      if (port === undefined) return rangeFull("nodePort");
      spec.healthCheckNodePort = port;
    }
    return undefined;
  }

  /** A uniformly drawn 32-bit number from the cluster's seeded generator. */
  private random(): number {
    return Number.parseInt(this.options.ids.uid().slice(0, 8), 16);
  }
}

/** Checks that need no allocator: field combinations and immutability. */
function validate(name: string, spec: ServiceSpec, old?: ServiceSpec): StoreError | undefined {
  const type = serviceType(spec);
  const ips = spec.clusterIPs ?? [];
  if (type !== "ExternalName" && ips[0] !== CLUSTER_IP_NONE && (spec.ports ?? []).length === 0) return requiredService(name, "spec.ports");
  if (type === "ExternalName" && !spec.externalName) return requiredService(name, "spec.externalName");
  for (const [i, ip] of ips.entries()) {
    if (ip === CLUSTER_IP_NONE && i === 0) {
      if (type === "NodePort" || type === "LoadBalancer") return invalidService(name, "spec.clusterIPs[0]", ip, `may not be set to 'None' for ${type} services`);
      continue;
    }
    if (parseIPv4(ip) === undefined) return invalidService(name, `spec.clusterIPs[${i}]`, ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
  }
  if (old && needsClusterIP(old) && needsClusterIP(spec)) {
    const before = old.clusterIPs ?? [];
    if (before.length > 0 && ips.length > 0 && before[0] !== ips[0]) return invalidService(name, "spec.clusterIPs[0]", ips, "may not change once set");
  }
  const seen = new Set<string>();
  for (const [i, port] of (spec.ports ?? []).entries()) {
    if (!port.nodePort) continue;
    if (!needsNodePort(spec)) return forbiddenService(name, `spec.ports[${i}].nodePort`, `may not be used when \`type\` is '${type}'`);
    const key = `${port.nodePort}/${port.protocol ?? "TCP"}`;
    if (seen.has(key)) return duplicateService(name, `spec.ports[${i}].nodePort`, port.nodePort);
    seen.add(key);
  }
  return undefined;
}

// Who holds which cluster IP and node port. The Services in the store are the truth, as upstream's
// allocators are rebuilt from them (its repair loops): this ledger only remembers which Services
// might hold a value, and every lookup checks the Service as the current write sees it. So a value
// is free again as soon as its Service is deleted or stops holding it, and a value taken by a write
// that was rolled back (its transaction failed) was never taken.
import type { KubeObject } from "../store/kube-object.js";
import type { StoreReader } from "../store/store-api.js";
import { isService, serviceKey, serviceSpec, type ServiceSpec } from "./service-spec.js";

export class ServiceAllocations {
  private readonly ips = new Map<string, Set<string>>();
  private readonly ports = new Map<number, Set<string>>();
  private built = false;

  /** The Service (`namespace/name`) holding a cluster IP, if any. */
  ipHolder(store: StoreReader, ip: string): string | undefined {
    this.build(store);
    return this.holder(store, this.ips, ip, (spec) => clusterIPsOf(spec).includes(ip));
  }

  /** The Service holding a node port (a port's nodePort or the healthCheckNodePort), if any. */
  portHolder(store: StoreReader, port: number): string | undefined {
    this.build(store);
    return this.holder(store, this.ports, port, (spec) => nodePortsOf(spec).includes(port));
  }

  /** Remembers what a Service about to be stored holds. */
  record(service: KubeObject): void {
    const key = keyOf(service);
    const spec = serviceSpec(service);
    for (const ip of clusterIPsOf(spec)) addTo(this.ips, ip, key);
    for (const port of nodePortsOf(spec)) addTo(this.ports, port, key);
  }

  private build(store: StoreReader): void {
    if (this.built) return;
    this.built = true;
    for (const service of store.list({ group: "", kind: "Service" })) if (isService(service)) this.record(service);
  }

  private holder<V>(store: StoreReader, index: Map<V, Set<string>>, value: V, holds: (spec: ServiceSpec) => boolean): string | undefined {
    const keys = index.get(value);
    if (!keys) return undefined;
    for (const key of [...keys]) {
      const slash = key.indexOf("/");
      const service = store.get({ group: "", kind: "Service", namespace: key.slice(0, slash), name: key.slice(slash + 1) });
      if (service && holds(serviceSpec(service))) return key;
      keys.delete(key);
    }
    if (keys.size === 0) index.delete(value);
    return undefined;
  }
}

/** The allocated cluster IPs of a spec (`None` is not an address). */
export function clusterIPsOf(spec: ServiceSpec): string[] {
  const ips = spec.clusterIPs && spec.clusterIPs.length > 0 ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : [];
  return ips.filter((ip) => ip !== "None" && ip !== "");
}

export function nodePortsOf(spec: ServiceSpec): number[] {
  const ports: number[] = [];
  for (const port of spec.ports ?? []) if (typeof port.nodePort === "number" && port.nodePort !== 0) ports.push(port.nodePort);
  if (typeof spec.healthCheckNodePort === "number" && spec.healthCheckNodePort !== 0) ports.push(spec.healthCheckNodePort);
  return ports;
}

function keyOf(service: KubeObject): string {
  return serviceKey(service.metadata.namespace ?? "default", service.metadata.name ?? "");
}

function addTo<V>(index: Map<V, Set<string>>, value: V, key: string): void {
  let keys = index.get(value);
  if (!keys) index.set(value, (keys = new Set()));
  keys.add(key);
}

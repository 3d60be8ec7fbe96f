// Which pods each selecting Service has, kept from watch events so that a pod change looks only at
// the Services that could select it and a Service sync reads only its own pods — never the whole
// store. Services are indexed by one `key=value` pair of their selector: a pod can match a Service
// only if it carries that pair.
import { matchesLabelSelector } from "../../kube/label-selector.js";
import type { KubeObject } from "../store/kube-object.js";
import type { StoreReader } from "../store/store-api.js";
import type { WatchEvent } from "../store/watch-event.js";
import { endpointSignature } from "./pod-endpoints.js";
import { endpointSelector, serviceKey } from "./service-spec.js";

interface Entry {
  selector: Record<string, string>;
  indexedUnder: string;
  /** Matching pods by name, as last seen. */
  members: Map<string, KubeObject>;
  /** The members' names in order; dropped when one joins or leaves. */
  sorted?: string[];
}

interface NamespaceEntries {
  services: Map<string, Entry>;
  /** Service names by one `key=value` pair of their selector. */
  byLabel: Map<string, Set<string>>;
}

export class ServiceMembership {
  private readonly namespaces = new Map<string, NamespaceEntries>();

  /**
   * Follows a Service's selector; a Service the controllers leave alone (no selector, ExternalName)
   * is dropped. Pods are listed again only when the selector changed.
   */
  setService(store: StoreReader, service: KubeObject): void {
    const namespace = service.metadata.namespace ?? "default";
    const name = service.metadata.name ?? "";
    const selector = endpointSelector(service);
    const current = this.namespaces.get(namespace)?.services.get(name);
    if (current && selector && sameSelector(current.selector, selector)) return;
    this.removeService(namespace, name);
    if (!selector) return;
    const members = new Map<string, KubeObject>();
    for (const pod of store.list({ group: "", kind: "Pod", namespace, labelSelector: { matchLabels: selector } })) members.set(pod.metadata.name ?? "", pod);
    let entries = this.namespaces.get(namespace);
    if (!entries) this.namespaces.set(namespace, (entries = { services: new Map(), byLabel: new Map() }));
    const firstKey = Object.keys(selector).sort()[0];
    const indexedUnder = `${firstKey}=${selector[firstKey]}`;
    entries.services.set(name, { selector: { ...selector }, indexedUnder, members });
    let names = entries.byLabel.get(indexedUnder);
    if (!names) entries.byLabel.set(indexedUnder, (names = new Set()));
    names.add(name);
  }

  removeService(namespace: string, name: string): void {
    const entries = this.namespaces.get(namespace);
    const entry = entries?.services.get(name);
    if (!entries || !entry) return;
    entries.services.delete(name);
    const names = entries.byLabel.get(entry.indexedUnder);
    names?.delete(name);
    if (names?.size === 0) entries.byLabel.delete(entry.indexedUnder);
    if (entries.services.size === 0) this.namespaces.delete(namespace);
  }

  isSelecting(namespace: string, name: string): boolean {
    return this.namespaces.get(namespace)?.services.has(name) ?? false;
  }

  /** The Services (`namespace/name`) whose endpoints a pod event may change. */
  podChanged(event: WatchEvent): string[] {
    const pod = event.object;
    const namespace = pod.metadata.namespace ?? "default";
    const entries = this.namespaces.get(namespace);
    if (!entries) return [];
    const candidates = new Set<string>();
    for (const labels of [pod.metadata.labels, event.type === "MODIFIED" ? event.previous.metadata.labels : undefined]) {
      for (const [key, value] of Object.entries(labels ?? {})) for (const name of entries.byLabel.get(`${key}=${value}`) ?? []) candidates.add(name);
    }
    const name = pod.metadata.name ?? "";
    const labels = pod.metadata.labels ?? {};
    const affected: string[] = [];
    let changed: boolean | undefined;
    for (const serviceName of candidates) {
      const entry = entries.services.get(serviceName) as Entry;
      const previous = entry.members.get(name);
      const member = event.type !== "DELETED" && matchesLabelSelector({ matchLabels: entry.selector }, labels);
      if (member) entry.members.set(name, pod);
      else entry.members.delete(name);
      if (!previous !== !member) entry.sorted = undefined;
      if (!previous && !member) continue;
      if (previous && member) {
        changed ??= previous.metadata.uid !== pod.metadata.uid || endpointSignature(previous) !== endpointSignature(pod);
        if (!changed) continue;
      }
      affected.push(serviceKey(namespace, serviceName));
    }
    return affected;
  }

  /** The Service's pods, by name. */
  members(namespace: string, name: string): KubeObject[] {
    const entry = this.namespaces.get(namespace)?.services.get(name);
    if (!entry) return [];
    entry.sorted ??= [...entry.members.keys()].sort();
    return entry.sorted.map((podName) => entry.members.get(podName) as KubeObject);
  }
}

function sameSelector(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}

// The subsets of a Service's core/v1 Endpoints (pkg/controller/endpoint syncService with
// RepackSubsets and truncateEndpoints): one entry per listed pod and resolvable port, then
// addresses grouped by the set of ports they serve, ready ones in `addresses`, the others in
// `notReadyAddresses`, each list sorted by IP; at most 1,000 addresses in all. What each pod
// contributes comes from its PodView.
import type { PodView } from "./pod-views.js";

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: string; namespace: string; name: string; uid: string };
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

/** The most addresses one Endpoints holds (the controller's maxCapacity). */
export const MAX_ENDPOINTS_ADDRESSES = 1000;

export interface EndpointsContent {
  subsets: EndpointSubset[];
  /** Addresses were dropped to stay within MAX_ENDPOINTS_ADDRESSES. */
  truncated: boolean;
}

interface Group {
  ports: EndpointPort[];
  ready: EndpointAddress[];
  notReady: EndpointAddress[];
}

export function endpointsSubsets(views: Iterable<PodView>): EndpointsContent {
  const groups = new Map<string, Group>();
  for (const { endpoints } of views) {
    if (!endpoints) continue;
    let group = groups.get(endpoints.portsKey);
    if (!group) groups.set(endpoints.portsKey, (group = { ports: endpoints.ports, ready: [], notReady: [] }));
    (endpoints.ready ? group.ready : group.notReady).push(endpoints.address);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
  const truncated = truncate(ordered);
  const subsets = ordered
    .filter((group) => group.ready.length + group.notReady.length > 0)
    .map((group) => {
      const subset: EndpointSubset = {};
      if (group.ready.length > 0) subset.addresses = group.ready.sort(compareAddresses);
      if (group.notReady.length > 0) subset.notReadyAddresses = group.notReady.sort(compareAddresses);
      if (group.ports.length > 0) subset.ports = group.ports;
      return subset;
    });
  return { subsets, truncated };
}

/** By IP as text (upstream compares the strings' bytes), then by pod uid. */
function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  return a.targetRef.uid < b.targetRef.uid ? -1 : a.targetRef.uid > b.targetRef.uid ? 1 : 0;
}

/**
 * Over capacity, not-ready addresses go first; if the ready ones alone are too many, only ready
 * ones remain. Each subset keeps its share of what remains, rounded up, in subset order.
 */
function truncate(groups: Group[]): boolean {
  const ready = groups.reduce((n, g) => n + g.ready.length, 0);
  const notReady = groups.reduce((n, g) => n + g.notReady.length, 0);
  if (ready + notReady <= MAX_ENDPOINTS_ADDRESSES) return false;
  const truncateReady = ready > MAX_ENDPOINTS_ADDRESSES;
  const room = truncateReady ? MAX_ENDPOINTS_ADDRESSES : MAX_ENDPOINTS_ADDRESSES - ready;
  const total = truncateReady ? ready : notReady;
  let left = room;
  for (const group of groups) {
    const list = truncateReady ? group.ready : group.notReady;
    const share = Math.min(Math.ceil((list.length / total) * room), left);
    // Keep the lowest IPs, so the same pods stay listed from one sync to the next.
    list.sort(compareAddresses).splice(share);
    if (truncateReady) group.notReady = [];
    left -= list.length;
  }
  return true;
}

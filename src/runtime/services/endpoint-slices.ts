// The discovery.k8s.io/v1 EndpointSlices of a Service (pkg/controller/endpointslice and its
// reconciler in staging/src/k8s.io/endpointslice): every listed pod — terminating ones included,
// with their conditions — in slices of at most 100 endpoints, one set of slices per distinct list of
// resolved ports. Reconciling keeps endpoints in the slice that already has them, changes only the
// slices whose content changed, fills slices that change anyway before making new ones, reuses a
// slice that would be deleted instead of creating one, and keeps one empty placeholder slice for a
// Service without endpoints.
import { isDeepStrictEqual } from "node:util";
import { controllerOf, controllerReference } from "../controllers/owner-references.js";
import type { KubeObject } from "../store/kube-object.js";
import { slicePortsKey, type PodView } from "./pod-views.js";
import { isHeadless, serviceSpec } from "./service-spec.js";

export const MAX_ENDPOINTS_PER_SLICE = 100;
export const SERVICE_NAME_LABEL = "kubernetes.io/service-name";
export const SLICE_MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
export const SLICE_CONTROLLER_NAME = "endpointslice-controller.k8s.io";
export const HEADLESS_LABEL = "service.kubernetes.io/headless";
export const ZONE_LABEL = "topology.kubernetes.io/zone";

export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  targetRef: { kind: string; namespace: string; name: string; uid: string };
  nodeName?: string;
  zone?: string;
}

export interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

/** Endpoints that serve the same ports, by pod uid, in the order they were found. */
export interface EndpointGroup {
  ports: SlicePort[];
  endpoints: Map<string, { endpoint: SliceEndpoint; json: string }>;
}

export type SliceChange =
  | { type: "create"; slice: KubeObject }
  | { type: "update"; slice: KubeObject; previous: KubeObject }
  | { type: "delete"; slice: KubeObject };

/** The endpoints a Service should have, grouped by their ports (keyed by slicePortsKey). */
export function desiredEndpointGroups(views: Iterable<PodView>): Map<string, EndpointGroup> {
  const groups = new Map<string, EndpointGroup>();
  for (const { uid, slice } of views) {
    if (!slice) continue;
    let group = groups.get(slice.portsKey);
    if (!group) groups.set(slice.portsKey, (group = { ports: slice.ports, endpoints: new Map() }));
    group.endpoints.set(uid, { endpoint: slice.endpoint, json: slice.json });
  }
  return groups;
}

// Stored objects never change, so their JSON is worked out once.
const storedJson = new WeakMap<object, string>();
const storedPortsKey = new WeakMap<object, string>();

function jsonOf(endpoint: SliceEndpoint): string {
  let json = storedJson.get(endpoint);
  if (json === undefined) storedJson.set(endpoint, (json = JSON.stringify(endpoint)));
  return json;
}

function portsKeyOf(ports: SlicePort[]): string {
  let key = storedPortsKey.get(ports);
  if (key === undefined) storedPortsKey.set(ports, (key = slicePortsKey(ports)));
  return key;
}

/** Labels of a Service's slices: the Service's own, plus the controller's. */
export function sliceLabels(service: KubeObject): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(service.metadata.labels ?? {})) {
    if (key !== SERVICE_NAME_LABEL && key !== SLICE_MANAGED_BY_LABEL) labels[key] = value;
  }
  labels[SERVICE_NAME_LABEL] = service.metadata.name ?? "";
  labels[SLICE_MANAGED_BY_LABEL] = SLICE_CONTROLLER_NAME;
  if (isHeadless(serviceSpec(service))) labels[HEADLESS_LABEL] = "";
  return labels;
}

interface Working {
  /** The stored slice, or none for one to create. */
  stored?: KubeObject;
  key: string;
  ports: SlicePort[];
  endpoints: SliceEndpoint[];
  changed: boolean;
}

/** The writes that turn `existing` (this controller's slices for the Service) into the desired state. */
export function reconcileSlices(service: KubeObject, desired: Map<string, EndpointGroup>, existing: readonly KubeObject[]): SliceChange[] {
  const labels = sliceLabels(service);
  const uid = service.metadata.uid ?? "";
  const placed = new Set<string>();
  const working: Working[] = [];
  const deletions: KubeObject[] = [];
  const reusable: KubeObject[] = [];

  for (const slice of [...existing].sort(byName)) {
    if (controllerOf(slice)?.uid !== uid || slice.addressType !== "IPv4") {
      deletions.push(slice);
      continue;
    }
    const ports = (slice.ports as SlicePort[] | null | undefined) ?? [];
    const key = portsKeyOf(ports);
    const group = desired.get(key);
    const kept: SliceEndpoint[] = [];
    let changed = !isDeepStrictEqual(slice.metadata.labels ?? {}, labels);
    for (const endpoint of (slice.endpoints as SliceEndpoint[] | null | undefined) ?? []) {
      const id = endpoint.targetRef?.uid;
      const wanted = id !== undefined && !placed.has(id) ? group?.endpoints.get(id) : undefined;
      if (wanted) {
        placed.add(id as string);
        kept.push(wanted.endpoint);
        if (wanted.json !== jsonOf(endpoint)) changed = true;
      } else changed = true;
    }
    if (group) working.push({ stored: slice, key, ports, endpoints: kept, changed });
    else reusable.push(slice);
  }

  for (const [key, group] of desired) {
    const left: SliceEndpoint[] = [];
    for (const [id, { endpoint }] of group.endpoints) if (!placed.has(id)) left.push(endpoint);
    let next = 0;
    const sameKey = working.filter((w) => w.key === key);
    // Slices written anyway take new endpoints first; then slices that would otherwise stay as they are.
    for (const candidate of [...sameKey.filter((w) => w.changed), ...sameKey.filter((w) => !w.changed)]) {
      const room = Math.min(MAX_ENDPOINTS_PER_SLICE - candidate.endpoints.length, left.length - next);
      if (room <= 0) continue;
      candidate.endpoints.push(...left.slice(next, next + room));
      candidate.changed = true;
      next += room;
    }
    for (; next < left.length; next += MAX_ENDPOINTS_PER_SLICE) {
      working.push({ key, ports: group.ports, endpoints: left.slice(next, next + MAX_ENDPOINTS_PER_SLICE), changed: true });
    }
  }

  const live = working.filter((w) => w.endpoints.length > 0);
  for (const w of working) if (w.endpoints.length === 0 && w.stored) reusable.push(w.stored);
  // A Service with no endpoints keeps one empty slice, so that consumers can tell it was processed.
  if (live.length === 0) live.push({ key: slicePortsKey([]), ports: [], endpoints: [], changed: true });

  const changes: SliceChange[] = [];
  reusable.sort(byName);
  for (const w of live) {
    if (w.stored) {
      if (w.changed) changes.push(update(w.stored, w, labels));
      continue;
    }
    // Rather than create one slice and delete another, rewrite the one that would go.
    const recycled = reusable.shift();
    if (recycled) {
      const next = update(recycled, w, labels);
      if (!isDeepStrictEqual(next.slice, recycled)) changes.push(next);
    } else changes.push({ type: "create", slice: newSlice(service, w, labels) });
  }
  for (const slice of [...reusable, ...deletions]) changes.push({ type: "delete", slice });
  return changes;
}

function update(stored: KubeObject, w: Working, labels: Record<string, string>): SliceChange {
  // A shallow copy is enough: the store copies what it is given.
  const slice: KubeObject = {
    ...stored,
    metadata: { ...stored.metadata, labels: { ...labels } },
    endpoints: w.endpoints.length > 0 ? w.endpoints : null,
    ports: w.ports.length > 0 ? w.ports : null,
  };
  return { type: "update", slice, previous: stored };
}

function newSlice(service: KubeObject, w: Working, labels: Record<string, string>): KubeObject {
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: {
      generateName: `${service.metadata.name ?? ""}-`,
      namespace: service.metadata.namespace,
      labels: { ...labels },
      ownerReferences: [controllerReference(service)],
    },
    addressType: "IPv4",
    // The API server stores empty lists as null, and prints them so.
    endpoints: w.endpoints.length > 0 ? w.endpoints : null,
    ports: w.ports.length > 0 ? w.ports : null,
  };
}

function byName(a: KubeObject, b: KubeObject): number {
  const x = a.metadata.name ?? "";
  const y = b.metadata.name ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
}

// The endpoints controllers: for every Service with a selector, the core/v1 Endpoints of the same
// name (component endpoint-controller) and the discovery.k8s.io/v1 EndpointSlices
// (endpointslice-controller), following the pods the selector matches — their IPs, readiness,
// termination and ports. Changes are gathered per simulated instant and each affected Service is
// synced once; objects are written only when their content changes. On start the controller also
// makes sure the `kubernetes` Service and its endpoints exist.
import { isDeepStrictEqual } from "node:util";
import { formatTimestamp } from "../clock/timestamps.js";
import { InstantTask } from "../controllers/instant-task.js";
import type { RuntimeComponent, RuntimeDeps } from "../runtime-deps.js";
import { refOf, type KubeObject, type ObjectRef } from "../store/kube-object.js";
import type { StoreError } from "../store/store-errors.js";
import type { WatchEvent } from "../store/watch-event.js";
import {
  desiredEndpointGroups,
  HEADLESS_LABEL,
  reconcileSlices,
  SERVICE_NAME_LABEL,
  SLICE_CONTROLLER_NAME,
  SLICE_MANAGED_BY_LABEL,
  ZONE_LABEL,
} from "./endpoint-slices.js";
import { endpointsSubsets, type EndpointSubset } from "./endpoints-subsets.js";
import { KUBERNETES_OBJECTS, KUBERNETES_SERVICE_NAME, KUBERNETES_SERVICE_NAMESPACE } from "./kubernetes-service.js";
import { PodViewCache, type PodView } from "./pod-views.js";
import { ServiceMembership } from "./service-membership.js";
import { endpointSelector, isHeadless, serviceKey, serviceSpec } from "./service-spec.js";

/** When the change that led to this Endpoints or EndpointSlice content happened. */
export const LAST_CHANGE_TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time";
/** Set while an Endpoints lists only part of its pods (over 1,000 addresses). */
export const OVER_CAPACITY = "endpoints.kubernetes.io/over-capacity";
export const ENDPOINTS_MANAGED_BY_LABEL = "endpoints.kubernetes.io/managed-by";
export const ENDPOINTS_CONTROLLER_NAME = "endpoint-controller";

const SLICE_GROUP = "discovery.k8s.io";

export class EndpointsController implements RuntimeComponent {
  private membership = new ServiceMembership();
  /** This controller's slices per Service key, by slice name. */
  private readonly slices = new Map<string, Map<string, KubeObject>>();
  private readonly views = new Map<string, PodViewCache>();
  private readonly queued = new Set<string>();
  private readonly unwatch: Array<() => void> = [];
  private readonly drainTask: InstantTask;
  /** Set while this controller writes, so that its own writes do not queue more work. */
  private writing = false;

  constructor(private readonly deps: RuntimeDeps) {
    this.drainTask = new InstantTask(deps.clock, "endpoint-controller", () => this.drain());
  }

  start(): this {
    if (this.unwatch.length > 0) return this;
    // Everything known is rebuilt from the store, as after a restart.
    this.membership = new ServiceMembership();
    this.slices.clear();
    this.views.clear();
    this.queued.clear();
    this.ensureKubernetesService();
    const { store } = this.deps;
    // Slices first, so the index is complete before the Services' initial syncs run.
    this.unwatch.push(store.watch({ group: SLICE_GROUP, kind: "EndpointSlice" }, (event) => this.observeSlice(event), { sendInitialEvents: true }));
    this.unwatch.push(store.watch({ group: "", kind: "Service" }, (event) => this.observeService(event), { sendInitialEvents: true }));
    this.unwatch.push(store.watch({ group: "", kind: "Pod" }, (event) => this.observePod(event)));
    this.unwatch.push(store.watch({ group: "", kind: "Endpoints" }, (event) => this.observeEndpoints(event)));
    return this;
  }

  stop(): void {
    for (const stop of this.unwatch.splice(0)) stop();
    this.drainTask.cancel();
  }

  private observeService(event: WatchEvent): void {
    const service = event.object;
    const namespace = service.metadata.namespace ?? "default";
    const name = service.metadata.name ?? "";
    if (event.type === "DELETED") {
      this.membership.removeService(namespace, name);
      this.views.delete(serviceKey(namespace, name));
    } else {
      this.membership.setService(this.deps.store, service);
      // Status-only changes show in neither Endpoints nor slices.
      if (event.type === "MODIFIED" && sameEndpointInputs(event.previous, service)) return;
    }
    this.enqueue(serviceKey(namespace, name));
  }

  private observePod(event: WatchEvent): void {
    for (const key of this.membership.podChanged(event)) this.enqueue(key);
  }

  private observeEndpoints(event: WatchEvent): void {
    if (this.writing) return;
    const { namespace = "default", name = "" } = event.object.metadata;
    // Someone else changed or deleted what the controller keeps: put it back.
    if (this.membership.isSelecting(namespace, name)) this.enqueue(serviceKey(namespace, name));
    else if (event.type === "DELETED" && namespace === KUBERNETES_SERVICE_NAMESPACE && name === KUBERNETES_SERVICE_NAME) this.enqueue(serviceKey(namespace, name));
  }

  private observeSlice(event: WatchEvent): void {
    const slice = event.object;
    if (event.type !== "ADDED") this.forgetSlice(event.type === "MODIFIED" ? event.previous : slice);
    if (event.type !== "DELETED" && isOurs(slice)) {
      const key = sliceServiceKey(slice);
      let byName = this.slices.get(key);
      if (!byName) this.slices.set(key, (byName = new Map()));
      byName.set(slice.metadata.name ?? "", slice);
    }
    const serviceName = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    if (this.writing || serviceName === undefined) return;
    // Someone else changed or deleted a slice: the Service's slices are worked out again.
    const namespace = slice.metadata.namespace ?? "default";
    const key = serviceKey(namespace, serviceName);
    if (this.membership.isSelecting(namespace, serviceName)) this.enqueue(key);
    else if (event.type === "DELETED" && key === serviceKey(KUBERNETES_SERVICE_NAMESPACE, KUBERNETES_SERVICE_NAME)) this.enqueue(key);
  }

  private forgetSlice(slice: KubeObject): void {
    if (!isOurs(slice)) return;
    const key = sliceServiceKey(slice);
    const byName = this.slices.get(key);
    byName?.delete(slice.metadata.name ?? "");
    if (byName?.size === 0) this.slices.delete(key);
  }

  private enqueue(key: string): void {
    this.queued.add(key);
    this.drainTask.request();
  }

  private drain(): void {
    while (this.queued.size > 0) {
      const key = this.queued.values().next().value as string;
      this.queued.delete(key);
      this.sync(key);
    }
  }

  private sync(key: string): void {
    const slash = key.indexOf("/");
    const namespace = key.slice(0, slash);
    const name = key.slice(slash + 1);
    const { store } = this.deps;
    const service = store.get({ group: "", kind: "Service", namespace, name });
    if (!service) {
      if (namespace === KUBERNETES_SERVICE_NAMESPACE && name === KUBERNETES_SERVICE_NAME) {
        this.ensureKubernetesService();
        return;
      }
      // The Service's slices go with it (they are owned by it); its Endpoints are this controller's to delete.
      const endpointsRef: ObjectRef = { group: "", kind: "Endpoints", namespace, name };
      const endpoints = store.get(endpointsRef);
      if (endpoints) {
        this.write(() => store.delete(endpointsRef), { about: endpoints, component: "endpoint-controller", reason: "FailedToDeleteEndpoint", message: `Failed to delete endpoint ${key}` });
      }
      return;
    }
    if (!endpointSelector(service)) {
      if (namespace === KUBERNETES_SERVICE_NAMESPACE && name === KUBERNETES_SERVICE_NAME) this.ensureKubernetesService();
      return;
    }
    if (service.metadata.deletionTimestamp !== undefined) return;
    const zones = new Map<string, string | undefined>();
    const zoneOf = (nodeName: string): string | undefined => {
      if (!zones.has(nodeName)) zones.set(nodeName, store.get({ group: "", kind: "Node", name: nodeName })?.metadata.labels?.[ZONE_LABEL]);
      return zones.get(nodeName);
    };
    let cache = this.views.get(key);
    if (!cache) this.views.set(key, (cache = new PodViewCache()));
    const views = cache.viewsOf(service, this.membership.members(namespace, name), zoneOf);
    this.syncEndpoints(service, views);
    this.syncSlices(service, views);
  }

  private syncEndpoints(service: KubeObject, views: PodView[]): void {
    const { store } = this.deps;
    const ref: ObjectRef = { group: "", kind: "Endpoints", namespace: service.metadata.namespace, name: service.metadata.name ?? "" };
    const current = store.get(ref);
    const { subsets, truncated } = endpointsSubsets(views);
    const labels: Record<string, string> = { ...service.metadata.labels, [ENDPOINTS_MANAGED_BY_LABEL]: ENDPOINTS_CONTROLLER_NAME };
    if (isHeadless(serviceSpec(service))) labels[HEADLESS_LABEL] = "";
    const annotations: Record<string, string> = { ...current?.metadata.annotations };
    if (truncated) annotations[OVER_CAPACITY] = "truncated";
    else delete annotations[OVER_CAPACITY];
    if (
      current &&
      sameSubsets(current, subsets) &&
      isDeepStrictEqual(current.metadata.labels ?? {}, labels) &&
      current.metadata.annotations?.[OVER_CAPACITY] === annotations[OVER_CAPACITY]
    ) {
      return;
    }
    annotations[LAST_CHANGE_TRIGGER_TIME] = formatTimestamp(this.deps.clock.now());
    const next: KubeObject = current
      ? { ...current, metadata: { ...current.metadata, labels, annotations } }
      : { apiVersion: "v1", kind: "Endpoints", metadata: { name: ref.name, namespace: ref.namespace, labels, annotations } };
    if (subsets.length > 0) next.subsets = subsets;
    else delete next.subsets;
    const key = serviceKey(ref.namespace ?? "default", ref.name);
    if (current) this.write(() => store.update(next), { about: service, component: "endpoint-controller", reason: "FailedToUpdateEndpoint", message: `Failed to update endpoint ${key}` });
    else this.write(() => store.create(next), { about: service, component: "endpoint-controller", reason: "FailedToCreateEndpoint", message: `Failed to create endpoint for service ${key}` });
  }

  private syncSlices(service: KubeObject, views: PodView[]): void {
    const { store } = this.deps;
    const key = serviceKey(service.metadata.namespace ?? "default", service.metadata.name ?? "");
    const desired = desiredEndpointGroups(views);
    const existing = [...(this.slices.get(key)?.values() ?? [])];
    const trigger = formatTimestamp(this.deps.clock.now());
    const failure: WriteFailure = { about: service, component: "endpointslice-controller", reason: "FailedToUpdateEndpointSlices", message: `Error updating Endpoint Slices for Service ${key}` };
    for (const change of reconcileSlices(service, desired, existing)) {
      const slice = change.slice;
      switch (change.type) {
        case "create":
        case "update":
          slice.metadata.annotations = { ...slice.metadata.annotations, [LAST_CHANGE_TRIGGER_TIME]: trigger };
          if (change.type === "create") this.write(() => store.create(slice), failure);
          else this.write(() => store.update(slice), failure);
          break;
        case "delete":
          this.write(() => store.delete(refOf(slice)), failure);
          break;
      }
    }
  }

  /** The `kubernetes` Service, Endpoints and EndpointSlice, created where missing. */
  private ensureKubernetesService(): void {
    const { store } = this.deps;
    for (const build of KUBERNETES_OBJECTS) {
      const object = build();
      if (store.get(refOf(object))) continue;
      this.write(() => store.create(object), { about: object, component: "endpoint-controller", reason: "FailedToCreateEndpoint", message: `Failed to create ${object.kind} default/kubernetes` });
    }
  }

  /**
   * Runs one write of this controller. A failure other than a namespace being deleted (whose content
   * cannot be created any more) or an object already gone is reported as a Warning event on the
   * Service, as upstream's controllers do.
   */
  private write(operation: () => { ok: true } | { ok: false; error: StoreError }, failure: WriteFailure): void {
    this.writing = true;
    let result: { ok: true } | { ok: false; error: StoreError };
    try {
      result = operation();
    } finally {
      this.writing = false;
    }
    if (result.ok || result.error.reason === "Forbidden" || result.error.reason === "NotFound") return;
    this.deps.events.for({ component: failure.component }).event(failure.about, "Warning", failure.reason, `${failure.message}: ${result.error.message}`);
  }
}

interface WriteFailure {
  about: KubeObject;
  component: "endpoint-controller" | "endpointslice-controller";
  reason: string;
  message: string;
}

/** A slice this controller manages (the mirroring controller and the API server have their own). */
function isOurs(slice: KubeObject): boolean {
  const labels = slice.metadata.labels ?? {};
  return labels[SLICE_MANAGED_BY_LABEL] === SLICE_CONTROLLER_NAME && labels[SERVICE_NAME_LABEL] !== undefined;
}

function sliceServiceKey(slice: KubeObject): string {
  return serviceKey(slice.metadata.namespace ?? "default", slice.metadata.labels?.[SERVICE_NAME_LABEL] ?? "");
}

/** Whether two versions of a Service would give the same Endpoints and slices. */
function sameEndpointInputs(before: KubeObject, after: KubeObject): boolean {
  return isDeepStrictEqual(before.spec, after.spec) && isDeepStrictEqual(before.metadata.labels ?? {}, after.metadata.labels ?? {}) && before.metadata.uid === after.metadata.uid && before.metadata.deletionTimestamp === after.metadata.deletionTimestamp;
}

// A stored Endpoints never changes, so the JSON of its subsets is worked out once.
const storedSubsets = new WeakMap<KubeObject, string>();

function sameSubsets(current: KubeObject, subsets: EndpointSubset[]): boolean {
  let json = storedSubsets.get(current);
  if (json === undefined) storedSubsets.set(current, (json = JSON.stringify(current.subsets ?? [])));
  return json === JSON.stringify(subsets);
}

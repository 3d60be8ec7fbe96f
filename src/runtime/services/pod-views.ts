// What one pod contributes to one Service's Endpoints and EndpointSlices, computed once per version
// of the pod (stored objects are immutable, so a view keyed by the object stays right until the pod
// is written again). A Service sync then costs little for the pods that did not change, which is
// what keeps a Service over thousands of pods cheap to follow.
import type { KubeObject } from "../store/kube-object.js";
import type { EndpointAddress, EndpointPort } from "./endpoints-subsets.js";
import type { SliceEndpoint, SlicePort } from "./endpoint-slices.js";
import { findPort, hostnameFor, isPodReady, isTerminating, podIPv4, podSpecOf, podTargetRef, shouldBeInEndpoints } from "./pod-endpoints.js";
import { isHeadless, serviceSpec } from "./service-spec.js";

export interface PodView {
  uid: string;
  /** In the core/v1 Endpoints: the address, whether it is ready, and the ports it serves. */
  endpoints?: { address: EndpointAddress; ready: boolean; ports: EndpointPort[]; portsKey: string };
  /** In the slices: the endpoint (and its JSON, to compare with stored ones), and its ports. */
  slice?: { endpoint: SliceEndpoint; json: string; ports: SlicePort[]; portsKey: string };
}

export type ZoneLookup = (nodeName: string) => string | undefined;

/** Per Service: views by pod version, dropped when the Service's own inputs change. */
export class PodViewCache {
  private shape = "";
  private views = new WeakMap<KubeObject, PodView>();

  viewsOf(service: KubeObject, pods: readonly KubeObject[], zoneOf: ZoneLookup): PodView[] {
    const spec = serviceSpec(service);
    const shape = JSON.stringify([service.metadata.name, spec.ports ?? [], spec.publishNotReadyAddresses === true, isHeadless(spec)]);
    if (shape !== this.shape) {
      this.shape = shape;
      this.views = new WeakMap();
    }
    return pods.map((pod) => {
      let view = this.views.get(pod);
      if (!view) this.views.set(pod, (view = podView(service, pod, zoneOf)));
      return view;
    });
  }
}

export function podView(service: KubeObject, pod: KubeObject, zoneOf: ZoneLookup): PodView {
  const spec = serviceSpec(service);
  const publishNotReady = spec.publishNotReadyAddresses === true;
  const servicePorts = spec.ports ?? [];
  const view: PodView = { uid: pod.metadata.uid ?? "" };
  // Terminating pods stay in slices (with their conditions); Endpoints drops them unless publishing not-ready ones.
  if (!shouldBeInEndpoints(pod, { includeTerminating: true })) return view;
  const resolved: Array<{ name: string; port: number; protocol: string; appProtocol?: string }> = [];
  if (!(servicePorts.length === 0 && isHeadless(spec))) {
    for (const servicePort of servicePorts) {
      const port = findPort(pod, servicePort);
      if (port !== undefined) resolved.push({ name: servicePort.name ?? "", port, protocol: servicePort.protocol ?? "TCP", appProtocol: servicePort.appProtocol });
    }
  }
  const podReady = isPodReady(pod);
  const terminating = isTerminating(pod);
  const hostname = hostnameFor(pod, service);
  const nodeName = podSpecOf(pod).nodeName;
  const ip = podIPv4(pod) ?? "";

  // A pod none of whose ports resolve serves nothing through Endpoints; only a headless Service may have no ports.
  const servesEndpoints = resolved.length > 0 || (servicePorts.length === 0 && isHeadless(spec));
  if (servesEndpoints && (publishNotReady || !terminating)) {
    const ports: EndpointPort[] = resolved.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol, ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) }));
    view.endpoints = {
      address: { ip, ...(hostname ? { hostname } : {}), ...(nodeName ? { nodeName } : {}), targetRef: podTargetRef(pod) },
      ready: publishNotReady || podReady,
      ports,
      portsKey: JSON.stringify(ports),
    };
  }

  const ports: SlicePort[] = resolved.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol, ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) }));
  const zone = nodeName ? zoneOf(nodeName) : undefined;
  // Ready is never true for a terminating endpoint, unless the Service publishes not-ready ones.
  const endpoint: SliceEndpoint = {
    addresses: [ip],
    conditions: { ready: publishNotReady || (podReady && !terminating), serving: podReady, terminating },
    ...(hostname ? { hostname } : {}),
    targetRef: podTargetRef(pod),
    ...(nodeName ? { nodeName } : {}),
    ...(zone ? { zone } : {}),
  };
  view.slice = { endpoint, json: JSON.stringify(endpoint), ports, portsKey: slicePortsKey(ports) };
  return view;
}

/** Identifies a list of slice ports whatever the order of each entry's fields. */
export function slicePortsKey(ports: readonly SlicePort[]): string {
  return JSON.stringify(ports.map((p) => [p.name ?? "", p.port, p.protocol ?? "TCP", p.appProtocol ?? ""]));
}

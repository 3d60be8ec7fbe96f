// How a Pod appears behind a Service: whether it is listed at all, whether it is ready, and which
// port each service port reaches on it (pkg/controller/util/endpointslice ShouldPodBeInEndpoints,
// pkg/api/v1/pod FindPort and IsPodReady).
import type { KubeObject } from "../store/kube-object.js";
import type { ServicePort } from "./service-spec.js";

interface ContainerPort {
  name?: string;
  containerPort?: number;
  protocol?: string;
}

interface Container {
  name?: string;
  ports?: ContainerPort[];
  restartPolicy?: string;
}

interface PodSpecView {
  nodeName?: string;
  hostname?: string;
  subdomain?: string;
  containers?: Container[];
  initContainers?: Container[];
}

interface PodStatusView {
  phase?: string;
  podIP?: string;
  podIPs?: Array<{ ip?: string }>;
  conditions?: Array<{ type?: string; status?: string }>;
}

export function podSpecOf(pod: KubeObject): PodSpecView {
  return (pod.spec ?? {}) as PodSpecView;
}

function podStatusOf(pod: KubeObject): PodStatusView {
  return (pod.status ?? {}) as PodStatusView;
}

/** The Ready condition is True. */
export function isPodReady(pod: KubeObject): boolean {
  return podStatusOf(pod).conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

export function isTerminating(pod: KubeObject): boolean {
  return pod.metadata.deletionTimestamp !== undefined;
}

/** The pod's IPv4 address, if it has one yet. */
export function podIPv4(pod: KubeObject): string | undefined {
  const status = podStatusOf(pod);
  const candidates = [status.podIP, ...(status.podIPs ?? []).map((entry) => entry.ip)];
  return candidates.find((ip): ip is string => typeof ip === "string" && ip !== "" && !ip.includes(":"));
}

/**
 * Listed at all: not finished (Succeeded or Failed), has an IP, and — unless terminating pods are
 * wanted — not being deleted.
 */
export function shouldBeInEndpoints(pod: KubeObject, options: { includeTerminating: boolean }): boolean {
  const phase = podStatusOf(pod).phase;
  if (phase === "Succeeded" || phase === "Failed") return false;
  if (podIPv4(pod) === undefined) return false;
  return options.includeTerminating || !isTerminating(pod);
}

/**
 * The port a service port reaches on this pod: a number as it is; a name looked up among the
 * ports of the containers (and sidecar init containers) with the same protocol. Undefined when the
 * name does not resolve: the pod is left out for that port.
 */
export function findPort(pod: KubeObject, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === "number") return target;
  const protocol = servicePort.protocol ?? "TCP";
  const spec = podSpecOf(pod);
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? []).filter((c) => c.restartPolicy === "Always")];
  for (const container of containers) {
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? "TCP") === protocol && typeof port.containerPort === "number") return port.containerPort;
    }
  }
  return undefined;
}

/** A pod with `hostname` whose `subdomain` names the Service gets a DNS name under it. */
export function hostnameFor(pod: KubeObject, service: KubeObject): string | undefined {
  const spec = podSpecOf(pod);
  const matches = spec.hostname && spec.subdomain === service.metadata.name && pod.metadata.namespace === service.metadata.namespace;
  return matches ? spec.hostname : undefined;
}

/**
 * Everything about a pod that its endpoints show, apart from labels: a change elsewhere (container
 * statuses, restart counts) does not need the Service looked at again.
 */
export function endpointSignature(pod: KubeObject): string {
  const spec = podSpecOf(pod);
  const status = podStatusOf(pod);
  return [
    status.podIP ?? "",
    (status.podIPs ?? []).map((entry) => entry.ip).join(","),
    status.phase ?? "",
    isPodReady(pod) ? "ready" : "",
    isTerminating(pod) ? "terminating" : "",
    spec.nodeName ?? "",
    spec.hostname ?? "",
    spec.subdomain ?? "",
  ].join("|");
}

export function podTargetRef(pod: KubeObject): { kind: "Pod"; namespace: string; name: string; uid: string } {
  return { kind: "Pod", namespace: pod.metadata.namespace ?? "", name: pod.metadata.name ?? "", uid: pod.metadata.uid ?? "" };
}

// The parts of a core/v1 Service the admission plugin and the endpoints controllers read, as plain
// JSON (what the store holds), and the predicates upstream's service registry is built on
// (pkg/registry/core/service/storage/alloc.go: needsClusterIP, needsNodePort, needsHCNodePort).
import type { KubeObject } from "../store/kube-object.js";

export type ServiceType = "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";

export interface ServicePort {
  name?: string;
  protocol?: string;
  appProtocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface ServiceSpec {
  type?: ServiceType;
  selector?: Record<string, string>;
  ports?: ServicePort[];
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  sessionAffinity?: string;
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
  externalTrafficPolicy?: string;
  internalTrafficPolicy?: string;
  healthCheckNodePort?: number;
  allocateLoadBalancerNodePorts?: boolean;
  publishNotReadyAddresses?: boolean;
  externalIPs?: string[];
  externalName?: string;
  [field: string]: unknown;
}

/** `clusterIP: None`: a headless Service. */
export const CLUSTER_IP_NONE = "None";

export function isService(object: KubeObject): boolean {
  return object.kind === "Service" && object.apiVersion === "v1";
}

export function serviceSpec(service: KubeObject): ServiceSpec {
  return (service.spec ?? {}) as ServiceSpec;
}

export function serviceType(spec: ServiceSpec): ServiceType {
  return spec.type ?? "ClusterIP";
}

/** Every type but ExternalName has a cluster IP (or `None`). */
export function needsClusterIP(spec: ServiceSpec): boolean {
  return serviceType(spec) !== "ExternalName";
}

export function needsNodePort(spec: ServiceSpec): boolean {
  const type = serviceType(spec);
  return type === "NodePort" || (type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts !== false);
}

/** A LoadBalancer that keeps traffic on the receiving node needs a port for the load balancer's health checks. */
export function needsHealthCheckNodePort(spec: ServiceSpec): boolean {
  return serviceType(spec) === "LoadBalancer" && spec.externalTrafficPolicy === "Local";
}

/** Reachable from outside the cluster (service.ExternallyAccessible). */
export function externallyAccessible(spec: ServiceSpec): boolean {
  const type = serviceType(spec);
  return type === "LoadBalancer" || type === "NodePort" || (type === "ClusterIP" && (spec.externalIPs?.length ?? 0) > 0);
}

export function isHeadless(spec: ServiceSpec): boolean {
  return spec.clusterIP === CLUSTER_IP_NONE;
}

/**
 * The selector the endpoints controllers follow, or undefined for a Service they leave alone: an
 * ExternalName, or one without a selector (its Endpoints are the user's). An empty selector counts
 * as none, as it does once the API server has stored it.
 */
export function endpointSelector(service: KubeObject): Record<string, string> | undefined {
  const spec = serviceSpec(service);
  if (serviceType(spec) === "ExternalName") return undefined;
  const selector = spec.selector;
  if (!selector || Object.keys(selector).length === 0) return undefined;
  return selector;
}

export function serviceKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

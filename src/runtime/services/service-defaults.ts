// What the API server fills into a Service before allocating and validating it: the v1 defaults
// (pkg/apis/core/v1/defaults.go SetDefaults_Service), and the service registry's reconciliation of
// an update with the stored object (pkg/registry/core/service: dropTypeDependentFields,
// normalizeClusterIPs, patchAllocatedValues, initIPFamilyFields). All change the spec in place.
import { isDeepStrictEqual } from "node:util";
import {
  CLUSTER_IP_NONE,
  externallyAccessible,
  needsClusterIP,
  needsHealthCheckNodePort,
  needsNodePort,
  serviceType,
  type ServiceSpec,
} from "./service-spec.js";

/** The ClientIP affinity timeout when none is given: three hours. */
const DEFAULT_CLIENT_IP_TIMEOUT_SECONDS = 10800;

/** SetDefaults_Service. */
export function applyServiceDefaults(spec: ServiceSpec): void {
  spec.sessionAffinity ||= "None";
  if (spec.sessionAffinity === "None") delete spec.sessionAffinityConfig;
  else if (spec.sessionAffinity === "ClientIP" && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { ...spec.sessionAffinityConfig, clientIP: { ...spec.sessionAffinityConfig?.clientIP, timeoutSeconds: DEFAULT_CLIENT_IP_TIMEOUT_SECONDS } };
  }
  spec.type ||= "ClusterIP";
  for (const port of spec.ports ?? []) {
    port.protocol ||= "TCP";
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === "") port.targetPort = port.port;
  }
  if (externallyAccessible(spec)) spec.externalTrafficPolicy ||= "Cluster";
  if (spec.internalTrafficPolicy === undefined && spec.type !== "ExternalName") spec.internalTrafficPolicy = "Cluster";
  if (spec.type === "LoadBalancer") spec.allocateLoadBalancerNodePorts ??= true;
}

/**
 * An update switching to a type that no longer uses a field wipes the values that were allocated or
 * defaulted for the old type, when the user left them as they were (dropTypeDependentFields).
 */
export function dropTypeDependentFields(spec: ServiceSpec, old: ServiceSpec): void {
  if (needsClusterIP(old) && !needsClusterIP(spec)) {
    if (isDeepStrictEqual(spec.clusterIPs, old.clusterIPs)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (isDeepStrictEqual(spec.ipFamilies, old.ipFamilies)) delete spec.ipFamilies;
    if (spec.ipFamilyPolicy === old.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(spec) && sameNodePorts(spec, old)) {
    for (const port of spec.ports ?? []) delete port.nodePort;
  }
  if (needsHealthCheckNodePort(old) && !needsHealthCheckNodePort(spec) && spec.healthCheckNodePort === old.healthCheckNodePort) {
    delete spec.healthCheckNodePort;
  }
  if (old.type === "LoadBalancer" && spec.type !== "LoadBalancer" && spec.allocateLoadBalancerNodePorts === old.allocateLoadBalancerNodePorts) {
    delete spec.allocateLoadBalancerNodePorts;
  }
  if (externallyAccessible(old) && !externallyAccessible(spec) && spec.externalTrafficPolicy === old.externalTrafficPolicy) {
    delete spec.externalTrafficPolicy;
  }
}

/**
 * Reconciles the singular `clusterIP` with the plural `clusterIPs`, for clients that write only one
 * of them (normalizeClusterIPs). `old` is absent on create.
 */
export function normalizeClusterIPs(spec: ServiceSpec, old?: ServiceSpec): void {
  const plural = spec.clusterIPs ?? [];
  if (!old) {
    if (spec.clusterIP && plural.length === 0) spec.clusterIPs = [spec.clusterIP];
    return;
  }
  const oldPlural = old.clusterIPs ?? [];
  // An old client's update without the plural field: keep the stored list when the singular agrees.
  if (oldPlural.length > 0 && plural.length === 0 && (old.clusterIP ?? "") === (spec.clusterIP ?? "")) spec.clusterIPs = [...oldPlural];
  if ((old.clusterIP ?? "") !== (spec.clusterIP ?? "")) {
    const samePlural = isDeepStrictEqual(spec.clusterIPs ?? [], oldPlural);
    if (old.clusterIP && !spec.clusterIP) {
      if (samePlural) delete spec.clusterIPs;
    } else if (samePlural && spec.clusterIP) {
      spec.clusterIPs = [spec.clusterIP];
    }
  }
}

/**
 * An update that leaves out values the server allocated keeps them, so re-applying the manifest a
 * Service was created from succeeds and changes nothing (patchAllocatedValues).
 */
export function patchAllocatedValues(spec: ServiceSpec, old: ServiceSpec): void {
  if (needsClusterIP(old) && needsClusterIP(spec)) {
    if (!spec.clusterIP && old.clusterIP) spec.clusterIP = old.clusterIP;
    if ((spec.clusterIPs?.length ?? 0) === 0 && (old.clusterIPs?.length ?? 0) > 0) spec.clusterIPs = [...(old.clusterIPs ?? [])];
  }
  if (needsNodePort(old) && needsNodePort(spec)) {
    const inBoth = new Set(nodePorts(old).filter((port) => nodePorts(spec).includes(port)));
    const byName = new Map<string, number>();
    for (const port of old.ports ?? []) if (port.nodePort) byName.set(port.name ?? "", port.nodePort);
    for (const port of spec.ports ?? []) {
      if (port.nodePort) continue;
      const previous = byName.get(port.name ?? "");
      if (previous !== undefined && !inBoth.has(previous)) port.nodePort = previous;
    }
  }
  if (needsHealthCheckNodePort(old) && needsHealthCheckNodePort(spec) && !spec.healthCheckNodePort && old.healthCheckNodePort) {
    spec.healthCheckNodePort = old.healthCheckNodePort;
  }
}

/**
 * ipFamilyPolicy and ipFamilies of a Service with a cluster IP, in a single-stack IPv4 cluster: a
 * headless Service without a selector asks for every family the cluster has (RequireDualStack),
 * any other for one (SingleStack).
 */
export function initIPFamilyFields(spec: ServiceSpec): void {
  if (!needsClusterIP(spec)) return;
  const headlessWithoutSelector = spec.clusterIP === CLUSTER_IP_NONE && Object.keys(spec.selector ?? {}).length === 0;
  spec.ipFamilyPolicy ??= headlessWithoutSelector ? "RequireDualStack" : "SingleStack";
  if ((spec.ipFamilies?.length ?? 0) === 0) spec.ipFamilies = ["IPv4"];
}

/** Status a Service is created with; a LoadBalancer's ingress stays empty (no cloud provider). */
export function initialServiceStatus(): Record<string, unknown> {
  return { loadBalancer: {} };
}

/** Whether a non-LoadBalancer update must clear load-balancer status. */
export function keepsLoadBalancerStatus(spec: ServiceSpec): boolean {
  return serviceType(spec) === "LoadBalancer";
}

function nodePorts(spec: ServiceSpec): number[] {
  return (spec.ports ?? []).map((port) => port.nodePort ?? 0).filter((port) => port !== 0);
}

function sameNodePorts(spec: ServiceSpec, old: ServiceSpec): boolean {
  const ports = spec.ports ?? [];
  const oldPorts = old.ports ?? [];
  return ports.length === oldPorts.length && ports.every((port, i) => (port.nodePort ?? 0) === (oldPorts[i]?.nodePort ?? 0));
}

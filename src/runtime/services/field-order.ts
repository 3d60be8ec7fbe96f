// Nested fields in the order the API server's JSON has them (Go struct order), so `-o json` of a
// Service reads as a real cluster's does whatever order a manifest used. Unknown fields follow.

const SERVICE_SPEC_ORDER = [
  "ports",
  "selector",
  "clusterIP",
  "clusterIPs",
  "type",
  "externalIPs",
  "sessionAffinity",
  "loadBalancerIP",
  "loadBalancerSourceRanges",
  "externalName",
  "externalTrafficPolicy",
  "healthCheckNodePort",
  "publishNotReadyAddresses",
  "sessionAffinityConfig",
  "ipFamilies",
  "ipFamilyPolicy",
  "allocateLoadBalancerNodePorts",
  "loadBalancerClass",
  "internalTrafficPolicy",
  "trafficDistribution",
] as const;

const SERVICE_PORT_ORDER = ["name", "protocol", "appProtocol", "port", "targetPort", "nodePort"] as const;

export function inFieldOrder<T extends object>(value: T, order: readonly string[]): T {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of order) if (source[key] !== undefined) out[key] = source[key];
  for (const [key, field] of Object.entries(source)) if (!(key in out) && field !== undefined) out[key] = field;
  return out as T;
}

/** A Service spec, ports included, in the API server's order. */
export function orderServiceSpec<T extends { ports?: object[] }>(spec: T): T {
  const ordered = inFieldOrder(spec, SERVICE_SPEC_ORDER);
  if (Array.isArray(ordered.ports)) ordered.ports = ordered.ports.map((port) => inFieldOrder(port, SERVICE_PORT_ORDER));
  return ordered;
}

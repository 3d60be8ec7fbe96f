// Services of type LoadBalancer and Ingresses share one readiness signal: the address the load
// balancer was given, in status.loadBalancer.ingress. Any entry counts — gitops-engine treats even
// an empty `- {}` as assigned — because some controllers publish an entry before its address.

export function hasLoadBalancerIngress(status: unknown): boolean {
  const ingress = (status as { loadBalancer?: { ingress?: unknown } } | null | undefined)?.loadBalancer?.ingress;
  return Array.isArray(ingress) && ingress.length > 0;
}

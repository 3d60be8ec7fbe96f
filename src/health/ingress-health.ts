// Ingress health: gitops-engine's rule (pkg/health/health_ingress.go) — Progressing until the
// ingress controller publishes an address in status.loadBalancer.ingress.
import type { Ingress } from "kubernetes-types/networking/v1.js";
import { health, type Health } from "./health-status.js";
import { hasLoadBalancerIngress } from "./load-balancer.js";

export function ingressHealth(ingress: Ingress): Health {
  if (!hasLoadBalancerIngress(ingress.status)) {
    return health("Progressing", "AddressPending", "Waiting for the ingress controller to assign an address");
  }
  return health("Healthy");
}

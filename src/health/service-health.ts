// Service health: gitops-engine's rule (pkg/health/health_service.go). Only a LoadBalancer waits
// for something — its external address; every other type works as soon as it exists.
import type { Service } from "kubernetes-types/core/v1.js";
import { health, type Health } from "./health-status.js";
import { hasLoadBalancerIngress } from "./load-balancer.js";

export function serviceHealth(service: Service): Health {
  if (service.spec?.type === "LoadBalancer" && !hasLoadBalancerIngress(service.status)) {
    return health("Progressing", "LoadBalancerPending", "Waiting for the load balancer to be assigned an external address");
  }
  return health("Healthy");
}

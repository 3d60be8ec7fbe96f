// APIService health: gitops-engine's rule (pkg/health/health_apiservice.go). An aggregated API is
// usable when its Available condition is True; otherwise it is still coming up (its backing Service
// has no endpoints yet, say), which gitops-engine reports as Progressing rather than Degraded.
import { health, type Health } from "./health-status.js";
import { conditionsOf, findCondition, oneLine, type HealthInput } from "./object-view.js";

export function apiServiceHealth(apiService: HealthInput): Health {
  const available = findCondition(conditionsOf(apiService.status), "Available");
  if (!available) return health("Progressing", "AvailabilityPending", "Waiting to be processed");
  // gitops-engine's message: "<reason>: <message>", e.g. "MissingEndpoints: endpoints for service/… have no addresses".
  const message = [available.reason, oneLine(available.message)].filter(Boolean).join(": ");
  if (available.status === "True") return health("Healthy", undefined, message);
  return health("Progressing", available.reason ?? "NotAvailable", message);
}

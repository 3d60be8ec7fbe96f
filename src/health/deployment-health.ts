// Deployment health: gitops-engine's rule (pkg/health/health_deployment.go), itself kubectl's
// `rollout status` logic, checked in this order. The messages are kubectl's, so a user sees the
// same sentence here as from `kubectl rollout status`.
import type { Deployment } from "kubernetes-types/apps/v1.js";
import { health, type Health } from "./health-status.js";
import { conditionsOf, count, findCondition, oneLine } from "./object-view.js";

export function deploymentHealth(deployment: Deployment): Health {
  const spec = deployment.spec;
  const status = deployment.status ?? {};
  // Paused first: a paused rollout is neither progressing nor failing, it waits for a person.
  if (spec?.paused) return health("Suspended", "DeploymentPaused", "Deployment is paused");
  // Until the controller has seen the latest spec, every other status field describes an older one.
  if (count(deployment.metadata?.generation) > count(status.observedGeneration)) {
    return health("Progressing", "GenerationNotObserved", "Waiting for rollout to finish: observed deployment generation less than desired generation");
  }
  const progressing = findCondition(conditionsOf(status), "Progressing");
  if (progressing?.reason === "ProgressDeadlineExceeded") {
    // The condition names the stuck ReplicaSet (`ReplicaSet "web-7d…" has timed out progressing.`).
    const message = oneLine(progressing.message) ?? `deployment "${deployment.metadata?.name ?? ""}" exceeded its progress deadline`;
    return health("Degraded", "ProgressDeadlineExceeded", message);
  }
  // The API server defaults spec.replicas to 1; a manifest that omits it means 1.
  const desired = spec?.replicas ?? 1;
  const updated = count(status.updatedReplicas);
  if (updated < desired) {
    return health("Progressing", "ReplicasUpdating", `Waiting for rollout to finish: ${updated} out of ${desired} new replicas have been updated...`);
  }
  if (count(status.replicas) > updated) {
    return health("Progressing", "OldReplicasPending", `Waiting for rollout to finish: ${count(status.replicas) - updated} old replicas are pending termination...`);
  }
  if (count(status.availableReplicas) < updated) {
    return health("Progressing", "ReplicasUnavailable", `Waiting for rollout to finish: ${count(status.availableReplicas)} of ${updated} updated replicas are available...`);
  }
  return health("Healthy", undefined, `deployment "${deployment.metadata?.name ?? ""}" successfully rolled out`);
}

// DaemonSet health: gitops-engine's rule (pkg/health/health_daemonset.go). With OnDelete nothing
// rolls by itself, so once the spec is observed the set is as healthy as it will get on its own.
import type { DaemonSet } from "kubernetes-types/apps/v1.js";
import { health, type Health } from "./health-status.js";
import { count } from "./object-view.js";

export function daemonSetHealth(set: DaemonSet): Health {
  const status = set.status;
  const name = set.metadata?.name ?? "";
  if (count(set.metadata?.generation) > count(status?.observedGeneration)) {
    return health("Progressing", "GenerationNotObserved", "Waiting for rollout to finish: observed daemon set generation less than desired generation");
  }
  const desired = count(status?.desiredNumberScheduled);
  const updated = count(status?.updatedNumberScheduled);
  if (set.spec?.updateStrategy?.type === "OnDelete") {
    return health("Healthy", undefined, `daemon set ${updated} out of ${desired} new pods have been updated`);
  }
  if (updated < desired) {
    return health("Progressing", "PodsUpdating", `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`);
  }
  const available = count(status?.numberAvailable);
  if (available < desired) {
    return health("Progressing", "PodsUnavailable", `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...`);
  }
  return health("Healthy", undefined, `daemon set "${name}" successfully rolled out`);
}

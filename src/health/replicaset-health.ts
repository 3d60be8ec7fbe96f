// ReplicaSet health: gitops-engine's rule (pkg/health/health_replicaset.go). A ReplicaFailure
// condition (quota exceeded, admission refused a pod) is the one thing that makes a ReplicaSet
// Degraded; short of that it is Progressing until every desired replica is available.
import type { ReplicaSet } from "kubernetes-types/apps/v1.js";
import { health, type Health } from "./health-status.js";
import { conditionsOf, count, findCondition, oneLine } from "./object-view.js";

export function replicaSetHealth(replicaSet: ReplicaSet): Health {
  const status = replicaSet.status ?? { replicas: 0 };
  if (count(replicaSet.metadata?.generation) > count(status.observedGeneration)) {
    return health("Progressing", "GenerationNotObserved", "Waiting for rollout to finish: observed replica set generation less than desired generation");
  }
  const failure = findCondition(conditionsOf(status), "ReplicaFailure");
  if (failure?.status === "True") return health("Degraded", failure.reason ?? "ReplicaFailure", oneLine(failure.message));
  const desired = replicaSet.spec?.replicas ?? 1;
  const available = count(status.availableReplicas);
  if (available < desired) {
    return health("Progressing", "ReplicasUnavailable", `Waiting for rollout to finish: ${available} out of ${desired} new replicas are available...`);
  }
  return health("Healthy");
}

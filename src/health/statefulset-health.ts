// StatefulSet health: gitops-engine's rule (pkg/health/health_statefulset.go), checked in order.
// Note the RollingUpdate branch: with a rollingUpdate block present (the API server always defaults
// one, partition 0) gitops-engine reports Healthy once enough pods are updated and ready, without
// comparing currentRevision and updateRevision. We keep that on purpose: it is the behaviour Argo CD
// users know.
import type { StatefulSet } from "kubernetes-types/apps/v1.js";
import { health, type Health } from "./health-status.js";
import { count } from "./object-view.js";

export function statefulSetHealth(set: StatefulSet): Health {
  const spec = set.spec;
  const status = set.status ?? { replicas: 0 };
  const observed = count(status.observedGeneration);
  if (observed === 0 || count(set.metadata?.generation) > observed) {
    return health("Progressing", "GenerationNotObserved", "Waiting for statefulset spec update to be observed...");
  }
  const desired = spec?.replicas ?? 1;
  const ready = count(status.readyReplicas);
  if (ready < desired) return health("Progressing", "PodsNotReady", `Waiting for ${desired - ready} pods to be ready...`);

  const strategy = spec?.updateStrategy;
  const strategyType = strategy?.type ?? "RollingUpdate";
  if (strategyType === "RollingUpdate" && strategy?.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    const updated = count(status.updatedReplicas);
    if (partition !== undefined && updated < desired - partition) {
      return health("Progressing", "PartitionRolling", `Waiting for partitioned roll out to finish: ${updated} out of ${desired - partition} new pods have been updated...`);
    }
    return health("Healthy", undefined, `partitioned roll out complete: ${updated} new pods have been updated...`);
  }
  if (strategyType === "OnDelete") return health("Healthy", undefined, `statefulset has ${ready} ready pods`);
  if (status.updateRevision !== status.currentRevision) {
    return health("Progressing", "RevisionUpdating", `waiting for statefulset rolling update to complete ${count(status.updatedReplicas)} pods at revision ${status.updateRevision ?? ""}...`);
  }
  return health("Healthy", undefined, `statefulset rolling update complete ${count(status.currentReplicas)} pods at revision ${status.currentRevision ?? ""}...`);
}

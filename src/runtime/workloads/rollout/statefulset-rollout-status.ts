// `kubectl rollout status` for a StatefulSet (StatefulSetStatusViewer): ready pods first, then the
// updated pods a partitioned rolling update asks for. A set with the default strategy has a
// rollingUpdate block (partition 0), so it finishes with "partitioned roll out complete"; only
// `type: RollingUpdate` without the block reports the revision.
import type { KubeObject } from "../../store/kube-object.js";
import { statefulSetSpec, statefulSetStatus } from "../statefulset/statefulset-types.js";
import type { RolloutStatus } from "./rollout-status.js";

export function statefulSetRolloutStatus(set: KubeObject): RolloutStatus {
  const spec = statefulSetSpec(set);
  const status = statefulSetStatus(set);
  const strategy = spec.updateStrategy;
  if (strategy?.type !== "RollingUpdate") return { done: false, failed: true, message: "error: rollout status is only available for RollingUpdate strategy type" };
  const waiting = (message: string): RolloutStatus => ({ done: false, failed: false, message });
  const observed = status.observedGeneration ?? 0;
  if (observed === 0 || (set.metadata.generation ?? 0) > observed) return waiting("Waiting for statefulset spec update to be observed...");
  const replicas = spec.replicas ?? 1;
  const ready = status.readyReplicas ?? 0;
  if (ready < replicas) return waiting(`Waiting for ${replicas - ready} pods to be ready...`);
  const updated = status.updatedReplicas ?? 0;
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (partition !== undefined && updated < replicas - partition) {
      return waiting(`Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...`);
    }
    return { done: true, failed: false, message: `partitioned roll out complete: ${updated} new pods have been updated...` };
  }
  if (status.updateRevision !== status.currentRevision) {
    return waiting(`waiting for statefulset rolling update to complete ${updated} pods at revision ${status.updateRevision ?? ""}...`);
  }
  return { done: true, failed: false, message: `statefulset rolling update complete ${status.currentReplicas ?? 0} pods at revision ${status.currentRevision ?? ""}...` };
}

// A StatefulSet's status as upstream computes it (computeReplicaStatus, completeRollingUpdate,
// inconsistentStatus): counts over the members as one sync sees them — a pod it has just created
// has no phase yet and does not count — written in the API's field order.
import type { KubeObject } from "../../store/kube-object.js";
import { isPodAvailable, isPodReady } from "../pod-state.js";
import { podStatus } from "../workload-types.js";
import { podRevision } from "./statefulset-pods.js";
import { statefulSetSpec, statefulSetStatus, type StatefulSetStatus } from "./statefulset-types.js";

export interface StatusCounts {
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
}

export interface StatusDraft extends StatusCounts {
  observedGeneration: number;
  currentRevision: string;
  updateRevision: string;
  collisionCount: number;
}

/** The API server has stored it: it has a phase (upstream's isCreated). */
export function isCreated(pod: KubeObject): boolean {
  return (podStatus(pod).phase ?? "") !== "";
}

export function isTerminating(pod: KubeObject): boolean {
  return pod.metadata.deletionTimestamp !== undefined;
}

export function isRunningAndReady(pod: KubeObject): boolean {
  return podStatus(pod).phase === "Running" && isPodReady(pod);
}

export function isHealthy(pod: KubeObject): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}

export function countReplicas(pods: readonly KubeObject[], minReadySeconds: number, now: number, revisions: { current: string; update: string }): StatusCounts {
  const counts: StatusCounts = { replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 };
  for (const pod of pods) {
    const created = isCreated(pod);
    if (created) counts.replicas++;
    if (isRunningAndReady(pod)) {
      counts.readyReplicas++;
      if (isPodAvailable(pod, minReadySeconds, now)) counts.availableReplicas++;
    }
    if (created && !isTerminating(pod)) {
      const revision = podRevision(pod);
      if (revision === revisions.current) counts.currentReplicas++;
      if (revision === revisions.update) counts.updatedReplicas++;
    }
  }
  return counts;
}

/** A RollingUpdate whose pods are all updated and ready is complete: the update revision becomes current. */
export function completeRollingUpdate(set: KubeObject, draft: StatusDraft): void {
  if (statefulSetSpec(set).updateStrategy?.type === "RollingUpdate" && draft.updatedReplicas === draft.replicas && draft.readyReplicas === draft.replicas) {
    draft.currentReplicas = draft.updatedReplicas;
    draft.currentRevision = draft.updateRevision;
  }
}

/** Whether the draft differs from the stored status in what upstream compares (collisionCount is not). */
export function inconsistentStatus(set: KubeObject, draft: StatusDraft): boolean {
  const stored = statefulSetStatus(set);
  return (
    draft.observedGeneration > (stored.observedGeneration ?? 0) ||
    draft.replicas !== (stored.replicas ?? 0) ||
    draft.currentReplicas !== (stored.currentReplicas ?? 0) ||
    draft.readyReplicas !== (stored.readyReplicas ?? 0) ||
    draft.updatedReplicas !== (stored.updatedReplicas ?? 0) ||
    draft.currentRevision !== (stored.currentRevision ?? "") ||
    draft.availableReplicas !== (stored.availableReplicas ?? 0) ||
    draft.updateRevision !== (stored.updateRevision ?? "")
  );
}

/** The status object as the API serializes it: zero and empty fields left out, except replicas, collisionCount and availableReplicas. */
export function statusObject(draft: StatusDraft): StatefulSetStatus {
  const status: Partial<StatefulSetStatus> = {};
  if (draft.observedGeneration !== 0) status.observedGeneration = draft.observedGeneration;
  status.replicas = draft.replicas;
  if (draft.readyReplicas !== 0) status.readyReplicas = draft.readyReplicas;
  if (draft.currentReplicas !== 0) status.currentReplicas = draft.currentReplicas;
  if (draft.updatedReplicas !== 0) status.updatedReplicas = draft.updatedReplicas;
  if (draft.currentRevision !== "") status.currentRevision = draft.currentRevision;
  if (draft.updateRevision !== "") status.updateRevision = draft.updateRevision;
  status.collisionCount = draft.collisionCount;
  status.availableReplicas = draft.availableReplicas;
  return status as StatefulSetStatus;
}

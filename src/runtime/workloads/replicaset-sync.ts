// One sync of one ReplicaSet (upstream's syncReplicaSet, pkg/controller/replicaset/replica_set.go):
// claim the pods (adopt matching orphans, release owned pods that stopped matching), create or delete
// pods until spec.replicas active pods remain, then write the observed status.
import { isDeepStrictEqual } from "node:util";
import { formatTimestamp } from "../clock/timestamps.js";
import { controllerReference } from "../controllers/owner-references.js";
import type { ComponentEventRecorder } from "../events/event-recorder.js";
import { matchesLabelSelector, type LabelSelector } from "../../kube/label-selector.js";
import { cloneObject, refOf, type KubeObject } from "../store/kube-object.js";
import type { ObjectStore } from "../store/object-store.js";
import type { StoreError } from "../store/store-errors.js";
import { adopt, release } from "./owner-claims.js";
import type { PodIndex } from "./pod-index.js";
import { availableAt, isPodActive, isPodReady } from "./pod-state.js";
import { rankForDeletion } from "./victim-ranking.js";
import { replicaSetSpec, replicaSetStatus, specReplicas, type Condition, type ReplicaSetStatus } from "./workload-types.js";

/** Creations or deletions one sync may make (upstream's burstReplicas). */
export const BURST_REPLICAS = 500;

export interface ReplicaSetSyncContext {
  store: ObjectStore;
  now: number;
  pods: PodIndex;
  events: ComponentEventRecorder;
  /** The active pods of the ReplicaSet's siblings (same controller), itself included. */
  relatedPods(rs: KubeObject): KubeObject[];
}

export interface ReplicaSetSyncResult {
  /** When a ready pod becomes available (minReadySeconds), so the status must be looked at again. */
  recheckAt?: number;
  /** More than burstReplicas pods were missing or extra: sync again at once. */
  again: boolean;
}

/** A selector that selects something: a missing or empty one selects nothing (validation forbids it). */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)) return false;
  return matchesLabelSelector(selector, labels ?? {});
}

export function syncReplicaSet(ctx: ReplicaSetSyncContext, rs: KubeObject): ReplicaSetSyncResult {
  const uid = rs.metadata.uid ?? "";
  const spec = replicaSetSpec(rs);
  const deleting = rs.metadata.deletionTimestamp !== undefined;
  const claimed = claimPods(ctx, rs, spec.selector, deleting);
  let active = claimed.filter(isPodActive);

  let failure: { reason: "FailedCreate" | "FailedDelete"; error: StoreError } | undefined;
  let again = false;
  if (!deleting) {
    const diff = active.length - specReplicas(rs);
    again = Math.abs(diff) > BURST_REPLICAS;
    if (diff < 0) {
      const made = createPods(ctx, rs, Math.min(-diff, BURST_REPLICAS));
      active = [...active, ...made.created];
      if (made.error) failure = { reason: "FailedCreate", error: made.error };
    } else if (diff > 0) {
      const gone = deletePods(ctx, rs, active, Math.min(diff, BURST_REPLICAS));
      active = active.filter((pod) => !gone.deleted.has(pod.metadata.uid ?? ""));
      if (gone.error) failure = { reason: "FailedDelete", error: gone.error };
    }
  }

  const minReadySeconds = spec.minReadySeconds ?? 0;
  const status = replicaSetStatusFor(rs, active, ctx.now, failure && { reason: failure.reason, message: failure.error.message });
  if (!isDeepStrictEqual(status, rs.status ?? {})) {
    const current = ctx.store.get(refOf(rs));
    if (current && current.metadata.uid === uid) {
      const copy = cloneObject(current);
      copy.status = status;
      ctx.store.update(copy, { subresource: "status" });
    }
  }
  return { recheckAt: nextAvailability(active, minReadySeconds, ctx.now), again: again && !failure };
}

function claimPods(ctx: ReplicaSetSyncContext, rs: KubeObject, selector: LabelSelector | undefined, deleting: boolean): KubeObject[] {
  const uid = rs.metadata.uid ?? "";
  const claimed: KubeObject[] = [];
  for (const pod of [...ctx.pods.controlledBy(uid)]) {
    if (selects(selector, pod.metadata.labels)) claimed.push(pod);
    else if (!deleting) release(ctx.store, uid, pod);
  }
  if (deleting) return claimed;
  for (const pod of [...ctx.pods.orphansIn(rs.metadata.namespace ?? "")]) {
    if (pod.metadata.deletionTimestamp !== undefined || !selects(selector, pod.metadata.labels)) continue;
    const adopted = adopt(ctx.store, rs, pod);
    if (adopted.ok) claimed.push(adopted.object);
  }
  return claimed;
}

/** Creates up to `count` pods in slow-start batches (1, 2, 4, …), stopping after a batch with an error. */
function createPods(ctx: ReplicaSetSyncContext, rs: KubeObject, count: number): { created: KubeObject[]; error?: StoreError } {
  const created: KubeObject[] = [];
  let remaining = count;
  let batch = Math.min(remaining, 1);
  while (batch > 0) {
    let error: StoreError | undefined;
    for (let i = 0; i < batch; i++) {
      const result = ctx.store.create(podFromTemplate(rs));
      if (result.ok) {
        created.push(result.object);
        ctx.events.event(rs, "Normal", "SuccessfulCreate", `Created pod: ${result.object.metadata.name}`);
      } else {
        error ??= result.error;
        // Upstream records no event when the namespace is going away.
        if (!result.error.message.includes("because it is being terminated")) {
          ctx.events.event(rs, "Warning", "FailedCreate", `Error creating: ${result.error.message}`);
        }
      }
    }
    if (error) return { created, error };
    remaining -= batch;
    batch = Math.min(2 * batch, remaining);
  }
  return { created };
}

function deletePods(ctx: ReplicaSetSyncContext, rs: KubeObject, active: KubeObject[], count: number): { deleted: Set<string>; error?: StoreError } {
  const victims = count < active.length ? rankForDeletion(active, ctx.relatedPods(rs), ctx.now).slice(0, count) : active;
  const deleted = new Set<string>();
  let error: StoreError | undefined;
  for (const pod of victims) {
    const result = ctx.store.delete(refOf(pod));
    if (result.ok || result.error.reason === "NotFound") {
      deleted.add(pod.metadata.uid ?? "");
      if (result.ok) ctx.events.event(rs, "Normal", "SuccessfulDelete", `Deleted pod: ${pod.metadata.name}`);
    } else {
      error ??= result.error;
      ctx.events.event(rs, "Warning", "FailedDelete", `Error deleting: ${result.error.message}`);
    }
  }
  return { deleted, error };
}

/** A pod as upstream's GetPodFromTemplate builds it: the template's labels, annotations and spec. */
export function podFromTemplate(rs: KubeObject): KubeObject {
  const template = replicaSetSpec(rs).template ?? {};
  const metadata: KubeObject["metadata"] = { generateName: `${rs.metadata.name}-`, namespace: rs.metadata.namespace };
  const labels = template.metadata?.labels;
  const annotations = template.metadata?.annotations;
  const finalizers = template.metadata?.finalizers as string[] | undefined;
  if (labels && Object.keys(labels).length > 0) metadata.labels = { ...labels };
  if (annotations && Object.keys(annotations).length > 0) metadata.annotations = { ...annotations };
  metadata.ownerReferences = [controllerReference(rs)];
  if (finalizers && finalizers.length > 0) metadata.finalizers = [...finalizers];
  return { apiVersion: "v1", kind: "Pod", metadata, spec: structuredClone(template.spec ?? {}) };
}

/** The status upstream's calculateStatus gives for these active pods, in the API's field order. */
export function replicaSetStatusFor(
  rs: KubeObject,
  active: readonly KubeObject[],
  now: number,
  failure: { reason: string; message: string } | undefined,
): ReplicaSetStatus {
  const spec = replicaSetSpec(rs);
  const templateLabels = spec.template?.metadata?.labels ?? {};
  const minReadySeconds = spec.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of active) {
    const labels = pod.metadata.labels ?? {};
    if (Object.entries(templateLabels).every(([key, value]) => labels[key] === value)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      const at = availableAt(pod, minReadySeconds);
      if (at !== undefined && at <= now) available++;
    }
  }
  const status: ReplicaSetStatus = { replicas: active.length };
  if (fullyLabeled > 0) status.fullyLabeledReplicas = fullyLabeled;
  if (ready > 0) status.readyReplicas = ready;
  if (available > 0) status.availableReplicas = available;
  const generation = rs.metadata.generation;
  if (generation !== undefined && generation > 0) status.observedGeneration = generation;
  const conditions = replicaFailureConditions(replicaSetStatus(rs).conditions ?? [], failure, now);
  if (conditions.length > 0) status.conditions = conditions;
  return status;
}

/** ReplicaFailure is set when creating or deleting failed, and removed after a sync without errors. */
function replicaFailureConditions(current: readonly Condition[], failure: { reason: string; message: string } | undefined, now: number): Condition[] {
  const others = current.filter((c) => c.type !== "ReplicaFailure");
  const existing = current.find((c) => c.type === "ReplicaFailure");
  if (!failure) return others;
  // Upstream adds the condition only when it is absent; a later failure keeps the first message.
  if (existing) return [...current];
  return [...others, { type: "ReplicaFailure", status: "True", lastTransitionTime: formatTimestamp(now), reason: failure.reason, message: failure.message }];
}

/** The first instant after `now` at which a ready pod becomes available. */
function nextAvailability(active: readonly KubeObject[], minReadySeconds: number, now: number): number | undefined {
  if (minReadySeconds <= 0) return undefined;
  let next: number | undefined;
  for (const pod of active) {
    const at = availableAt(pod, minReadySeconds);
    if (at !== undefined && at > now && Number.isFinite(at) && (next === undefined || at < next)) next = at;
  }
  return next;
}

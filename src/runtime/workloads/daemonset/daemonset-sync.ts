// One sync of one DaemonSet (syncDaemonSet): claim its pods, find the current revision, place pods
// on the nodes that need them and remove those that must go, run the RollingUpdate pass, trim the
// revision history and write the observed status. Creations and deletions carry upstream's events.
import { isDeepStrictEqual } from "node:util";
import type { ComponentEventRecorder } from "../../events/event-recorder.js";
import { cloneObject, refOf, type KubeObject } from "../../store/kube-object.js";
import type { ObjectStore } from "../../store/object-store.js";
import type { StoreError } from "../../store/store-errors.js";
import { CONTROLLER_REVISION_HASH_LABEL } from "../controller-revisions.js";
import { adopt, release } from "../owner-claims.js";
import { availableAt } from "../pod-state.js";
import type { PodIndex } from "../pod-index.js";
import { selects } from "../replicaset-sync.js";
import { daemonPodFor, daemonPodTemplate } from "./daemon-pods.js";
import { cleanupHistory, currentRevision } from "./daemonset-history.js";
import { planPlacement } from "./daemonset-manage.js";
import { allowsSurge, planRollingUpdate } from "./daemonset-rolling.js";
import { daemonSetStatusFor } from "./daemonset-status.js";
import { daemonSetSpec } from "./daemonset-types.js";
import { daemonSetView, podsByNode } from "./daemonset-view.js";
import type { FailedPodBackoff } from "./failed-pod-backoff.js";

/** Creations or deletions one sync may make (the DaemonSet controller's BurstReplicas). */
export const DAEMONSET_BURST_REPLICAS = 250;

export interface DaemonSetSyncContext {
  store: ObjectStore;
  now: number;
  /** Every node, by name. */
  nodes: readonly KubeObject[];
  pods: PodIndex;
  events: ComponentEventRecorder;
  backoff: FailedPodBackoff;
}

export interface DaemonSetSyncResult {
  /** When the set must be looked at again: a pod turning available, a back-off running out. */
  recheckAt?: number;
  /**
   * Sync again at once: more than a burst of pods was left to create or delete, or a deleted pod is
   * gone already (upstream's next sync, when its informer reports the deletion).
   */
  again: boolean;
}

export function syncDaemonSet(ctx: DaemonSetSyncContext, daemonSet: KubeObject): DaemonSetSyncResult {
  // The revisions and pods of a set being deleted are the garbage collector's; upstream leaves even
  // its status alone.
  if (daemonSet.metadata.deletionTimestamp !== undefined) return { again: false };
  claimPods(ctx, daemonSet);
  const revision = currentRevision(ctx.store, daemonSet);
  // Without its revision the set cannot tell new pods from old; the next change retries.
  if (!revision.ok) return { again: false };
  const view = daemonSetView(daemonSet, ctx.nodes, revision.hash, ctx.now);
  const own = (): KubeObject[] => ownPods(ctx, daemonSet);

  const placement = planPlacement(view, podsByNode(own(), { includeDeletedTerminal: false }), { allowsSurge: allowsSurge(daemonSet), backoff: ctx.backoff });
  for (const event of placement.events) ctx.events.event(daemonSet, event.type, event.reason, event.message);
  let again = syncNodes(ctx, daemonSet, revision.hash, placement.podsToDelete, placement.nodesNeedingPods);
  if (daemonSetSpec(daemonSet).updateStrategy?.type === "RollingUpdate") {
    const rolling = planRollingUpdate(view, podsByNode(own(), { includeDeletedTerminal: false }));
    again = syncNodes(ctx, daemonSet, revision.hash, rolling.podsToDelete, rolling.nodesNeedingPods) || again;
  }

  const everyPod = own();
  const liveHashes = new Set(everyPod.map((pod) => pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL]).filter((hash): hash is string => hash !== undefined));
  cleanupHistory(ctx.store, daemonSet, revision.revision, liveHashes);

  const status = daemonSetStatusFor(view, podsByNode(everyPod, { includeDeletedTerminal: false }), { observe: true, collisionCount: revision.collisionCount > 0 ? revision.collisionCount : undefined });
  writeStatus(ctx, daemonSet, status);
  const recheckAt = earliest(nextAvailability(everyPod, daemonSetSpec(daemonSet).minReadySeconds ?? 0, ctx.now), placement.retryAt);
  return { recheckAt, again };
}

/** The first instant after `now` at which a ready pod becomes available (minReadySeconds). */
function nextAvailability(pods: readonly KubeObject[], minReadySeconds: number, now: number): number | undefined {
  if (minReadySeconds <= 0) return undefined;
  let next: number | undefined;
  for (const pod of pods) {
    const at = availableAt(pod, minReadySeconds);
    if (at !== undefined && at > now && Number.isFinite(at)) next = earliest(next, at);
  }
  return next;
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.min(a, b);
}

/** The set's pods that its selector still selects. */
function ownPods(ctx: DaemonSetSyncContext, daemonSet: KubeObject): KubeObject[] {
  const selector = daemonSetSpec(daemonSet).selector;
  return [...ctx.pods.controlledBy(daemonSet.metadata.uid ?? "")].filter((pod) => selects(selector, pod.metadata.labels));
}

/** Adopts matching orphans and releases owned pods that stopped matching (ClaimPods). */
function claimPods(ctx: DaemonSetSyncContext, daemonSet: KubeObject): void {
  const uid = daemonSet.metadata.uid ?? "";
  const selector = daemonSetSpec(daemonSet).selector;
  for (const pod of [...ctx.pods.controlledBy(uid)]) if (!selects(selector, pod.metadata.labels)) release(ctx.store, uid, pod);
  for (const pod of [...ctx.pods.orphansIn(daemonSet.metadata.namespace ?? "")]) {
    if (pod.metadata.deletionTimestamp === undefined && selects(selector, pod.metadata.labels)) adopt(ctx.store, daemonSet, pod);
  }
}

/**
 * Creates a pod on each node named (in slow-start batches 1, 2, 4 …, stopping after a batch with an
 * error) and deletes the pods given, at most a burst of each. True when some were left for later.
 */
function syncNodes(ctx: DaemonSetSyncContext, daemonSet: KubeObject, hash: string, podsToDelete: readonly KubeObject[], nodesNeedingPods: readonly string[]): boolean {
  const creating = nodesNeedingPods.slice(0, DAEMONSET_BURST_REPLICAS);
  const deleting = podsToDelete.slice(0, DAEMONSET_BURST_REPLICAS);
  let failed = false;
  if (creating.length > 0) {
    const template = daemonPodTemplate(daemonSet, hash);
    let position = 0;
    let batch = Math.min(creating.length, 1);
    while (batch > 0) {
      let error: StoreError | undefined;
      for (const nodeName of creating.slice(position, position + batch)) {
        const result = ctx.store.create(daemonPodFor(daemonSet, template, nodeName));
        if (result.ok) {
          ctx.events.event(daemonSet, "Normal", "SuccessfulCreate", `Created pod: ${result.object.metadata.name}`);
          continue;
        }
        error ??= result.error;
        // Upstream records no event when the namespace is going away.
        if (!result.error.message.includes("because it is being terminated")) ctx.events.event(daemonSet, "Warning", "FailedCreate", `Error creating: ${result.error.message}`);
      }
      position += batch;
      if (error) {
        failed = true;
        break;
      }
      batch = Math.min(2 * batch, creating.length - position);
    }
  }
  let gone = false;
  for (const pod of deleting) {
    const result = ctx.store.delete(refOf(pod), { preconditions: { uid: pod.metadata.uid } });
    if (result.ok) ctx.events.event(daemonSet, "Normal", "SuccessfulDelete", `Deleted pod: ${pod.metadata.name}`);
    else if (result.error.reason !== "NotFound") ctx.events.event(daemonSet, "Warning", "FailedDelete", `Error deleting: ${result.error.message}`);
    // A pod removed at once (a finished one, say) frees its node within this sync, unseen by it.
    if (result.ok && ctx.store.getByUid(pod.metadata.uid ?? "") === undefined) gone = true;
  }
  // Failures are not retried on a timer as upstream's rate-limited queue does; the next change retries.
  return gone || (!failed && (nodesNeedingPods.length > creating.length || podsToDelete.length > deleting.length));
}

/** storeDaemonSetStatus: written only when something changed. */
function writeStatus(ctx: DaemonSetSyncContext, daemonSet: KubeObject, status: object): void {
  if (isDeepStrictEqual(status, daemonSet.status ?? {})) return;
  const current = ctx.store.get(refOf(daemonSet));
  if (!current || current.metadata.uid !== daemonSet.metadata.uid) return;
  const copy = cloneObject(current);
  copy.status = status;
  ctx.store.update(copy, { subresource: "status" });
}

// The placement pass of a DaemonSet sync (manage and podsShouldBeOnNode): which nodes need a daemon
// pod and which pods must go. An eligible node without a pod gets one; a node the set may not stay
// on loses its pods; a failed or succeeded pod is deleted (with a per-node back-off) so that a new
// one replaces it; extra pods on a node are pruned, keeping the oldest — or, while surging, the
// oldest old pod until the new one is available. Pods waiting for a node that no longer exists go.
import type { EventType } from "../../events/event-recorder.js";
import type { KubeObject } from "../../store/kube-object.js";
import { CONTROLLER_REVISION_HASH_LABEL } from "../controller-revisions.js";
import { isPodReady } from "../pod-state.js";
import { podNodeName, podStatus } from "../workload-types.js";
import { compareDaemonPods, eligibilityOn, isDaemonPodAvailable, type DaemonSetView, type PodsByNode } from "./daemonset-view.js";
import type { FailedPodBackoff } from "./failed-pod-backoff.js";

export interface DaemonSetEvent {
  type: EventType;
  reason: string;
  message: string;
}

export interface PlacementPlan {
  nodesNeedingPods: string[];
  podsToDelete: KubeObject[];
  events: DaemonSetEvent[];
  /** When a finished pod that the back-off kept may be deleted. */
  retryAt?: number;
}

export const FAILED_DAEMON_POD = "FailedDaemonPod";
export const SUCCEEDED_DAEMON_POD = "SucceededDaemonPod";

export interface ManageOptions {
  /** maxSurge is not 0: a node may hold an old and a new pod for a while. */
  allowsSurge: boolean;
  backoff: FailedPodBackoff;
}

export function planPlacement(view: DaemonSetView, pods: PodsByNode, options: ManageOptions): PlacementPlan {
  const plan: PlacementPlan = { nodesNeedingPods: [], podsToDelete: [], events: [] };
  const known = new Set<string>();
  for (const node of view.nodes) {
    const name = node.metadata.name ?? "";
    known.add(name);
    podsForNode(view, node, pods.get(name), options, plan);
  }
  // Never bound, and their node is gone: no pod GC will ever see them.
  for (const [nodeName, list] of pods) {
    if (known.has(nodeName)) continue;
    for (const pod of list) if (podNodeName(pod) === "") plan.podsToDelete.push(pod);
  }
  return plan;
}

function podsForNode(view: DaemonSetView, node: KubeObject, daemonPods: KubeObject[] | undefined, options: ManageOptions, plan: PlacementPlan): void {
  const name = node.metadata.name ?? "";
  const { shouldRun, shouldContinueRunning } = eligibilityOn(view, name);
  if (shouldRun && daemonPods === undefined) {
    plan.nodesNeedingPods.push(name);
    return;
  }
  if (daemonPods === undefined) return;
  if (!shouldContinueRunning) {
    for (const pod of daemonPods) if (pod.metadata.deletionTimestamp === undefined) plan.podsToDelete.push(pod);
    return;
  }
  const running: KubeObject[] = [];
  for (const pod of daemonPods) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    const phase = podStatus(pod).phase;
    if (phase !== "Failed" && phase !== "Succeeded") {
      running.push(pod);
      continue;
    }
    // A kubelet that keeps rejecting the pod must not make this a hot loop.
    const key = backoffKey(view.daemonSet, name);
    if (options.backoff.inBackoff(key, view.now)) {
      const at = view.now + options.backoff.delay(key);
      plan.retryAt = plan.retryAt === undefined ? at : Math.min(plan.retryAt, at);
      continue;
    }
    options.backoff.next(key, view.now);
    const where = `${pod.metadata.namespace ?? ""}/${pod.metadata.name ?? ""} on node ${name}`;
    plan.events.push(
      phase === "Failed"
        ? { type: "Warning", reason: FAILED_DAEMON_POD, message: `Found failed daemon pod ${where}, will try to kill it` }
        : { type: "Normal", reason: SUCCEEDED_DAEMON_POD, message: `Found succeeded daemon pod ${where}, will try to delete it` },
    );
    plan.podsToDelete.push(pod);
  }
  running.sort(compareDaemonPods);
  if (!options.allowsSurge) {
    // One pod per node: the oldest stays. A node whose pod is finishing gets its next one later.
    plan.podsToDelete.push(...running.slice(1));
    return;
  }
  if (running.length <= 1) {
    if (running.length === 0 && shouldRun) plan.nodesNeedingPods.push(name);
    return;
  }
  // Surging: keep the oldest new pod, and the oldest old pod while it is ready and the new one is
  // not yet available; everything else goes.
  let oldestNew: KubeObject | undefined;
  let oldestOld: KubeObject | undefined;
  for (const pod of running) {
    if (pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === view.hash) {
      if (!oldestNew) {
        oldestNew = pod;
        continue;
      }
    } else if (!oldestOld) {
      oldestOld = pod;
      continue;
    }
    plan.podsToDelete.push(pod);
  }
  if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isDaemonPodAvailable(view, oldestNew))) plan.podsToDelete.push(oldestOld);
}

export function backoffKey(daemonSet: KubeObject, nodeName: string): string {
  return `${daemonSet.metadata.uid ?? ""}/${nodeName}`;
}

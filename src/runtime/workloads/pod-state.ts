// How controllers judge a pod: active (counts toward replicas), ready, and available (ready for at
// least minReadySeconds). Upstream: FilterActivePods and IsPodAvailable (pkg/controller, podutil).
import { parseTimestamp } from "../clock/timestamps.js";
import type { KubeObject } from "../store/kube-object.js";
import { podStatus } from "./workload-types.js";

/** Not terminating and not finished: the pod counts toward its controller's replicas. */
export function isPodActive(pod: KubeObject): boolean {
  const phase = podStatus(pod).phase;
  return phase !== "Succeeded" && phase !== "Failed" && pod.metadata.deletionTimestamp === undefined;
}

export function isPodTerminating(pod: KubeObject): boolean {
  return pod.metadata.deletionTimestamp !== undefined;
}

function readyCondition(pod: KubeObject): { status: string; lastTransitionTime?: string } | undefined {
  return podStatus(pod).conditions?.find((c) => c.type === "Ready");
}

export function isPodReady(pod: KubeObject): boolean {
  return readyCondition(pod)?.status === "True";
}

/** When the pod became ready (its Ready condition's lastTransitionTime), if it is ready. */
export function readySince(pod: KubeObject): number | undefined {
  const condition = readyCondition(pod);
  if (condition?.status !== "True") return undefined;
  return condition.lastTransitionTime === undefined ? undefined : parseTimestamp(condition.lastTransitionTime);
}

/**
 * When a ready pod becomes (or became) available: readiness plus minReadySeconds. A ready pod without
 * a transition time counts as available at once when minReadySeconds is 0, as upstream does.
 */
export function availableAt(pod: KubeObject, minReadySeconds: number): number | undefined {
  if (!isPodReady(pod)) return undefined;
  if (minReadySeconds <= 0) return Number.NEGATIVE_INFINITY;
  const since = readySince(pod);
  return since === undefined ? Number.POSITIVE_INFINITY : since + minReadySeconds * 1000;
}

/** Ready, and `lastTransitionTime + minReadySeconds <= now` (upstream's `!After(now)`). */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  const at = availableAt(pod, minReadySeconds);
  return at !== undefined && at <= now;
}

/** The highest restartCount among the pod's containers (init containers included). */
export function maxRestarts(pod: KubeObject): number {
  const status = podStatus(pod);
  let max = 0;
  for (const c of [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])]) max = Math.max(max, c.restartCount ?? 0);
  return max;
}

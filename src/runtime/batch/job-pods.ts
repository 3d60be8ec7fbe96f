// How the Job controller judges its pods (pkg/controller/job): which are failed, when a pod finished,
// how long to wait before replacing failed pods, and the pods it creates from the template.
import { parseTimestamp } from "../clock/timestamps.js";
import type { KubeObject } from "../store/kube-object.js";
import { hasFinalizer } from "../store/object-meta.js";
import { podFromTemplate } from "../workloads/replicaset-sync.js";
import { JOB_TRACKING_FINALIZER } from "./batch-types.js";

/** The first replacement after a failure waits this long; each further failure doubles it. */
export const POD_FAILURE_BACKOFF_MS = 10_000;
/** The docs' cap on that back-off (current upstream code caps it at 10 minutes). */
export const MAX_POD_FAILURE_BACKOFF_MS = 6 * 60_000;

type PodStatusView = {
  phase?: string;
  conditions?: Array<{ type: string; status: string; lastTransitionTime?: string }>;
  containerStatuses?: Array<{ state?: { terminated?: { finishedAt?: string } } }>;
};

function statusOf(pod: KubeObject): PodStatusView {
  return (pod.status ?? {}) as PodStatusView;
}

export function podPhase(pod: KubeObject): string | undefined {
  return statusOf(pod).phase;
}

export function hasTrackingFinalizer(pod: KubeObject): boolean {
  return hasFinalizer(pod, JOB_TRACKING_FINALIZER);
}

/** Failed, or deleted before it succeeded (an orphan or a killed pod never reaches Failed). */
export function isPodFailed(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  if (phase === "Failed") return true;
  return pod.metadata.deletionTimestamp !== undefined && phase !== "Succeeded";
}

/** Being deleted and not finished (controller.CountTerminatingPods). */
export function isPodTerminating(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return pod.metadata.deletionTimestamp !== undefined && phase !== "Failed" && phase !== "Succeeded";
}

/**
 * When the pod finished (getFinishedTime): its containers' last termination, else when it turned
 * unready, else when its deletion was asked for, else its creation.
 */
export function podFinishTime(pod: KubeObject): number {
  const status = statusOf(pod);
  let latest: number | undefined;
  const containers = status.containerStatuses ?? [];
  for (const c of containers) {
    const at = c.state?.terminated?.finishedAt === undefined ? undefined : parseTimestamp(c.state.terminated.finishedAt);
    if (at === undefined) {
      latest = undefined;
      break;
    }
    if (latest === undefined || at > latest) latest = at;
  }
  if (latest !== undefined && containers.length > 0) return latest;
  const ready = status.conditions?.find((c) => c.type === "Ready");
  if (ready?.status === "False" && ready.lastTransitionTime !== undefined) {
    const at = parseTimestamp(ready.lastTransitionTime);
    if (at !== undefined) return at;
  }
  const deletion = pod.metadata.deletionTimestamp === undefined ? undefined : parseTimestamp(pod.metadata.deletionTimestamp);
  if (deletion !== undefined) return deletion - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return parseTimestamp(pod.metadata.creationTimestamp ?? "") ?? 0;
}

/**
 * When new pods may be created again: the back-off after the failures since the last success
 * (10 s, 20 s, 40 s … capped), counted from the last failure. Upstream keeps that record in memory;
 * here it is read from the pods themselves, so it survives a restart as long as the pods remain.
 */
export function backoffUntil(pods: readonly KubeObject[]): number | undefined {
  let lastSuccess = Number.NEGATIVE_INFINITY;
  for (const pod of pods) if (podPhase(pod) === "Succeeded") lastSuccess = Math.max(lastSuccess, podFinishTime(pod));
  let failures = 0;
  let lastFailure = Number.NEGATIVE_INFINITY;
  for (const pod of pods) {
    if (!isPodFailed(pod)) continue;
    const at = podFinishTime(pod);
    if (at <= lastSuccess) continue;
    failures++;
    lastFailure = Math.max(lastFailure, at);
  }
  if (failures === 0) return undefined;
  let delay = POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < failures; i++) {
    delay *= 2;
    if (delay >= MAX_POD_FAILURE_BACKOFF_MS) {
      delay = MAX_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  return lastFailure + delay;
}

/** Container restarts of pods still pending or running (what counts toward backoffLimit under OnFailure). */
export function activeRestarts(pods: readonly KubeObject[]): number {
  let total = 0;
  for (const pod of pods) {
    const phase = podPhase(pod);
    if (phase !== "Running" && phase !== "Pending") continue;
    const status = pod.status as { containerStatuses?: Array<{ restartCount?: number }>; initContainerStatuses?: Array<{ restartCount?: number }> } | undefined;
    for (const c of [...(status?.initContainerStatuses ?? []), ...(status?.containerStatuses ?? [])]) total += c.restartCount ?? 0;
  }
  return total;
}

/** A pod of the Job: the template's labels, annotations and spec, the Job as controller, the tracking finalizer. */
export function podForJob(job: KubeObject): KubeObject {
  const pod = podFromTemplate(job);
  const finalizers = pod.metadata.finalizers ?? [];
  if (!finalizers.includes(JOB_TRACKING_FINALIZER)) pod.metadata.finalizers = [...finalizers, JOB_TRACKING_FINALIZER];
  return pod;
}

// What the replica calculator needs to know of each pod the HPA's selector picks: whether it is being
// deleted or has failed, its phase, its Ready condition and start time (to judge whether a CPU sample
// can be trusted yet), and its requests.
import { parseTimestamp } from "../clock/timestamps.js";
import type { KubeObject } from "../store/kube-object.js";
import { containerRequest, meteredContainers } from "./pod-metrics.js";

export interface PodSample {
  name: string;
  phase: string | undefined;
  deleting: boolean;
  /** The Ready condition, when the pod has one; `since` is its lastTransitionTime. */
  ready?: { status: string; since: number | undefined };
  startTime?: number;
}

export type RequestsResult = { ok: true; requests: Map<string, number> } | { ok: false; error: string };

interface PodStatusLike {
  phase?: string;
  startTime?: string;
  conditions?: Array<{ type: string; status: string; lastTransitionTime?: string }>;
}

export function podSample(pod: KubeObject): PodSample {
  const status = (pod.status ?? {}) as PodStatusLike;
  const sample: PodSample = { name: pod.metadata.name ?? "", phase: status.phase, deleting: pod.metadata.deletionTimestamp !== undefined };
  const ready = status.conditions?.find((c) => c.type === "Ready");
  if (ready) sample.ready = { status: ready.status, since: ready.lastTransitionTime === undefined ? undefined : parseTimestamp(ready.lastTransitionTime) };
  const start = status.startTime === undefined ? undefined : parseTimestamp(status.startTime);
  if (start !== undefined) sample.startTime = start;
  return sample;
}

/**
 * Each pod's request of `resource` in milli-units: the sum over its containers (or only `container`).
 * A container without a request fails the whole calculation, as calculatePodRequests does.
 */
export function podRequests(pods: readonly KubeObject[], resource: string, container?: string): RequestsResult {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    for (const c of meteredContainers(pod)) {
      if (container !== undefined && c.name !== container) continue;
      const request = containerRequest(c, resource);
      if (request === undefined) return { ok: false, error: `missing request for ${resource} in container ${c.name ?? ""} of Pod ${pod.metadata.name ?? ""}` };
      sum += request;
    }
    requests.set(pod.metadata.name ?? "", sum);
  }
  return { ok: true, requests };
}

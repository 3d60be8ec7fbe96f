// The replica calculator (upstream replica_calculator.go): from the pods' samples to a replica count.
// desired = ceil(ready pods × usage ratio), nothing within the tolerance. Pods being deleted and
// failed pods are left out; pending pods and (for CPU) pods whose samples cannot be trusted yet are
// unready; pods without a sample are missing. When some pods are unready (on a scale-up) or missing,
// the ratio is computed again with unready pods at 0 and missing ones at 0 (scale-up) or at the
// target (scale-down, at least 100 % of the request); if that changes direction or falls within the
// tolerance, nothing changes.
import { CPU_INITIALIZATION_PERIOD_MS, INITIAL_READINESS_DELAY_MS, TOLERANCE } from "./hpa-types.js";
import type { PodMetric, PodMetrics } from "./pod-metrics.js";
import type { PodSample, RequestsResult } from "./pod-samples.js";

export interface PodGroups {
  readyPodCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

export type UtilizationReplicas = { ok: true; replicas: number; utilization: number; rawAverage: number } | { ok: false; error: string };
export type RawReplicas = { ok: true; replicas: number; usage: number } | { ok: false; error: string };

interface Common {
  currentReplicas: number;
  resource: string;
  pods: readonly PodSample[];
  /** The metrics API's answer for the selected pods. */
  metrics: { ok: true; metrics: PodMetrics } | { ok: false; error: string };
  now: number;
}

export function withinTolerance(ratio: number): boolean {
  return Math.abs(1 - ratio) <= TOLERANCE;
}

/** groupPods: which pods count, which are unready, which lack a sample and which are left out. */
export function groupPods(pods: readonly PodSample[], metrics: PodMetrics, resource: string, now: number): PodGroups {
  const groups: PodGroups = { readyPodCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const pod of pods) {
    if (pod.deleting || pod.phase === "Failed") {
      groups.ignored.add(pod.name);
      continue;
    }
    if (pod.phase === "Pending") {
      groups.unready.add(pod.name);
      continue;
    }
    const metric = metrics.get(pod.name);
    if (!metric) {
      groups.missing.add(pod.name);
      continue;
    }
    if (resource === "cpu" && !cpuSampleTrusted(pod, metric, now)) {
      groups.unready.add(pod.name);
      continue;
    }
    groups.readyPodCount++;
  }
  return groups;
}

// Within the CPU initialization period a sample counts once the pod is ready and the sample's window
// lies wholly after the pod turned ready; afterwards it is distrusted only for a pod that has never
// been ready (unready since within the initial readiness delay of its start).
function cpuSampleTrusted(pod: PodSample, metric: PodMetric, now: number): boolean {
  const ready = pod.ready;
  if (!ready || pod.startTime === undefined) return false;
  const since = ready.since ?? Number.NEGATIVE_INFINITY;
  if (pod.startTime + CPU_INITIALIZATION_PERIOD_MS > now) return !(ready.status === "False" || metric.timestamp < since + metric.window);
  return !(ready.status === "False" && pod.startTime + INITIAL_READINESS_DELAY_MS > since);
}

/** GetResourceUtilizationRatio: total usage over total requests, as an integer percentage. */
export function utilizationRatio(values: ReadonlyMap<string, number>, requests: ReadonlyMap<string, number>, target: number): { ok: true; ratio: number; utilization: number; rawAverage: number } | { ok: false; error: string } {
  let usage = 0;
  let requested = 0;
  let entries = 0;
  for (const [name, value] of values) {
    const request = requests.get(name);
    if (request === undefined) continue;
    usage += value;
    requested += request;
    entries++;
  }
  if (requested === 0) return { ok: false, error: "no metrics returned matched known pods" };
  const utilization = Math.floor((usage * 100) / requested);
  return { ok: true, ratio: utilization / target, utilization, rawAverage: Math.floor(usage / entries) };
}

/** GetResourceReplicas: replicas for a target utilization (percentage of the request). */
export function utilizationReplicas(input: Common & { targetUtilization: number; requests: RequestsResult }): UtilizationReplicas {
  if (!input.metrics.ok) return { ok: false, error: `unable to get metrics for resource ${input.resource}: ${input.metrics.error}` };
  if (input.pods.length === 0) return { ok: false, error: "no pods returned by selector while calculating replica count" };
  const values = sampleValues(input.metrics.metrics);
  const groups = groupPods(input.pods, input.metrics.metrics, input.resource, input.now);
  for (const name of [...groups.ignored, ...groups.unready]) values.delete(name);
  if (!input.requests.ok) return { ok: false, error: input.requests.error };
  const requests = input.requests.requests;
  if (values.size === 0) return { ok: false, error: "did not receive metrics for targeted pods (pods might be unready)" };

  const first = utilizationRatio(values, requests, input.targetUtilization);
  if (!first.ok) return first;
  const { ratio, utilization, rawAverage } = first;
  const keep = { ok: true as const, replicas: input.currentReplicas, utilization, rawAverage };

  const scaleUpWithUnready = groups.unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (withinTolerance(ratio)) return keep;
    return { ok: true, replicas: Math.ceil(ratio * groups.readyPodCount), utilization, rawAverage };
  }
  if (groups.missing.size > 0) {
    if (ratio < 1) {
      // Scale-down: a pod without a sample is taken to use its whole request, or the target if higher.
      const fallback = Math.max(100, input.targetUtilization);
      for (const name of groups.missing) values.set(name, Math.floor(((requests.get(name) ?? 0) * fallback) / 100));
    } else if (ratio > 1) {
      for (const name of groups.missing) values.set(name, 0);
    }
  }
  if (scaleUpWithUnready) for (const name of groups.unready) values.set(name, 0);

  const second = utilizationRatio(values, requests, input.targetUtilization);
  if (!second.ok) return { ok: false, error: second.error };
  return recomputed(ratio, second.ratio, values.size, input.currentReplicas, keep, (replicas) => ({ ok: true, replicas, utilization, rawAverage }));
}

/** GetRawResourceReplicas: replicas for a target average usage (milli-units per pod). */
export function averageValueReplicas(input: Common & { targetUsage: number }): RawReplicas {
  if (!input.metrics.ok) return { ok: false, error: `unable to get metrics for resource ${input.resource}: ${input.metrics.error}` };
  if (input.pods.length === 0) return { ok: false, error: "no pods returned by selector while calculating replica count" };
  const values = sampleValues(input.metrics.metrics);
  const groups = groupPods(input.pods, input.metrics.metrics, input.resource, input.now);
  for (const name of [...groups.ignored, ...groups.unready]) values.delete(name);
  if (values.size === 0) return { ok: false, error: "did not receive metrics for targeted pods (pods might be unready)" };

  const first = usageRatio(values, input.targetUsage);
  const usage = first.usage;
  const keep = { ok: true as const, replicas: input.currentReplicas, usage };
  const scaleUpWithUnready = groups.unready.size > 0 && first.ratio > 1;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (withinTolerance(first.ratio)) return keep;
    return { ok: true, replicas: Math.ceil(first.ratio * groups.readyPodCount), usage };
  }
  if (groups.missing.size > 0) {
    // Scale-down: a pod without a sample is taken to use exactly the target.
    const fallback = first.ratio < 1 ? input.targetUsage : 0;
    for (const name of groups.missing) values.set(name, fallback);
  }
  if (scaleUpWithUnready) for (const name of groups.unready) values.set(name, 0);
  const second = usageRatio(values, input.targetUsage);
  return recomputed(first.ratio, second.ratio, values.size, input.currentReplicas, keep, (replicas) => ({ ok: true, replicas, usage }));
}

/** GetMetricUsageRatio: the average usage over the target. */
function usageRatio(values: ReadonlyMap<string, number>, target: number): { ratio: number; usage: number } {
  let total = 0;
  for (const value of values.values()) total += value;
  const usage = Math.floor(total / values.size);
  return { ratio: usage / target, usage };
}

// The second pass: no change when it falls within the tolerance or reverses the direction of the
// first, or when counting the extra pods would move the replicas against that direction.
function recomputed<T>(ratio: number, newRatio: number, counted: number, current: number, keep: T, result: (replicas: number) => T): T {
  if (withinTolerance(newRatio) || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1)) return keep;
  const replicas = Math.ceil(newRatio * counted);
  if ((newRatio < 1 && replicas > current) || (newRatio > 1 && replicas < current)) return keep;
  return result(replicas);
}

function sampleValues(metrics: PodMetrics): Map<string, number> {
  const values = new Map<string, number>();
  for (const [name, metric] of metrics) values.set(name, metric.value);
  return values;
}

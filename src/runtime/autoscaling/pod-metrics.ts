// The simulated resource metrics API (metrics-server): a running pod's usage of a resource comes
// from a simulation hint, `sim.drydock.dev/cpu-utilization` (or `memory-utilization`), the usage as a
// percentage of the request. The pod's own annotation (`<hint>.<container>` for one container, the
// bare hint for all) gives it; the HPA's annotation of the same key overrides it for all the pods the
// HPA targets, so load can change without a rollout. Usage per container is that percentage of the
// container's request, in milli-units as MilliValue rounds them.
import type { KubeObject } from "../store/kube-object.js";
import { HINT_PREFIX } from "../kubelet/sim-hints.js";
import { METRIC_WINDOW_MS } from "./hpa-types.js";
import { milliValue } from "./milli-quantity.js";

export const UTILIZATION_HINTS: Readonly<Record<string, string>> = {
  cpu: `${HINT_PREFIX}cpu-utilization`,
  memory: `${HINT_PREFIX}memory-utilization`,
};

/** One pod's sample: usage in milli-units, when it was taken and over which window. */
export interface PodMetric {
  value: number;
  timestamp: number;
  window: number;
}

/** Samples by pod name. */
export type PodMetrics = Map<string, PodMetric>;

export type MetricsResult = { ok: true; metrics: PodMetrics } | { ok: false; error: string };

interface ContainerLike {
  name?: string;
  restartPolicy?: string;
  resources?: { requests?: Record<string, unknown> };
}

interface PodSpecLike {
  containers?: ContainerLike[];
  initContainers?: ContainerLike[];
}

/** A utilization hint's percentage: `150` or `150%`, non-negative; undefined otherwise. */
export function parseUtilization(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*%?\s*$/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/**
 * The containers whose requests and usage count for a pod: the regular ones and the sidecars
 * (init containers with restartPolicy Always), as calculatePodRequests takes them.
 */
export function meteredContainers(pod: KubeObject): ContainerLike[] {
  const spec = (pod.spec ?? {}) as PodSpecLike;
  return [...(spec.containers ?? []), ...(spec.initContainers ?? []).filter((c) => c.restartPolicy === "Always")];
}

/** A container's request of `resource` in milli-units, or undefined when it has none. */
export function containerRequest(container: ContainerLike, resource: string): number | undefined {
  const requests = container.resources?.requests;
  if (!requests || !(resource in requests)) return undefined;
  return milliValue(requests[resource]) ?? 0;
}

/**
 * Samples of `resource` for the running pods that have a hint for it. `container` limits usage to
 * one container (ContainerResource metrics). Fails as the metrics client does when no pod has a
 * sample at all, or when a sampled pod lacks the container.
 */
export function resourceMetrics(pods: readonly KubeObject[], resource: string, options: { hpaAnnotations?: Record<string, string>; now: number; container?: string }): MetricsResult {
  const key = UTILIZATION_HINTS[resource];
  const metrics: PodMetrics = new Map();
  if (key === undefined) return { ok: false, error: "no metrics returned from resource metrics API" };
  const override = parseUtilization(options.hpaAnnotations?.[key]);
  let sampled = 0;
  for (const pod of pods) {
    if ((pod.status as { phase?: string } | undefined)?.phase !== "Running") continue;
    const annotations = pod.metadata.annotations ?? {};
    const containers = meteredContainers(pod);
    const usages = containers.map((c) => {
      const percent = override ?? parseUtilization(annotations[`${key}.${c.name ?? ""}`]) ?? parseUtilization(annotations[key]);
      return percent === undefined ? undefined : Math.ceil(((containerRequest(c, resource) ?? 0) * percent) / 100 - 1e-9);
    });
    if (containers.length === 0 || usages.some((u) => u === undefined)) continue;
    sampled++;
    const name = pod.metadata.name ?? "";
    if (options.container !== undefined) {
      const index = containers.findIndex((c) => c.name === options.container);
      if (index < 0) return { ok: false, error: `failed to get container metrics: container ${options.container} not present in metrics for pod ${pod.metadata.namespace ?? ""}/${name}` };
      metrics.set(name, { value: usages[index] as number, timestamp: options.now, window: METRIC_WINDOW_MS });
    } else {
      metrics.set(name, { value: usages.reduce((sum: number, u) => sum + (u as number), 0), timestamp: options.now, window: METRIC_WINDOW_MS });
    }
  }
  if (sampled === 0) return { ok: false, error: "no metrics returned from resource metrics API" };
  return { ok: true, metrics };
}

import { describe, expect, it } from "vitest";
import type { PodMetrics } from "../../../src/runtime/autoscaling/pod-metrics.js";
import type { PodSample } from "../../../src/runtime/autoscaling/pod-samples.js";
import { averageValueReplicas, groupPods, utilizationReplicas } from "../../../src/runtime/autoscaling/replica-calculator.js";

const NOW = 1_000_000_000;
const MIN = 60_000;

/** A pod started 10 minutes ago and ready since 9 minutes ago: its CPU sample is trusted. */
function pod(name: string, options: Partial<PodSample> = {}): PodSample {
  return { name, phase: "Running", deleting: false, startTime: NOW - 10 * MIN, ready: { status: "True", since: NOW - 9 * MIN }, ...options };
}

/** Samples in millicores, taken now over a 15 s window. */
function metrics(values: Record<string, number>): { ok: true; metrics: PodMetrics } {
  return { ok: true, metrics: new Map(Object.entries(values).map(([name, value]) => [name, { value, timestamp: NOW, window: 15_000 }])) };
}

function requests(names: string[], milli = 100): { ok: true; requests: Map<string, number> } {
  return { ok: true, requests: new Map(names.map((n) => [n, milli])) };
}

function utilization(pods: PodSample[], values: Record<string, number>, options: { current?: number; target?: number } = {}) {
  return utilizationReplicas({
    currentReplicas: options.current ?? pods.length,
    resource: "cpu",
    pods,
    metrics: metrics(values),
    now: NOW,
    targetUtilization: options.target ?? 50,
    requests: requests(pods.map((p) => p.name)),
  });
}

describe("utilization replicas", () => {
  it("scales to ceil(ready pods × utilization / target) and reports the average", () => {
    const pods = [pod("a"), pod("b")];
    expect(utilization(pods, { a: 150, b: 100 })).toEqual({ ok: true, replicas: 5, utilization: 125, rawAverage: 125 });
    expect(utilization(pods, { a: 10, b: 20 })).toEqual({ ok: true, replicas: 1, utilization: 15, rawAverage: 15 });
  });

  it("keeps the current count when the ratio is within the 0.1 tolerance", () => {
    const pods = [pod("a"), pod("b"), pod("c")];
    // 52.5 % of a 50 % target: ratio 1.04.
    expect(utilization(pods, { a: 52, b: 53, c: 52 })).toEqual({ ok: true, replicas: 3, utilization: 52, rawAverage: 52 });
    // 45 % and 54 % (ratios 0.9 and 1.08) are within; 56 % is not. At 55 % |1 − 1.1| is a hair
    // above 0.1 in floating point, so upstream's check scales there too.
    expect(utilization(pods, { a: 45, b: 45, c: 45 })).toMatchObject({ replicas: 3, utilization: 45 });
    expect(utilization(pods, { a: 54, b: 54, c: 54 })).toMatchObject({ replicas: 3, utilization: 54 });
    expect(utilization(pods, { a: 55, b: 55, c: 55 })).toMatchObject({ replicas: 4, utilization: 55 });
    expect(utilization(pods, { a: 56, b: 56, c: 56 })).toMatchObject({ replicas: 4, utilization: 56 });
  });

  it("truncates the utilization to whole percent before the ratio", () => {
    // 100 + 101 + 101 over 300 requested: 100.66 % → 100 %, exactly the target.
    const pods = [pod("a"), pod("b"), pod("c")];
    expect(utilization(pods, { a: 100, b: 101, c: 101 }, { target: 100 })).toEqual({ ok: true, replicas: 3, utilization: 100, rawAverage: 100 });
  });

  it("leaves out pods being deleted and failed pods", () => {
    const pods = [pod("a"), pod("b", { deleting: true }), pod("c", { phase: "Failed" })];
    expect(utilization(pods, { a: 100, b: 1000, c: 1000 }, { current: 3 })).toEqual({ ok: true, replicas: 2, utilization: 100, rawAverage: 100 });
  });

  it("counts missing samples as 0 % on a scale-up and recomputes", () => {
    const pods = [pod("a"), pod("b"), pod("c")];
    // a and b at 200 % of 50 %: ratio 4; with c at 0 %: 133 % → ratio 2.66 → ceil(2.66 × 3) = 8.
    expect(utilization(pods, { a: 200, b: 200 })).toEqual({ ok: true, replicas: 8, utilization: 200, rawAverage: 200 });
  });

  it("counts missing samples as 100 % of the request on a scale-down", () => {
    const pods = [pod("a"), pod("b"), pod("c"), pod("d")];
    // 10 % each for a–c: ratio 0.2; with d at 100 %: 32 % → ratio 0.64 → ceil(0.64 × 4) = 3.
    expect(utilization(pods, { a: 10, b: 10, c: 10 })).toEqual({ ok: true, replicas: 3, utilization: 10, rawAverage: 10 });
    // With a 30 % target the fallback for d flips the direction: no change.
    expect(utilization(pods, { a: 20, b: 20, c: 20 }, { target: 30 })).toEqual({ ok: true, replicas: 4, utilization: 20, rawAverage: 20 });
  });

  it("counts unready pods as 0 % on a scale-up, and not at all otherwise", () => {
    const pending = pod("p", { phase: "Pending" });
    const pods = [pod("a"), pod("b"), pending];
    // a, b at 150 % of 50 %: ratio 3 → with p at 0 %: 100 % → ratio 2 → ceil(2 × 3) = 6.
    expect(utilization(pods, { a: 150, b: 150 })).toEqual({ ok: true, replicas: 6, utilization: 150, rawAverage: 150 });
    // A scale-down ignores the unready pod: 20 % → ratio 0.4 → ceil(0.4 × 2) = 1.
    expect(utilization(pods, { a: 20, b: 20 })).toEqual({ ok: true, replicas: 1, utilization: 20, rawAverage: 20 });
  });

  it("fails when no sample can be used, when a request is missing, and when the metrics API has none", () => {
    const unready = pod("a", { ready: { status: "False", since: NOW - 10_000 }, startTime: NOW - 20_000 });
    expect(utilization([unready], { a: 100 })).toEqual({ ok: false, error: "did not receive metrics for targeted pods (pods might be unready)" });
    const noRequests = utilizationReplicas({ currentReplicas: 1, resource: "cpu", pods: [pod("a")], metrics: metrics({ a: 10 }), now: NOW, targetUtilization: 50, requests: { ok: false, error: "missing request for cpu in container app of Pod a" } });
    expect(noRequests).toEqual({ ok: false, error: "missing request for cpu in container app of Pod a" });
    const none = utilizationReplicas({ currentReplicas: 1, resource: "cpu", pods: [pod("a")], metrics: { ok: false, error: "no metrics returned from resource metrics API" }, now: NOW, targetUtilization: 50, requests: requests(["a"]) });
    expect(none).toEqual({ ok: false, error: "unable to get metrics for resource cpu: no metrics returned from resource metrics API" });
    expect(utilization([], {})).toEqual({ ok: false, error: "no pods returned by selector while calculating replica count" });
  });
});

describe("CPU samples of young pods", () => {
  const sample = (p: PodSample) => groupPods([p], metrics({ [p.name]: 100 }).metrics, "cpu", NOW);

  it("within the 5 minute initialization period, trusts a sample only a whole window after readiness", () => {
    const started = NOW - 60_000;
    expect(sample(pod("a", { startTime: started, ready: { status: "True", since: NOW - 15_000 } })).readyPodCount).toBe(1);
    expect([...sample(pod("a", { startTime: started, ready: { status: "True", since: NOW - 14_000 } })).unready]).toEqual(["a"]);
    expect([...sample(pod("a", { startTime: started, ready: { status: "False", since: NOW - 50_000 } })).unready]).toEqual(["a"]);
  });

  it("after it, distrusts only pods that have never been ready (unready since within 30 s of their start)", () => {
    const started = NOW - 6 * MIN;
    expect([...sample(pod("a", { startTime: started, ready: { status: "False", since: started + 29_000 } })).unready]).toEqual(["a"]);
    expect(sample(pod("a", { startTime: started, ready: { status: "False", since: started + 30_000 } })).readyPodCount).toBe(1);
  });

  it("distrusts pods without a Ready condition or start time, but memory samples are always trusted", () => {
    expect([...sample(pod("a", { ready: undefined })).unready]).toEqual(["a"]);
    expect([...sample(pod("a", { startTime: undefined })).unready]).toEqual(["a"]);
    expect(groupPods([pod("a", { ready: undefined })], metrics({ a: 1 }).metrics, "memory", NOW).readyPodCount).toBe(1);
  });
});

describe("average value replicas", () => {
  it("scales on the average usage against the target, missing pods at the target on a scale-down", () => {
    const pods = [pod("a"), pod("b")];
    expect(averageValueReplicas({ currentReplicas: 2, resource: "cpu", pods, metrics: metrics({ a: 300, b: 300 }), now: NOW, targetUsage: 100 })).toEqual({ ok: true, replicas: 6, usage: 300 });
    expect(averageValueReplicas({ currentReplicas: 2, resource: "cpu", pods, metrics: metrics({ a: 105, b: 100 }), now: NOW, targetUsage: 100 })).toEqual({ ok: true, replicas: 2, usage: 102 });
    const three = [pod("a"), pod("b"), pod("c")];
    // a, b at 20m of 100m: ratio 0.2; c taken at 100m: average 46m → ratio 0.46 → ceil(1.38) = 2.
    expect(averageValueReplicas({ currentReplicas: 3, resource: "cpu", pods: three, metrics: metrics({ a: 20, b: 20 }), now: NOW, targetUsage: 100 })).toEqual({ ok: true, replicas: 2, usage: 20 });
  });
});

import { describe, expect, it } from "vitest";
import { createCluster, type Cluster } from "../../../src/runtime/cluster.js";
import { formatTimestamp } from "../../../src/runtime/clock/timestamps.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { eventsFor, replicaSets } from "../integration/integration-helpers.js";
import { create } from "../runtime-helpers.js";
import { CPU_HINT, conditionOf, conditionsOf, DEPLOYMENT, hpa, setHpaHint, specReplicasOf, statusOf, webDeployment } from "./hpa-helpers.js";

const START = Date.UTC(2026, 0, 1);
const CPU_REASON = "cpu resource utilization (percentage of request)";
const VALID_METRIC = `the HPA was able to successfully calculate a replica count from ${CPU_REASON}`;

/** Moves the clock to `seconds` after the cluster's start, running everything due on the way. */
function runTo(cluster: Cluster, seconds: number): void {
  cluster.clock.advance(START + seconds * 1000 - cluster.clock.now());
}

function at(seconds: number): string {
  return formatTimestamp(START + seconds * 1000);
}

/** The HPA's events as `Type Reason: message`. */
function hpaEvents(cluster: Cluster, name = "web"): string[] {
  return eventsFor(cluster, "HorizontalPodAutoscaler", name).map((e) => `${e.type} ${e.reason}: ${e.message}`);
}

function rescales(cluster: Cluster, name = "web"): Array<[string, string]> {
  return eventsFor(cluster, "HorizontalPodAutoscaler", name)
    .filter((e) => e.reason === "SuccessfulRescale")
    .map((e) => [e.first, e.message]);
}

/**
 * The Deployment's pods run and are ready (at 1 s) long before the HPA appears at 30 s, so the HPA's
 * first sync (45 s) already trusts their samples. Syncs follow every 15 s: 45, 60, 75, …
 */
function webWithHpa(deployment: Parameters<typeof webDeployment>[0], autoscaler: Parameters<typeof hpa>[0] = {}): Cluster {
  const cluster = createCluster();
  create(cluster, webDeployment(deployment));
  runTo(cluster, 30);
  create(cluster, hpa(autoscaler));
  return cluster;
}

function patchPod(cluster: Cluster, pod: KubeObject, annotations: Record<string, string | null>): void {
  expectOk(
    cluster.store.modify({ group: "", kind: "Pod", namespace: "default", name: pod.metadata.name ?? "" }, (o) => {
      const next = { ...o.metadata.annotations };
      for (const [key, value] of Object.entries(annotations)) {
        if (value === null) delete next[key];
        else next[key] = value;
      }
      o.metadata.annotations = next;
    }),
  );
}

function webPods(cluster: Cluster): KubeObject[] {
  return cluster.store.list({ group: "", kind: "Pod", namespace: "default", labelSelector: { matchLabels: { app: "web" } } }).filter((p) => p.metadata.deletionTimestamp === undefined);
}

describe("HPA scale-up", () => {
  it("syncs 15 s after it appears and every 15 s, doubling (at least +4) up to maxReplicas", () => {
    const cluster = webWithHpa({ replicas: 2, utilization: "250" }, { min: 1, max: 10, utilization: 50 });
    runTo(cluster, 44.999);
    expect(cluster.store.get({ group: "autoscaling", kind: "HorizontalPodAutoscaler", namespace: "default", name: "web" })?.status).toBeUndefined();

    runTo(cluster, 45);
    expect(specReplicasOf(cluster)).toBe(4);
    expect(statusOf(cluster)).toEqual({
      conditions: [
        { type: "AbleToScale", status: "True", lastTransitionTime: at(45), reason: "SucceededRescale", message: "the HPA controller was able to update the target scale to 4" },
        { type: "ScalingActive", status: "True", lastTransitionTime: at(45), reason: "ValidMetricFound", message: VALID_METRIC },
        { type: "ScalingLimited", status: "True", lastTransitionTime: at(45), reason: "ScaleUpLimit", message: "the desired replica count is increasing faster than the maximum scale rate" },
      ],
      currentMetrics: [{ resource: { current: { averageUtilization: 250, averageValue: "500m" }, name: "cpu" }, type: "Resource" }],
      currentReplicas: 2,
      desiredReplicas: 4,
      lastScaleTime: at(45),
      observedGeneration: 1,
    });

    runTo(cluster, 60);
    expect(specReplicasOf(cluster)).toBe(8);
    runTo(cluster, 75);
    expect(specReplicasOf(cluster)).toBe(10);
    expect(conditionOf(cluster, "ScalingLimited")).toMatchObject({ status: "True", reason: "TooManyReplicas", message: "the desired replica count is more than the maximum replica count" });
    runTo(cluster, 90);
    expect(specReplicasOf(cluster)).toBe(10);
    expect(statusOf(cluster)).toMatchObject({ currentReplicas: 10, desiredReplicas: 10, lastScaleTime: at(75) });
    expect(conditionOf(cluster, "AbleToScale")).toMatchObject({ status: "True", reason: "ReadyForNewScale", message: "recommended size matches current size" });
    expect(rescales(cluster)).toEqual([
      [at(45), `New size: 4; reason: ${CPU_REASON} above target`],
      [at(60), `New size: 8; reason: ${CPU_REASON} above target`],
      [at(75), `New size: 10; reason: ${CPU_REASON} above target`],
    ]);
    expect(eventsFor(cluster, "HorizontalPodAutoscaler", "web").every((e) => e.component === "horizontal-pod-autoscaler")).toBe(true);
  });

  it("with behavior, uses its policies: the API defaults allow +4 pods or +100 % per 15 s", () => {
    const cluster = webWithHpa({ replicas: 2, utilization: "250" }, { max: 20, behavior: {} });
    runTo(cluster, 45);
    expect(specReplicasOf(cluster)).toBe(6);
    expect(conditionOf(cluster, "ScalingLimited")).toMatchObject({ status: "True", reason: "ScaleUpLimit" });
  });

  it("with selectPolicy Min, takes the smallest change the policies allow within their period", () => {
    const behavior = { scaleUp: { selectPolicy: "Min", policies: [{ type: "Pods", value: 2, periodSeconds: 60 }, { type: "Percent", value: 100, periodSeconds: 60 }] } };
    const cluster = webWithHpa({ replicas: 2, utilization: "250" }, { max: 20, behavior });
    runTo(cluster, 100);
    // 2 → 4 at 45 s; the +2 of the minute since then leaves no room until that change is 60 s old.
    expect(rescales(cluster)).toEqual([[at(45), `New size: 4; reason: ${CPU_REASON} above target`]]);
    expect(conditionOf(cluster, "ScalingLimited")).toMatchObject({ status: "True", reason: "ScaleUpLimit" });
    runTo(cluster, 105);
    expect(rescales(cluster).at(-1)).toEqual([at(105), `New size: 6; reason: ${CPU_REASON} above target`]);
  });

  it("keeps the count while the ratio is within the 10 % tolerance", () => {
    const cluster = webWithHpa({ replicas: 3, utilization: "52" }, { utilization: 50 });
    runTo(cluster, 120);
    expect(specReplicasOf(cluster)).toBe(3);
    expect(rescales(cluster)).toEqual([]);
    expect(statusOf(cluster)).toMatchObject({ currentReplicas: 3, desiredReplicas: 3, currentMetrics: [{ resource: { current: { averageUtilization: 52, averageValue: "104m" }, name: "cpu" }, type: "Resource" }] });
    expect(statusOf(cluster).lastScaleTime).toBeUndefined();
    expect(conditionsOf(cluster)).toEqual(["AbleToScale True ReadyForNewScale", "ScalingActive True ValidMetricFound", "ScalingLimited False DesiredWithinRange"]);
  });
});

describe("HPA bounds", () => {
  it("raises a target below minReplicas and lowers one above maxReplicas without looking at metrics", () => {
    const low = webWithHpa({ replicas: 1 }, { min: 3, max: 5 });
    runTo(low, 45);
    expect(specReplicasOf(low)).toBe(3);
    expect(rescales(low)).toEqual([[at(45), "New size: 3; reason: Current number of replicas below Spec.MinReplicas"]]);
    expect(conditionsOf(low)).toEqual(["AbleToScale True SucceededRescale"]);

    const high = webWithHpa({ replicas: 7, utilization: "50" }, { min: 1, max: 5 });
    runTo(high, 45);
    expect(specReplicasOf(high)).toBe(5);
    expect(rescales(high)).toEqual([[at(45), "New size: 5; reason: Current number of replicas above Spec.MaxReplicas"]]);
  });

  it("stops at minReplicas on a scale-down, with ScalingLimited TooFewReplicas", () => {
    const cluster = webWithHpa({ replicas: 4, utilization: "10" }, { min: 2, behavior: { scaleDown: { stabilizationWindowSeconds: 0 } } });
    runTo(cluster, 45);
    expect(specReplicasOf(cluster)).toBe(2);
    expect(rescales(cluster)).toEqual([[at(45), "New size: 2; reason: All metrics below target"]]);
    expect(conditionOf(cluster, "ScalingLimited")).toMatchObject({ status: "True", reason: "TooFewReplicas", message: "the desired replica count is less than the minimum replica count" });
  });

  it("does nothing for a target scaled to zero", () => {
    const cluster = webWithHpa({ replicas: 2, utilization: "250" });
    expectOk(cluster.store.modify(DEPLOYMENT(), (d) => void ((d.spec as { replicas: number }).replicas = 0)));
    runTo(cluster, 60);
    expect(specReplicasOf(cluster)).toBe(0);
    expect(rescales(cluster)).toEqual([]);
    expect(statusOf(cluster)).toMatchObject({ desiredReplicas: 0 });
    expect(statusOf(cluster).currentReplicas).toBeUndefined();
    expect(conditionOf(cluster, "ScalingActive")).toMatchObject({ status: "False", reason: "ScalingDisabled", message: "scaling is disabled since the replica count of the target is zero" });
  });
});

describe("HPA scale-down", () => {
  it("waits until the higher recommendations of the last 300 s are gone", () => {
    const cluster = webWithHpa({ replicas: 4, utilization: "50" }, { utilization: 50 });
    runTo(cluster, 100);
    setHpaHint(cluster, "10");
    runTo(cluster, 390);
    expect(specReplicasOf(cluster)).toBe(4);
    expect(statusOf(cluster)).toMatchObject({ currentReplicas: 4, desiredReplicas: 4, currentMetrics: [{ resource: { current: { averageUtilization: 10, averageValue: "20m" } } }] });
    expect(conditionOf(cluster, "AbleToScale")).toMatchObject({ status: "True", reason: "ScaleDownStabilized", message: "recent recommendations were higher than current one, applying the highest recent recommendation" });
    // The last recommendation of 4 was at 90 s: it is in the window until 390 s.
    runTo(cluster, 405);
    expect(specReplicasOf(cluster)).toBe(1);
    expect(rescales(cluster)).toEqual([[at(405), "New size: 1; reason: All metrics below target"]]);
    expect(statusOf(cluster)).toMatchObject({ currentReplicas: 4, desiredReplicas: 1, lastScaleTime: at(405) });
  });

  it("never scales down with selectPolicy Disabled", () => {
    const cluster = webWithHpa({ replicas: 4, utilization: "10" }, { behavior: { scaleDown: { selectPolicy: "Disabled", stabilizationWindowSeconds: 0 } } });
    runTo(cluster, 600);
    expect(specReplicasOf(cluster)).toBe(4);
    expect(rescales(cluster)).toEqual([]);
    expect(conditionOf(cluster, "ScalingLimited")).toMatchObject({ status: "True", reason: "ScaleDownLimit", message: "the desired replica count is decreasing faster than the maximum scale rate" });
  });
});

describe("HPA metrics", () => {
  it("changes the outcome at the next sync when the HPA's hint is patched, without a rollout", () => {
    const cluster = webWithHpa({ replicas: 4, utilization: "50" });
    runTo(cluster, 50);
    setHpaHint(cluster, "150");
    runTo(cluster, 59.999);
    expect(specReplicasOf(cluster)).toBe(4);
    runTo(cluster, 60);
    expect(specReplicasOf(cluster)).toBe(8);
    expect(statusOf(cluster).currentMetrics).toEqual([{ resource: { current: { averageUtilization: 150, averageValue: "300m" }, name: "cpu" }, type: "Resource" }]);
    expect(replicaSets(cluster)).toHaveLength(1);
  });

  it("reads a hint patched onto a single pod", () => {
    const cluster = webWithHpa({ replicas: 2, utilization: "50" });
    runTo(cluster, 50);
    patchPod(cluster, webPods(cluster)[0], { [CPU_HINT]: "250" });
    runTo(cluster, 60);
    // (250 % + 50 %) / 2 = 150 % of a 50 % target: 6, limited to 4.
    expect(statusOf(cluster).currentMetrics?.[0].resource?.current).toEqual({ averageUtilization: 150, averageValue: "300m" });
    expect(specReplicasOf(cluster)).toBe(4);
  });

  it("takes pods without a sample at 0 % on a scale-up", () => {
    const cluster = webWithHpa({ replicas: 3, utilization: "200" }, { utilization: 100 });
    patchPod(cluster, webPods(cluster)[0], { [CPU_HINT]: null });
    runTo(cluster, 45);
    // The two sampled pods: 200 % of 100 % → 6 pods; with the third at 0 %: 133 % → 4.
    expect(specReplicasOf(cluster)).toBe(4);
    expect(statusOf(cluster).currentMetrics?.[0].resource?.current).toEqual({ averageUtilization: 200, averageValue: "400m" });
  });

  it("fails with upstream's events and condition when no pod has a sample", () => {
    const cluster = webWithHpa({ replicas: 2 });
    runTo(cluster, 75);
    const error = "failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API";
    expect(hpaEvents(cluster)).toEqual([`Warning FailedGetResourceMetric: ${error}`, `Warning FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${error}`]);
    expect(eventsFor(cluster, "HorizontalPodAutoscaler", "web").map((e) => e.count)).toEqual([3, 3]);
    expect(statusOf(cluster)).toEqual({
      conditions: [
        { type: "AbleToScale", status: "True", lastTransitionTime: at(45), reason: "SucceededGetScale", message: "the HPA controller was able to get the target's current scale" },
        { type: "ScalingActive", status: "False", lastTransitionTime: at(45), reason: "FailedGetResourceMetric", message: `the HPA was unable to compute the replica count: ${error}` },
      ],
      currentMetrics: [{ type: "" }],
      currentReplicas: 2,
      desiredReplicas: 0,
      observedGeneration: 1,
    });
  });

  it("fails when a container has no CPU request", () => {
    const cluster = webWithHpa({ replicas: 1, utilization: "90", cpu: null });
    runTo(cluster, 45);
    const pod = webPods(cluster)[0].metadata.name ?? "";
    expect(conditionOf(cluster, "ScalingActive")?.message).toBe(`the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container app of Pod ${pod}`);
  });

  it("ignores samples of pods that are not ready, and of pods ready for less than a metric window", () => {
    const cluster = createCluster();
    create(cluster, webDeployment({ replicas: 2, utilization: "250", readyAfter: "40s" }));
    create(cluster, hpa());
    runTo(cluster, 30);
    expect(conditionOf(cluster, "ScalingActive")?.message).toBe("the HPA was unable to compute the replica count: failed to get cpu utilization: did not receive metrics for targeted pods (pods might be unready)");
    runTo(cluster, 45);
    const ready = webPods(cluster).map((p) => (p.status as { conditions: Array<{ type: string; lastTransitionTime: string }> }).conditions.find((c) => c.type === "Ready")?.lastTransitionTime);
    expect(ready).toEqual([at(41), at(41)]);
    // Ready at 41 s: the sample of 45 s covers time before that; the one of 60 s does not.
    expect(specReplicasOf(cluster)).toBe(2);
    runTo(cluster, 60);
    expect(specReplicasOf(cluster)).toBe(4);
    expect(rescales(cluster)).toEqual([[at(60), `New size: 4; reason: ${CPU_REASON} above target`]]);
  });

  it("scales on an average value target: the hint's percentage of the request per pod", () => {
    const metrics = [{ type: "Resource", resource: { name: "cpu", target: { type: "AverageValue", averageValue: "100m" } } }];
    const cluster = webWithHpa({ replicas: 2, utilization: "150" }, { metrics });
    runTo(cluster, 45);
    expect(specReplicasOf(cluster)).toBe(4);
    expect(statusOf(cluster).currentMetrics).toEqual([{ resource: { current: { averageValue: "300m" }, name: "cpu" }, type: "Resource" }]);
    expect(rescales(cluster)).toEqual([[at(45), "New size: 4; reason: cpu resource above target"]]);
    expect(conditionOf(cluster, "ScalingActive")?.message).toBe("the HPA was able to successfully calculate a replica count from cpu resource");
  });

  it("scales on one container's CPU with a ContainerResource metric", () => {
    const metrics = [{ type: "ContainerResource", containerResource: { name: "cpu", container: "app", target: { type: "Utilization", averageUtilization: 50 } } }];
    const cluster = webWithHpa({ replicas: 2, utilization: "100" }, { metrics });
    runTo(cluster, 45);
    expect(specReplicasOf(cluster)).toBe(4);
    expect(statusOf(cluster).currentMetrics).toEqual([{ containerResource: { container: "app", current: { averageUtilization: 100, averageValue: "200m" }, name: "cpu" }, type: "ContainerResource" }]);
    expect(rescales(cluster)).toEqual([[at(45), "New size: 4; reason: cpu container resource utilization (percentage of request) above target"]]);
  });

  it("scales on memory with the memory-utilization hint", () => {
    const deployment = webDeployment({ replicas: 2 });
    const template = (deployment.spec as { template: { metadata: { annotations: Record<string, string> }; spec: { containers: Array<{ resources: { requests: Record<string, string> } }> } } }).template;
    template.metadata.annotations["sim.drydock.dev/memory-utilization"] = "90";
    template.spec.containers[0].resources.requests.memory = "100Mi";
    const cluster = createCluster();
    create(cluster, deployment);
    runTo(cluster, 30);
    create(cluster, hpa({ metrics: [{ type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 60 } } }] }));
    runTo(cluster, 45);
    expect(specReplicasOf(cluster)).toBe(3);
    expect(statusOf(cluster).currentMetrics).toEqual([{ resource: { current: { averageUtilization: 90, averageValue: "94371840" }, name: "memory" }, type: "Resource" }]);
    expect(rescales(cluster)).toEqual([[at(45), "New size: 3; reason: memory resource utilization (percentage of request) above target"]]);
  });

  it("reports Pods metrics as unavailable, and still scales on the CPU metric beside them", () => {
    const pods = { type: "Pods", pods: { metric: { name: "packets-per-second" }, target: { type: "AverageValue", averageValue: "1k" } } };
    const only = webWithHpa({ replicas: 2, utilization: "250" }, { metrics: [pods] });
    runTo(only, 45);
    const error = "unable to get metric packets-per-second: unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered";
    expect(hpaEvents(only)).toEqual([`Warning FailedGetPodsMetric: ${error}`, `Warning FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: failed to get pods metric value: ${error}`]);
    expect(conditionOf(only, "ScalingActive")).toMatchObject({ status: "False", reason: "FailedGetPodsMetric", message: `the HPA was unable to compute the replica count: ${error}` });
    expect(specReplicasOf(only)).toBe(2);

    const cpu = { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } } };
    const both = webWithHpa({ replicas: 2, utilization: "250" }, { metrics: [pods, cpu] });
    runTo(both, 45);
    expect(specReplicasOf(both)).toBe(4);
    expect(conditionOf(both, "ScalingActive")).toMatchObject({ status: "True", reason: "ValidMetricFound" });
    expect(statusOf(both).currentMetrics).toEqual([{ type: "" }, { resource: { current: { averageUtilization: 250, averageValue: "500m" }, name: "cpu" }, type: "Resource" }]);
  });
});

describe("HPA targets", () => {
  it("reports a missing target on every sync until it appears", () => {
    const cluster = createCluster();
    create(cluster, hpa({ target: "nope" }));
    runTo(cluster, 30);
    expect(hpaEvents(cluster)).toEqual(['Warning FailedGetScale: deployments.apps "nope" not found']);
    expect(eventsFor(cluster, "HorizontalPodAutoscaler", "web")[0].count).toBe(2);
    expect(statusOf(cluster)).toEqual({
      conditions: [{ type: "AbleToScale", status: "False", lastTransitionTime: at(15), reason: "FailedGetScale", message: 'the HPA controller was unable to get the target\'s current scale: deployments.apps "nope" not found' }],
      desiredReplicas: 0,
    });
    create(cluster, webDeployment({ name: "nope", replicas: 1 }));
    runTo(cluster, 45);
    expect(conditionOf(cluster, "AbleToScale")).toMatchObject({ status: "True", reason: "SucceededGetScale", lastTransitionTime: at(45) });
  });

  it("scales a ReplicaSet", () => {
    const deployment = webDeployment({ replicas: 2, utilization: "250" });
    const cluster = createCluster();
    create(cluster, { ...deployment, kind: "ReplicaSet" });
    runTo(cluster, 30);
    create(cluster, hpa({ targetKind: "ReplicaSet" }));
    runTo(cluster, 45);
    const rs = cluster.store.get({ group: "apps", kind: "ReplicaSet", namespace: "default", name: "web" });
    expect((rs?.spec as { replicas: number }).replicas).toBe(4);
    expect(rescales(cluster)).toEqual([[at(45), `New size: 4; reason: ${CPU_REASON} above target`]]);
  });

  it("scales a StatefulSet", () => {
    const deployment = webDeployment({ replicas: 2, utilization: "250" });
    const cluster = createCluster();
    create(cluster, { ...deployment, kind: "StatefulSet", spec: { ...(deployment.spec as object), serviceName: "web" } });
    runTo(cluster, 60);
    create(cluster, hpa({ targetKind: "StatefulSet" }));
    runTo(cluster, 75);
    const sts = cluster.store.get({ group: "apps", kind: "StatefulSet", namespace: "default", name: "web" });
    expect((sts?.spec as { replicas: number }).replicas).toBe(4);
    expect(rescales(cluster)).toEqual([[at(75), `New size: 4; reason: ${CPU_REASON} above target`]]);
  });

  it("scales an autoscaling/v1 HPA's target and keeps its status in the v1 shape", () => {
    const cluster = createCluster();
    create(cluster, webDeployment({ replicas: 2, utilization: "250" }));
    runTo(cluster, 30);
    create(cluster, { apiVersion: "autoscaling/v1", kind: "HorizontalPodAutoscaler", metadata: { name: "web" }, spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, maxReplicas: 10, targetCPUUtilizationPercentage: 50 } });
    runTo(cluster, 45);
    expect(specReplicasOf(cluster)).toBe(4);
    const v1 = cluster.store.get({ group: "autoscaling", kind: "HorizontalPodAutoscaler", namespace: "default", name: "web" });
    expect(v1?.status).toEqual({ currentCPUUtilizationPercentage: 250, currentReplicas: 2, desiredReplicas: 4, lastScaleTime: at(45), observedGeneration: 1 });
    const conditions = JSON.parse(v1?.metadata.annotations?.["autoscaling.alpha.kubernetes.io/conditions"] ?? "[]") as Array<{ type: string; reason: string }>;
    expect(conditions.map((c) => `${c.type} ${c.reason}`)).toEqual(["AbleToScale SucceededRescale", "ScalingActive ValidMetricFound", "ScalingLimited ScaleUpLimit"]);
  });
});

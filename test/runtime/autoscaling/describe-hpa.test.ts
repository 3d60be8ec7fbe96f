import { describe, expect, it } from "vitest";
import { describeObject } from "../../../src/cli/output/kube/describe/describe.js";
import { createCluster } from "../../../src/runtime/cluster.js";
import { create } from "../runtime-helpers.js";
import { hpa, hpaOf, webDeployment } from "./hpa-helpers.js";

describe("describe hpa", () => {
  it("prints kubectl's layout: metrics as current / target, behavior, pods, conditions and events", () => {
    const cluster = createCluster();
    create(cluster, webDeployment({ replicas: 2, utilization: "250" }));
    cluster.clock.advance(30_000);
    const metrics = [
      { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } } },
      { type: "Resource", resource: { name: "cpu", target: { type: "AverageValue", averageValue: "100m" } } },
      { type: "Pods", pods: { metric: { name: "packets-per-second" }, target: { type: "AverageValue", averageValue: "1k" } } },
    ];
    create(cluster, hpa({ max: 10, annotations: { team: "web" }, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } }, metrics }));
    cluster.clock.advance(20_000);
    expect(describeObject(hpaOf(cluster), cluster.store, cluster.clock.now())).toBe(
      [
        "Name:                                                  web",
        "Namespace:                                             default",
        "Labels:                                                <none>",
        "Annotations:                                           team: web",
        "CreationTimestamp:                                     Thu, 01 Jan 2026 00:00:30 +0000",
        "Reference:                                             Deployment/web",
        "Metrics:                                               ( current / target )",
        "  resource cpu on pods  (as a percentage of request):  250% (500m) / 50%",
        "  resource cpu on pods:                                500m / 100m",
        '  "packets-per-second" on pods:                        <unknown> / 1k',
        "Min replicas:                                          1",
        "Max replicas:                                          10",
        "Behavior:",
        "  Scale Up:",
        "    Stabilization Window: 0 seconds",
        "    Select Policy: Max",
        "    Policies:",
        "      - Type: Pods     Value: 4    Period: 15 seconds",
        "      - Type: Percent  Value: 100  Period: 15 seconds",
        "  Scale Down:",
        "    Stabilization Window: 60 seconds",
        "    Select Policy: Max",
        "    Policies:",
        "      - Type: Percent  Value: 100  Period: 15 seconds",
        "Deployment pods:       2 current / 6 desired",
        "Conditions:",
        "  Type            Status  Reason            Message",
        "  ----            ------  ------            -------",
        "  AbleToScale     True    SucceededRescale  the HPA controller was able to update the target scale to 6",
        "  ScalingActive   True    ValidMetricFound  the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)",
        "  ScalingLimited  True    ScaleUpLimit      the desired replica count is increasing faster than the maximum scale rate",
        "Events:",
        "  Type     Reason               Age   From                       Message",
        "  ----     ------               ----  ----                       -------",
        "  Warning  FailedGetPodsMetric  5s    horizontal-pod-autoscaler  unable to get metric packets-per-second: unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered",
        "  Normal   SuccessfulRescale    5s    horizontal-pod-autoscaler  New size: 6; reason: cpu resource utilization (percentage of request) above target",
        "",
      ].join("\n"),
    );
  });

  it("shows <unknown> before the first sync and leaves out the controller's bookkeeping annotation", () => {
    const cluster = createCluster();
    create(cluster, webDeployment({ replicas: 1 }));
    create(cluster, hpa({ min: 1, max: 3 }));
    cluster.clock.advance(5_000);
    const before = describeObject(hpaOf(cluster), cluster.store, cluster.clock.now());
    expect(before).toContain("  resource cpu on pods  (as a percentage of request):  <unknown> / 50%\n");
    expect(before).toContain("Deployment pods:                                       0 current / 0 desired\nEvents:                                                <none>\n");
    cluster.clock.advance(15_000);
    expect(hpaOf(cluster).metadata.annotations).toHaveProperty(["autoscaling.drydock.dev/history"]);
    expect(describeObject(hpaOf(cluster), cluster.store, cluster.clock.now())).toContain("Annotations:                                           <none>\n");
  });
});

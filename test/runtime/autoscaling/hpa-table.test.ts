import { describe, expect, it } from "vitest";
import { tableFor } from "../../../src/cli/output/kube/kind-tables.js";
import { createCluster } from "../../../src/runtime/cluster.js";
import { create } from "../runtime-helpers.js";
import { hpa, hpaOf, webDeployment } from "./hpa-helpers.js";

describe("get hpa", () => {
  it("prints each metric's current value over its target, unknown where the metric failed", () => {
    const cluster = createCluster();
    create(cluster, webDeployment({ replicas: 2, utilization: "150" }));
    cluster.clock.advance(30_000);
    const metrics = [
      { type: "Pods", pods: { metric: { name: "packets-per-second" }, target: { type: "AverageValue", averageValue: "1k" } } },
      { type: "Resource", resource: { name: "cpu", target: { type: "AverageValue", averageValue: "200m" } } },
      { type: "External", external: { metric: { name: "queue" }, target: { type: "AverageValue", averageValue: "30" } } },
    ];
    create(cluster, hpa({ min: 2, max: 3, metrics }));
    const table = tableFor("autoscaling", "HorizontalPodAutoscaler");
    expect(table.cells(hpaOf(cluster), cluster.clock.now())).toEqual(["Deployment/web", "<unknown>/1k, cpu: <unknown>/200m + 1 more...", "2", "3", "0", "0s"]);
    cluster.clock.advance(15_000);
    expect(table.cells(hpaOf(cluster), cluster.clock.now())).toEqual(["Deployment/web", "<unknown>/1k, cpu: 300m/200m + 1 more...", "2", "3", "2", "15s"]);
  });
});

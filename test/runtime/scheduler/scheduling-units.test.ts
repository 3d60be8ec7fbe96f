import { describe, expect, it } from "vitest";
import { fitErrorMessage } from "../../../src/runtime/scheduler/fit-error.js";
import { NodeCache } from "../../../src/runtime/scheduler/node-cache.js";
import { podInfoOf } from "../../../src/runtime/scheduler/pod-info.js";
import { podResources } from "../../../src/runtime/scheduler/pod-requests.js";
import { numFeasibleNodesToFind, ScheduleAlgorithm } from "../../../src/runtime/scheduler/schedule-algorithm.js";
import { balancedAllocationScore, leastAllocatedScore, normalizeScores } from "../../../src/runtime/scheduler/scores.js";
import { nodeObject } from "../../../src/runtime/nodes/node-object.js";
import { makePod } from "./scheduler-helpers.js";

function cacheOf(count: number, shape = { cpu: "4", memory: "16Gi", pods: 110 }): NodeCache {
  const cache = new NodeCache();
  for (let i = 1; i <= count; i++) {
    const node = nodeObject(`n-${i}`, shape, i, 0);
    cache.setNode({ ...node, metadata: { ...node.metadata, uid: `node-${i}` } });
  }
  return cache;
}

function info(name: string, options: Parameters<typeof makePod>[1] = {}) {
  const pod = makePod(name, options);
  pod.metadata.uid = `uid-${name}`;
  return podInfoOf(pod);
}

describe("FitError message", () => {
  it("sorts the counted reasons as strings: 10 before 2", () => {
    const statuses = new Map<string, { reasons: string[] }>();
    for (let i = 0; i < 10; i++) statuses.set(`a${i}`, { reasons: ["Insufficient memory"] });
    statuses.set("b1", { reasons: ["Insufficient cpu"] });
    statuses.set("b2", { reasons: ["Insufficient cpu"] });
    expect(fitErrorMessage(12, statuses)).toBe("0/12 nodes are available: 10 Insufficient memory, 2 Insufficient cpu.");
  });
});

describe("node sampling", () => {
  it.each([
    [3, 3],
    [99, 99],
    [100, 100],
    [200, 100],
    [1000, 420],
    [5000, 500],
    [6000, 300],
  ])("%i nodes → %i feasible nodes to find", (nodes, wanted) => {
    expect(numFeasibleNodesToFind(nodes)).toBe(wanted);
  });

  it("stops after enough feasible nodes and starts the next attempt where this one stopped", () => {
    const cache = cacheOf(1000);
    const algorithm = new ScheduleAlgorithm();
    const first = algorithm.schedule(info("a"), cache);
    // Nodes 1–420 were looked at; all tie, so the first of them wins.
    expect(first.kind === "fit" && first.node.name).toBe("n-1");
    const second = algorithm.schedule(info("b"), cache);
    expect(second.kind === "fit" && second.node.name).toBe("n-421");
  });
});

describe("scores", () => {
  it("LeastAllocated and BalancedAllocation as upstream computes them", () => {
    const cache = cacheOf(1);
    const entry = cache.nodes()[0];
    // cpu: (4000 − 1000) × 100 / 4000 = 75; memory: (16Gi − 2Gi) × 100 / 16Gi = 87 → (75 + 87) / 2 = 81
    const pod = info("p", { cpu: "1", memory: "2Gi" });
    expect(leastAllocatedScore(pod, entry)).toBe(81);
    // fractions 0.25 and 0.125: (1 − 0.0625) × 100 = 93
    expect(balancedAllocationScore(pod, entry)).toBe(93);
    // Without requests the scoring defaults count: 100m and 200Mi.
    expect(leastAllocatedScore(info("q"), entry)).toBe(Math.floor((97 + 98) / 2));
  });

  it("normalizes to the highest score, reversed for taint counts", () => {
    const counts = [0, 1, 2];
    normalizeScores(counts, true);
    expect(counts).toEqual([100, 50, 0]);
    const zeros = [0, 0];
    normalizeScores(zeros, true);
    expect(zeros).toEqual([100, 100]);
    const weights = [0, 30, 60];
    normalizeScores(weights, false);
    expect(weights).toEqual([0, 50, 100]);
  });
});

describe("pod requests", () => {
  it("sums containers, takes the largest init step, counts sidecars and overhead", () => {
    const summary = podResources({
      initContainers: [
        { resources: { requests: { cpu: "2" } } },
        { restartPolicy: "Always", resources: { requests: { cpu: "500m", memory: "100Mi" } } },
        { resources: { requests: { cpu: "1800m" } } },
      ],
      containers: [{ resources: { requests: { cpu: "1", memory: "1Gi" } } }, { resources: {} }],
      overhead: { cpu: "100m" },
    });
    // containers 1000m + sidecar 500m = 1500m; init steps: 2000m, then 1800m + 500m = 2300m → 2300m + 100m overhead
    expect(summary.requests.milliCpu).toBe(2400);
    expect(summary.requests.memory).toBe(1024 * 1024 * 1024 + 100 * 1024 * 1024);
    // The container without requests counts 100m / 200Mi for scoring (the init steps are larger for cpu).
    expect(summary.nonZeroMilliCpu).toBe(2400);
    expect(summary.nonZeroMemory).toBe(1024 * 1024 * 1024 + 300 * 1024 * 1024);
  });

  it("rounds quantities up exactly, without float noise", () => {
    expect(podResources({ containers: [{ resources: { requests: { cpu: "0.1" } } }] }).requests.milliCpu).toBe(100);
    expect(podResources({ containers: [{ resources: { requests: { cpu: "1.0005" } } }] }).requests.milliCpu).toBe(1001);
  });
});

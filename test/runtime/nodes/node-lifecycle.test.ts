import { describe, expect, it } from "vitest";
import { NodeLifecycleController } from "../../../src/runtime/nodes/node-lifecycle-controller.js";
import { addNode, cordonNode, failNode, listNodes, recoverNode, removeNode, uncordonNode } from "../../../src/runtime/nodes/node-operations.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { condition, createPod, eventLines, getNode, getPod, nodeOf, simCluster, type SimCluster } from "../scheduler/scheduler-helpers.js";

const T0 = Date.UTC(2026, 0, 1);

/** Marks a bound pod Running and Ready, as the kubelet would (no kubelet runs in these tests). */
function markRunning(sim: SimCluster, name: string): void {
  const pod = getPod(sim, name)!;
  const stamp = new Date(sim.cluster.clock.now()).toISOString().replace(".000Z", "Z");
  const conditions = [
    { type: "Ready", status: "True", lastProbeTime: null, lastTransitionTime: stamp },
    { type: "ContainersReady", status: "True", lastProbeTime: null, lastTransitionTime: stamp },
    ...((pod.status as { conditions: unknown[] }).conditions ?? []),
  ];
  expectOk(sim.cluster.store.update({ ...pod, status: { ...(pod.status as object), phase: "Running", conditions } }, { subresource: "status" }));
}

function taints(node: KubeObject | undefined): unknown {
  return (node?.spec as { taints?: unknown }).taints;
}

/** Two pods on worker-1: `tolerant` with the default 300 s tolerations, `bare` without any. */
function failingNode() {
  const sim = simCluster({ nodes: [{ name: "worker", count: 2 }] });
  cordonNode(sim.deps, "worker-2");
  createPod(sim, "tolerant");
  createPod(sim, "bare");
  sim.cluster.clock.advance(0);
  // Admission gave both the default tolerations; take them off `bare`.
  const bare = getPod(sim, "bare")!;
  expectOk(sim.cluster.store.update({ ...bare, spec: { ...(bare.spec as object), tolerations: [] } }));
  uncordonNode(sim.deps, "worker-2");
  markRunning(sim, "tolerant");
  markRunning(sim, "bare");
  sim.cluster.clock.advance(0);
  expect([nodeOf(sim, "tolerant"), nodeOf(sim, "bare")]).toEqual(["worker-1", "worker-1"]);
  return sim;
}

describe("node operations", () => {
  it("list, add (next pod range, first shape), add twice, remove", () => {
    const sim = simCluster({ nodes: [{ name: "worker", count: 2, cpu: "2", memory: "8Gi" }] });
    expect(listNodes(sim.deps).map((n) => n.metadata.name)).toEqual(["worker-1", "worker-2"]);
    expect(removeNode(sim.deps, "worker-1")).toEqual({ ok: true, message: 'node "worker-1" deleted' });
    expect(addNode(sim.deps, "extra")).toEqual({ ok: true, message: "node/extra created" });
    const extra = getNode(sim, "extra");
    expect(extra?.spec).toEqual({ podCIDR: "10.244.3.0/24", podCIDRs: ["10.244.3.0/24"] });
    expect((extra?.status as any).capacity).toMatchObject({ cpu: "2", memory: "8Gi" });
    expect(addNode(sim.deps, "big", { cpu: "64", memory: "256Gi", labels: { size: "xl" } })).toEqual({ ok: true, message: "node/big created" });
    expect(getNode(sim, "big")?.metadata.labels).toMatchObject({ size: "xl" });
    expect((getNode(sim, "big")?.spec as any).podCIDR).toBe("10.244.4.0/24");
    expect(addNode(sim.deps, "extra")).toEqual({ ok: false, message: 'nodes "extra" already exists' });
  });

  it("unknown nodes", () => {
    const sim = simCluster();
    for (const op of [removeNode, cordonNode, uncordonNode, failNode, recoverNode]) {
      expect(op(sim.deps, "ghost")).toEqual({ ok: false, message: 'nodes "ghost" not found' });
    }
  });

  it("cordon and uncordon: spec.unschedulable and the unschedulable taint", () => {
    const sim = simCluster();
    sim.cluster.clock.advance(5_000);
    expect(cordonNode(sim.deps, "worker-1")).toEqual({ ok: true, message: "node/worker-1 cordoned" });
    expect(cordonNode(sim.deps, "worker-1")).toEqual({ ok: true, message: "node/worker-1 already cordoned" });
    expect(getNode(sim, "worker-1")?.spec).toMatchObject({
      unschedulable: true,
      taints: [{ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule", timeAdded: "2026-01-01T00:00:05Z" }],
    });
    sim.cluster.clock.advance(0);
    expect(uncordonNode(sim.deps, "worker-1")).toEqual({ ok: true, message: "node/worker-1 uncordoned" });
    expect(uncordonNode(sim.deps, "worker-1")).toEqual({ ok: true, message: "node/worker-1 already uncordoned" });
    expect(getNode(sim, "worker-1")?.spec).toEqual({ podCIDR: "10.244.1.0/24", podCIDRs: ["10.244.1.0/24"] });
  });

  it("the controller keeps the unschedulable taint in step with spec.unschedulable set by hand", () => {
    const sim = simCluster();
    const node = getNode(sim, "worker-2")!;
    expectOk(sim.cluster.store.update({ ...node, spec: { ...(node.spec as object), unschedulable: true } }));
    sim.cluster.clock.advance(0);
    expect(taints(getNode(sim, "worker-2"))).toEqual([{ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule", timeAdded: "2026-01-01T00:00:00Z" }]);
  });

  it("remove: the pods bound to the node are deleted (pod GC)", () => {
    const sim = simCluster({ nodes: [{ name: "solo", count: 1 }] });
    createPod(sim, "web");
    createPod(sim, "pending", { cpu: "100" });
    sim.cluster.clock.advance(0);
    markRunning(sim, "web");
    expect(removeNode(sim.deps, "solo")).toEqual({ ok: true, message: 'node "solo" deleted' });
    sim.cluster.clock.advance(0);
    expect(getPod(sim, "web")).toBeUndefined();
    expect(getPod(sim, "pending")).toBeDefined();
  });
});

describe("node failure", () => {
  it("fail: Unknown after the 50 s grace period, taints, pods not ready, immediate eviction without toleration", () => {
    const sim = failingNode();
    sim.cluster.clock.advance(10_000);
    expect(failNode(sim.deps, "worker-1")).toEqual({ ok: true, message: "node/worker-1 failed: its kubelet stopped posting status" });
    expect(failNode(sim.deps, "worker-1")).toEqual({ ok: true, message: "node/worker-1 already failed" });
    const failed = getNode(sim, "worker-1")!;
    expect(failed.metadata.annotations).toMatchObject({ "sim.drydock.dev/kubelet": "stopped" });
    expect(condition(failed, "Ready")).toMatchObject({ status: "True", lastHeartbeatTime: "2026-01-01T00:00:10Z" });
    sim.cluster.clock.advance(49_999);
    expect(condition(getNode(sim, "worker-1"), "Ready")?.status).toBe("True");
    sim.cluster.clock.advance(1);
    const node = getNode(sim, "worker-1")!;
    expect(condition(node, "Ready")).toEqual({
      type: "Ready",
      status: "Unknown",
      lastHeartbeatTime: "2026-01-01T00:00:10Z",
      lastTransitionTime: "2026-01-01T00:01:00Z",
      reason: "NodeStatusUnknown",
      message: "Kubelet stopped posting node status.",
    });
    expect(condition(node, "MemoryPressure")).toMatchObject({ status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status." });
    expect(taints(node)).toEqual([
      { key: "node.kubernetes.io/unreachable", effect: "NoSchedule", timeAdded: "2026-01-01T00:01:00Z" },
      { key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: "2026-01-01T00:01:00Z" },
    ]);
    expect(condition(getPod(sim, "tolerant"), "Ready")).toMatchObject({ status: "False", lastTransitionTime: "2026-01-01T00:01:00Z" });
    expect(getPod(sim, "tolerant")?.metadata.deletionTimestamp).toBeUndefined();
    const bare = getPod(sim, "bare")!;
    expect(bare.metadata.deletionTimestamp).toBe("2026-01-01T00:01:30Z");
    expect(condition(bare, "DisruptionTarget")).toMatchObject({ status: "True", reason: "DeletionByTaintManager", message: "Taint manager: deleting due to NoExecute taint" });
    expect(eventLines(sim, (e) => e.reason !== "Scheduled")).toEqual([
      "Normal NodeNotReady Node/worker-1 [node-controller]: Node worker-1 status is now: NodeNotReady",
      "Warning NodeNotReady Pod/tolerant [node-controller]: Node is not ready",
      "Warning NodeNotReady Pod/bare [node-controller]: Node is not ready",
      "Normal TaintManagerEviction Pod/bare [taint-eviction-controller]: Marking for deletion Pod default/bare",
    ]);
  });

  it("pods with the default 300 s toleration are evicted about 350 s after the failure, and stay Terminating", () => {
    const sim = failingNode();
    failNode(sim.deps, "worker-1");
    sim.cluster.clock.advance(349_999);
    expect(getPod(sim, "tolerant")?.metadata.deletionTimestamp).toBeUndefined();
    sim.cluster.clock.advance(1);
    expect(getPod(sim, "tolerant")?.metadata.deletionTimestamp).toBe("2026-01-01T00:06:20Z");
    expect(eventLines(sim, (e) => e.reason === "TaintManagerEviction").at(-1)).toBe(
      "Normal TaintManagerEviction Pod/tolerant [taint-eviction-controller]: Marking for deletion Pod default/tolerant",
    );
    // No kubelet is left to finish them.
    sim.cluster.clock.advance(3_600_000);
    expect(getPod(sim, "tolerant")).toBeDefined();
    expect(getPod(sim, "bare")).toBeDefined();
  });

  it("new pods avoid the unreachable node; the simulation settles with eviction timers pending as foreground work", () => {
    const sim = failingNode();
    failNode(sim.deps, "worker-1");
    const report = sim.cluster.clock.runUntilQuiet(T0 + 3_600_000);
    expect(report).toMatchObject({ quiet: true, now: T0 + 350_000 });
    createPod(sim, "fresh");
    createPod(sim, "fresh-2");
    sim.cluster.clock.advance(0);
    expect([nodeOf(sim, "fresh"), nodeOf(sim, "fresh-2")]).toEqual(["worker-2", "worker-2"]);
  });

  it("recover: Ready again, taints lifted, NodeReady, no more evictions", () => {
    const sim = failingNode();
    failNode(sim.deps, "worker-1");
    sim.cluster.clock.advance(100_000);
    expect(recoverNode(sim.deps, "worker-1")).toEqual({ ok: true, message: "node/worker-1 recovered" });
    sim.cluster.clock.advance(0);
    const node = getNode(sim, "worker-1")!;
    expect(node.metadata.annotations?.["sim.drydock.dev/kubelet"]).toBeUndefined();
    expect(condition(node, "Ready")).toEqual({
      type: "Ready",
      status: "True",
      lastHeartbeatTime: "2026-01-01T00:01:40Z",
      lastTransitionTime: "2026-01-01T00:01:40Z",
      reason: "KubeletReady",
      message: "kubelet is posting ready status",
    });
    expect(condition(node, "DiskPressure")).toMatchObject({ status: "False", reason: "KubeletHasNoDiskPressure" });
    expect(taints(node)).toBeUndefined();
    expect(eventLines(sim, (e) => e.reason === "NodeReady")).toEqual(["Normal NodeReady Node/worker-1 [kubelet]: Node worker-1 status is now: NodeReady"]);
    sim.cluster.clock.advance(3_600_000);
    expect(getPod(sim, "tolerant")?.metadata.deletionTimestamp).toBeUndefined();
    expect(recoverNode(sim.deps, "worker-1")).toEqual({ ok: true, message: "node/worker-1 already ready" });
  });

  it("recover within the grace period: the node never turns Unknown", () => {
    const sim = failingNode();
    failNode(sim.deps, "worker-1");
    sim.cluster.clock.advance(30_000);
    expect(recoverNode(sim.deps, "worker-1")).toEqual({ ok: true, message: "node/worker-1 recovered" });
    sim.cluster.clock.advance(600_000);
    expect(condition(getNode(sim, "worker-1"), "Ready")).toMatchObject({ status: "True", lastTransitionTime: "2026-01-01T00:00:00Z" });
    expect(eventLines(sim, (e) => e.reason !== "Scheduled")).toEqual([]);
  });

  it("is level-triggered: a controller started later finishes what the objects say", () => {
    const sim = failingNode();
    sim.controller?.stop();
    failNode(sim.deps, "worker-1");
    sim.cluster.clock.advance(400_000);
    expect(condition(getNode(sim, "worker-1"), "Ready")?.status).toBe("True");
    const restarted = new NodeLifecycleController(sim.deps).start();
    sim.cluster.clock.advance(0);
    expect(condition(getNode(sim, "worker-1"), "Ready")?.status).toBe("Unknown");
    // Both pods' tolerations ran out long ago (counted from the taints, added now): bare at once, tolerant in 300 s.
    expect(getPod(sim, "bare")?.metadata.deletionTimestamp).toBeDefined();
    expect(getPod(sim, "tolerant")?.metadata.deletionTimestamp).toBeUndefined();
    sim.cluster.clock.advance(300_000);
    expect(getPod(sim, "tolerant")?.metadata.deletionTimestamp).toBeDefined();
    restarted.stop();
  });

  it("a restarted controller keeps counting tolerations from the taints' timeAdded", () => {
    const sim = failingNode();
    failNode(sim.deps, "worker-1");
    sim.cluster.clock.advance(100_000);
    sim.controller?.stop();
    sim.cluster.clock.advance(200_000);
    const restarted = new NodeLifecycleController(sim.deps).start();
    sim.cluster.clock.advance(49_999);
    expect(getPod(sim, "tolerant")?.metadata.deletionTimestamp).toBeUndefined();
    sim.cluster.clock.advance(1);
    expect(getPod(sim, "tolerant")?.metadata.deletionTimestamp).toBeDefined();
    restarted.stop();
  });
});

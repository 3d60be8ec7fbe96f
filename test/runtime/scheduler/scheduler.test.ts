import { describe, expect, it } from "vitest";
import { addNode, cordonNode } from "../../../src/runtime/nodes/node-operations.js";
import { snapshotCluster } from "../../../src/runtime/cluster.js";
import type { NodeShape } from "../../../src/runtime/runtime-deps.js";
import { Scheduler } from "../../../src/runtime/scheduler/scheduler.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { condition, createPod, eventLines, getPod, nodeOf, simCluster } from "./scheduler-helpers.js";

const NO_VICTIMS_3 = "preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..";

describe("scheduler: binding", () => {
  it("binds a pending pod: spec.nodeName, PodScheduled=True and a Scheduled event", () => {
    const sim = simCluster();
    createPod(sim, "web", { cpu: "100m" });
    expect(nodeOf(sim, "web")).toBeUndefined();
    sim.cluster.clock.advance(0);
    const pod = getPod(sim, "web");
    expect(nodeOf(sim, "web")).toBe("worker-1");
    expect(condition(pod, "PodScheduled")).toEqual({ type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: "2026-01-01T00:00:00Z" });
    expect((pod?.status as { phase: string }).phase).toBe("Pending");
    expect(eventLines(sim)).toEqual(["Normal Scheduled Pod/web [default-scheduler]: Successfully assigned default/web to worker-1"]);
  });

  it("spreads equal pods over equal nodes (LeastAllocated changes after each bind)", () => {
    const sim = simCluster();
    for (const name of ["a", "b", "c"]) createPod(sim, name, { cpu: "500m", memory: "1Gi" });
    sim.cluster.clock.advance(0);
    expect(["a", "b", "c"].map((n) => nodeOf(sim, n))).toEqual(["worker-1", "worker-2", "worker-3"]);
  });

  it("spreads pods without requests too (100m / 200Mi count for scoring)", () => {
    const sim = simCluster();
    for (const name of ["a", "b", "c", "d"]) createPod(sim, name);
    sim.cluster.clock.advance(0);
    expect(["a", "b", "c", "d"].map((n) => nodeOf(sim, n))).toEqual(["worker-1", "worker-2", "worker-3", "worker-1"]);
  });

  it("schedules higher priority first, then in creation order", () => {
    const sim = simCluster({ nodes: [{ name: "solo", count: 1, cpu: "1", memory: "4Gi" }] });
    expectOk(sim.cluster.store.create({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "high" }, value: 1000 } as never));
    createPod(sim, "first", { cpu: "600m" });
    createPod(sim, "urgent", { cpu: "600m", priorityClassName: "high" });
    sim.cluster.clock.advance(0);
    expect(nodeOf(sim, "urgent")).toBe("solo");
    expect(nodeOf(sim, "first")).toBeUndefined();
  });

  it("is deterministic: the same operations give the same cluster", () => {
    const run = () => {
      const sim = simCluster();
      for (let i = 0; i < 20; i++) createPod(sim, `p-${i}`, { cpu: `${100 + 50 * (i % 4)}m`, memory: `${128 * (1 + (i % 3))}Mi` });
      sim.cluster.clock.advance(0);
      return JSON.stringify(snapshotCluster(sim.cluster));
    };
    expect(run()).toBe(run());
  });

  it("picks up pending pods when it starts (level-triggered), as after a restart", () => {
    const sim = simCluster();
    sim.scheduler.stop();
    createPod(sim, "web");
    sim.cluster.clock.advance(0);
    expect(nodeOf(sim, "web")).toBeUndefined();
    const restarted = new Scheduler(sim.deps).start();
    sim.cluster.clock.advance(0);
    expect(nodeOf(sim, "web")).toBe("worker-1");
    restarted.stop();
  });

  it("leaves pods of another scheduler alone", () => {
    const sim = simCluster();
    const pod = createPod(sim, "custom");
    sim.cluster.store.update({ ...pod, spec: { ...(pod.spec as object), schedulerName: "my-scheduler" } });
    sim.cluster.clock.advance(0);
    expect(nodeOf(sim, "custom")).toBeUndefined();
    expect(eventLines(sim)).toEqual([]);
  });
});

describe("scheduler: failures", () => {
  it("reports the FitError message on the pod and in a FailedScheduling event", () => {
    const sim = simCluster();
    createPod(sim, "big", { cpu: "5" });
    sim.cluster.clock.advance(0);
    const message = `0/3 nodes are available: 3 Insufficient cpu. ${NO_VICTIMS_3}`;
    expect(condition(getPod(sim, "big"), "PodScheduled")).toEqual({
      type: "PodScheduled",
      status: "False",
      lastProbeTime: null,
      lastTransitionTime: "2026-01-01T00:00:00Z",
      reason: "Unschedulable",
      message,
    });
    expect(eventLines(sim)).toEqual([`Warning FailedScheduling Pod/big [default-scheduler]: ${message}`]);
  });

  it("reports every short resource of a node, and Too many pods", () => {
    const sim = simCluster({ nodes: [{ name: "tiny", count: 2, cpu: "1", memory: "1Gi", pods: 1 }] });
    createPod(sim, "filler");
    createPod(sim, "huge", { cpu: "2", memory: "2Gi" });
    sim.cluster.clock.advance(0);
    expect(nodeOf(sim, "filler")).toBe("tiny-1");
    expect(condition(getPod(sim, "huge"), "PodScheduled")?.message).toBe(
      "0/2 nodes are available: 1 Too many pods, 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod..",
    );
  });

  it("counts reasons per node, first failing filter only, sorted as strings", () => {
    const sim = simCluster({
      nodes: [
        { name: "gpu", count: 1, cpu: "4", memory: "16Gi", taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] },
        { name: "small", count: 1, cpu: "1", memory: "16Gi", taints: [{ key: "soft", effect: "PreferNoSchedule" }] },
        { name: "worker", count: 2, cpu: "4", memory: "16Gi" },
      ],
    });
    expect(cordonNode(sim.deps, "worker-2")).toEqual({ ok: true, message: "node/worker-2 cordoned" });
    // worker-1 is full; worker-2 is cordoned and tainted for that, but only the first failing filter counts.
    createPod(sim, "filler", { cpu: "3500m", nodeSelector: { "kubernetes.io/hostname": "worker-1" } });
    sim.cluster.clock.advance(0);
    expect(nodeOf(sim, "filler")).toBe("worker-1");
    createPod(sim, "web", { cpu: "2" });
    sim.cluster.clock.advance(0);
    expect(condition(getPod(sim, "web"), "PodScheduled")?.message).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable, 2 Insufficient cpu. " +
        "preemption: 0/4 nodes are available: 2 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling..",
    );
  });

  it("says so when there are no nodes at all", () => {
    const sim = simCluster({ nodes: [{ name: "gone", count: 1 }] });
    sim.cluster.store.delete({ group: "", kind: "Node", name: "gone" });
    createPod(sim, "web");
    sim.cluster.clock.advance(0);
    expect(condition(getPod(sim, "web"), "PodScheduled")?.message).toBe("no nodes available to schedule pods");
  });

  it("preemptionPolicy Never: not eligible (upstream's double period included)", () => {
    const sim = simCluster();
    const pod = createPod(sim, "big", { cpu: "5" });
    expect((pod.spec as { preemptionPolicy: string }).preemptionPolicy).toBe("PreemptLowerPriority");
    expectOk(sim.cluster.store.create({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "polite" }, value: 10, preemptionPolicy: "Never" } as never));
    createPod(sim, "polite", { cpu: "5", priorityClassName: "polite" });
    sim.cluster.clock.advance(0);
    expect(condition(getPod(sim, "polite"), "PodScheduled")?.message).toBe(
      "0/3 nodes are available: 3 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..",
    );
  });
});

describe("scheduler: retries", () => {
  it("retries unschedulable pods when a node is added, at that instant", () => {
    const sim = simCluster();
    createPod(sim, "big", { cpu: "6" });
    sim.cluster.clock.advance(10_000);
    expect(nodeOf(sim, "big")).toBeUndefined();
    expect(addNode(sim.deps, "large", { cpu: "8", memory: "32Gi" })).toEqual({ ok: true, message: "node/large created" });
    sim.cluster.clock.advance(0);
    expect(nodeOf(sim, "big")).toBe("large");
    expect(condition(getPod(sim, "big"), "PodScheduled")).toMatchObject({ status: "True", lastTransitionTime: "2026-01-01T00:00:10Z" });
    expect(eventLines(sim)).toEqual([
      "Warning FailedScheduling Pod/big [default-scheduler]: 0/3 nodes are available: 3 Insufficient cpu. " + NO_VICTIMS_3,
      "Normal Scheduled Pod/big [default-scheduler]: Successfully assigned default/big to large",
    ]);
  });

  it("retries when a pod bound to a node goes away and frees room", () => {
    const sim = simCluster({ nodes: [{ name: "solo", count: 1, cpu: "2", memory: "4Gi" }] });
    createPod(sim, "first", { cpu: "1500m" });
    createPod(sim, "second", { cpu: "1500m" });
    sim.cluster.clock.advance(0);
    expect([nodeOf(sim, "first"), nodeOf(sim, "second")]).toEqual(["solo", undefined]);
    // A terminating pod still holds its room, as upstream's cache counts it until it is gone.
    sim.cluster.store.delete({ group: "", kind: "Pod", name: "first" });
    sim.cluster.clock.advance(0);
    expect(nodeOf(sim, "second")).toBeUndefined();
    sim.cluster.store.delete({ group: "", kind: "Pod", name: "first" }, { gracePeriodSeconds: 0 });
    sim.cluster.clock.advance(0);
    expect(nodeOf(sim, "second")).toBe("solo");
  });

  it("retries when a bound pod finishes (Succeeded frees its requests)", () => {
    const sim = simCluster({ nodes: [{ name: "solo", count: 1, cpu: "2", memory: "4Gi" }] });
    createPod(sim, "job", { cpu: "1500m" });
    createPod(sim, "next", { cpu: "1500m" });
    sim.cluster.clock.advance(0);
    const job = getPod(sim, "job")!;
    sim.cluster.store.update({ ...job, status: { ...(job.status as object), phase: "Succeeded" } }, { subresource: "status" });
    sim.cluster.clock.advance(0);
    expect(nodeOf(sim, "next")).toBe("solo");
  });

  it("retries every five minutes at most, without keeping the simulation busy", () => {
    const sim = simCluster();
    createPod(sim, "big", { cpu: "5" });
    const report = sim.cluster.clock.runUntilQuiet(sim.cluster.clock.now() + 3_600_000);
    expect(report.quiet).toBe(true);
    expect(report.now).toBe(Date.UTC(2026, 0, 1));
    sim.cluster.clock.advance(5 * 60_000 - 1);
    expect(eventLines(sim)[0]).toMatch(/Insufficient cpu\..*\.\.$/);
    expect(eventLines(sim)[0]).not.toMatch(/\(x2\)$/);
    sim.cluster.clock.advance(1);
    expect(eventLines(sim)[0]).toMatch(/\(x2\)$/);
    sim.cluster.clock.advance(5 * 60_000);
    expect(eventLines(sim)[0]).toMatch(/\(x3\)$/);
  });

  it("retries a pod whose own spec changes (a toleration added)", () => {
    const sim = simCluster({ nodes: [{ name: "tainted", count: 1, taints: [{ key: "team", value: "a", effect: "NoSchedule" }] }] });
    const pod = createPod(sim, "web");
    sim.cluster.clock.advance(0);
    expect(condition(getPod(sim, "web"), "PodScheduled")?.message).toBe(
      "0/1 nodes are available: 1 node(s) had untolerated taint {team: a}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..",
    );
    const current = getPod(sim, "web")!;
    const tolerations = [...((current.spec as { tolerations: unknown[] }).tolerations), { key: "team", operator: "Equal", value: "a", effect: "NoSchedule" }];
    expectOk(sim.cluster.store.update({ ...current, spec: { ...(current.spec as object), tolerations } }));
    sim.cluster.clock.advance(0);
    expect(nodeOf(sim, "web")).toBe("tainted");
    void pod;
  });
});

describe("scheduler: cordon", () => {
  it("keeps existing pods and sends new ones elsewhere", () => {
    const sim = simCluster();
    createPod(sim, "old", { cpu: "100m" });
    sim.cluster.clock.advance(0);
    expect(nodeOf(sim, "old")).toBe("worker-1");
    cordonNode(sim.deps, "worker-1");
    for (const name of ["n1", "n2", "n3"]) createPod(sim, name, { cpu: "100m" });
    sim.cluster.clock.advance(0);
    expect(nodeOf(sim, "old")).toBe("worker-1");
    expect(["n1", "n2", "n3"].map((n) => nodeOf(sim, n))).not.toContain("worker-1");
  });

  it("lets pods that tolerate the unschedulable taint in", () => {
    const sim = simCluster({ nodes: [{ name: "solo", count: 1 }] });
    cordonNode(sim.deps, "solo");
    createPod(sim, "daemon", { tolerations: [{ key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" }] });
    createPod(sim, "web");
    sim.cluster.clock.advance(0);
    expect(nodeOf(sim, "daemon")).toBe("solo");
    expect(condition(getPod(sim, "web"), "PodScheduled")?.message).toBe(
      "0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..",
    );
  });
});

describe("scheduler: taints, tolerations and node affinity", () => {
  const zones: NodeShape[] = [
    { name: "a", count: 1, labels: { zone: "a", disk: "ssd", cores: "8" } },
    { name: "b", count: 1, labels: { zone: "b", disk: "hdd", cores: "4" } },
    { name: "c", count: 1, labels: { zone: "c", cores: "16" }, taints: [{ key: "spot", value: "true", effect: "NoSchedule" as const }] },
  ];

  it("nodeSelector", () => {
    const sim = simCluster({ nodes: zones });
    createPod(sim, "web", { nodeSelector: { zone: "b" } });
    createPod(sim, "nowhere", { nodeSelector: { zone: "z" } });
    sim.cluster.clock.advance(0);
    expect(nodeOf(sim, "web")).toBe("b");
    expect(condition(getPod(sim, "nowhere"), "PodScheduled")?.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {spot: true}, 2 node(s) didn't match Pod's node affinity/selector. " +
        "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..",
    );
  });

  it("required node affinity: In, NotIn, Exists, DoesNotExist, Gt, Lt and matchFields", () => {
    const sim = simCluster({ nodes: zones });
    const required = (term: object) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } } });
    const spot = [{ key: "spot", operator: "Exists", effect: "NoSchedule" }];
    createPod(sim, "in", { affinity: required({ matchExpressions: [{ key: "zone", operator: "In", values: ["b", "x"] }] }) });
    createPod(sim, "notin", { affinity: required({ matchExpressions: [{ key: "zone", operator: "NotIn", values: ["a", "b"] }] }), tolerations: spot });
    createPod(sim, "dne", { affinity: required({ matchExpressions: [{ key: "disk", operator: "DoesNotExist" }] }), tolerations: spot });
    createPod(sim, "gt", { affinity: required({ matchExpressions: [{ key: "cores", operator: "Gt", values: ["5"] }, { key: "cores", operator: "Lt", values: ["10"] }] }) });
    createPod(sim, "field", { affinity: required({ matchFields: [{ key: "metadata.name", operator: "In", values: ["b"] }] }) });
    createPod(sim, "exists", { affinity: required({ matchExpressions: [{ key: "disk", operator: "Exists" }, { key: "disk", operator: "NotIn", values: ["ssd"] }] }) });
    sim.cluster.clock.advance(0);
    expect(["in", "notin", "dne", "gt", "field", "exists"].map((n) => nodeOf(sim, n))).toEqual(["b", "c", "c", "a", "b", "b"]);
  });

  it("preferred node affinity and PreferNoSchedule taints steer the score", () => {
    const sim = simCluster({
      nodes: [
        { name: "plain", count: 1 },
        { name: "soft", count: 1, labels: { fast: "yes" }, taints: [{ key: "soft", effect: "PreferNoSchedule" }] },
        { name: "fast", count: 1, labels: { fast: "yes" } },
      ],
    });
    const prefer = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: "fast", operator: "In", values: ["yes"] }] } }] } };
    createPod(sim, "likes-fast", { affinity: prefer });
    sim.cluster.clock.advance(0);
    expect(nodeOf(sim, "likes-fast")).toBe("fast");
    createPod(sim, "tolerant", { affinity: prefer, tolerations: [{ key: "soft", operator: "Exists", effect: "PreferNoSchedule" }] });
    sim.cluster.clock.advance(0);
    // Both fast nodes score alike for it; "fast" now holds a pod, so "soft" wins on LeastAllocated.
    expect(nodeOf(sim, "tolerant")).toBe("soft");
  });

  it("a NoExecute taint keeps pods off unless tolerated", () => {
    const sim = simCluster({ nodes: [{ name: "edge", count: 1, taints: [{ key: "edge", effect: "NoExecute" }] }] });
    createPod(sim, "web");
    createPod(sim, "edge-agent", { tolerations: [{ key: "edge", operator: "Exists" }] });
    sim.cluster.clock.advance(0);
    expect(nodeOf(sim, "web")).toBeUndefined();
    expect(nodeOf(sim, "edge-agent")).toBe("edge");
  });
});

describe("scheduler: preemption", () => {
  it("deletes lower-priority pods to make room and nominates the node", () => {
    const sim = simCluster({ nodes: [{ name: "solo", count: 1, cpu: "2", memory: "4Gi" }] });
    expectOk(sim.cluster.store.create({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "high" }, value: 1000 } as never));
    createPod(sim, "low-a", { cpu: "800m" });
    createPod(sim, "low-b", { cpu: "800m" });
    sim.cluster.clock.advance(0);
    const high = createPod(sim, "high", { cpu: "1", priorityClassName: "high" });
    sim.cluster.clock.advance(0);
    // Equal victims: the first one looked at is spared (reprieved) if the pod fits without it.
    const victim = getPod(sim, "low-b");
    expect(victim?.metadata.deletionTimestamp).toBe("2026-01-01T00:00:30Z");
    expect(condition(victim, "DisruptionTarget")).toMatchObject({ status: "True", reason: "PreemptionByScheduler", message: "default-scheduler: preempting to accommodate a higher priority pod" });
    expect(getPod(sim, "low-a")?.metadata.deletionTimestamp).toBeUndefined();
    const pending = getPod(sim, "high");
    expect((pending?.status as { nominatedNodeName?: string }).nominatedNodeName).toBe("solo");
    expect(condition(pending, "PodScheduled")?.message).toBe("0/1 nodes are available: 1 Insufficient cpu.");
    expect(eventLines(sim).slice(2)).toEqual([
      `Normal Preempted Pod/low-b [default-scheduler]: Preempted by pod ${high.metadata.uid} on node solo`,
      "Warning FailedScheduling Pod/high [default-scheduler]: 0/1 nodes are available: 1 Insufficient cpu.",
    ]);
    // The victim's kubelet finishes it; then the preemptor binds to the nominated node.
    sim.cluster.store.delete({ group: "", kind: "Pod", name: "low-b" }, { gracePeriodSeconds: 0 });
    sim.cluster.clock.advance(0);
    expect(nodeOf(sim, "high")).toBe("solo");
  });
});

// Scheduling, node failure and Services on the whole simulated cluster.
import { describe, expect, it } from "vitest";
import { cordonNode, failNode } from "../../../src/runtime/nodes/node-operations.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { eventsFor, fullCluster, isReady, nginxDeployment, podsOf, settle } from "./integration-helpers.js";

function bigPod(name: string, cpu: string) {
  return { apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { containers: [{ name: "c", image: "nginx:1.27", resources: { requests: { cpu } } }] } };
}

describe("the simulated cluster as a whole", () => {
  it("leaves a pod that fits nowhere Pending with the upstream FailedScheduling message, and places it when a node frees up", () => {
    const cluster = fullCluster();
    expectOk(cluster.store.create(bigPod("huge", "5")));
    settle(cluster);
    const pod = cluster.store.get({ group: "", kind: "Pod", name: "huge" })!;
    expect((pod.status as { phase: string }).phase).toBe("Pending");
    const failed = eventsFor(cluster, "Pod", "huge").find((e) => e.reason === "FailedScheduling")!;
    expect(failed.type).toBe("Warning");
    expect(failed.component).toBe("default-scheduler");
    expect(failed.message).toMatch(/^0\/3 nodes are available: 3 Insufficient cpu\./);
    const scheduled = (pod.status as { conditions: Array<{ type: string; status: string; reason: string; message: string }> }).conditions.find((c) => c.type === "PodScheduled");
    expect(scheduled).toMatchObject({ status: "False", reason: "Unschedulable", message: failed.message });
  });

  it("keeps new pods off a cordoned node", () => {
    const cluster = fullCluster();
    expect(cordonNode(cluster, "worker-1")).toEqual({ ok: true, message: "node/worker-1 cordoned" });
    expectOk(cluster.store.create(nginxDeployment({ replicas: 6 })));
    settle(cluster);
    const nodes = podsOf(cluster).map((p) => (p.spec as { nodeName: string }).nodeName);
    expect(nodes).toHaveLength(6);
    expect(nodes).not.toContain("worker-1");
  });

  it("replaces the pods of a failed node on the others once the 300 s toleration has run out", () => {
    const cluster = fullCluster();
    expectOk(cluster.store.create(nginxDeployment({ replicas: 3 })));
    settle(cluster);
    const onNode = (node: string) => podsOf(cluster).filter((p) => (p.spec as { nodeName?: string }).nodeName === node);
    expect(onNode("worker-2")).toHaveLength(1);
    const failedAt = cluster.clock.now();
    failNode(cluster, "worker-2");
    cluster.clock.advance(49_000);
    expect(onNode("worker-2").every(isReady)).toBe(true);
    cluster.clock.advance(2_000);
    // Unknown after the 50 s grace period: the pod is marked not ready but not yet evicted.
    expect(onNode("worker-2").some(isReady)).toBe(false);
    expect(onNode("worker-2")[0].metadata.deletionTimestamp).toBeUndefined();
    cluster.clock.advance(failedAt + 351_000 - cluster.clock.now());
    settle(cluster);
    const live = podsOf(cluster).filter((p) => p.metadata.deletionTimestamp === undefined);
    expect(live).toHaveLength(3);
    expect(live.every(isReady)).toBe(true);
    expect(live.map((p) => (p.spec as { nodeName: string }).nodeName)).not.toContain("worker-2");
  });

  it("lists ready pods in a Service's Endpoints and moves them to notReadyAddresses when they stop being ready", () => {
    const cluster = fullCluster();
    expectOk(cluster.store.create(nginxDeployment({ replicas: 2 })));
    expectOk(cluster.store.create({ apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: { selector: { app: "nginx" }, ports: [{ port: 80 }] } }));
    settle(cluster);
    const endpoints = () => cluster.store.get({ group: "", kind: "Endpoints", name: "web" }) as { subsets?: Array<{ addresses?: Array<{ ip: string }>; notReadyAddresses?: Array<{ ip: string }>; ports: Array<{ port: number }> }> };
    const ips = podsOf(cluster).map((p) => (p.status as { podIP: string }).podIP).sort();
    expect(endpoints().subsets).toEqual([expect.objectContaining({ addresses: ips.map((ip) => expect.objectContaining({ ip })), ports: [expect.objectContaining({ port: 80 })] })]);
    failNode(cluster, (podsOf(cluster)[0].spec as { nodeName: string }).nodeName);
    cluster.clock.advance(51_000);
    const subset = endpoints().subsets![0];
    expect(subset.addresses).toHaveLength(1);
    expect(subset.notReadyAddresses).toHaveLength(1);
  });
});

import { describe, expect, it } from "vitest";
import { DEFAULT_CLUSTER_CONFIG } from "../../../src/runtime/runtime-deps.js";
import { initialNodes } from "../../../src/runtime/nodes/initial-nodes.js";
import { internalIpForIndex, nodeIndexOf, podCidrForIndex } from "../../../src/runtime/nodes/node-addressing.js";

const NOW = Date.UTC(2026, 0, 1, 12, 30, 15, 500);

describe("initial nodes", () => {
  it("default: worker-1..3 with 4 CPU, 16Gi, 110 pods, Ready", () => {
    const nodes = initialNodes(DEFAULT_CLUSTER_CONFIG, NOW);
    expect(nodes.map((n) => n.metadata.name)).toEqual(["worker-1", "worker-2", "worker-3"]);
    const node = nodes[1];
    expect(node.metadata.labels).toEqual({
      "beta.kubernetes.io/arch": "amd64",
      "beta.kubernetes.io/os": "linux",
      "kubernetes.io/arch": "amd64",
      "kubernetes.io/hostname": "worker-2",
      "kubernetes.io/os": "linux",
    });
    expect(node.spec).toEqual({ podCIDR: "10.244.2.0/24", podCIDRs: ["10.244.2.0/24"] });
    const status = node.status as Record<string, any>;
    expect(status.capacity).toEqual({ cpu: "4", "ephemeral-storage": "100Gi", memory: "16Gi", pods: "110" });
    expect(status.allocatable).toEqual(status.capacity);
    expect(status.conditions).toEqual([
      { type: "MemoryPressure", status: "False", lastHeartbeatTime: "2026-01-01T12:30:15Z", lastTransitionTime: "2026-01-01T12:30:15Z", reason: "KubeletHasSufficientMemory", message: "kubelet has sufficient memory available" },
      { type: "DiskPressure", status: "False", lastHeartbeatTime: "2026-01-01T12:30:15Z", lastTransitionTime: "2026-01-01T12:30:15Z", reason: "KubeletHasNoDiskPressure", message: "kubelet has no disk pressure" },
      { type: "PIDPressure", status: "False", lastHeartbeatTime: "2026-01-01T12:30:15Z", lastTransitionTime: "2026-01-01T12:30:15Z", reason: "KubeletHasSufficientPID", message: "kubelet has sufficient PID available" },
      { type: "Ready", status: "True", lastHeartbeatTime: "2026-01-01T12:30:15Z", lastTransitionTime: "2026-01-01T12:30:15Z", reason: "KubeletReady", message: "kubelet is posting ready status" },
    ]);
    expect(status.addresses).toEqual([
      { type: "InternalIP", address: "172.18.0.3" },
      { type: "Hostname", address: "worker-2" },
    ]);
    expect(status.nodeInfo).toMatchObject({
      kernelVersion: "6.1.0-drydock",
      osImage: "Debian GNU/Linux 12 (bookworm)",
      containerRuntimeVersion: "containerd://1.7.15",
      kubeletVersion: "v1.30.0",
      kubeProxyVersion: "v1.30.0",
      operatingSystem: "linux",
      architecture: "amd64",
    });
    expect(status.nodeInfo.machineID).toMatch(/^[0-9a-f]{32}$/);
    expect(status.nodeInfo.systemUUID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(status.nodeInfo.bootID).not.toBe(status.nodeInfo.systemUUID);
    // Derived from the name: the same in every cluster, different between nodes.
    expect(initialNodes(DEFAULT_CLUSTER_CONFIG, 0)[1].status).toMatchObject({ nodeInfo: status.nodeInfo });
    expect((nodes[0].status as any).nodeInfo.machineID).not.toBe(status.nodeInfo.machineID);
  });

  it("shapes: labels, taints, a single named node, numbering across shapes", () => {
    const nodes = initialNodes(
      {
        ...DEFAULT_CLUSTER_CONFIG,
        nodes: [
          { name: "control-plane", count: 1, cpu: 2, memory: "8Gi", labels: { "node-role.kubernetes.io/control-plane": "" }, taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] },
          { name: "pool", count: 2, cpu: "8", memory: "32Gi", pods: 50, labels: { pool: "a" } },
          { name: "pool", count: 1 },
        ],
      },
      NOW,
    );
    expect(nodes.map((n) => [n.metadata.name, (n.spec as any).podCIDR])).toEqual([
      ["control-plane", "10.244.1.0/24"],
      ["pool-1", "10.244.2.0/24"],
      ["pool-2", "10.244.3.0/24"],
      ["pool-3", "10.244.4.0/24"],
    ]);
    expect(nodes[0].spec).toMatchObject({ taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] });
    expect(nodes[0].metadata.labels).toMatchObject({ "node-role.kubernetes.io/control-plane": "", "kubernetes.io/hostname": "control-plane" });
    expect((nodes[0].status as any).capacity).toEqual({ cpu: "2", "ephemeral-storage": "100Gi", memory: "8Gi", pods: "110" });
    expect((nodes[1].status as any).capacity).toMatchObject({ cpu: "8", memory: "32Gi", pods: "50" });
  });

  it("addresses stay valid past 255 nodes", () => {
    expect([podCidrForIndex(1), podCidrForIndex(255), podCidrForIndex(256), podCidrForIndex(1000)]).toEqual([
      "10.244.1.0/24",
      "10.244.255.0/24",
      "10.245.0.0/24",
      "10.247.232.0/24",
    ]);
    expect([internalIpForIndex(1), internalIpForIndex(254), internalIpForIndex(255), internalIpForIndex(1000)]).toEqual(["172.18.0.2", "172.18.0.255", "172.18.1.0", "172.18.3.233"]);
    for (const index of [1, 255, 256, 1000]) expect(nodeIndexOf({ apiVersion: "v1", kind: "Node", metadata: {}, spec: { podCIDR: podCidrForIndex(index) } })).toBe(index);
  });
});

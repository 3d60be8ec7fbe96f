// The benchmark runs 30,000 pods on 1,000 nodes: the kubelet must write each pod only when something
// visible changed, coalescing what happens at one instant, and each node only for a newly pulled image.
import { describe, expect, it } from "vitest";
import { create, kubeletCluster, node, pod } from "./kubelet-fixtures.js";

describe("kubelet: writes at scale", () => {
  it("writes a pod twice when it pulls (appearing, running) and once when the image is there", () => {
    const nodes = Array.from({ length: 300 }, (_, i) => node(`worker-${i + 1}`, i + 1));
    const k = kubeletCluster({ nodes });
    let nodeWrites = 0;
    k.cluster.store.watch({ group: "", kind: "Node" }, (event) => {
      if (event.type === "MODIFIED") nodeWrites++;
    });
    for (let i = 0; i < 600; i++) create(k, pod(`p${i}`, { node: `worker-${(i % 300) + 1}` }));
    k.cluster.clock.runUntilQuiet(k.t0 + 60_000);
    for (let i = 600; i < 900; i++) create(k, pod(`p${i}`, { node: `worker-${(i % 300) + 1}` }));
    const report = k.cluster.clock.runUntilQuiet(k.t0 + 120_000);
    expect(report.quiet).toBe(true);
    const pods = k.cluster.store.list({ group: "", kind: "Pod" });
    expect(pods.every((p) => (p.status as { phase?: string }).phase === "Running")).toBe(true);
    // Nodes past 255 carry into the next octet, as the nodes helper numbers them.
    expect(pods.find((p) => p.metadata.name === "p299")?.status).toMatchObject({ podIP: "10.245.44.2", hostIP: "172.18.1.45" });
    const writesPerPod = new Map<string, number>();
    for (const w of k.writes) writesPerPod.set(w.pod, (writesPerPod.get(w.pod) ?? 0) + 1);
    expect(new Set([...writesPerPod].filter(([name]) => Number(name.slice(1)) < 600).map(([, n]) => n))).toEqual(new Set([2]));
    expect(new Set([...writesPerPod].filter(([name]) => Number(name.slice(1)) >= 600).map(([, n]) => n))).toEqual(new Set([1]));
    expect(nodeWrites).toBe(300);
  });
});

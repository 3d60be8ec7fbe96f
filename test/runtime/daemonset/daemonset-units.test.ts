// The DaemonSet controller's pure rules: node eligibility, the automatic tolerations, the target
// node of a pod, and how maxUnavailable and maxSurge scale.
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { withDaemonTolerations } from "../../../src/runtime/workloads/daemonset/daemon-tolerations.js";
import { allowsSurge, scaledValue } from "../../../src/runtime/workloads/daemonset/daemonset-rolling.js";
import { nodeEligibility, placementOf, targetNodeName } from "../../../src/runtime/workloads/daemonset/node-eligibility.js";
import { FailedPodBackoff } from "../../../src/runtime/workloads/daemonset/failed-pod-backoff.js";
import { logAgent } from "./daemonset-helpers.js";

function node(name: string, options: { labels?: Record<string, string>; taints?: unknown[] } = {}): KubeObject {
  return { apiVersion: "v1", kind: "Node", metadata: { name, labels: { "kubernetes.io/hostname": name, ...options.labels } }, spec: options.taints ? { taints: options.taints } : {} };
}

describe("node eligibility (NodeShouldRunDaemonPod)", () => {
  const plain = placementOf(logAgent());

  it("runs on an untainted node, and stays but starts nothing where a NoSchedule taint is not tolerated", () => {
    expect(nodeEligibility(plain, node("a"))).toEqual({ shouldRun: true, shouldContinueRunning: true });
    expect(nodeEligibility(plain, node("a", { taints: [{ key: "gpu", effect: "NoSchedule" }] }))).toEqual({ shouldRun: false, shouldContinueRunning: true });
    expect(nodeEligibility(plain, node("a", { taints: [{ key: "gpu", effect: "PreferNoSchedule" }] }))).toEqual({ shouldRun: true, shouldContinueRunning: true });
  });

  it("leaves a node with an untolerated NoExecute taint, but not one that is just unreachable, cordoned or under pressure", () => {
    expect(nodeEligibility(plain, node("a", { taints: [{ key: "gpu", effect: "NoExecute" }] }))).toEqual({ shouldRun: false, shouldContinueRunning: false });
    expect(nodeEligibility(plain, node("a", { taints: [{ key: "node.kubernetes.io/unreachable", effect: "NoExecute" }] }))).toEqual({ shouldRun: true, shouldContinueRunning: true });
    for (const key of ["node.kubernetes.io/unschedulable", "node.kubernetes.io/memory-pressure", "node.kubernetes.io/disk-pressure", "node.kubernetes.io/pid-pressure"]) {
      expect(nodeEligibility(plain, node("a", { taints: [{ key, effect: "NoSchedule" }] }))).toEqual({ shouldRun: true, shouldContinueRunning: true });
    }
    // Only hostNetwork pods tolerate network-unavailable.
    const networkTaint = { taints: [{ key: "node.kubernetes.io/network-unavailable", effect: "NoSchedule" }] };
    expect(nodeEligibility(plain, node("a", networkTaint)).shouldRun).toBe(false);
    expect(nodeEligibility(placementOf(logAgent({ podSpec: { hostNetwork: true } })), node("a", networkTaint)).shouldRun).toBe(true);
  });

  it("matches nodeSelector, required node affinity (no terms: no node) and a template's nodeName", () => {
    const selecting = placementOf(logAgent({ podSpec: { nodeSelector: { disk: "ssd" } } }));
    expect(nodeEligibility(selecting, node("a", { labels: { disk: "ssd" } })).shouldRun).toBe(true);
    expect(nodeEligibility(selecting, node("a", { labels: { disk: "hdd" } }))).toEqual({ shouldRun: false, shouldContinueRunning: false });
    const noTerms = placementOf(logAgent({ podSpec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } } }));
    expect(nodeEligibility(noTerms, node("a")).shouldRun).toBe(false);
    const named = placementOf(logAgent({ podSpec: { nodeName: "b" } }));
    expect([nodeEligibility(named, node("a")).shouldRun, nodeEligibility(named, node("b")).shouldRun]).toEqual([false, true]);
  });

  it("finds a pod's node in spec.nodeName, else in its matchFields affinity", () => {
    const pod = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec });
    const pinned = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: ["w-2"] }] }] } } } };
    expect(targetNodeName(pod({ ...pinned, nodeName: "w-1" }))).toBe("w-1");
    expect(targetNodeName(pod(pinned))).toBe("w-2");
    expect(targetNodeName(pod({}))).toBeUndefined();
  });
});

describe("automatic tolerations", () => {
  it("keeps the pod's own tolerations first and replaces one with the same key, operator, value and effect", () => {
    const tolerations = withDaemonTolerations({
      tolerations: [
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 10 },
        { key: "node.kubernetes.io/not-ready", operator: "Equal", effect: "NoExecute" },
      ],
    });
    expect(tolerations.slice(0, 3)).toEqual([
      { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
      { key: "node.kubernetes.io/not-ready", operator: "Equal", effect: "NoExecute" },
      // A different operator is a different toleration: the Exists one is added.
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
    ]);
    expect(tolerations).toHaveLength(7);
  });
});

describe("rolling-update arithmetic", () => {
  it("scales percents of the desired nodes rounding up, as UnavailableCount and SurgeCount do", () => {
    expect(scaledValue("34%", 3, true)).toBe(2);
    expect(scaledValue("10%", 3, true)).toBe(1);
    expect(scaledValue("0%", 3, true)).toBe(0);
    expect(scaledValue(2, 3, true)).toBe(2);
    expect(scaledValue(undefined, 3, true)).toBe(0);
  });

  it("allows surge for any non-zero maxSurge of a RollingUpdate set", () => {
    expect(allowsSurge(logAgent({ spec: { updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "1%" } } } }))).toBe(true);
    expect(allowsSurge(logAgent({ spec: { updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } } }))).toBe(false);
    expect(allowsSurge(logAgent({ spec: { updateStrategy: { type: "OnDelete", rollingUpdate: { maxSurge: 1 } } } }))).toBe(false);
  });

  it("backs off failed-pod deletions from 1 s, doubling up to 15 min, and starts over after a quiet half hour", () => {
    const backoff = new FailedPodBackoff();
    backoff.next("ds/n", 0);
    expect([backoff.inBackoff("ds/n", 999), backoff.inBackoff("ds/n", 1_000), backoff.delay("ds/n")]).toEqual([true, false, 1_000]);
    let at = 1_000;
    for (let i = 0; i < 12; i++, at += 1_000) backoff.next("ds/n", at);
    expect(backoff.delay("ds/n")).toBe(15 * 60_000);
    backoff.next("ds/n", at + 30 * 60_000 + 1);
    expect(backoff.delay("ds/n")).toBe(1_000);
  });
});

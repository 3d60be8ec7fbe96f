// Pod READY, STATUS and RESTARTS cells, rule by rule as printPod computes them.
import { describe, expect, it } from "vitest";
import { podCells, podWideCells } from "../../../src/cli/output/kube/pod-cells.js";

const NOW = Date.UTC(2026, 0, 1, 1, 0, 0);
type Json = Record<string, unknown>;

function pod(spec: Json, status: Json, metadata: Json = {}): Json {
  return { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default", creationTimestamp: "2026-01-01T00:00:00Z", ...metadata }, spec, status };
}
const one = { containers: [{ name: "app", image: "x" }] };
const two = { containers: [{ name: "a", image: "x" }, { name: "b", image: "x" }] };
const running = (name: string, ready = true, restartCount = 0, extra: Json = {}): Json => ({ name, ready, restartCount, state: { running: { startedAt: "2026-01-01T00:00:00Z" } }, ...extra });
const waiting = (name: string, reason: string, restartCount = 0, extra: Json = {}): Json => ({ name, ready: false, restartCount, state: { waiting: { reason } }, ...extra });
const terminated = (name: string, t: Json): Json => ({ name, ready: false, restartCount: 0, state: { terminated: t } });

describe("pod STATUS", () => {
  it("is the phase, or status.reason when set", () => {
    expect(podCells(pod(one, { phase: "Pending" }), NOW).status).toBe("Pending");
    expect(podCells(pod(one, { phase: "Failed", reason: "Evicted" }), NOW).status).toBe("Evicted");
  });

  it("is SchedulingGated for a gated pod", () => {
    expect(podCells(pod(one, { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated" }] }), NOW).status).toBe("SchedulingGated");
  });

  it("takes waiting and terminated reasons, scanning containers last to first", () => {
    expect(podCells(pod(one, { phase: "Pending", containerStatuses: [waiting("app", "ContainerCreating")] }), NOW).status).toBe("ContainerCreating");
    expect(podCells(pod(one, { phase: "Running", containerStatuses: [waiting("app", "CrashLoopBackOff", 4)] }), NOW).status).toBe("CrashLoopBackOff");
    // the first container's reason is seen last and wins
    expect(podCells(pod(two, { phase: "Pending", containerStatuses: [waiting("a", "ImagePullBackOff"), waiting("b", "ErrImagePull")] }), NOW).status).toBe("ImagePullBackOff");
    expect(podCells(pod(one, { phase: "Failed", containerStatuses: [terminated("app", { exitCode: 137, reason: "OOMKilled" })] }), NOW).status).toBe("OOMKilled");
  });

  it("prints ExitCode:N or Signal:N for terminations without a reason", () => {
    expect(podCells(pod(one, { phase: "Failed", containerStatuses: [terminated("app", { exitCode: 3 })] }), NOW).status).toBe("ExitCode:3");
    expect(podCells(pod(one, { phase: "Failed", containerStatuses: [terminated("app", { exitCode: 0, signal: 9 })] }), NOW).status).toBe("Signal:9");
  });

  it("turns Completed back into Running (or NotReady) while a container still runs", () => {
    const status = (ready: boolean): Json => ({
      phase: "Running",
      conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
      containerStatuses: [running("a"), terminated("b", { exitCode: 0, reason: "Completed" })],
    });
    expect(podCells(pod(two, status(true)), NOW).status).toBe("Running");
    expect(podCells(pod(two, status(false)), NOW).status).toBe("NotReady");
  });

  it("reports init containers as Init:i/n, Init:<reason>, Init:ExitCode:N", () => {
    const spec = { ...one, initContainers: [{ name: "i1", image: "x" }, { name: "i2", image: "x" }] };
    const done = terminated("i1", { exitCode: 0, reason: "Completed" });
    expect(podCells(pod(spec, { phase: "Pending", initContainerStatuses: [done, { name: "i2", state: { running: {} } }], containerStatuses: [waiting("app", "PodInitializing")] }), NOW).status).toBe("Init:1/2");
    expect(podCells(pod(spec, { phase: "Pending", initContainerStatuses: [waiting("i1", "CrashLoopBackOff"), waiting("i2", "PodInitializing")] }), NOW).status).toBe("Init:CrashLoopBackOff");
    expect(podCells(pod(spec, { phase: "Pending", initContainerStatuses: [terminated("i1", { exitCode: 2 })] }), NOW).status).toBe("Init:ExitCode:2");
    expect(podCells(pod(spec, { phase: "Pending", initContainerStatuses: [terminated("i1", { exitCode: 1, reason: "Error" })] }), NOW).status).toBe("Init:Error");
    expect(podCells(pod(spec, { phase: "Pending", initContainerStatuses: [waiting("i1", "PodInitializing")] }), NOW).status).toBe("Init:0/2");
  });

  it("counts running sidecars (restartable init containers) as containers", () => {
    const spec = { ...one, initContainers: [{ name: "proxy", image: "x", restartPolicy: "Always" }] };
    const cells = podCells(pod(spec, { phase: "Running", conditions: [{ type: "Initialized", status: "True" }], initContainerStatuses: [{ ...running("proxy"), started: true }], containerStatuses: [running("app")] }), NOW);
    expect(cells).toMatchObject({ ready: "2/2", status: "Running" });
  });

  it("is Terminating once deleted, Unknown when the node was lost, and keeps a finished phase", () => {
    const deleted = { deletionTimestamp: "2026-01-01T00:59:00Z" };
    expect(podCells(pod(one, { phase: "Running", containerStatuses: [running("app")] }, deleted), NOW).status).toBe("Terminating");
    expect(podCells(pod(one, { phase: "Running", reason: "NodeLost" }, deleted), NOW).status).toBe("Unknown");
    expect(podCells(pod(one, { phase: "Succeeded", containerStatuses: [terminated("app", { exitCode: 0, reason: "Completed" })] }, deleted), NOW).status).toBe("Completed");
  });
});

describe("pod READY and RESTARTS", () => {
  it("counts ready running containers of all", () => {
    expect(podCells(pod(two, { phase: "Running", containerStatuses: [running("a"), running("b", false)] }), NOW).ready).toBe("1/2");
    expect(podCells(pod(two, { phase: "Pending" }), NOW).ready).toBe("0/2");
  });

  it("prints N (age ago) of the last termination when containers restarted", () => {
    const lastState = { terminated: { exitCode: 1, reason: "Error", finishedAt: "2026-01-01T00:55:00Z" } };
    expect(podCells(pod(one, { phase: "Running", containerStatuses: [running("app", true, 3, { lastState })] }), NOW).restarts).toBe("3 (5m ago)");
    expect(podCells(pod(one, { phase: "Running", containerStatuses: [running("app", true, 2)] }), NOW).restarts).toBe("2");
    expect(podCells(pod(one, { phase: "Running", containerStatuses: [running("app")] }), NOW).restarts).toBe("0");
  });

  it("fills the wide columns with <none> until the pod has an IP and a node", () => {
    expect(podWideCells(pod(one, { phase: "Pending" }))).toEqual(["<none>", "<none>", "<none>", "<none>"]);
    const spec = { ...one, nodeName: "worker-1", readinessGates: [{ conditionType: "x/ready" }, { conditionType: "y/ready" }] };
    expect(podWideCells(pod(spec, { phase: "Running", podIPs: [{ ip: "10.244.1.2" }], conditions: [{ type: "x/ready", status: "True" }] }))).toEqual(["10.244.1.2", "worker-1", "<none>", "1/2"]);
  });
});

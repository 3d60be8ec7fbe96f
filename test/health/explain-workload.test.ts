// explainWorkload: a stuck workload's pods, counted by what is wrong with them.
import { describe, expect, it } from "vitest";
import { explainWorkload, podProblem } from "../../src/health/index.js";
import { deployment, pod, waiting } from "./health-fixtures.js";

const deadline = deployment({
  replicas: 4,
  updatedReplicas: 2,
  availableReplicas: 2,
  conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: 'ReplicaSet "web-7d9" has timed out progressing.' }],
});
const running = (name: string) => pod(name, { phase: "Running", conditions: [{ type: "Ready", status: "True" }], containerStatuses: [{ name: "web", ready: true, restartCount: 0, state: { running: {} } }] });
const pullBackOff = (name: string, image: string) => pod(name, { phase: "Pending", containerStatuses: [waiting("ImagePullBackOff", `Back-off pulling image "${image}"`)] });

describe("explainWorkload", () => {
  it("counts pods by reason, with the first pod's message, after the workload's health", () => {
    const pods = [running("web-old-a"), pullBackOff("web-new-b", "nginx:1.91"), running("web-old-c"), pullBackOff("web-new-a", "nginx:1.91")];
    const explained = explainWorkload(deadline, pods);
    expect(explained.health).toMatchObject({ status: "Degraded", reason: "ProgressDeadlineExceeded" });
    expect(explained.pods).toBe('2 pods ImagePullBackOff (Back-off pulling image "nginx:1.91")');
    expect(explained.summary).toBe('Degraded: ProgressDeadlineExceeded — 2 pods ImagePullBackOff (Back-off pulling image "nginx:1.91")');
    expect(explained.problems).toEqual([
      { reason: "ImagePullBackOff", count: 2, message: 'Back-off pulling image "nginx:1.91"', example: "web-new-a", pods: ["web-new-a", "web-new-b"] },
    ]);
  });

  it("lists several reasons, most pods first, then by reason; the result does not depend on pod order", () => {
    const crash = (name: string) => pod(name, { phase: "Running", containerStatuses: [waiting("CrashLoopBackOff", "Back-off 5m0s restarting failed container=web")] });
    const pods = [crash("c"), pullBackOff("b", "x:1"), crash("a"), pod("d", { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", message: "0/3 nodes are available: 3 Insufficient cpu." }] })];
    const text = "2 pods CrashLoopBackOff (Back-off 5m0s restarting failed container=web), 1 pod ImagePullBackOff (Back-off pulling image \"x:1\"), 1 pod Unschedulable (0/3 nodes are available: 3 Insufficient cpu.)";
    expect(explainWorkload(deadline, pods).pods).toBe(text);
    expect(explainWorkload(deadline, [...pods].reverse()).pods).toBe(text);
  });

  it("says nothing about pods when none has a problem, and handles a missing workload", () => {
    expect(explainWorkload(deadline, [running("a")])).toMatchObject({ pods: "", problems: [], summary: "Degraded: ProgressDeadlineExceeded" });
    expect(explainWorkload(undefined, []).summary).toBe("Missing: NotFound");
  });
});

describe("podProblem", () => {
  it("finds the first thing keeping a pod from running", () => {
    expect(podProblem(pod("a", { phase: "Failed", reason: "Evicted", message: "The node was low on resource: memory." }))).toEqual({ reason: "Evicted", message: "The node was low on resource: memory." });
    const initStuck = pod("a", { phase: "Pending", initContainerStatuses: [{ name: "init", state: { waiting: { reason: "CrashLoopBackOff" } } }], containerStatuses: [waiting("PodInitializing")] });
    expect(podProblem(initStuck)).toEqual({ reason: "CrashLoopBackOff" });
    const oom = pod("a", { phase: "Running", containerStatuses: [{ name: "web", state: { terminated: { reason: "OOMKilled", exitCode: 137 } } }] });
    expect(podProblem(oom)).toEqual({ reason: "OOMKilled", message: 'container "web" was killed for exceeding its memory limit (OOMKilled)' });
    const unready = pod("a", { phase: "Running", conditions: [{ type: "Ready", status: "False", reason: "ContainersNotReady", message: "containers with unready status: [web]" }], containerStatuses: [{ name: "web", state: { running: {} } }] });
    expect(podProblem(unready)).toEqual({ reason: "ContainersNotReady", message: "containers with unready status: [web]" });
  });

  it("ordinary start-up and success are not problems", () => {
    expect(podProblem(pod("a", { phase: "Pending", containerStatuses: [waiting("ContainerCreating")] }))).toBeUndefined();
    expect(podProblem(pod("a", { phase: "Succeeded", containerStatuses: [{ name: "web", state: { terminated: { reason: "Completed", exitCode: 0 } } }] }, "Never"))).toBeUndefined();
  });
});

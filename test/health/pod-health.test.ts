// Pod health (gitops-anchors §1d): restart policy decides whether a stuck container degrades the pod.
import { describe, expect, it } from "vitest";
import { healthOf, isErrorWaitingReason } from "../../src/health/index.js";
import { pod, ready, waiting } from "./health-fixtures.js";

describe("Pod", () => {
  it("Err*, *Error and *BackOff waiting reasons are errors; start-up reasons are not", () => {
    for (const reason of ["ErrImagePull", "ImagePullBackOff", "CrashLoopBackOff", "CreateContainerConfigError", "ErrInvalidImageName"]) {
      expect(isErrorWaitingReason(reason)).toBe(true);
    }
    for (const reason of ["ContainerCreating", "PodInitializing", undefined]) expect(isErrorWaitingReason(reason)).toBe(false);
  });

  it("restartPolicy Always: an ImagePullBackOff container is Degraded with its waiting message", () => {
    const stuck = pod("web-1", { phase: "Pending", containerStatuses: [waiting("ImagePullBackOff", 'Back-off pulling image "nginx:1.91"')] });
    expect(healthOf(stuck)).toEqual({ status: "Degraded", reason: "ImagePullBackOff", message: 'Back-off pulling image "nginx:1.91"' });
  });

  it("several stuck containers: the first one's reason, every message", () => {
    const two = pod("web-1", {
      phase: "Pending",
      containerStatuses: [waiting("ErrImagePull", 'failed to pull "a:1"'), { ...waiting("CrashLoopBackOff", "Back-off 10s restarting failed container"), name: "side" }],
    });
    expect(healthOf(two)).toEqual({ status: "Degraded", reason: "ErrImagePull", message: 'failed to pull "a:1", Back-off 10s restarting failed container' });
  });

  it("a missing restartPolicy means Always, the API server's default", () => {
    const stuck = pod("web-1", { phase: "Pending", containerStatuses: [waiting("CrashLoopBackOff")] });
    delete (stuck.spec as { restartPolicy?: string }).restartPolicy;
    expect(healthOf(stuck)).toEqual({ status: "Degraded", reason: "CrashLoopBackOff", message: 'container "web" is waiting: CrashLoopBackOff' });
  });

  it("restartPolicy Never/OnFailure (Jobs, hooks): a back-off is still progress, until the pod ends", () => {
    const hook = pod("hook", { phase: "Pending", containerStatuses: [waiting("ImagePullBackOff", "Back-off")] }, "Never");
    expect(healthOf(hook).status).toBe("Progressing");
    expect(healthOf(pod("hook", { phase: "Running", conditions: ready(true) }, "OnFailure")).status).toBe("Progressing");
    expect(healthOf(pod("hook", { phase: "Succeeded" }, "Never")).status).toBe("Healthy");
  });

  it("Pending shows the scheduler's verdict", () => {
    const unschedulable = pod("web-1", { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", message: "0/3 nodes are available: 3 Insufficient cpu." }] });
    expect(healthOf(unschedulable)).toEqual({ status: "Progressing", reason: "Unschedulable", message: "0/3 nodes are available: 3 Insufficient cpu." });
    expect(healthOf(pod("web-1", {})).status).toBe("Progressing");
  });

  it("Failed is Degraded: the pod's message first (eviction), else the failing container", () => {
    expect(healthOf(pod("web-1", { phase: "Failed", reason: "Evicted", message: "The node was low on resource: memory." }))).toEqual({
      status: "Degraded",
      reason: "Evicted",
      message: "The node was low on resource: memory.",
    });
    const oom = pod("web-1", { phase: "Failed", containerStatuses: [{ name: "web", state: { terminated: { reason: "OOMKilled", exitCode: 137 } } }] }, "Never");
    expect(healthOf(oom)).toEqual({ status: "Degraded", reason: "OOMKilled", message: 'container "web" was killed for exceeding its memory limit (OOMKilled)' });
    expect(healthOf(pod("web-1", { phase: "Failed" })).status).toBe("Degraded");
  });

  it("Running with Always: Ready is Healthy; not ready after a crash is Degraded; not ready yet is Progressing", () => {
    expect(healthOf(pod("web-1", { phase: "Running", conditions: ready(true) }))).toEqual({ status: "Healthy" });
    const crashed = pod("web-1", {
      phase: "Running",
      conditions: ready(false),
      containerStatuses: [{ name: "web", ready: false, restartCount: 1, state: { running: {} }, lastState: { terminated: { reason: "Error", exitCode: 2 } } }],
    });
    expect(healthOf(crashed)).toEqual({ status: "Degraded", reason: "Error", message: 'container "web" failed with exit code 2' });
    const starting = pod("web-1", { phase: "Running", conditions: [{ type: "Ready", status: "False", reason: "ContainersNotReady", message: "containers with unready status: [web]" }] });
    expect(healthOf(starting)).toEqual({ status: "Progressing", reason: "ContainersNotReady", message: "containers with unready status: [web]" });
  });

  it("an unknown phase is Unknown", () => {
    expect(healthOf(pod("web-1", { phase: "Unknown" })).status).toBe("Unknown");
  });
});

import { describe, expect, it } from "vitest";
import { at, condition, container, create, kubeletCluster, node, pod, runTo, status, timeline } from "./kubelet-fixtures.js";

const present = () => kubeletCluster({ nodes: [node("worker-1", 1, { images: ["nginx:1.25"] })] });

describe("kubelet: readiness", () => {
  it("is ready at start without a readiness probe", () => {
    const k = present();
    create(k, pod("web"));
    runTo(k, 0);
    expect(container(k, "web").ready).toBe(true);
    expect(condition(status(k, "web"), "Ready")).toMatchObject({ status: "True", lastTransitionTime: at(k, 0) });
  });

  it("turns ready at start + initialDelaySeconds of the readiness probe", () => {
    const k = present();
    create(k, pod("web", { containers: [{ name: "c", image: "nginx:1.25", readinessProbe: { httpGet: { port: 80 }, initialDelaySeconds: 5, periodSeconds: 10 } }] }));
    runTo(k, 4.999);
    expect(status(k, "web").phase).toBe("Running");
    expect(container(k, "web")).toMatchObject({ started: true, ready: false });
    expect(condition(status(k, "web"), "ContainersReady")).toMatchObject({ status: "False", reason: "ContainersNotReady", message: "containers with unready status: [c]" });
    runTo(k, 5);
    expect(container(k, "web").ready).toBe(true);
    expect(condition(status(k, "web"), "Ready")).toMatchObject({ status: "True", lastTransitionTime: at(k, 5) });
    expect(condition(status(k, "web"), "ContainersReady")).toMatchObject({ status: "True", lastTransitionTime: at(k, 5) });
  });

  it("takes ready-after over the probe's delay", () => {
    const k = present();
    create(
      k,
      pod("web", {
        annotations: { "sim.drydock.dev/ready-after": "12s" },
        containers: [{ name: "c", image: "nginx:1.25", readinessProbe: { httpGet: { port: 80 }, initialDelaySeconds: 5 } }],
      }),
    );
    runTo(k, 11);
    expect(container(k, "web").ready).toBe(false);
    runTo(k, 12);
    expect(container(k, "web").ready).toBe(true);
    expect(k.writes.map((w) => w.t)).toEqual([0, 12]);
  });

  it("counts ready-after from each container's start, so a pod is ready when its last container is", () => {
    const k = present();
    create(
      k,
      pod("two", {
        annotations: { "sim.drydock.dev/ready-after.a": "3s", "sim.drydock.dev/ready-after.b": "8s" },
        containers: [
          { name: "a", image: "nginx:1.25" },
          { name: "b", image: "nginx:1.25" },
        ],
      }),
    );
    runTo(k, 3);
    expect(condition(status(k, "two"), "Ready")?.message).toBe("containers with unready status: [b]");
    runTo(k, 8);
    expect(condition(status(k, "two"), "Ready")).toMatchObject({ status: "True", lastTransitionTime: at(k, 8) });
  });

  it("turns NotReady when the readiness probe fails failureThreshold times, and keeps the container running", () => {
    const k = present();
    create(
      k,
      pod("web", {
        annotations: { "sim.drydock.dev/readiness-fail-after": "1m" },
        containers: [{ name: "c", image: "nginx:1.25", readinessProbe: { httpGet: { port: 80 }, periodSeconds: 10, failureThreshold: 3 } }],
      }),
    );
    runTo(k, 79);
    expect(container(k, "web").ready).toBe(true);
    runTo(k, 80);
    expect(container(k, "web")).toMatchObject({ ready: false, state: { running: {} } });
    expect(condition(status(k, "web"), "Ready")).toMatchObject({ status: "False", reason: "ContainersNotReady", lastTransitionTime: at(k, 80) });
    expect(timeline(k, "web").slice(3)).toEqual([
      "60 Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 500",
      "70 Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 500",
      "80 Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 500",
    ]);
    expect(k.cluster.clock.runUntilQuiet(k.t0 + 3_600_000).quiet).toBe(true);
  });

  it("holds started false until the startup probe's initial delay", () => {
    const k = present();
    create(k, pod("slow", { containers: [{ name: "c", image: "nginx:1.25", startupProbe: { httpGet: { port: 80 }, initialDelaySeconds: 20 } }] }));
    runTo(k, 0);
    expect(container(k, "slow")).toMatchObject({ started: false, ready: false });
    runTo(k, 20);
    expect(container(k, "slow")).toMatchObject({ started: true, ready: true });
  });
});

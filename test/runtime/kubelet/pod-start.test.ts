import { describe, expect, it } from "vitest";
import { ImageRegistry } from "../../../src/runtime/registry/image-registry.js";
import { parseImageReference } from "../../../src/runtime/registry/image-reference.js";
import { at, condition, container, create, kubeletCluster, node, pod, runTo, status, timeline } from "./kubelet-fixtures.js";

function facts(image: string) {
  const parsed = parseImageReference(image);
  if (!parsed.ok) throw new Error(image);
  return new ImageRegistry(undefined).describe(parsed.reference);
}

describe("kubelet: starting a pod", () => {
  it("shows the pod Pending and ContainerCreating at once, pulls, then creates, starts and readies the container", () => {
    const k = kubeletCluster();
    create(k, pod("web", { annotations: { "sim.drydock.dev/pull-duration": "2.5s" } }));
    runTo(k, 0);
    const pending = status(k, "web");
    expect(pending.phase).toBe("Pending");
    expect(pending.hostIP).toBe("172.18.0.2");
    expect(pending.hostIPs).toEqual([{ ip: "172.18.0.2" }]);
    expect(pending.podIP).toBe("10.244.1.2");
    expect(pending.podIPs).toEqual([{ ip: "10.244.1.2" }]);
    expect(pending.startTime).toBe(at(k, 0));
    expect(pending.conditions?.map((c) => [c.type, c.status, c.reason ?? ""])).toEqual([
      ["PodReadyToStartContainers", "True", ""],
      ["Initialized", "True", ""],
      ["Ready", "False", "ContainersNotReady"],
      ["ContainersReady", "False", "ContainersNotReady"],
    ]);
    expect(condition(pending, "Ready")?.message).toBe("containers with unready status: [c]");
    expect(pending.containerStatuses).toEqual([
      { name: "c", state: { waiting: { reason: "ContainerCreating" } }, lastState: {}, ready: false, restartCount: 0, image: "nginx:1.25", imageID: "", started: false },
    ]);

    runTo(k, 2.4);
    expect(status(k, "web").phase).toBe("Pending");
    runTo(k, 2.5);
    const running = status(k, "web");
    expect(running.phase).toBe("Running");
    const cs = container(k, "web");
    expect(cs.state).toEqual({ running: { startedAt: at(k, 2) } });
    expect(cs.ready).toBe(true);
    expect(cs.started).toBe(true);
    expect(cs.image).toBe("docker.io/library/nginx:1.25");
    expect(cs.imageID).toBe(facts("nginx:1.25").imageId);
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(condition(running, "Ready")).toEqual({ type: "Ready", status: "True", lastProbeTime: null, lastTransitionTime: at(k, 2) });
    expect(condition(running, "ContainersReady")?.status).toBe("True");

    expect(timeline(k, "web")).toEqual([
      '0 Pulling: Pulling image "nginx:1.25"',
      `2.5 Pulled: Successfully pulled image "nginx:1.25" in 2.5s (2.5s including waiting). Image size: ${facts("nginx:1.25").sizeBytes} bytes.`,
      "2.5 Created: Created container c",
      "2.5 Started: Started container c",
    ]);
    // One write when the pod appears, one when it runs.
    expect(k.writes.filter((w) => w.pod === "web").map((w) => w.t)).toEqual([0, 2.5]);
    const events = k.cluster.store.list({ group: "", kind: "Event" });
    expect(events.every((e) => (e.source as { component: string; host: string }).host === "worker-1")).toBe(true);
    expect(events.map((e) => (e.involvedObject as { fieldPath?: string }).fieldPath)).toEqual(Array(4).fill("spec.containers{c}"));
  });

  it("takes a deterministic 1–4 s to pull an image and records it on the node", () => {
    const k = kubeletCluster();
    create(k, pod("web", { image: "redis:7.2" }));
    k.cluster.clock.runUntilQuiet(k.t0 + 60_000);
    const pullMs = facts("redis:7.2").pullMs;
    expect(pullMs).toBeGreaterThanOrEqual(1000);
    expect(pullMs).toBeLessThan(4000);
    const pulled = k.log.find((e) => e.reason === "Pulled");
    expect(pulled?.t).toBe(pullMs / 1000);
    const images = (k.cluster.store.get({ group: "", kind: "Node", name: "worker-1" })?.status as { images: unknown[] }).images;
    expect(images).toEqual([{ names: [facts("redis:7.2").imageId, "docker.io/library/redis:7.2"], sizeBytes: facts("redis:7.2").sizeBytes }]);
  });

  it("uses an image already on the node at once: one status write for Created, Started, Running and Ready", () => {
    const k = kubeletCluster();
    create(k, pod("first", { annotations: { "sim.drydock.dev/pull-duration": "3s" } }));
    runTo(k, 10);
    create(k, pod("second"));
    runTo(k, 10);
    expect(timeline(k, "second")).toEqual([
      '10 Pulled: Container image "nginx:1.25" already present on machine',
      "10 Created: Created container c",
      "10 Started: Started container c",
    ]);
    expect(k.writes.filter((w) => w.pod === "second").map((w) => [w.t, w.status.phase, condition(w.status, "Ready")?.status])).toEqual([[10, "Running", "True"]]);
    expect(status(k, "second").podIP).toBe("10.244.1.3");
  });

  it("joins a pull already under way on the node", () => {
    const k = kubeletCluster();
    create(k, pod("a", { annotations: { "sim.drydock.dev/pull-duration": "3s" } }));
    runTo(k, 1);
    create(k, pod("b"));
    runTo(k, 5);
    expect(timeline(k, "b")).toEqual([
      '1 Pulling: Pulling image "nginx:1.25"',
      `3 Pulled: Successfully pulled image "nginx:1.25" in 2s (2s including waiting). Image size: ${facts("nginx:1.25").sizeBytes} bytes.`,
      "3 Created: Created container c",
      "3 Started: Started container c",
    ]);
  });

  it("pulls `Always` images every time, at no cost once they are on the node", () => {
    const k = kubeletCluster({ nodes: [node("worker-1", 1, { images: ["docker.io/library/nginx:latest"] })] });
    create(k, pod("web", { image: "nginx" }));
    runTo(k, 0);
    expect(timeline(k, "web")).toEqual([
      '0 Pulling: Pulling image "nginx"',
      `0 Pulled: Successfully pulled image "nginx" in 0s (0s including waiting). Image size: ${facts("nginx").sizeBytes} bytes.`,
      "0 Created: Created container c",
      "0 Started: Started container c",
    ]);
  });

  it("fails an image that is not on the node under policy Never", () => {
    const k = kubeletCluster();
    create(k, pod("web", { containers: [{ name: "c", image: "nginx:1.25", imagePullPolicy: "Never" }] }));
    runTo(k, 0);
    expect(container(k, "web").state).toEqual({ waiting: { reason: "ErrImageNeverPull", message: 'Container image "nginx:1.25" is not present with pull policy of Never' } });
    expect(timeline(k, "web")).toEqual(['0 ErrImageNeverPull: Container image "nginx:1.25" is not present with pull policy of Never', "0 Failed: Error: ErrImageNeverPull"]);
  });

  it("reports an image name that does not parse", () => {
    const k = kubeletCluster();
    create(k, pod("web", { image: "Nginx:1.25" }));
    runTo(k, 0);
    expect(container(k, "web").state).toEqual({
      waiting: { reason: "InvalidImageName", message: 'Failed to apply default image tag "Nginx:1.25": couldn\'t parse image name "Nginx:1.25": invalid reference format' },
    });
    expect(timeline(k, "web").map((line) => line.split(":")[0])).toEqual(["0 InspectFailed", "0 Failed"]);
  });

  it("ignores pods that are not bound, bound to unknown nodes, or finished", () => {
    const k = kubeletCluster();
    const unbound = pod("unbound");
    delete (unbound.spec as { nodeName?: string }).nodeName;
    create(k, unbound);
    create(k, pod("elsewhere", { node: "worker-9" }));
    const done = pod("done");
    done.status = { phase: "Succeeded" };
    create(k, done);
    runTo(k, 30);
    expect(k.log).toEqual([]);
    expect(k.writes).toEqual([]);
  });
});

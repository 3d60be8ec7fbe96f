import { describe, expect, it } from "vitest";
import { condition, container, create, getPod, kubeletCluster, node, pod, runTo, stateOf, status, timeline } from "./kubelet-fixtures.js";

const present = (...more: ReturnType<typeof node>[]) => kubeletCluster({ nodes: [node("worker-1", 1, { images: ["nginx:1.25", "busybox:1.36"] }), ...more] });
const ref = (name: string) => ({ group: "", kind: "Pod", namespace: "default", name });

describe("kubelet: deleting pods", () => {
  it("stops the containers and removes the pod at once by default", () => {
    const k = present();
    create(k, pod("web", { containers: [{ name: "a", image: "nginx:1.25" }, { name: "b", image: "nginx:1.25" }] }));
    runTo(k, 10);
    expect(k.cluster.store.delete(ref("web"))).toMatchObject({ ok: true, outcome: "pending" });
    expect(getPod(k, "web")?.metadata.deletionTimestamp).toBeDefined();
    runTo(k, 10);
    expect(getPod(k, "web")).toBeUndefined();
    expect(timeline(k, "web").slice(-2)).toEqual(["10 Killing: Stopping container a", "10 Killing: Stopping container b"]);
  });

  it("takes the hinted shutdown time, capped at the grace period", () => {
    const k = present();
    create(k, pod("slow", { annotations: { "sim.drydock.dev/shutdown-duration": "5s" } }));
    create(k, pod("capped", { annotations: { "sim.drydock.dev/shutdown-duration": "1m" }, terminationGracePeriodSeconds: 2 }));
    runTo(k, 10);
    k.cluster.store.delete(ref("slow"));
    k.cluster.store.delete(ref("capped"));
    runTo(k, 11.999);
    expect(getPod(k, "capped")).toBeDefined();
    runTo(k, 12);
    expect(getPod(k, "capped")).toBeUndefined();
    runTo(k, 14.999);
    expect(getPod(k, "slow")).toBeDefined();
    runTo(k, 15);
    expect(getPod(k, "slow")).toBeUndefined();
  });

  it("hands out pod IPs from the node's CIDR, lowest free first, and reuses freed ones", () => {
    const k = present(node("worker-2", 2));
    for (const name of ["a", "b", "c"]) create(k, pod(name));
    create(k, pod("other", { node: "worker-2" }));
    runTo(k, 0);
    expect(["a", "b", "c"].map((name) => status(k, name).podIP)).toEqual(["10.244.1.2", "10.244.1.3", "10.244.1.4"]);
    expect(status(k, "other")).toMatchObject({ podIP: "10.244.2.2", hostIP: "172.18.0.3" });
    k.cluster.store.delete(ref("b"));
    runTo(k, 1);
    create(k, pod("d"));
    create(k, pod("e"));
    runTo(k, 1);
    expect(status(k, "d").podIP).toBe("10.244.1.3");
    expect(status(k, "e").podIP).toBe("10.244.1.5");
  });
});

describe("kubelet: init containers", () => {
  it("runs init containers one after another to Completed before the containers", () => {
    const k = present();
    create(
      k,
      pod("app", {
        annotations: { "sim.drydock.dev/run-duration.migrate": "5s" },
        initContainers: [
          { name: "wait", image: "busybox:1.36" },
          { name: "migrate", image: "busybox:1.36" },
        ],
      }),
    );
    runTo(k, 0);
    let s = status(k, "app");
    expect(s.phase).toBe("Pending");
    expect(s.initContainerStatuses?.map(stateOf)).toEqual(["terminated:Completed", "PodInitializing"]);
    expect(s.initContainerStatuses?.[0]).toMatchObject({ ready: true, restartCount: 0 });
    expect(s.containerStatuses?.map(stateOf)).toEqual(["PodInitializing"]);
    expect(condition(s, "Initialized")).toMatchObject({ status: "False", reason: "ContainersNotInitialized", message: "containers with incomplete status: [migrate]" });
    runTo(k, 1);
    expect(status(k, "app").initContainerStatuses?.map(stateOf)).toEqual(["terminated:Completed", "running"]);
    runTo(k, 6);
    s = status(k, "app");
    expect(s.initContainerStatuses?.map(stateOf)).toEqual(["terminated:Completed", "terminated:Completed"]);
    expect(condition(s, "Initialized")?.status).toBe("True");
    expect(s.containerStatuses?.map(stateOf)).toEqual(["PodInitializing"]);
    runTo(k, 7);
    expect(status(k, "app").phase).toBe("Running");
    expect(timeline(k, "app").map((line) => line.replace(/: .*/, ""))).toEqual([
      "0 Pulled",
      "0 Created",
      "0 Started",
      "1 Pulled",
      "1 Created",
      "1 Started",
      "7 Pulled",
      "7 Created",
      "7 Started",
    ]);
  });

  it("fails the pod when an init container fails under restartPolicy Never", () => {
    const k = present();
    create(k, pod("app", { restartPolicy: "Never", annotations: { "sim.drydock.dev/crash-after.init": "2s" }, initContainers: [{ name: "init", image: "busybox:1.36" }] }));
    runTo(k, 10);
    const s = status(k, "app");
    expect(s.phase).toBe("Failed");
    expect(s.containerStatuses?.map(stateOf)).toEqual(["PodInitializing"]);
  });
});

describe("kubelet: nodes whose kubelet is down", () => {
  it("does nothing for pods on a stopped node and resumes when it recovers", () => {
    const k = kubeletCluster({ nodes: [node("worker-1", 1, { stopped: true })] });
    create(k, pod("web", { annotations: { "sim.drydock.dev/pull-duration": "2s" } }));
    runTo(k, 30);
    expect(getPod(k, "web")?.status).toBeUndefined();
    expect(k.log).toEqual([]);
    k.cluster.store.modify({ group: "", kind: "Node", name: "worker-1" }, (n) => {
      delete n.metadata.annotations;
    });
    runTo(k, 32);
    expect(status(k, "web").phase).toBe("Running");
    expect(timeline(k, "web").map((line) => line.split(":")[0])).toEqual(["30 Pulling", "32 Pulled", "32 Created", "32 Started"]);
  });

  it("freezes a pod mid-pull and picks up where its status says when the node comes back", () => {
    const k = kubeletCluster();
    create(k, pod("web", { annotations: { "sim.drydock.dev/pull-duration": "2s" } }));
    runTo(k, 1);
    const stop = (stopped: boolean) =>
      k.cluster.store.modify({ group: "", kind: "Node", name: "worker-1" }, (n) => {
        n.metadata.annotations = stopped ? { "sim.drydock.dev/kubelet": "stopped" } : {};
      });
    stop(true);
    runTo(k, 50);
    expect(container(k, "web").state).toEqual({ waiting: { reason: "ContainerCreating" } });
    stop(false);
    runTo(k, 50);
    expect(container(k, "web").state).toHaveProperty("running");
    expect(k.log.filter((e) => e.reason === "Pulled").map((e) => e.t)).toEqual([50]);
  });
});

// The kubelet keeps nothing but objects: a cluster saved at any moment and loaded again (pending clock
// tasks lost) must carry on exactly as the one that never stopped.
import { describe, expect, it } from "vitest";
import { snapshotCluster } from "../../../src/runtime/cluster.js";
import { configMap } from "../runtime-helpers.js";
import { create, getPod, kubeletCluster, node, pod, runTo, timeline, type KubeletCluster } from "./kubelet-fixtures.js";

type Setup = (k: KubeletCluster) => void;
type Step = { at: number; act: Setup };

const nodes = () => [node("worker-1", 1, { images: ["busybox:1.36"] }), node("worker-2", 2)];

function run(steps: Step[], until: number, restartAt?: number): KubeletCluster {
  let k = kubeletCluster({ nodes: nodes() });
  for (const step of [...steps].sort((a, b) => a.at - b.at)) {
    if (restartAt !== undefined && restartAt < step.at && restartAt >= k.elapsed()) k = reload(k, restartAt);
    runTo(k, step.at);
    step.act(k);
  }
  if (restartAt !== undefined && restartAt >= k.elapsed() && k.log.every((e) => e.t <= restartAt)) k = reload(k, restartAt);
  runTo(k, until);
  return k;
}

function reload(k: KubeletCluster, at: number): KubeletCluster {
  runTo(k, at);
  const snapshot = structuredClone(snapshotCluster(k.cluster));
  k.kubelet.stop();
  k.cluster.stop();
  const next = kubeletCluster({ snapshot });
  next.log.push(...k.log);
  return next;
}

function objects(k: KubeletCluster) {
  return snapshotCluster(k.cluster);
}

function expectSameAfterRestart(steps: Step[], until: number, restartAt: number): KubeletCluster {
  const straight = run(steps, until);
  const restarted = run(steps, until, restartAt);
  expect(objects(restarted)).toEqual(objects(straight));
  return straight;
}

const at = (seconds: number, act: Setup): Step => ({ at: seconds, act });

describe("kubelet: restart safety", () => {
  it("finishes a pull under way when the cluster was saved", () => {
    const k = expectSameAfterRestart([at(0, (k) => create(k, pod("web", { node: "worker-2" })))], 60, 1);
    expect(timeline(k, "web").map((line) => line.split(":")[0])).toEqual(["0 Pulling", "1.794 Pulled", "1.794 Created", "1.794 Started"]);
  });

  it("keeps the image pull back-off", () => {
    expectSameAfterRestart([at(0, (k) => create(k, pod("typo", { image: "nginx:1.91" })))], 400, 15);
    expectSameAfterRestart([at(0, (k) => create(k, pod("typo", { image: "nginx:1.91" })))], 400, 0.5);
  });

  it("keeps a crash loop's back-off and restart count", () => {
    const steps = [at(0, (k) => create(k, pod("crash", { image: "busybox:1.36", annotations: { "sim.drydock.dev/crash-after": "5s" } })))];
    for (const restartAt of [5, 5.5, 30, 60, 100]) expectSameAfterRestart(steps, 1_000, restartAt);
  });

  it("keeps readiness timing, probe failures and liveness kills", () => {
    const steps = [
      at(0, (k) =>
        create(
          k,
          pod("web", {
            image: "busybox:1.36",
            annotations: { "sim.drydock.dev/ready-after": "12s", "sim.drydock.dev/liveness-fail-after": "40s", "sim.drydock.dev/readiness-fail-after": "20s" },
          }),
        ),
      ),
    ];
    for (const restartAt of [5, 25, 45]) expectSameAfterRestart(steps, 200, restartAt);
  });

  it("keeps waiting for a ConfigMap, and for a volume, with their back-offs", () => {
    const steps = [
      at(0, (k) => create(k, pod("env", { containers: [{ name: "c", image: "busybox:1.36", envFrom: [{ configMapRef: { name: "cfg" } }] }] }))),
      at(0, (k) => create(k, pod("vol", { image: "busybox:1.36", volumes: [{ name: "v", configMap: { name: "cfg" } }] }))),
      at(45, (k) => create(k, configMap("cfg"))),
    ];
    for (const restartAt of [5, 20, 44]) expectSameAfterRestart(steps, 100, restartAt);
  });

  it("runs init containers on from where they were", () => {
    const steps = [
      at(0, (k) =>
        create(
          k,
          pod("init", {
            image: "busybox:1.36",
            annotations: { "sim.drydock.dev/run-duration.second": "4s", "sim.drydock.dev/pull-duration": "3s" },
            initContainers: [
              { name: "first", image: "busybox:1.36" },
              { name: "second", image: "alpine:3.20" },
            ],
          }),
        ),
      ),
    ];
    for (const restartAt of [0.5, 1, 2, 3.5, 5, 7.5, 8.5]) expectSameAfterRestart(steps, 60, restartAt);
  });

  it("finishes a pod's shutdown without telling its containers to stop twice", () => {
    const steps = [
      at(0, (k) => create(k, pod("bye", { image: "busybox:1.36", annotations: { "sim.drydock.dev/shutdown-duration": "5s" } }))),
      at(10, (k) => k.cluster.store.delete({ group: "", kind: "Pod", namespace: "default", name: "bye" })),
    ];
    const k = expectSameAfterRestart(steps, 30, 12);
    expect(getPod(k, "bye")).toBeUndefined();
    const restarted = run(steps, 30, 12);
    expect(restarted.cluster.store.list({ group: "", kind: "Event" }).find((e) => e.reason === "Killing")?.count).toBe(1);
  });

  it("keeps pod IPs: a pod started after a restart gets a free address", () => {
    const steps = [
      at(0, (k) => ["a", "b", "c"].forEach((name) => create(k, pod(name, { image: "busybox:1.36" })))),
      at(5, (k) => k.cluster.store.delete({ group: "", kind: "Pod", namespace: "default", name: "b" })),
      at(20, (k) => ["d", "e"].forEach((name) => create(k, pod(name, { image: "busybox:1.36" })))),
    ];
    expectSameAfterRestart(steps, 30, 10);
  });
});

describe("kubelet: determinism", () => {
  it("produces the same cluster from the same inputs", () => {
    const steps = [
      at(0, (k) => {
        for (let i = 0; i < 20; i++) {
          create(
            k,
            pod(`p${i}`, {
              node: i % 2 === 0 ? "worker-1" : "worker-2",
              image: ["nginx:1.25", "redis:7.2", "nginx:1.91", "busybox:1.36"][i % 4],
              annotations: i % 3 === 0 ? { "sim.drydock.dev/crash-after": `${i + 1}s` } : {},
            }),
          );
        }
      }),
    ];
    const a = run(steps, 600);
    const b = run(steps, 600);
    expect(JSON.stringify(objects(a))).toBe(JSON.stringify(objects(b)));
    expect(a.log.length).toBeGreaterThan(100);
  });
});

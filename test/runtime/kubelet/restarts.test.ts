import { describe, expect, it } from "vitest";
import { at, condition, container, create, kubeletCluster, node, pod, runTo, stateOf, status, timeline } from "./kubelet-fixtures.js";

const present = () => kubeletCluster({ nodes: [node("worker-1", 1, { images: ["nginx:1.25"] })] });

/** Seconds at which the container's restartCount went up, from the pod's status writes. */
function restarts(k: ReturnType<typeof present>, name: string): number[] {
  const out: number[] = [];
  let last = 0;
  for (const w of k.writes.filter((w) => w.pod === name)) {
    const count = w.status.containerStatuses?.[0]?.restartCount ?? 0;
    if (count > last) out.push(w.t);
    last = count;
  }
  return out;
}

describe("kubelet: crashing containers", () => {
  it("restarts a crashing container at once the first time, then after 10 s, 20 s, 40 s … capped at 5 min", () => {
    const k = present();
    create(k, pod("crash", { annotations: { "sim.drydock.dev/crash-after": "5s" } }));
    runTo(k, 5);
    expect(container(k, "crash")).toMatchObject({
      state: { terminated: { exitCode: 1, reason: "Error", startedAt: at(k, 0), finishedAt: at(k, 5) } },
      ready: false,
      restartCount: 0,
      started: false,
    });
    expect(status(k, "crash").phase).toBe("Running");
    runTo(k, 6);
    expect(container(k, "crash")).toMatchObject({
      state: { running: { startedAt: at(k, 6) } },
      lastState: { terminated: { exitCode: 1, reason: "Error", startedAt: at(k, 0), finishedAt: at(k, 5) } },
      restartCount: 1,
      ready: true,
    });
    runTo(k, 12);
    const uid = k.cluster.store.get({ group: "", kind: "Pod", namespace: "default", name: "crash" })?.metadata.uid;
    expect(container(k, "crash")).toMatchObject({
      state: { waiting: { reason: "CrashLoopBackOff", message: `back-off 10s restarting failed container=c pod=crash_default(${uid})` } },
      lastState: { terminated: { exitCode: 1, finishedAt: at(k, 11) } },
      restartCount: 1,
    });
    expect(k.log.filter((e) => e.reason === "BackOff").map((e) => [e.t, e.type, e.message])).toEqual([
      [12, "Warning", `Back-off restarting failed container c in pod crash_default(${uid})`],
    ]);
    runTo(k, 1_000);
    // Exits at 5, 11, 26, 51, 96, 181, 346, 651; each restart a back-off later.
    expect(restarts(k, "crash")).toEqual([6, 21, 46, 91, 176, 341, 646, 951]);
    const delays = k.writes
      .map((w) => w.status.containerStatuses?.[0]?.state)
      .filter((s) => s && "waiting" in s && s.waiting.reason === "CrashLoopBackOff")
      .map((s) => (s && "waiting" in s ? s.waiting.message?.split(" ")[1] : ""));
    // The last exit, at 956, waits too.
    expect(delays).toEqual(["10s", "20s", "40s", "1m20s", "2m40s", "5m0s", "5m0s", "5m0s"]);
    expect(container(k, "crash").restartCount).toBe(8);
    const started = k.cluster.store.list({ group: "", kind: "Event" }).find((e) => e.reason === "Started");
    expect(started?.count).toBe(9);
  });

  it("starts the back-off over when the container ran for more than 10 minutes", () => {
    const k = present();
    create(k, pod("slow", { annotations: { "sim.drydock.dev/crash-after": "11m" } }));
    runTo(k, 3_000);
    expect(restarts(k, "slow")).toEqual([661, 1322, 1983, 2644]);
    expect(k.log.filter((e) => e.reason === "BackOff")).toEqual([]);
  });

  it("exits with the hinted code, and a run-duration exit 0 counts as Completed", () => {
    const k = present();
    create(k, pod("code", { annotations: { "sim.drydock.dev/crash-after": "3s", "sim.drydock.dev/exit-code": "42" } }));
    create(k, pod("job", { annotations: { "sim.drydock.dev/run-duration": "4s" } }));
    runTo(k, 3);
    expect(container(k, "code").state).toMatchObject({ terminated: { exitCode: 42, reason: "Error" } });
    runTo(k, 4);
    expect(container(k, "job").state).toMatchObject({ terminated: { exitCode: 0, reason: "Completed" } });
    // Under restartPolicy Always a completed container restarts as well.
    runTo(k, 5);
    expect(container(k, "job")).toMatchObject({ state: { running: {} }, restartCount: 1, lastState: { terminated: { exitCode: 0, reason: "Completed" } } });
  });

  it("kills a container whose liveness probe fails failureThreshold times, and restarts it", () => {
    const k = present();
    create(
      k,
      pod("live", {
        annotations: { "sim.drydock.dev/liveness-fail-after": "30s" },
        containers: [{ name: "c", image: "nginx:1.25", livenessProbe: { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 5, failureThreshold: 3 } }],
      }),
    );
    runTo(k, 41);
    expect(timeline(k, "live").slice(3)).toEqual([
      "30 Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500",
      "35 Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500",
      "40 Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500",
      "40 Killing: Container c failed liveness probe, will be restarted",
      '41 Pulled: Container image "nginx:1.25" already present on machine',
      "41 Created: Created container c",
      "41 Started: Started container c",
    ]);
    expect(container(k, "live")).toMatchObject({ restartCount: 1, lastState: { terminated: { exitCode: 137, reason: "Error", finishedAt: at(k, 40) } } });
    expect(k.cluster.store.list({ group: "", kind: "Event" }).find((e) => e.reason === "Unhealthy")?.count).toBe(3);
  });

  it("words a failing TCP liveness probe as a refused connection to the pod IP", () => {
    const k = present();
    create(
      k,
      pod("tcp", {
        annotations: { "sim.drydock.dev/liveness-fail-after": "0s" },
        containers: [{ name: "c", image: "nginx:1.25", ports: [{ name: "http", containerPort: 8080 }], livenessProbe: { tcpSocket: { port: "http" }, failureThreshold: 1 } }],
      }),
    );
    runTo(k, 0);
    expect(k.log.find((e) => e.reason === "Unhealthy")?.message).toBe("Liveness probe failed: dial tcp 10.244.1.2:8080: connect: connection refused");
  });
});

describe("kubelet: restartPolicy Never and OnFailure", () => {
  it("fails the pod when a container exits non-zero under Never, and leaves it terminated", () => {
    const k = present();
    create(k, pod("once", { restartPolicy: "Never", annotations: { "sim.drydock.dev/crash-after": "5s", "sim.drydock.dev/exit-code": "3" } }));
    runTo(k, 100);
    const s = status(k, "once");
    expect(s.phase).toBe("Failed");
    expect(stateOf(s.containerStatuses?.[0])).toBe("terminated:Error");
    expect(condition(s, "Ready")).toMatchObject({ status: "False", reason: "ContainersNotReady" });
    expect(k.writes.filter((w) => w.pod === "once").map((w) => [w.t, w.status.phase])).toEqual([
      [0, "Running"],
      [5, "Failed"],
    ]);
  });

  it("succeeds a pod whose containers all exit 0, with PodCompleted conditions", () => {
    const k = present();
    create(k, pod("job", { restartPolicy: "OnFailure", annotations: { "sim.drydock.dev/run-duration": "20s" } }));
    runTo(k, 20);
    const s = status(k, "job");
    expect(s.phase).toBe("Succeeded");
    expect(condition(s, "Ready")).toMatchObject({ status: "False", reason: "PodCompleted" });
    expect(condition(s, "ContainersReady")).toMatchObject({ status: "False", reason: "PodCompleted" });
    runTo(k, 100);
    expect(k.writes.filter((w) => w.pod === "job")).toHaveLength(2);
  });

  it("restarts only failed containers under OnFailure", () => {
    const k = present();
    create(k, pod("retry", { restartPolicy: "OnFailure", annotations: { "sim.drydock.dev/crash-after": "5s" } }));
    runTo(k, 6);
    expect(status(k, "retry").phase).toBe("Running");
    expect(container(k, "retry").restartCount).toBe(1);
  });
});

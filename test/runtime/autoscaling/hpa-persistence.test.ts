import { describe, expect, it } from "vitest";
import { createCluster, snapshotCluster, type Cluster } from "../../../src/runtime/cluster.js";
import { withCluster } from "../../../src/runtime/persistence/with-cluster.js";
import { tempDir } from "../../helpers.js";
import { eventsFor } from "../integration/integration-helpers.js";
import { create } from "../runtime-helpers.js";
import { hpa, hpaOf, historyOf, setHpaHint, specReplicasOf, webDeployment } from "./hpa-helpers.js";

const START = Date.UTC(2026, 0, 1);

// Slow scale-up (one pod a minute) and a 2 minute scale-down window: both depend on what the
// controller remembers of earlier syncs.
const BEHAVIOR = {
  scaleUp: { policies: [{ type: "Pods", value: 1, periodSeconds: 60 }] },
  scaleDown: { stabilizationWindowSeconds: 120, policies: [{ type: "Percent", value: 50, periodSeconds: 60 }] },
};

/** The script, in steps of simulated time; `between` runs after each step (a save and load, say). */
function run(between: (cluster: Cluster) => Cluster): Cluster {
  let cluster = createCluster();
  create(cluster, webDeployment({ replicas: 2, utilization: "250" }));
  cluster.clock.advance(30_000);
  create(cluster, hpa({ max: 10, behavior: BEHAVIOR }));
  for (let second = 30; second < 600; second += 20) {
    if (second === 250) setHpaHint(cluster, "10");
    cluster.clock.advance(20_000);
    cluster = between(cluster);
  }
  return cluster;
}

function reload(cluster: Cluster): Cluster {
  const snapshot = JSON.parse(JSON.stringify(snapshotCluster(cluster)));
  cluster.stop();
  return createCluster({}, snapshot);
}

function hpaStory(cluster: Cluster): unknown {
  return { hpa: hpaOf(cluster), events: eventsFor(cluster, "HorizontalPodAutoscaler", "web"), replicas: specReplicasOf(cluster) };
}

describe("HPA history across restarts", () => {
  it("scales exactly as an uninterrupted run when the cluster is saved and loaded every 20 s", () => {
    const straight = run((c) => c);
    const restarted = run(reload);
    expect(hpaStory(restarted)).toEqual(hpaStory(straight));
    // The story itself: one pod a minute up to 6 while loaded; then, 2 minutes after the last high
    // recommendation (240 s), at most half of the pods a minute, held by the window's highest.
    const rescales = eventsFor(straight, "HorizontalPodAutoscaler", "web")
      .filter((e) => e.reason === "SuccessfulRescale")
      .map((e) => `${(Date.parse(e.first) - START) / 1000}s ${e.message.replace(/; reason: .*/, "")}`);
    expect(rescales).toEqual(["45s New size: 3", "105s New size: 4", "165s New size: 5", "225s New size: 6", "360s New size: 3", "420s New size: 2", "480s New size: 1"]);
    expect(JSON.stringify(snapshotCluster(restarted))).toBe(JSON.stringify(snapshotCluster(straight)));
  });

  it("keeps its recommendations and scale changes in an annotation of the HPA", () => {
    const cluster = createCluster();
    create(cluster, webDeployment({ replicas: 2, utilization: "250" }));
    cluster.clock.advance(30_000);
    create(cluster, hpa({ max: 10, behavior: BEHAVIOR }));
    cluster.clock.advance(30_000);
    expect(historyOf(cluster)).toEqual({
      // The first sync's replicas (2) and recommendation (10), then 10 again: the earlier 10 can
      // no longer decide anything and is dropped.
      recommendations: [
        ["2026-01-01T00:00:45Z", 2],
        ["2026-01-01T00:01:00Z", 10],
      ],
      scaleUp: [["2026-01-01T00:00:45Z", 1]],
      scaleDown: [],
    });
  });

  it("survives the state file: drydock commands in a row sync on the same 15 s grid", async () => {
    const state = tempDir();
    await withCluster(state, (cluster) => {
      create(cluster, webDeployment({ replicas: 2, utilization: "250" }));
      cluster.clock.advance(30_000);
      create(cluster, hpa({ max: 10, behavior: BEHAVIOR }));
    });
    for (let i = 0; i < 8; i++) await withCluster(state, (cluster) => void cluster.clock.advance(10_000));
    const loaded = await withCluster(state, (cluster) => ({ replicas: specReplicasOf(cluster), events: eventsFor(cluster, "HorizontalPodAutoscaler", "web").map((e) => `${e.first} ${e.message}`) }));
    expect(loaded.replicas).toBe(4);
    expect(loaded.events).toEqual([
      "2026-01-01T00:00:45Z New size: 3; reason: cpu resource utilization (percentage of request) above target",
      "2026-01-01T00:01:45Z New size: 4; reason: cpu resource utilization (percentage of request) above target",
    ]);
  });
});

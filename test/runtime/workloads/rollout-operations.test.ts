import { afterEach, describe, expect, it } from "vitest";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import {
  rolloutHistory,
  rolloutRestart,
  rolloutResume,
  rolloutPause,
  rolloutStatus,
  rolloutUndo,
  watchRolloutStatus,
} from "../../../src/runtime/workloads/rollout/index.js";
import { deploymentObject, editDeployment, getDeployment, pods, replicaSetsOf, revision, rsReplicas, seconds, setImage, settle, workloadCluster, type Harness } from "./workload-harness.js";

let harness: Harness | undefined;
afterEach(() => harness?.stop());

const REF = { namespace: "default", name: "web" };
const image = (rs: any) => rs.spec.template.spec.containers[0].image;

/** web at revisions 1 (nginx:1.27), 2 (nginx:1.28) and 3 (nginx:1.29), each with a change cause. */
function threeRevisions(): Harness {
  harness = workloadCluster();
  const { cluster } = harness;
  expectOk(cluster.store.create(deploymentObject("web", { replicas: 2, annotations: { "kubernetes.io/change-cause": "create web" } })));
  settle(cluster);
  setImage(cluster, "web", "nginx:1.28", "set image 1.28");
  settle(cluster);
  setImage(cluster, "web", "nginx:1.29", "set image 1.29");
  settle(cluster);
  return harness;
}

describe("rollout history", () => {
  it("lists revisions with their change causes, as kubectl's table", () => {
    const { cluster } = threeRevisions();
    const history = rolloutHistory(cluster.store, REF);
    expect(history.ok && "rows" in history && history.rows).toEqual([
      { revision: 1, changeCause: "create web" },
      { revision: 2, changeCause: "set image 1.28" },
      { revision: 3, changeCause: "set image 1.29" },
    ]);
    expect(history.message).toBe("deployment.apps/web\nREVISION  CHANGE-CAUSE\n1         create web\n2         set image 1.28\n3         set image 1.29\n\n");
  });

  it("shows one revision's pod template, and refuses an unknown revision", () => {
    const { cluster } = threeRevisions();
    const hash = replicaSetsOf(cluster, "web")[1].metadata.labels?.["pod-template-hash"];
    const two = rolloutHistory(cluster.store, REF, { revision: 2 });
    expect(two.message).toBe(
      [
        "deployment.apps/web with revision #2",
        "Pod Template:",
        "  Labels:\tapp=web",
        `\tpod-template-hash=${hash}`,
        "  Annotations:\tkubernetes.io/change-cause: set image 1.28",
        "  Containers:",
        "   c:",
        "    Image:\tnginx:1.28",
        "    Port:\t<none>",
        "    Host Port:\t<none>",
        "    Environment:\t<none>",
        "    Mounts:\t<none>",
        "  Volumes:\t<none>",
        "  Node-Selectors:\t<none>",
        "  Tolerations:\t<none>",
        "",
        "",
      ].join("\n"),
    );
    expect(rolloutHistory(cluster.store, REF, { revision: 7 })).toEqual({ ok: false, message: "error: unable to find the specified revision" });
    expect(rolloutHistory(cluster.store, { namespace: "default", name: "nope" })).toEqual({
      ok: false,
      message: 'Error from server (NotFound): deployments.apps "nope" not found',
    });
  });
});

describe("rollout undo", () => {
  it("goes back to the previous revision, which the controller renumbers (3 → 2 leaves 1, 3, 4)", () => {
    const { cluster, events } = threeRevisions();
    const [one, two, three] = replicaSetsOf(cluster, "web");
    events.length = 0;
    expect(rolloutUndo(cluster.store, REF)).toEqual({ ok: true, message: "deployment.apps/web rolled back" });
    const d = getDeployment(cluster, "web");
    expect((d.spec as any).template.metadata.labels).toEqual({ app: "web" });
    expect((d.spec as any).template.spec.containers[0].image).toBe("nginx:1.28");
    expect(d.metadata.annotations).toEqual({ "deployment.kubernetes.io/revision": "3", "kubernetes.io/change-cause": "set image 1.28" });
    settle(cluster);
    const after = replicaSetsOf(cluster, "web");
    expect(after.map((rs) => rs.metadata.name)).toEqual([one.metadata.name, three.metadata.name, two.metadata.name]);
    expect(after.map(revision)).toEqual(["1", "3", "4"]);
    expect(after[2].metadata.annotations?.["deployment.kubernetes.io/revision-history"]).toBe("2");
    expect(after.map(rsReplicas)).toEqual([0, 0, 2]);
    expect(getDeployment(cluster, "web").metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("4");
    expect(events.filter((e) => e.startsWith("ScalingReplicaSet"))[0]).toBe(`ScalingReplicaSet: Scaled up replica set ${two.metadata.name} from 0 to 1`);
    const history = rolloutHistory(cluster.store, REF);
    expect(history.ok && "rows" in history && history.rows.map((r) => r.revision)).toEqual([1, 3, 4]);

    // Undoing again goes back to revision 3, whose history then records it too.
    expect(rolloutUndo(cluster.store, REF).ok).toBe(true);
    settle(cluster);
    expect(replicaSetsOf(cluster, "web").map(revision)).toEqual(["1", "4", "5"]);
    expect(replicaSetsOf(cluster, "web")[2].metadata.annotations?.["deployment.kubernetes.io/revision-history"]).toBe("3");
  });

  it("--to-revision picks a revision; one that does not exist or matches the template is refused or skipped", () => {
    const { cluster } = threeRevisions();
    expect(rolloutUndo(cluster.store, REF, { toRevision: 9 })).toEqual({ ok: false, message: "error: unable to find specified revision 9 in history" });
    expect(rolloutUndo(cluster.store, REF, { toRevision: 3 })).toEqual({
      ok: true,
      message: "deployment.apps/web skipped rollback (current template already matches revision 3)",
    });
    expect(rolloutUndo(cluster.store, REF, { toRevision: 1 })).toEqual({ ok: true, message: "deployment.apps/web rolled back" });
    settle(cluster);
    const sets = replicaSetsOf(cluster, "web");
    expect(sets.map(revision)).toEqual(["2", "3", "4"]);
    expect(image(sets[2])).toBe("nginx:1.27");
    expect(sets[2].metadata.annotations?.["deployment.kubernetes.io/revision-history"]).toBe("1");
    expect(pods(cluster).map((p) => (p.spec as any).containers[0].image)).toEqual(["nginx:1.27", "nginx:1.27"]);
  });

  it("refuses a paused Deployment and one without history", () => {
    harness = workloadCluster();
    const { cluster } = harness;
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 1 })));
    settle(cluster);
    expect(rolloutUndo(cluster.store, REF)).toEqual({ ok: false, message: 'error: no rollout history found for deployment "web"' });
    setImage(cluster, "web", "nginx:1.28");
    settle(cluster);
    rolloutPause(cluster.store, REF);
    expect(rolloutUndo(cluster.store, REF)).toEqual({
      ok: false,
      message: "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/web' and try again",
    });
    rolloutResume(cluster.store, REF);
    expect(rolloutUndo(cluster.store, REF).ok).toBe(true);
  });
});

describe("rollout restart", () => {
  it("stamps the template with the simulated time, which rolls every pod", () => {
    harness = workloadCluster();
    const { cluster } = harness;
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 2 })));
    settle(cluster);
    const before = pods(cluster).map((p) => p.metadata.name);
    expect(rolloutRestart(cluster.store, REF, { now: cluster.clock.now() })).toEqual({ ok: true, message: "deployment.apps/web restarted" });
    expect((getDeployment(cluster, "web").spec as any).template.metadata.annotations).toEqual({ "kubectl.kubernetes.io/restartedAt": "2026-01-01T00:00:05Z" });
    expect(rolloutRestart(cluster.store, REF, { now: cluster.clock.now() + 999 })).toEqual({
      ok: false,
      message: "error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another",
    });
    settle(cluster);
    const after = pods(cluster).map((p) => p.metadata.name);
    expect(after).toHaveLength(2);
    expect(after.some((n) => before.includes(n))).toBe(false);
    expect(replicaSetsOf(cluster, "web").map(revision)).toEqual(["1", "2"]);
    rolloutPause(cluster.store, REF);
    expect(rolloutRestart(cluster.store, REF, { now: cluster.clock.now() })).toEqual({
      ok: false,
      message: `error: deployments.apps "web" can't restart paused deployment (run rollout resume first)`,
    });
  });
});

describe("rollout status", () => {
  it("prints kubectl's waiting messages once each, in simulated time, until the rollout is done", () => {
    harness = workloadCluster({ terminateAfter: 2_000 });
    const { cluster } = harness;
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 3 })));
    settle(cluster);
    setImage(cluster, "web", "nginx:1.28");
    expect(rolloutStatus(cluster.store, REF).message).toBe("Waiting for deployment spec update to be observed...");
    const seen: string[] = [];
    const outcome = watchRolloutStatus(cluster, REF, { timeoutMs: 600_000, onMessage: (m) => seen.push(m) });
    expect(outcome).toBe("done");
    expect(seen).toEqual([
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
      'Waiting for deployment "web" rollout to finish: 2 out of 3 new replicas have been updated...',
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
      'deployment "web" successfully rolled out',
    ]);
    expect(seconds(cluster)).toBe(20);
  });

  it("Recreate: waits for the updated replicas to become available", () => {
    harness = workloadCluster({ terminateAfter: 2_000 });
    const { cluster } = harness;
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 3, strategy: { type: "Recreate" } })));
    settle(cluster);
    setImage(cluster, "web", "nginx:1.28");
    const seen: string[] = [];
    expect(watchRolloutStatus(cluster, REF, { timeoutMs: 0, onMessage: (m) => seen.push(m) })).toBe("done");
    expect(seen).toEqual([
      'Waiting for deployment "web" rollout to finish: 0 out of 3 new replicas have been updated...',
      'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...',
      'deployment "web" successfully rolled out',
    ]);
    expect(seconds(cluster)).toBe(12);
  });

  it("stops with a failure at the progress deadline, and with a timeout before it", () => {
    harness = workloadCluster({ readyAfter: (pod: any) => (pod.spec.containers[0].image === "nginx:1.91" ? undefined : 5_000) });
    const { cluster } = harness;
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 3 })));
    settle(cluster);
    setImage(cluster, "web", "nginx:1.91");
    const seen: string[] = [];
    expect(watchRolloutStatus(cluster, REF, { timeoutMs: 60_000, onMessage: (m) => seen.push(m) })).toBe("timeout");
    expect(seen).toEqual(['Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...']);
    expect(seconds(cluster)).toBe(65);
    seen.length = 0;
    expect(watchRolloutStatus(cluster, REF, { timeoutMs: 3_600_000, onMessage: (m) => seen.push(m) })).toBe("failed");
    expect(seen).toEqual([
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
      'error: deployment "web" exceeded its progress deadline',
    ]);
    expect(seconds(cluster)).toBe(605);
  });

  it("scaling is not a rollout: status stays rolled out", () => {
    harness = workloadCluster();
    const { cluster } = harness;
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 1 })));
    settle(cluster);
    editDeployment(cluster, "web", (d) => void (d.spec.replicas = 3));
    settle(cluster);
    expect(replicaSetsOf(cluster, "web")).toHaveLength(1);
    expect(rolloutStatus(cluster.store, REF)).toEqual({ done: true, failed: false, message: 'deployment "web" successfully rolled out' });
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { rolloutPause, rolloutResume, rolloutStatus } from "../../../src/runtime/workloads/rollout/index.js";
import {
  START,
  condition,
  deploymentObject,
  editDeployment,
  getDeployment,
  pods,
  replicaSetsOf,
  revision,
  rsReplicas,
  seconds,
  setImage,
  settle,
  workloadCluster,
  type Harness,
} from "./workload-harness.js";

let harness: Harness | undefined;
afterEach(() => harness?.stop());

function start(options: Parameters<typeof workloadCluster>[0] = {}): Harness {
  harness = workloadCluster(options);
  return harness;
}

const scaling = (events: string[]) => events.filter((e) => e.startsWith("ScalingReplicaSet: ")).map((e) => e.slice("ScalingReplicaSet: ".length));
const REF = { namespace: "default", name: "web" };
const BAD_IMAGE = "nginx:1.91";
/** Pods of the bad image never become ready. */
const neverReadyForBadImage = { readyAfter: (pod: any) => (pod.spec.containers[0].image === BAD_IMAGE ? undefined : 5_000) };

describe("Deployment: Recreate", () => {
  it("scales every old ReplicaSet to 0, waits until no old pod is left, then creates the new one at full size", () => {
    const { cluster, events } = start({ terminateAfter: 7_000 });
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 3, strategy: { type: "Recreate" } })));
    settle(cluster);
    expect(getDeployment(cluster, "web").spec).toMatchObject({ strategy: { type: "Recreate" } });
    expect((getDeployment(cluster, "web").spec as any).strategy.rollingUpdate).toBeUndefined();
    events.length = 0;
    const changedAt = cluster.clock.now();
    let newPodsCreatedAt: number | undefined;
    let oldPodsGoneAt: number | undefined;
    const oldUids = new Set(pods(cluster).map((p) => p.metadata.uid));
    cluster.store.watch({ group: "", kind: "Pod" }, (event) => {
      if (event.type === "ADDED") newPodsCreatedAt ??= cluster.clock.now();
      if (event.type === "DELETED" && oldUids.delete(event.object.metadata.uid) && oldUids.size === 0) oldPodsGoneAt = cluster.clock.now();
    });
    setImage(cluster, "web", "nginx:1.28");
    settle(cluster);
    const [old, next] = replicaSetsOf(cluster, "web");
    expect(scaling(events)).toEqual([`Scaled down replica set ${old.metadata.name} from 3 to 0`, `Scaled up replica set ${next.metadata.name} from 0 to 3`]);
    expect(oldPodsGoneAt).toBe(changedAt + 7_000);
    expect(newPodsCreatedAt).toBe(oldPodsGoneAt);
    expect(replicaSetsOf(cluster, "web").map(rsReplicas)).toEqual([0, 3]);
    expect(rolloutStatus(cluster.store, REF).message).toBe('deployment "web" successfully rolled out');
  });
});

describe("Deployment: progress deadline", () => {
  it("a new ReplicaSet whose pods never get ready keeps the old pods and times out at exactly 600 s", () => {
    const { cluster } = start(neverReadyForBadImage);
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 3 })));
    settle(cluster);
    const rolledAt = cluster.clock.now();
    setImage(cluster, "web", BAD_IMAGE);
    cluster.clock.runUntilQuiet(rolledAt + 599_000);
    let d = getDeployment(cluster, "web");
    expect(condition(d, "Progressing")).toMatchObject({ status: "True", reason: "ReplicaSetUpdated" });
    expect(rolloutStatus(cluster.store, REF)).toEqual({ done: false, failed: false, message: 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...' });
    settle(cluster);
    expect(cluster.clock.now()).toBe(rolledAt + 600_000);
    d = getDeployment(cluster, "web");
    const [old, next] = replicaSetsOf(cluster, "web");
    expect(condition(d, "Progressing")).toEqual({
      type: "Progressing",
      status: "False",
      lastUpdateTime: "2026-01-01T00:10:05Z",
      lastTransitionTime: "2026-01-01T00:10:05Z",
      reason: "ProgressDeadlineExceeded",
      message: `ReplicaSet "${next.metadata.name}" has timed out progressing.`,
    });
    expect(condition(d, "Available")).toMatchObject({ status: "True" });
    expect([rsReplicas(old), rsReplicas(next)]).toEqual([3, 1]);
    expect(pods(cluster).filter((p) => (p.spec as any).containers[0].image === "nginx:1.27")).toHaveLength(3);
    expect(rolloutStatus(cluster.store, REF)).toEqual({ done: false, failed: true, message: 'error: deployment "web" exceeded its progress deadline' });
    // Nothing more is scheduled for it: the simulation is quiet.
    expect(cluster.clock.pendingTasks().filter((t) => !t.background)).toEqual([]);
  });

  it("progressDeadlineSeconds is configurable, and a timed-out rollout that completes later says so", () => {
    const { cluster } = start({ readyAfter: () => 30_000 });
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 2, progressDeadlineSeconds: 20 })));
    cluster.clock.advance(19_999);
    expect(condition(getDeployment(cluster, "web"), "Progressing")).toMatchObject({ status: "True", reason: "ReplicaSetUpdated", lastUpdateTime: "2026-01-01T00:00:00Z" });
    cluster.clock.advance(1);
    expect(condition(getDeployment(cluster, "web"), "Progressing")).toMatchObject({ status: "False", reason: "ProgressDeadlineExceeded", lastUpdateTime: "2026-01-01T00:00:20Z" });
    settle(cluster);
    expect(seconds(cluster)).toBe(30);
    expect(condition(getDeployment(cluster, "web"), "Progressing")).toMatchObject({
      status: "True",
      reason: "NewReplicaSetAvailable",
      lastTransitionTime: "2026-01-01T00:00:30Z",
    });
    expect(rolloutStatus(cluster.store, REF).done).toBe(true);
  });
});

describe("Deployment: paused", () => {
  it("creates no ReplicaSet while paused, notes DeploymentPaused/DeploymentResumed, and rolls out on resume", () => {
    const { cluster, events } = start();
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 3 })));
    settle(cluster);
    expect(rolloutPause(cluster.store, REF)).toEqual({ ok: true, message: "deployment.apps/web paused" });
    expect(rolloutPause(cluster.store, REF)).toEqual({ ok: false, message: 'error: deployments.apps "web" is already paused' });
    settle(cluster);
    expect(condition(getDeployment(cluster, "web"), "Progressing")).toMatchObject({ status: "Unknown", reason: "DeploymentPaused", message: "Deployment is paused" });
    events.length = 0;
    setImage(cluster, "web", "nginx:1.28");
    settle(cluster);
    expect(replicaSetsOf(cluster, "web")).toHaveLength(1);
    expect(scaling(events)).toEqual([]);
    // Scaling still works while paused.
    editDeployment(cluster, "web", (d) => void (d.spec.replicas = 4));
    settle(cluster);
    expect(replicaSetsOf(cluster, "web").map(rsReplicas)).toEqual([4]);
    expect(rolloutResume(cluster.store, REF)).toEqual({ ok: true, message: "deployment.apps/web resumed" });
    expect(rolloutResume(cluster.store, REF)).toEqual({ ok: false, message: 'error: deployments.apps "web" is not paused' });
    expect((getDeployment(cluster, "web").spec as any).paused).toBeUndefined();
    cluster.clock.advance(0);
    expect(condition(getDeployment(cluster, "web"), "Progressing")).toMatchObject({ reason: "ReplicaSetUpdated" });
    settle(cluster);
    expect(replicaSetsOf(cluster, "web").map(rsReplicas)).toEqual([0, 4]);
    expect(rolloutStatus(cluster.store, REF).done).toBe(true);
  });
});

describe("Deployment: proportional scaling", () => {
  it("the docs example: 10 → 15 mid-rollout with maxSurge 3 gives the old set +3 and the new one +2", () => {
    const { cluster, events } = start(neverReadyForBadImage);
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 10, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } })));
    settle(cluster);
    setImage(cluster, "web", BAD_IMAGE);
    cluster.clock.advance(60_000);
    let [old, next] = replicaSetsOf(cluster, "web");
    expect([rsReplicas(old), rsReplicas(next)]).toEqual([8, 5]);
    expect(old.metadata.annotations?.["deployment.kubernetes.io/max-replicas"]).toBe("13");
    events.length = 0;
    editDeployment(cluster, "web", (d) => void (d.spec.replicas = 15));
    cluster.clock.advance(0);
    [old, next] = replicaSetsOf(cluster, "web");
    expect([rsReplicas(old), rsReplicas(next)]).toEqual([11, 7]);
    expect(scaling(events)).toEqual([`Scaled up replica set ${old.metadata.name} from 8 to 11`, `Scaled up replica set ${next.metadata.name} from 5 to 7`]);
    for (const rs of [old, next]) {
      expect(rs.metadata.annotations).toMatchObject({ "deployment.kubernetes.io/desired-replicas": "15", "deployment.kubernetes.io/max-replicas": "18" });
    }
  });

  it("scaling down mid-rollout removes from the larger set first and leftovers go to the largest", () => {
    const { cluster } = start(neverReadyForBadImage);
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 10, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } })));
    settle(cluster);
    setImage(cluster, "web", BAD_IMAGE);
    cluster.clock.advance(60_000);
    harness!.events.length = 0;
    editDeployment(cluster, "web", (d) => void (d.spec.replicas = 5));
    cluster.clock.advance(0);
    const [old, next] = replicaSetsOf(cluster, "web");
    const [o, n] = [old.metadata.name, next.metadata.name];
    expect(scaling(harness!.events)).toEqual([
      // 5 + 3 surge = 8 of 13 allowed: old 8×8/13 = 4.9 → 5 (−3), new 5×8/13 = 3.1 → 3 (−2).
      `Scaled down replica set ${o} from 8 to 5`,
      `Scaled down replica set ${n} from 5 to 3`,
      // Then the rolling update goes on: 2 of the 5 available old pods may go (minAvailable 3).
      `Scaled down replica set ${o} from 5 to 3`,
      `Scaled up replica set ${n} from 3 to 5`,
    ]);
    expect([rsReplicas(old), rsReplicas(next)]).toEqual([3, 5]);
  });
});

describe("Deployment: revision history", () => {
  it("keeps revisionHistoryLimit old ReplicaSets once the rollout is complete, deleting the lowest revisions", () => {
    const { cluster } = start();
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 1, revisionHistoryLimit: 2 })));
    settle(cluster);
    for (const tag of ["1.28", "1.29", "1.30", "1.31"]) {
      setImage(cluster, "web", `nginx:${tag}`);
      settle(cluster);
    }
    expect(replicaSetsOf(cluster, "web").map(revision)).toEqual(["3", "4", "5"]);
    expect(replicaSetsOf(cluster, "web").map(rsReplicas)).toEqual([0, 0, 1]);
  });

  it("revisionHistoryLimit 0 deletes every old ReplicaSet", () => {
    const { cluster } = start();
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 2, revisionHistoryLimit: 0 })));
    settle(cluster);
    setImage(cluster, "web", "nginx:1.28");
    settle(cluster);
    expect(replicaSetsOf(cluster, "web").map(revision)).toEqual(["2"]);
  });
});

describe("Deployment: minReadySeconds", () => {
  it("a pod counts as available minReadySeconds after it became ready, and the rollout waits for that", () => {
    const { cluster, events } = start();
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 1, minReadySeconds: 10 })));
    cluster.clock.advance(5_000);
    const [rs] = replicaSetsOf(cluster, "web");
    expect(rs.spec).toMatchObject({ minReadySeconds: 10 });
    expect(rs.status).toEqual({ replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, observedGeneration: 1 });
    cluster.clock.advance(9_999);
    expect(replicaSetsOf(cluster, "web")[0].status).toMatchObject({ readyReplicas: 1 });
    expect((replicaSetsOf(cluster, "web")[0].status as any).availableReplicas).toBeUndefined();
    cluster.clock.advance(1);
    expect(replicaSetsOf(cluster, "web")[0].status).toMatchObject({ availableReplicas: 1 });
    expect(getDeployment(cluster, "web").status).toMatchObject({ availableReplicas: 1 });
    expect(seconds(cluster)).toBe(15);
    events.length = 0;
    setImage(cluster, "web", "nginx:1.28");
    settle(cluster);
    // 5 s to get ready, then 10 s more before the old pod may go.
    expect(seconds(cluster)).toBe(30);
    const [old, next] = replicaSetsOf(cluster, "web");
    expect(scaling(events)).toEqual([`Scaled up replica set ${next.metadata.name} from 0 to 1`, `Scaled down replica set ${old.metadata.name} from 1 to 0`]);
  });
});

describe("Deployment: status", () => {
  it("reports a creation failure of the new ReplicaSet's pods as ReplicaFailure", () => {
    const { cluster } = start();
    const d = deploymentObject("web", { replicas: 1 });
    expectOk(cluster.store.create(d));
    settle(cluster);
    // A quota-like refusal, from an admission plugin that turns away pods of one image.
    cluster.store.addAdmission(({ object }) =>
      object.kind === "Pod" && (object.spec as any).containers[0].image === "refused:1"
        ? { reason: "Forbidden", code: 403, message: 'pods "web-x" is forbidden: exceeded quota: compute-resources' }
        : undefined,
    );
    setImage(cluster, "web", "refused:1");
    cluster.clock.advance(0);
    const [, next] = replicaSetsOf(cluster, "web");
    expect(condition(next, "ReplicaFailure")).toEqual({
      type: "ReplicaFailure",
      status: "True",
      lastTransitionTime: "2026-01-01T00:00:05Z",
      reason: "FailedCreate",
      message: 'pods "web-x" is forbidden: exceeded quota: compute-resources',
    });
    expect(condition(getDeployment(cluster, "web"), "ReplicaFailure")).toMatchObject({ status: "True", reason: "FailedCreate" });
    expect(harness?.events).toContain('FailedCreate: Error creating: pods "web-x" is forbidden: exceeded quota: compute-resources');
    expect(START).toBeLessThan(cluster.clock.now());
  });
});

describe("Deployment: adoption", () => {
  it("adopts an orphan ReplicaSet with its template as the new one, and releases one whose labels stop matching", () => {
    const { cluster, events } = start();
    const d = deploymentObject("web", { replicas: 2 });
    const template = structuredClone((d.spec as any).template);
    template.metadata.labels["pod-template-hash"] = "manual";
    expectOk(
      cluster.store.create({
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: { name: "web-manual", namespace: "default", labels: { app: "web", "pod-template-hash": "manual" } },
        spec: { replicas: 2, selector: { matchLabels: { app: "web", "pod-template-hash": "manual" } }, template },
      }),
    );
    settle(cluster);
    expectOk(cluster.store.create(d));
    settle(cluster);
    const sets = replicaSetsOf(cluster, "web");
    expect(sets.map((rs) => rs.metadata.name)).toEqual(["web-manual"]);
    expect(sets[0].metadata.ownerReferences?.[0]).toMatchObject({ kind: "Deployment", name: "web", controller: true });
    expect(revision(sets[0])).toBe("1");
    expect(scaling(events)).toEqual([]);
    expect(pods(cluster)).toHaveLength(2);
    expect(condition(getDeployment(cluster, "web"), "Progressing")).toMatchObject({ reason: "NewReplicaSetAvailable", lastTransitionTime: "2026-01-01T00:00:05Z" });
    expectOk(cluster.store.modify({ group: "apps", kind: "ReplicaSet", namespace: "default", name: "web-manual" }, (rs) => void (rs.metadata.labels = { app: "other" })));
    settle(cluster);
    expect(cluster.store.get({ group: "apps", kind: "ReplicaSet", namespace: "default", name: "web-manual" })?.metadata.ownerReferences).toBeUndefined();
    // The Deployment makes a ReplicaSet of its own again.
    expect(replicaSetsOf(cluster, "web").map((rs) => rs.metadata.name)).toEqual([expect.stringMatching(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/)]);
  });
});

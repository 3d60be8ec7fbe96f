import { afterEach, describe, expect, it } from "vitest";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import {
  condition,
  deploymentObject,
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

describe("Deployment: first rollout", () => {
  it("creates a ReplicaSet named <deployment>-<hash> with revision 1, which creates the pods", () => {
    const { cluster, events } = start();
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 3 })));
    settle(cluster);
    const [rs] = replicaSetsOf(cluster, "web");
    const hash = rs.metadata.labels?.["pod-template-hash"] ?? "";
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(rs.metadata.annotations).toEqual({
      "deployment.kubernetes.io/desired-replicas": "3",
      "deployment.kubernetes.io/max-replicas": "4",
      "deployment.kubernetes.io/revision": "1",
    });
    expect(rs.spec).toMatchObject({ replicas: 3, selector: { matchLabels: { app: "web", "pod-template-hash": hash } } });
    expect((rs.spec as any).template.metadata.labels).toEqual({ app: "web", "pod-template-hash": hash });
    expect(rs.metadata.ownerReferences).toEqual([
      { apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: getDeployment(cluster, "web").metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    const names = pods(cluster).map((p) => p.metadata.name);
    expect(names).toHaveLength(3);
    for (const name of names) expect(name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(events.filter((e) => !e.startsWith("SuccessfulCreate"))).toEqual([`ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 3`]);
    expect(events.filter((e) => e.startsWith("SuccessfulCreate")).sort()).toEqual(names.map((n) => `SuccessfulCreate: Created pod: ${n}`).sort());

    const d = getDeployment(cluster, "web");
    expect(d.metadata.annotations).toEqual({ "deployment.kubernetes.io/revision": "1" });
    expect(d.status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      conditions: [
        {
          type: "Available",
          status: "True",
          lastUpdateTime: "2026-01-01T00:00:05Z",
          lastTransitionTime: "2026-01-01T00:00:05Z",
          reason: "MinimumReplicasAvailable",
          message: "Deployment has minimum availability.",
        },
        {
          type: "Progressing",
          status: "True",
          lastUpdateTime: "2026-01-01T00:00:05Z",
          lastTransitionTime: "2026-01-01T00:00:00Z",
          reason: "NewReplicaSetAvailable",
          message: `ReplicaSet "web-${hash}" has successfully progressed.`,
        },
      ],
    });
    expect(rs.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(seconds(cluster)).toBe(5);
  });
});

describe("Deployment: rolling update", () => {
  it("replicas 3 with the default 25%/25%: the six ScalingReplicaSet events of the docs, in order", () => {
    const { cluster, events } = start();
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 3 })));
    settle(cluster);
    const [old] = replicaSetsOf(cluster, "web");
    events.length = 0;
    setImage(cluster, "web", "nginx:1.28");
    settle(cluster);
    const [, next] = replicaSetsOf(cluster, "web");
    const o = old.metadata.name;
    const n = next.metadata.name;
    expect(n).not.toBe(o);
    expect(scaling(events)).toEqual([
      `Scaled up replica set ${n} from 0 to 1`,
      `Scaled down replica set ${o} from 3 to 2`,
      `Scaled up replica set ${n} from 1 to 2`,
      `Scaled down replica set ${o} from 2 to 1`,
      `Scaled up replica set ${n} from 2 to 3`,
      `Scaled down replica set ${o} from 1 to 0`,
    ]);
    // Each new pod takes 5 s to become ready: three steps.
    expect(seconds(cluster)).toBe(20);
    expect(revision(next)).toBe("2");
    expect(replicaSetsOf(cluster, "web").map(rsReplicas)).toEqual([0, 3]);
    const d = getDeployment(cluster, "web");
    expect(d.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");
    expect(d.status).toMatchObject({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    expect(condition(d, "Progressing")).toMatchObject({ reason: "NewReplicaSetAvailable", message: `ReplicaSet "${n}" has successfully progressed.` });
    expect(pods(cluster).every((p) => p.metadata.labels?.["pod-template-hash"] === next.metadata.labels?.["pod-template-hash"])).toBe(true);
  });

  it("replicas 10, maxSurge 3, maxUnavailable 2: never more than 13 pods nor fewer than 8 available", () => {
    const { cluster, events } = start();
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 10, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } })));
    settle(cluster);
    let maxPods = 0;
    let minAvailable = Infinity;
    const live = new Map<string, { ready: boolean }>();
    for (const p of pods(cluster)) live.set(p.metadata.uid ?? "", { ready: true });
    cluster.store.watch({ group: "", kind: "Pod" }, (event) => {
      const uid = event.object.metadata.uid ?? "";
      if (event.type === "DELETED" || event.object.metadata.deletionTimestamp !== undefined) live.delete(uid);
      else live.set(uid, { ready: ((event.object.status as any)?.conditions ?? []).some((c: any) => c.type === "Ready" && c.status === "True") });
      maxPods = Math.max(maxPods, live.size);
      minAvailable = Math.min(minAvailable, [...live.values()].filter((p) => p.ready).length);
    });
    events.length = 0;
    setImage(cluster, "web", "nginx:1.28");
    settle(cluster);
    const [old, next] = replicaSetsOf(cluster, "web");
    const o = old.metadata.name;
    const n = next.metadata.name;
    expect(scaling(events)).toEqual([
      // surge 3: the new set starts at 3, and 2 old replicas may go at once.
      `Scaled up replica set ${n} from 0 to 3`,
      `Scaled down replica set ${o} from 10 to 8`,
      `Scaled up replica set ${n} from 3 to 5`,
      // 5 new + 8 old available, 8 needed: 5 old replicas go, and the new set takes their place.
      `Scaled down replica set ${o} from 8 to 3`,
      `Scaled up replica set ${n} from 5 to 10`,
      `Scaled down replica set ${o} from 3 to 0`,
    ]);
    expect(seconds(cluster)).toBe(15);
    expect(maxPods).toBe(13);
    expect(minAvailable).toBe(8);
    expect(getDeployment(cluster, "web").status).toMatchObject({ replicas: 10, updatedReplicas: 10, availableReplicas: 10 });
  });

  it("a rollover mid-rollout makes the newest template the target and scales every older set down", () => {
    const { cluster, events } = start();
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 3 })));
    settle(cluster);
    setImage(cluster, "web", "nginx:1.28");
    cluster.clock.advance(0);
    setImage(cluster, "web", "nginx:1.29");
    settle(cluster);
    const sets = replicaSetsOf(cluster, "web");
    expect(sets.map(revision)).toEqual(["1", "2", "3"]);
    expect(sets.map(rsReplicas)).toEqual([0, 0, 3]);
    expect(pods(cluster).map((p) => (p.spec as any).containers[0].image)).toEqual(["nginx:1.29", "nginx:1.29", "nginx:1.29"]);
    expect(scaling(events)).toContain(`Scaled down replica set ${sets[1].metadata.name} from 1 to 0`);
  });
});

// Template changes on the whole simulated cluster: RollingUpdate replaces members from the highest
// ordinal down, one at a time, each once its replacement is Running and Ready; a partition keeps the
// members below it at the current revision (even when recreated); OnDelete replaces only what the
// user deletes. ControllerRevisions record each template, renumbered when an old one comes back.
import { afterEach, describe, expect, it } from "vitest";
import type { Cluster } from "../../../src/runtime/cluster.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { cluster, createSet, getPod, getSet, modifySet, podTimeline, revisionLabel, runTo, SET_REF, settle, webSet } from "./statefulset-fixtures.js";

let c: Cluster | undefined;
afterEach(() => c?.stop());

const image = (cluster: Cluster, pod: string) => getPod(cluster, pod)?.spec.containers[0].image;
const setImage = (cluster: Cluster, to: string) => modifySet(cluster, (spec) => (spec.template.spec.containers[0].image = to));

function revisions(cluster: Cluster): Array<{ name: string; revision: number }> {
  return cluster.store
    .list({ group: "apps", kind: "ControllerRevision", namespace: "default" })
    .map((r) => ({ name: r.metadata.name ?? "", revision: r.revision as number }))
    .sort((a, b) => a.revision - b.revision);
}

describe("RollingUpdate", () => {
  it("replaces web-2, then web-1, then web-0, each after the one before is Running and Ready", () => {
    c = cluster();
    createSet(c);
    settle(c);
    const before = getSet(c).status.currentRevision;
    const timeline = podTimeline(c);
    setImage(c, "nginx:1.16.1");
    runTo(c, 70);
    const after = getSet(c).status.updateRevision;
    expect(after).not.toBe(before);
    expect(getSet(c).status).toMatchObject({ observedGeneration: 2, replicas: 3, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 1, currentRevision: before, updateRevision: after });
    settle(c);
    // Each replacement pulls the new image (2 s) and is ready 20 s after it starts.
    expect(timeline).toEqual(["~web-2 @66", "-web-2 @66", "+web-2 @66", "~web-1 @88", "-web-1 @88", "+web-1 @88", "~web-0 @110", "-web-0 @110", "+web-0 @110"]);
    expect(["web-0", "web-1", "web-2"].map((p) => [image(c!, p), revisionLabel(c!, p)])).toEqual([
      ["nginx:1.16.1", after],
      ["nginx:1.16.1", after],
      ["nginx:1.16.1", after],
    ]);
    expect(getSet(c).status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: after, updateRevision: after, availableReplicas: 3 });
  });

  it("waits while a replacement is not ready: a bad image stops the update at web-2", () => {
    c = cluster();
    createSet(c);
    settle(c);
    setImage(c, "nginx:1.91");
    settle(c, 20 * 60_000);
    expect(["web-0", "web-1", "web-2"].map((p) => image(c!, p))).toEqual(["nginx:1.9.1", "nginx:1.9.1", "nginx:1.91"]);
    expect(getSet(c).status).toMatchObject({ readyReplicas: 2, currentReplicas: 2, updatedReplicas: 1 });
  });

  it("with a partition, updates only the ordinals at or above it; a deleted member below comes back at the current revision", () => {
    c = cluster();
    createSet(c, { updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 2 } } });
    settle(c);
    const current = getSet(c).status.currentRevision;
    setImage(c, "nginx:1.16.1");
    settle(c);
    const update = getSet(c).status.updateRevision;
    expect(["web-0", "web-1", "web-2"].map((p) => revisionLabel(c!, p))).toEqual([current, current, update]);
    expect(getSet(c).status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 2, updatedReplicas: 1, currentRevision: current, updateRevision: update });

    expectOk(c.store.delete({ group: "", kind: "Pod", namespace: "default", name: "web-0" }));
    settle(c);
    expect([image(c, "web-0"), revisionLabel(c, "web-0")]).toEqual(["nginx:1.9.1", current]);

    modifySet(c, (spec) => (spec.updateStrategy.rollingUpdate.partition = 0));
    settle(c);
    expect(["web-0", "web-1", "web-2"].map((p) => revisionLabel(c!, p))).toEqual([update, update, update]);
    expect(getSet(c).status).toMatchObject({ currentReplicas: 3, updatedReplicas: 3, currentRevision: update, updateRevision: update });
  });

  it("a partition above the replica count updates nothing", () => {
    c = cluster();
    createSet(c, { replicas: 2, updateStrategy: { rollingUpdate: { partition: 5 } } });
    settle(c);
    const timeline = podTimeline(c);
    setImage(c, "nginx:1.16.1");
    settle(c);
    expect(timeline).toEqual([]);
    expect(getSet(c).status).toMatchObject({ currentReplicas: 2 });
    expect(getSet(c).status.updatedReplicas).toBeUndefined();
  });
});

describe("OnDelete", () => {
  it("leaves pods alone on a template change and recreates a deleted one at the update revision", () => {
    c = cluster();
    createSet(c, { updateStrategy: { type: "OnDelete" } });
    settle(c);
    const current = getSet(c).status.currentRevision;
    const timeline = podTimeline(c);
    setImage(c, "nginx:1.16.1");
    settle(c);
    expect(timeline).toEqual([]);
    const update = getSet(c).status.updateRevision;
    expect(getSet(c).status).toMatchObject({ currentReplicas: 3, currentRevision: current, updateRevision: update });
    expect(getSet(c).status.updatedReplicas).toBeUndefined();

    expectOk(c.store.delete({ group: "", kind: "Pod", namespace: "default", name: "web-1" }));
    settle(c);
    expect(["web-0", "web-1", "web-2"].map((p) => image(c!, p))).toEqual(["nginx:1.9.1", "nginx:1.16.1", "nginx:1.9.1"]);
    expect(revisionLabel(c, "web-1")).toBe(update);
    // OnDelete never completes a rollout: the current revision stays.
    expect(getSet(c).status).toMatchObject({ currentReplicas: 2, updatedReplicas: 1, currentRevision: current, updateRevision: update });
  });
});

describe("ControllerRevisions", () => {
  it("records each template as a revision owned by the set, with its labels, data and the set's annotations", () => {
    c = cluster();
    const set = createSet(c, { replicas: 1, annotations: { "kubernetes.io/change-cause": "first" } });
    settle(c);
    const [first] = c.store.list({ group: "apps", kind: "ControllerRevision", namespace: "default" });
    const hash = first.metadata.name?.slice("web-".length);
    expect(first.metadata).toMatchObject({
      labels: { app: "nginx", "controller-revision-hash": hash },
      annotations: { "kubernetes.io/change-cause": "first" },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "StatefulSet", name: "web", uid: set.metadata.uid, controller: true, blockOwnerDeletion: true }],
    });
    expect(first.revision).toBe(1);
    expect((first.data as any).spec.template).toMatchObject({ $patch: "replace", metadata: { labels: { app: "nginx" } }, spec: { containers: [{ image: "nginx:1.9.1" }] } });
    expect(revisionLabel(c, "web-0")).toBe(first.metadata.name);
  });

  it("numbers new templates up, and renumbers an old template that comes back", () => {
    c = cluster();
    createSet(c, { replicas: 1 });
    settle(c);
    const [one] = revisions(c);
    setImage(c, "nginx:1.16.1");
    settle(c);
    const [, two] = revisions(c);
    setImage(c, "nginx:1.9.1");
    settle(c);
    expect(revisions(c)).toEqual([
      { name: two.name, revision: 2 },
      { name: one.name, revision: 3 },
    ]);
    expect(getSet(c).status).toMatchObject({ currentRevision: one.name, updateRevision: one.name });
  });

  it("keeps revisionHistoryLimit old revisions besides the ones in use", () => {
    c = cluster();
    const set = webSet({ replicas: 1 });
    (set.spec as any).revisionHistoryLimit = 1;
    expectOk(c.store.create(set));
    settle(c);
    for (const tag of ["1.16.1", "1.17", "1.18"]) {
      setImage(c, `nginx:${tag}`);
      settle(c);
    }
    expect(revisions(c).map((r) => r.revision)).toEqual([3, 4]);
    expect(getSet(c).status.currentRevision).toBe(revisions(c)[1].name);
    expect(c.store.get(SET_REF())).toBeDefined();
  });
});

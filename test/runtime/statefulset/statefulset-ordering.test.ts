// Pod management on the whole simulated cluster: OrderedReady creates members one by one, each once
// its predecessors are Running and Ready (and available), and removes them from the highest ordinal
// down; Parallel does both at once; a member that never becomes ready holds the rest back.
import { afterEach, describe, expect, it } from "vitest";
import type { Cluster } from "../../../src/runtime/cluster.js";
import { cloneObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { cluster, createSet, elapsed, getPod, getSet, modifySet, podNames, readySeconds, runTo, setEvents, settle } from "./statefulset-fixtures.js";

let c: Cluster | undefined;
afterEach(() => c?.stop());

const created = (pod: string, at: number) => `SuccessfulCreate create Pod ${pod} in StatefulSet web successful @${at}`;
const deleted = (pod: string, at: number) => `SuccessfulDelete delete Pod ${pod} in StatefulSet web successful @${at}`;

describe("OrderedReady", () => {
  it("creates web-0, web-1, web-2 in turn, each when its predecessor is Running and Ready", () => {
    c = cluster();
    createSet(c);
    settle(c);
    // Pull 2 s, ready 20 s after the start: each member is ready 22 s after it was created.
    expect(setEvents(c)).toEqual([created("web-0", 0), created("web-1", 22), created("web-2", 44)]);
    expect(["web-0", "web-1", "web-2"].map((p) => readySeconds(getPod(c!, p)))).toEqual([22, 44, 66]);
    const status = getSet(c).status;
    expect(Object.keys(status)).toEqual(["observedGeneration", "replicas", "readyReplicas", "currentReplicas", "updatedReplicas", "currentRevision", "updateRevision", "collisionCount", "availableReplicas"]);
    expect(status).toMatchObject({ observedGeneration: 1, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, collisionCount: 0, availableReplicas: 3 });
    expect(status.currentRevision).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(status.updateRevision).toBe(status.currentRevision);
  });

  it("reports progress in the status while members come up", () => {
    c = cluster();
    createSet(c);
    runTo(c, 30);
    expect(podNames(c)).toEqual(["web-0", "web-1"]);
    const status = getSet(c).status;
    expect(status).toMatchObject({ replicas: 2, readyReplicas: 1, currentReplicas: 2, updatedReplicas: 2, availableReplicas: 1 });
  });

  it("gives each member its identity: name, labels, hostname, subdomain, controller", () => {
    c = cluster();
    const set = createSet(c, { replicas: 2 });
    settle(c);
    const pod = getPod(c, "web-1");
    const revision = getSet(c).status.currentRevision;
    expect(pod.metadata).toMatchObject({
      name: "web-1",
      generateName: "web-",
      labels: { app: "nginx", "apps.kubernetes.io/pod-index": "1", "controller-revision-hash": revision, "statefulset.kubernetes.io/pod-name": "web-1" },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "StatefulSet", name: "web", uid: set.metadata.uid, controller: true, blockOwnerDeletion: true }],
    });
    expect(pod.spec).toMatchObject({ hostname: "web-1", subdomain: "nginx" });
    expect(pod.spec.volumes).toBeUndefined();
  });

  it.each([
    ["a ready-after hint far away", { "sim.drydock.dev/ready-after": "1000h" }, undefined],
    ["a readiness probe that fails from the start", { "sim.drydock.dev/readiness-fail-after": "0s" }, { httpGet: { path: "/", port: 80 } }],
  ])("does not create the next ordinal while web-0 never becomes ready (%s)", (_case, hints, readinessProbe) => {
    c = cluster();
    createSet(c, { hints, container: readinessProbe ? { readinessProbe } : {} });
    settle(c, 30 * 60_000);
    expect(podNames(c)).toEqual(["web-0"]);
    expect(setEvents(c)).toEqual([created("web-0", 0)]);
    expect(getPod(c, "web-0").status.phase).toBe("Running");
    expect(getSet(c).status).toMatchObject({ replicas: 1, currentReplicas: 1, updatedReplicas: 1, availableReplicas: 0 });
    expect(getSet(c).status.readyReplicas).toBeUndefined();
  });

  it("with minReadySeconds, waits until the predecessor has been ready that long", () => {
    c = cluster();
    createSet(c, { replicas: 2, minReadySeconds: 10 });
    runTo(c, 30);
    expect(getSet(c).status).toMatchObject({ readyReplicas: 1, availableReplicas: 0 });
    settle(c);
    expect(setEvents(c)).toEqual([created("web-0", 0), created("web-1", 32)]);
    expect(getSet(c).status).toMatchObject({ readyReplicas: 2, availableReplicas: 2 });
    expect(elapsed(c)).toBe(64);
  });

  it("scales down from the highest ordinal, each deletion once the member above is gone", () => {
    c = cluster();
    createSet(c, { hints: { "sim.drydock.dev/shutdown-duration": "5s" } });
    settle(c);
    const at = elapsed(c);
    modifySet(c, (spec) => (spec.replicas = 1));
    settle(c);
    expect(setEvents(c).slice(3)).toEqual([deleted("web-2", at), deleted("web-1", at + 5)]);
    expect(podNames(c)).toEqual(["web-0"]);
    expect(getSet(c).status).toMatchObject({ observedGeneration: 2, replicas: 1, readyReplicas: 1, availableReplicas: 1 });
  });

  it("scales up again from where it stopped", () => {
    c = cluster();
    createSet(c, { replicas: 1 });
    settle(c);
    const at = elapsed(c);
    modifySet(c, (spec) => (spec.replicas = 3));
    settle(c);
    expect(setEvents(c).slice(1)).toEqual([created("web-1", at), created("web-2", at + 22)]);
    expect(podNames(c)).toEqual(["web-0", "web-1", "web-2"]);
  });

  it("recreates a failed member with the same name", () => {
    c = cluster();
    createSet(c, { replicas: 2 });
    settle(c);
    const before = getPod(c, "web-1");
    const failed = cloneObject(before);
    failed.status.phase = "Failed";
    expectOk(c.store.update(failed, { subresource: "status" }));
    const at = elapsed(c);
    settle(c);
    // The second `create Pod web-1` is the first event again, counted twice.
    expect(setEvents(c)).toEqual([
      created("web-0", 0),
      `${created("web-1", 22)} (x2, last @${at})`,
      `RecreatingFailedPod StatefulSet default/web is recreating failed Pod web-1 @${at}`,
      deleted("web-1", at),
    ]);
    const after = getPod(c, "web-1");
    expect(after.metadata.uid).not.toBe(before.metadata.uid);
    expect(after.status.phase).toBe("Running");
  });
});

describe("adoption", () => {
  it("adopts an orphan named like a member and matching the selector; leaves other matching pods alone", () => {
    c = cluster();
    const orphan = (name: string) => ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, labels: { app: "nginx" } },
      spec: { containers: [{ name: "nginx", image: "nginx:1.9.1" }] },
    });
    expectOk(c.store.create(orphan("web-0")));
    expectOk(c.store.create(orphan("cache")));
    const set = createSet(c, { replicas: 2 });
    settle(c);
    expect(getPod(c, "web-0").metadata.ownerReferences).toEqual([{ apiVersion: "apps/v1", kind: "StatefulSet", name: "web", uid: set.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(getPod(c, "cache").metadata.ownerReferences).toBeUndefined();
    // web-0 was adopted, not created: once ready (its image pulls in 2.979 s) it got the identity
    // labels it lacked by an update. Having no revision label, it is then replaced by the rolling
    // update, as upstream replaces any member not at the update revision.
    expect(setEvents(c)).toEqual([
      "SuccessfulUpdate update Pod web-0 in StatefulSet web successful @2",
      created("web-1", 2),
      deleted("web-0", 24),
      created("web-0", 24),
    ]);
    expect(getPod(c, "web-0").metadata.labels).toMatchObject({ "statefulset.kubernetes.io/pod-name": "web-0", "apps.kubernetes.io/pod-index": "0", "controller-revision-hash": getSet(c).status.updateRevision });
  });
});

describe("Parallel", () => {
  it("creates every member at once, without waiting for readiness", () => {
    c = cluster();
    createSet(c, { podManagementPolicy: "Parallel" });
    settle(c);
    expect(setEvents(c)).toEqual([created("web-0", 0), created("web-1", 0), created("web-2", 0)]);
    expect(["web-0", "web-1", "web-2"].map((p) => readySeconds(getPod(c!, p)))).toEqual([22, 22, 22]);
  });

  it("creates the others even when one never becomes ready, and deletes all condemned members at once", () => {
    c = cluster();
    createSet(c, { podManagementPolicy: "Parallel", hints: { "sim.drydock.dev/ready-after": "1000h", "sim.drydock.dev/shutdown-duration": "5s" } });
    settle(c);
    expect(podNames(c)).toEqual(["web-0", "web-1", "web-2"]);
    const at = elapsed(c);
    modifySet(c, (spec) => (spec.replicas = 0));
    settle(c);
    expect(setEvents(c).slice(3)).toEqual([deleted("web-2", at), deleted("web-1", at), deleted("web-0", at)]);
    expect(podNames(c)).toEqual([]);
    expect(getSet(c).status).toEqual({ observedGeneration: 2, replicas: 0, currentRevision: getSet(c).status.updateRevision, updateRevision: getSet(c).status.updateRevision, collisionCount: 0, availableReplicas: 0 });
  });
});

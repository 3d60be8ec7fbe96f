// Claims from volumeClaimTemplates on the whole simulated cluster: created before their pod, named
// `<template>-<set>-<ordinal>`, labelled with the set's matchLabels, kept or deleted as the
// persistentVolumeClaimRetentionPolicy says, and reused by a member that comes back. (Binding to
// volumes is the storage controllers' part: no phase or volume is asserted here.)
import { afterEach, describe, expect, it } from "vitest";
import type { Cluster } from "../../../src/runtime/cluster.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { claimNames, cluster, createSet, getClaim, getPod, getSet, modifySet, podNames, SET_REF, setEvents, settle } from "./statefulset-fixtures.js";

let c: Cluster | undefined;
afterEach(() => c?.stop());

/** The set's events without their times (a repeated one ends in ` (x<count>)`). */
const messages = (cluster: Cluster) => setEvents(cluster).map((e) => e.replace(/, last @\d+\)$/, ")").replace(/ @\d+/, ""));

describe("claims of a StatefulSet", () => {
  it("creates each member's claims before the member, from the template, labelled with the selector", () => {
    c = cluster();
    const added: string[] = [];
    c.store.watch({ namespace: "default" }, (event) => {
      if (event.type === "ADDED" && (event.object.kind === "Pod" || event.object.kind === "PersistentVolumeClaim")) added.push(`${event.object.kind}/${event.object.metadata.name}`);
    });
    createSet(c, { replicas: 2, claims: true });
    settle(c);
    expect(added).toEqual(["PersistentVolumeClaim/www-web-0", "Pod/web-0", "PersistentVolumeClaim/www-web-1", "Pod/web-1"]);
    expect(messages(c)).toEqual([
      "SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success",
      "SuccessfulCreate create Pod web-0 in StatefulSet web successful",
      "SuccessfulCreate create Claim www-web-1 Pod web-1 in StatefulSet web success",
      "SuccessfulCreate create Pod web-1 in StatefulSet web successful",
    ]);
    expect(claimNames(c)).toEqual(["www-web-0", "www-web-1"]);
    const claim = getClaim(c, "www-web-1");
    expect(claim.metadata.labels).toEqual({ app: "nginx" });
    expect(claim.metadata.ownerReferences).toBeUndefined();
    expect(claim.spec).toMatchObject({ accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, volumeMode: "Filesystem" });
    expect(getPod(c, "web-1").spec.volumes).toEqual([{ name: "www", persistentVolumeClaim: { claimName: "www-web-1" } }]);
    expect(getSet(c).spec.volumeClaimTemplates[0]).toMatchObject({ spec: { volumeMode: "Filesystem" }, status: { phase: "Pending" } });
  });

  it("replaces a template volume of the claim's name, and keeps the others after the claims", () => {
    c = cluster();
    createSet(c, { replicas: 1, claims: true });
    expectOk(
      c.store.modify(SET_REF(), (s: any) => {
        s.spec.template.spec.volumes = [{ name: "www", emptyDir: {} }, { name: "cache", emptyDir: {} }];
      }),
    );
    settle(c);
    expect(getPod(c, "web-0").spec.volumes).toEqual([{ name: "www", persistentVolumeClaim: { claimName: "www-web-0" } }, { name: "cache", emptyDir: {} }]);
  });

  it("Retain (the default): scaling down keeps the claims, scaling back up reuses them", () => {
    c = cluster();
    createSet(c, { claims: true });
    settle(c);
    const uids = ["www-web-1", "www-web-2"].map((name) => getClaim(c!, name).metadata.uid);
    modifySet(c, (spec) => (spec.replicas = 1));
    settle(c);
    expect(podNames(c)).toEqual(["web-0"]);
    expect(claimNames(c)).toEqual(["www-web-0", "www-web-1", "www-web-2"]);
    modifySet(c, (spec) => (spec.replicas = 3));
    settle(c);
    expect(podNames(c)).toEqual(["web-0", "web-1", "web-2"]);
    expect(["www-web-1", "www-web-2"].map((name) => getClaim(c!, name).metadata.uid)).toEqual(uids);
    expect(getPod(c, "web-2").spec.volumes).toEqual([{ name: "www", persistentVolumeClaim: { claimName: "www-web-2" } }]);
    // Three claims were ever created, each once.
    expect(messages(c).filter((m) => m.includes("create Claim"))).toHaveLength(3);
  });

  it("whenScaled Delete: the claims of scaled-down members go with them; scaling up makes new ones", () => {
    c = cluster();
    createSet(c, { claims: true, retention: { whenScaled: "Delete" } });
    settle(c);
    const first = getClaim(c, "www-web-2").metadata.uid;
    modifySet(c, (spec) => (spec.replicas = 1));
    settle(c);
    expect(podNames(c)).toEqual(["web-0"]);
    expect(claimNames(c)).toEqual(["www-web-0"]);
    expect(getClaim(c, "www-web-0").metadata.ownerReferences).toBeUndefined();
    modifySet(c, (spec) => (spec.replicas = 3));
    settle(c);
    expect(claimNames(c)).toEqual(["www-web-0", "www-web-1", "www-web-2"]);
    expect(getClaim(c, "www-web-2").metadata.uid).not.toBe(first);
    expect(messages(c).filter((m) => m.includes("create Claim www-web-2"))).toEqual(["SuccessfulCreate create Claim www-web-2 Pod web-2 in StatefulSet web success (x2)"]);
  });

  it("whenScaled Delete: scaling back up before the old claim is collected waits for it", () => {
    c = cluster();
    createSet(c, { replicas: 2, claims: true, retention: { whenScaled: "Delete" }, hints: { "sim.drydock.dev/shutdown-duration": "10s" } });
    settle(c);
    const old = getClaim(c, "www-web-1").metadata.uid;
    modifySet(c, (spec) => (spec.replicas = 1));
    settle(c, 1000);
    // web-1 is terminating and its claim now belongs to it.
    expect(getPod(c, "web-1").metadata.deletionTimestamp).toBeDefined();
    expect(getClaim(c, "www-web-1").metadata.ownerReferences).toEqual([{ apiVersion: "v1", kind: "Pod", name: "web-1", uid: getPod(c, "web-1").metadata.uid }]);
    modifySet(c, (spec) => (spec.replicas = 2));
    settle(c);
    expect(podNames(c)).toEqual(["web-0", "web-1"]);
    const fresh = getClaim(c, "www-web-1");
    expect(fresh.metadata.uid).not.toBe(old);
    expect(fresh.metadata.ownerReferences).toBeUndefined();
    expect(getPod(c, "web-1").spec.volumes).toEqual([{ name: "www", persistentVolumeClaim: { claimName: "www-web-1" } }]);
  });

  it("whenDeleted Delete: the claims are owned by the set and go when it is deleted", () => {
    c = cluster();
    const set = createSet(c, { replicas: 2, claims: true, retention: { whenDeleted: "Delete" } });
    settle(c);
    expect(getClaim(c, "www-web-0").metadata.ownerReferences).toEqual([{ apiVersion: "apps/v1", kind: "StatefulSet", name: "web", uid: set.metadata.uid }]);
    expectOk(c.store.delete(SET_REF()));
    settle(c);
    expect(podNames(c)).toEqual([]);
    expect(claimNames(c)).toEqual([]);
  });

  it("Retain: deleting the set leaves the claims", () => {
    c = cluster();
    createSet(c, { replicas: 2, claims: true });
    settle(c);
    expectOk(c.store.delete(SET_REF()));
    settle(c);
    expect(podNames(c)).toEqual([]);
    expect(claimNames(c)).toEqual(["www-web-0", "www-web-1"]);
  });

  it("a deleted member comes back with the same name, hostname and claim", () => {
    c = cluster();
    createSet(c, { claims: true });
    settle(c);
    const pod = getPod(c, "web-1");
    const claim = getClaim(c, "www-web-1").metadata.uid;
    expectOk(c.store.delete({ group: "", kind: "Pod", namespace: "default", name: "web-1" }));
    settle(c);
    const back = getPod(c, "web-1");
    expect(back.metadata.uid).not.toBe(pod.metadata.uid);
    expect(back.spec).toMatchObject({ hostname: "web-1", subdomain: "nginx", volumes: [{ name: "www", persistentVolumeClaim: { claimName: "www-web-1" } }] });
    expect(getClaim(c, "www-web-1").metadata.uid).toBe(claim);
    expect(messages(c).filter((m) => m.includes("web-1"))).toEqual([
      "SuccessfulCreate create Claim www-web-1 Pod web-1 in StatefulSet web success",
      "SuccessfulCreate create Pod web-1 in StatefulSet web successful (x2)",
    ]);
  });
});

// What happens to a volume when its claim goes (Retain, Delete, Recycle), and the pvc-protection and
// pv-protection finalizers that keep a claim while pods use it and a volume while it is bound.
import { describe, expect, it } from "vitest";
import { createCluster, snapshotCluster } from "../../../src/runtime/cluster.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import {
  claim,
  create,
  eventLines,
  fullCluster,
  getClaim,
  getPod,
  getVolume,
  now,
  phaseOf,
  podUsing,
  settle,
  storageCluster,
  volume,
  volumeNameOf,
} from "./storage-helpers.js";

const CLAIM_REF = (name: string) => ({ group: "", kind: "PersistentVolumeClaim", namespace: "default", name });
const VOLUME_REF = (name: string) => ({ group: "", kind: "PersistentVolume", name });

describe("PV controller: reclaiming", () => {
  it("deletes a provisioned volume (reclaimPolicy Delete) when its claim is deleted", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    const created = create(cluster, claim("scratch"));
    now(cluster);
    const name = `pvc-${created.metadata.uid}`;
    expect(phaseOf(getVolume(cluster, name))).toBe("Bound");
    // No pod uses it: the pvc-protection finalizer goes at once, and so does the claim.
    const deleted = expectOk(cluster.store.delete(CLAIM_REF("scratch")));
    expect(deleted.metadata.deletionTimestamp).toBeDefined();
    now(cluster);
    expect(getClaim(cluster, "scratch")).toBeUndefined();
    expect(getVolume(cluster, name)).toBeUndefined();
    sim.stop();
  });

  it("keeps a Retain volume Released with its claimRef, and gives it to no new claim", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    create(cluster, volume("keep", { className: "" }));
    create(cluster, claim("first", { className: "" }));
    now(cluster);
    expect(volumeNameOf(getClaim(cluster, "first"))).toBe("keep");
    expectOk(cluster.store.delete(CLAIM_REF("first")));
    now(cluster);
    const pv = getVolume(cluster, "keep")!;
    expect(phaseOf(pv)).toBe("Released");
    expect((pv.spec as { claimRef: { name: string } }).claimRef.name).toBe("first");
    create(cluster, claim("second", { className: "" }));
    now(cluster);
    expect(phaseOf(getClaim(cluster, "second"))).toBe("Pending");
    sim.stop();
  });

  it("scrubs a Recycle volume and makes it Available again", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    create(cluster, volume("reuse", { className: "", policy: "Recycle" }));
    create(cluster, claim("first", { className: "" }));
    now(cluster);
    expectOk(cluster.store.delete(CLAIM_REF("first")));
    now(cluster);
    const pv = getVolume(cluster, "reuse")!;
    expect(phaseOf(pv)).toBe("Available");
    expect((pv.spec as { claimRef?: unknown }).claimRef).toBeUndefined();
    expect(eventLines(cluster, "PersistentVolume", "reuse")).toEqual(["Normal VolumeRecycled [persistentvolume-controller]: Volume recycled"]);
    sim.stop();
  });

  it("marks a bound claim Lost when its volume disappears", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    create(cluster, volume("gone", { className: "" }));
    create(cluster, claim("orphan", { className: "" }));
    now(cluster);
    // Forced away, finalizer and all.
    expectOk(cluster.store.modify(VOLUME_REF("gone"), (pv) => delete pv.metadata.finalizers));
    expectOk(cluster.store.delete(VOLUME_REF("gone")));
    now(cluster);
    expect(phaseOf(getClaim(cluster, "orphan"))).toBe("Lost");
    expect(eventLines(cluster, "PersistentVolumeClaim", "orphan")).toEqual([
      "Warning ClaimLost [persistentvolume-controller]: Bound claim has lost its PersistentVolume. Data on the volume is lost!",
    ]);
    sim.stop();
  });
});

describe("storage object in-use protection", () => {
  it("keeps a claim used by a pod Terminating until the pod is gone, then deletes claim and volume at that instant", () => {
    const cluster = fullCluster();
    const created = create(cluster, claim("data"));
    create(cluster, podUsing("app", ["data"], { annotations: { "sim.drydock.dev/shutdown-duration": "20s" } }));
    settle(cluster);
    expect((getPod(cluster, "app")!.status as { phase: string }).phase).toBe("Running");
    const pvName = `pvc-${created.metadata.uid}`;

    const deleted = expectOk(cluster.store.delete(CLAIM_REF("data")));
    expect(deleted.metadata.finalizers).toEqual(["kubernetes.io/pvc-protection"]);
    settle(cluster);
    expect(getClaim(cluster, "data")!.metadata.deletionTimestamp).toBeDefined();
    expect(phaseOf(getVolume(cluster, pvName))).toBe("Bound");

    expectOk(cluster.store.delete({ group: "", kind: "Pod", namespace: "default", name: "app" }));
    cluster.clock.advance(19_000);
    expect(getPod(cluster, "app")).toBeDefined();
    expect(getClaim(cluster, "data")).toBeDefined();
    // Step until the pod is gone: the claim and its volume go at that very instant.
    for (let step = 0; step < 100 && getPod(cluster, "app"); step++) {
      expect(getClaim(cluster, "data")).toBeDefined();
      cluster.clock.advance(100);
    }
    expect(getPod(cluster, "app")).toBeUndefined();
    expect(getClaim(cluster, "data")).toBeUndefined();
    expect(getVolume(cluster, pvName)).toBeUndefined();
  });

  it("keeps a bound volume Terminating until its claim lets go", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    create(cluster, volume("precious", { className: "" }));
    create(cluster, claim("holder", { className: "" }));
    now(cluster);
    const deleting = expectOk(cluster.store.delete(VOLUME_REF("precious")));
    expect(deleting.metadata.finalizers).toEqual(["kubernetes.io/pv-protection"]);
    now(cluster);
    expect(getVolume(cluster, "precious")!.metadata.deletionTimestamp).toBeDefined();
    expect(phaseOf(getClaim(cluster, "holder"))).toBe("Bound");
    expectOk(cluster.store.delete(CLAIM_REF("holder")));
    now(cluster);
    expect(getClaim(cluster, "holder")).toBeUndefined();
    expect(getVolume(cluster, "precious")).toBeUndefined();
    sim.stop();
  });

  it("rebuilds its view after a restart (level-triggered): a claim left Terminating is released once its pod is gone", () => {
    const first = fullCluster();
    create(first, claim("data"));
    create(first, podUsing("app", ["data"]));
    settle(first);
    expectOk(first.store.delete(CLAIM_REF("data")));
    settle(first);
    const saved = snapshotCluster(first);
    first.stop();
    // A fresh PV controller, as every CLI command starts one, still knows the pod uses the claim.
    const cluster = createCluster({}, saved);
    settle(cluster);
    expect(getClaim(cluster, "data")!.metadata.deletionTimestamp).toBeDefined();
    expectOk(cluster.store.delete({ group: "", kind: "Pod", namespace: "default", name: "app" }));
    settle(cluster);
    expect(getClaim(cluster, "data")).toBeUndefined();
    cluster.stop();
  });
});

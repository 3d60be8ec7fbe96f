// Static binding by the PV controller: which Available volume a claim gets, and what binding writes
// on both sides, at the instant the claim or volume appears.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { describeObject } from "../../../src/cli/output/kube/describe/describe.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { ROOT } from "../../helpers.js";
import { claim, create, eventLines, getClaim, getVolume, now, phaseOf, storageCluster, volume, volumeNameOf } from "./storage-helpers.js";

const SEED = join(ROOT, "..", "shared", "seeds", "004_646c1cc213690b8e.txt");
const HAS_SEED = existsSync(SEED);
if (!HAS_SEED) console.warn(`[drydock tests] ${SEED} not found: the seed PersistentVolume test is skipped`);

describe("PV controller: static binding", () => {
  it("binds a claim to the smallest Available volume that fits (ties by name), writing both sides at the same instant", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    for (const [name, size] of [["big", "5Gi"], ["small-b", "2Gi"], ["small-a", "2Gi"], ["tiny", "500Mi"]] as const) create(cluster, volume(name, { size, className: "" }));
    now(cluster);
    expect(phaseOf(getVolume(cluster, "tiny"))).toBe("Available");
    const start = cluster.clock.now();
    const created = create(cluster, claim("data", { size: "1Gi", className: "" }));
    now(cluster);
    expect(cluster.clock.now()).toBe(start);

    const pv = getVolume(cluster, "small-a")!;
    expect((pv.spec as { claimRef: unknown }).claimRef).toEqual({
      kind: "PersistentVolumeClaim",
      namespace: "default",
      name: "data",
      uid: created.metadata.uid,
      apiVersion: "v1",
      resourceVersion: created.metadata.resourceVersion,
    });
    expect(pv.metadata.annotations).toEqual({ "pv.kubernetes.io/bound-by-controller": "yes" });
    expect(pv.status).toEqual({ phase: "Bound", lastPhaseTransitionTime: "2026-01-01T00:00:00Z" });

    const pvc = getClaim(cluster, "data")!;
    expect(volumeNameOf(pvc)).toBe("small-a");
    expect(pvc.metadata.annotations).toEqual({ "pv.kubernetes.io/bind-completed": "yes", "pv.kubernetes.io/bound-by-controller": "yes" });
    expect(pvc.status).toEqual({ phase: "Bound", accessModes: ["ReadWriteOnce"], capacity: { storage: "2Gi" } });
    for (const other of ["big", "small-b", "tiny"]) expect(phaseOf(getVolume(cluster, other))).toBe("Available");
    expect(eventLines(cluster, "PersistentVolumeClaim", "data")).toEqual([]);
    sim.stop();
  });

  it("matches the class exactly and leaves a claim without class or volume Pending with FailedBinding", () => {
    const sim = storageCluster({ defaultClass: false });
    const { cluster } = sim;
    create(cluster, volume("fast-1", { className: "fast" }));
    create(cluster, claim("plain", { className: "" }));
    create(cluster, claim("quick", { className: "fast" }));
    now(cluster);
    expect(phaseOf(getClaim(cluster, "plain"))).toBe("Pending");
    expect(eventLines(cluster, "PersistentVolumeClaim", "plain")).toEqual([
      "Normal FailedBinding [persistentvolume-controller]: no persistent volumes available for this claim and no storage class is set",
    ]);
    expect(volumeNameOf(getClaim(cluster, "quick"))).toBe("fast-1");
    sim.stop();
  });

  it("needs every access mode the claim asks for, preferring volumes with the fewest modes over smaller ones", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    create(cluster, volume("rwo-small", { size: "1Gi", modes: ["ReadWriteOnce"], className: "" }));
    create(cluster, volume("rwo-rox-small", { size: "1Gi", modes: ["ReadWriteOnce", "ReadOnlyMany"], className: "" }));
    create(cluster, volume("rwx-big", { size: "10Gi", modes: ["ReadWriteMany", "ReadWriteOnce"], className: "" }));
    now(cluster);
    create(cluster, claim("shared", { modes: ["ReadWriteMany"], className: "" }));
    now(cluster);
    expect(volumeNameOf(getClaim(cluster, "shared"))).toBe("rwx-big");
    // rwo-rox-small is as small as rwo-small but offers more modes than asked for.
    create(cluster, volume("rwo-big", { size: "5Gi", modes: ["ReadWriteOnce"], className: "" }));
    create(cluster, claim("one", { modes: ["ReadWriteOnce"], className: "" }));
    now(cluster);
    expect(volumeNameOf(getClaim(cluster, "one"))).toBe("rwo-small");
    create(cluster, claim("two", { modes: ["ReadWriteOnce"], className: "" }));
    now(cluster);
    expect(volumeNameOf(getClaim(cluster, "two"))).toBe("rwo-big");
    sim.stop();
  });

  it("honours the claim's selector (matchLabels and matchExpressions) and volume mode", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    create(cluster, volume("ssd-eu", { className: "", labels: { disk: "ssd", zone: "eu" } }));
    create(cluster, volume("ssd-us", { className: "", labels: { disk: "ssd", zone: "us" } }));
    create(cluster, volume("hdd-eu", { className: "", labels: { disk: "hdd", zone: "eu" } }));
    create(cluster, volume("block", { className: "", volumeMode: "Block" }));
    now(cluster);
    create(cluster, claim("picky", { className: "", selector: { matchLabels: { disk: "ssd" }, matchExpressions: [{ key: "zone", operator: "NotIn", values: ["eu"] }] } }));
    create(cluster, claim("raw", { className: "", volumeMode: "Block" }));
    create(cluster, claim("nothing", { className: "", selector: { matchLabels: { disk: "nvme" } } }));
    now(cluster);
    expect(volumeNameOf(getClaim(cluster, "picky"))).toBe("ssd-us");
    expect(volumeNameOf(getClaim(cluster, "raw"))).toBe("block");
    expect(phaseOf(getClaim(cluster, "nothing"))).toBe("Pending");
    sim.stop();
  });

  it("binds the volume a claim names (without marking the claim bound-by-controller), reports a mismatch, and waits for a missing one", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    create(cluster, volume("exact", { size: "1Gi", className: "" }));
    create(cluster, volume("other-class", { size: "1Gi", className: "fast" }));
    now(cluster);
    create(cluster, claim("wants-exact", { className: "", volumeName: "exact" }));
    create(cluster, claim("wants-other", { className: "", volumeName: "other-class" }));
    create(cluster, claim("wants-later", { className: "", volumeName: "later" }));
    now(cluster);
    const bound = getClaim(cluster, "wants-exact")!;
    expect(phaseOf(bound)).toBe("Bound");
    expect(bound.metadata.annotations).toEqual({ "pv.kubernetes.io/bind-completed": "yes" });
    expect(getVolume(cluster, "exact")!.metadata.annotations).toEqual({ "pv.kubernetes.io/bound-by-controller": "yes" });
    expect(phaseOf(getClaim(cluster, "wants-other"))).toBe("Pending");
    expect(eventLines(cluster, "PersistentVolumeClaim", "wants-other")).toEqual([
      'Warning VolumeMismatch [persistentvolume-controller]: Cannot bind to requested volume "other-class": storageClassName does not match',
    ]);
    expect(phaseOf(getClaim(cluster, "wants-later"))).toBe("Pending");
    create(cluster, volume("later", { size: "1Gi", className: "" }));
    now(cluster);
    expect(phaseOf(getClaim(cluster, "wants-later"))).toBe("Bound");
    sim.stop();
  });

  it("gives a volume pre-bound by its claimRef only to that claim", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    create(cluster, volume("reserved", { size: "10Gi", className: "", claimRef: { namespace: "default", name: "owner" } }));
    now(cluster);
    expect(phaseOf(getVolume(cluster, "reserved"))).toBe("Available");
    create(cluster, claim("stranger", { className: "" }));
    now(cluster);
    expect(phaseOf(getClaim(cluster, "stranger"))).toBe("Pending");
    const owner = create(cluster, claim("owner", { className: "" }));
    now(cluster);
    const pv = getVolume(cluster, "reserved")!;
    expect(volumeNameOf(getClaim(cluster, "owner"))).toBe("reserved");
    expect((pv.spec as { claimRef: { uid: string } }).claimRef.uid).toBe(owner.metadata.uid);
    // The user pointed the volume at the claim: the controller does not claim that side.
    expect(pv.metadata.annotations).toBeUndefined();
    sim.stop();
  });

  it.skipIf(!HAS_SEED)("binds a 1Gi RWO claim with storageClassName \"\" to the seed's 10Gi rbd PersistentVolume `pv-volume`", () => {
    const text = readFileSync(SEED, "utf8");
    const block = /```yaml\n([^`]*kind: PersistentVolume\n[^`]*)```/.exec(text);
    expect(block).not.toBeNull();
    const seedVolume = parse(block![1]) as KubeObject;
    const sim = storageCluster();
    const { cluster } = sim;
    create(cluster, seedVolume);
    create(cluster, claim("ceph-claim", { size: "1Gi", modes: ["ReadWriteOnce"], className: "" }));
    now(cluster);
    const pvc = getClaim(cluster, "ceph-claim")!;
    expect(volumeNameOf(pvc)).toBe("pv-volume");
    expect(pvc.status).toEqual({ phase: "Bound", accessModes: ["ReadWriteOnce"], capacity: { storage: "10Gi" } });
    const pv = getVolume(cluster, "pv-volume")!;
    expect(pv.spec).toMatchObject({ persistentVolumeReclaimPolicy: "Retain", volumeMode: "Filesystem", claimRef: { namespace: "default", name: "ceph-claim" } });
    const text2 = describeObject(pv, cluster.store, cluster.clock.now());
    expect(text2).toContain("Claim:           default/ceph-claim\nReclaim Policy:  Retain\nAccess Modes:    RWO\nVolumeMode:      Filesystem\nCapacity:        10Gi\nNode Affinity:   <none>\n");
    expect(text2).toContain(
      "Source:\n    Type:          RBD (a Rados Block Device mount on the host that shares a pod's lifetime)\n    CephMonitors:  [10.16.154.78:6789 10.16.154.82:6789 10.16.154.83:6789]\n    RBDImage:      foo\n    FSType:        ext4\n    RBDPool:       kube\n    RadosUser:     admin\n    Keyring:       /etc/ceph/keyring\n    SecretRef:     <nil>\n    ReadOnly:      true\nEvents:            <none>\n",
    );
    sim.stop();
  });
});

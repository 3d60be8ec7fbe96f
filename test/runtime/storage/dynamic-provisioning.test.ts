// Dynamic provisioning: the default class's simulated provisioner, classes whose provisioner drydock
// does not run, missing classes, retroactive default classes and the 15 s claim resync.
import { describe, expect, it } from "vitest";
import { claim, create, eventCounts, eventLines, getClaim, getVolume, now, phaseOf, storageClass, storageCluster, volumeNameOf } from "./storage-helpers.js";

const EXTERNAL = (provisioner: string) =>
  `Normal ExternalProvisioning [persistentvolume-controller]: Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;

describe("PV controller: dynamic provisioning", () => {
  it("provisions pvc-<uid> for a claim of the default class and binds it at the same instant, with the provisioner's events", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    const created = create(cluster, claim("www-web-0", { size: "1Gi" }));
    expect((created.spec as { storageClassName: string }).storageClassName).toBe("standard");
    const start = cluster.clock.now();
    now(cluster);
    expect(cluster.clock.now()).toBe(start);
    const name = `pvc-${created.metadata.uid}`;
    expect(eventLines(cluster, "PersistentVolumeClaim", "www-web-0")).toEqual([
      EXTERNAL("sim.drydock.dev/hostpath"),
      'Normal Provisioning [sim.drydock.dev/hostpath_hostpath-provisioner]: External provisioner is provisioning volume for claim "default/www-web-0"',
      `Normal ProvisioningSucceeded [sim.drydock.dev/hostpath_hostpath-provisioner]: Successfully provisioned volume ${name}`,
    ]);
    const pvc = getClaim(cluster, "www-web-0")!;
    expect(volumeNameOf(pvc)).toBe(name);
    expect(pvc.metadata.annotations).toEqual({
      "pv.kubernetes.io/bind-completed": "yes",
      "pv.kubernetes.io/bound-by-controller": "yes",
      "volume.beta.kubernetes.io/storage-provisioner": "sim.drydock.dev/hostpath",
      "volume.kubernetes.io/storage-provisioner": "sim.drydock.dev/hostpath",
    });
    expect(pvc.status).toEqual({ phase: "Bound", accessModes: ["ReadWriteOnce"], capacity: { storage: "1Gi" } });
    const pv = getVolume(cluster, name)!;
    expect(pv.metadata.annotations).toEqual({ "pv.kubernetes.io/provisioned-by": "sim.drydock.dev/hostpath" });
    expect(pv.metadata.finalizers).toEqual(["kubernetes.io/pv-protection"]);
    expect(pv.spec).toEqual({
      accessModes: ["ReadWriteOnce"],
      capacity: { storage: "1Gi" },
      claimRef: { kind: "PersistentVolumeClaim", namespace: "default", name: "www-web-0", uid: created.metadata.uid, apiVersion: "v1", resourceVersion: expect.any(String) },
      hostPath: { path: "/tmp/hostpath-provisioner/default/www-web-0" },
      persistentVolumeReclaimPolicy: "Delete",
      storageClassName: "standard",
      volumeMode: "Filesystem",
    });
    expect(phaseOf(pv)).toBe("Bound");
    sim.stop();
  });

  it("leaves a claim of a provisioner drydock does not run Pending, annotated, and says so again at every 15 s resync", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    create(cluster, storageClass("ebs", { provisioner: "ebs.csi.aws.com" }));
    create(cluster, claim("data", { className: "ebs" }));
    now(cluster);
    const pvc = getClaim(cluster, "data")!;
    expect(phaseOf(pvc)).toBe("Pending");
    expect(pvc.metadata.annotations).toEqual({ "volume.beta.kubernetes.io/storage-provisioner": "ebs.csi.aws.com", "volume.kubernetes.io/storage-provisioner": "ebs.csi.aws.com" });
    expect(eventLines(cluster, "PersistentVolumeClaim", "data")).toEqual([EXTERNAL("ebs.csi.aws.com")]);
    // Once when created, once more when the annotations were written (upstream's "x2").
    expect(eventCounts(cluster, "PersistentVolumeClaim", "data")).toEqual({ ExternalProvisioning: 2 });
    cluster.clock.advance(14_999);
    expect(eventCounts(cluster, "PersistentVolumeClaim", "data")).toEqual({ ExternalProvisioning: 2 });
    cluster.clock.advance(1);
    expect(eventCounts(cluster, "PersistentVolumeClaim", "data")).toEqual({ ExternalProvisioning: 3 });
    cluster.clock.advance(30_000);
    expect(eventCounts(cluster, "PersistentVolumeClaim", "data")).toEqual({ ExternalProvisioning: 5 });
    expect(cluster.store.list({ group: "", kind: "PersistentVolume" })).toEqual([]);
    sim.stop();
  });

  it("reports a missing class and the no-provisioner class with ProvisioningFailed", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    create(cluster, storageClass("local", { provisioner: "kubernetes.io/no-provisioner" }));
    create(cluster, claim("ghost", { className: "nope" }));
    create(cluster, claim("local", { className: "local" }));
    now(cluster);
    expect(eventLines(cluster, "PersistentVolumeClaim", "ghost")).toEqual(['Warning ProvisioningFailed [persistentvolume-controller]: storageclass.storage.k8s.io "nope" not found']);
    expect(eventLines(cluster, "PersistentVolumeClaim", "local")).toEqual(["Warning ProvisioningFailed [persistentvolume-controller]: no volume plugin matched name: kubernetes.io/no-provisioner"]);
    // The class appears: the waiting claim is provisioned at once.
    create(cluster, storageClass("nope"));
    now(cluster);
    expect(phaseOf(getClaim(cluster, "ghost"))).toBe("Bound");
    sim.stop();
  });

  it("gives a claim created without any class the default class once one exists (retroactive assignment)", () => {
    const sim = storageCluster({ defaultClass: false });
    const { cluster } = sim;
    create(cluster, claim("early"));
    now(cluster);
    expect((getClaim(cluster, "early")!.spec as { storageClassName?: string }).storageClassName).toBeUndefined();
    create(cluster, storageClass("gold", { isDefault: true }));
    now(cluster);
    const pvc = getClaim(cluster, "early")!;
    expect((pvc.spec as { storageClassName?: string }).storageClassName).toBe("gold");
    expect(phaseOf(pvc)).toBe("Bound");
    sim.stop();
  });

  it("waits for the first consumer on a WaitForFirstConsumer class", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    create(cluster, storageClass("lazy", { mode: "WaitForFirstConsumer" }));
    create(cluster, claim("later", { className: "lazy" }));
    now(cluster);
    expect(phaseOf(getClaim(cluster, "later"))).toBe("Pending");
    expect(eventLines(cluster, "PersistentVolumeClaim", "later")).toEqual(["Normal WaitForFirstConsumer [persistentvolume-controller]: waiting for first consumer to be created before binding"]);
    sim.stop();
  });
});

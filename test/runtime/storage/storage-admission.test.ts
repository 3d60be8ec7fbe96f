// Storage admission: the default class, defaults, the protection finalizers, validation messages,
// claim immutability and expansion, StorageClass rules.
import { describe, expect, it } from "vitest";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { claim, create, eventLines, getClaim, getVolume, now, phaseOf, storageClass, storageCluster, volume } from "./storage-helpers.js";

const CLAIM_REF = (name: string) => ({ group: "", kind: "PersistentVolumeClaim", namespace: "default", name });

describe("storage admission", () => {
  it("DefaultStorageClass: a claim without a class gets the default; an explicit \"\" stays; the newest of several defaults wins", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    expect((create(cluster, claim("a")).spec as { storageClassName?: string }).storageClassName).toBe("standard");
    expect((create(cluster, claim("b", { className: "" })).spec as { storageClassName?: string }).storageClassName).toBe("");
    cluster.clock.advance(5_000);
    create(cluster, storageClass("newer", { isDefault: true }));
    expect((create(cluster, claim("c")).spec as { storageClassName?: string }).storageClassName).toBe("newer");
    sim.stop();
    const bare = storageCluster({ defaultClass: false });
    expect((create(bare.cluster, claim("d")).spec as { storageClassName?: string }).storageClassName).toBeUndefined();
    bare.stop();
  });

  it("defaults claims and volumes, resets their status and adds the protection finalizers", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    const pvc = create(cluster, { ...claim("c"), status: { phase: "Bound" } });
    expect(pvc.spec).toMatchObject({ volumeMode: "Filesystem" });
    expect(pvc.status).toEqual({ phase: "Pending" });
    expect(pvc.metadata.finalizers).toEqual(["kubernetes.io/pvc-protection"]);
    cluster.clock.advance(2_000);
    const pv = create(cluster, volume("v"));
    expect(pv.spec).toMatchObject({ persistentVolumeReclaimPolicy: "Retain", volumeMode: "Filesystem" });
    expect(pv.status).toEqual({ phase: "Pending", lastPhaseTransitionTime: "2026-01-01T00:00:02Z" });
    expect(pv.metadata.finalizers).toEqual(["kubernetes.io/pv-protection"]);
    sim.stop();
  });

  it("refuses invalid claims and volumes with upstream's messages", () => {
    const sim = storageCluster();
    const { store } = sim.cluster;
    const bare = { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "x" }, spec: {} };
    const refused = (object: unknown) => {
      const result = store.create(object as never);
      return result.ok ? "created" : `${result.error.reason}: ${result.error.message}`;
    };
    expect(refused(bare)).toBe(
      'Invalid: PersistentVolumeClaim "x" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]',
    );
    expect(refused({ ...bare, spec: { accessModes: ["ReadWriteOnce"] } })).toBe('Invalid: PersistentVolumeClaim "x" is invalid: spec.resources[storage]: Required value');
    expect(refused({ ...bare, spec: { resources: { requests: { storage: "1Gi" } } } })).toBe(
      'Invalid: PersistentVolumeClaim "x" is invalid: spec.accessModes: Required value: at least 1 access mode is required',
    );
    expect(refused({ ...bare, spec: { accessModes: ["ReadWriteOncePod", "ReadOnlyMany"], resources: { requests: { storage: "0" } } } })).toBe(
      'Invalid: PersistentVolumeClaim "x" is invalid: [spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes, spec.resources[storage]: Invalid value: "0": must be greater than zero]',
    );
    expect(refused({ ...bare, spec: { accessModes: ["ReadWriteSometimes"], resources: { requests: { storage: "1Gi" } } } })).toBe(
      'Invalid: PersistentVolumeClaim "x" is invalid: spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    );
    expect(refused({ apiVersion: "v1", kind: "PersistentVolume", metadata: { name: "v" }, spec: { accessModes: ["ReadWriteOnce"], capacity: { storage: "1Gi" } } })).toBe(
      'Invalid: PersistentVolume "v" is invalid: spec: Required value: must specify a volume type',
    );
    expect(refused({ apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "s" } })).toBe('Invalid: StorageClass.storage.k8s.io "s" is invalid: provisioner: Required value');
    sim.stop();
  });

  it("keeps a claim's spec immutable except a bound claim's storage request, which may only grow", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    create(cluster, claim("data"));
    now(cluster);
    const immutable = 'PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';
    const change = (edit: (spec: Record<string, unknown>) => void) => {
      const result = cluster.store.modify(CLAIM_REF("data"), (pvc) => edit(pvc.spec as Record<string, unknown>));
      return result.ok ? "ok" : result.error.message;
    };
    expect(change((spec) => (spec.accessModes = ["ReadWriteMany"]))).toBe(immutable);
    expect(change((spec) => (spec.resources = { requests: { storage: "500Mi" } }))).toBe(
      'PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than previous value',
    );
    expect(change((spec) => (spec.resources = { requests: { storage: "3Gi" } }))).toBe("ok");
    sim.stop();
  });

  it("lets only an unbound claim's spec stay as it was, and refuses growth where the class does not allow expansion", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    create(cluster, storageClass("ebs", { provisioner: "ebs.csi.aws.com" }));
    create(cluster, claim("waiting", { className: "ebs" }));
    create(cluster, storageClass("rigid", { expansion: false }));
    create(cluster, claim("fixed", { className: "rigid" }));
    now(cluster);
    const grow = (name: string) => {
      const result = cluster.store.modify(CLAIM_REF(name), (pvc) => ((pvc.spec as { resources: unknown }).resources = { requests: { storage: "2Gi" } }));
      return result.ok ? "ok" : `${result.error.reason}: ${result.error.message}`;
    };
    expect(grow("waiting")).toBe(
      'Invalid: PersistentVolumeClaim "waiting" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    );
    expect(grow("fixed")).toBe(
      'Forbidden: persistentvolumeclaims "fixed" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    );
    sim.stop();
  });

  it("expands a bound claim of the default class: the volume grows, then the claim's capacity", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    const created = create(cluster, claim("grow"));
    now(cluster);
    expectOk(cluster.store.modify(CLAIM_REF("grow"), (pvc) => ((pvc.spec as { resources: unknown }).resources = { requests: { storage: "5Gi" } })));
    now(cluster);
    const name = `pvc-${created.metadata.uid}`;
    expect((getVolume(cluster, name)!.spec as { capacity: unknown }).capacity).toEqual({ storage: "5Gi" });
    expect(getClaim(cluster, "grow")!.status).toEqual({ phase: "Bound", accessModes: ["ReadWriteOnce"], capacity: { storage: "5Gi" } });
    expect(eventLines(cluster, "PersistentVolumeClaim", "grow").slice(3)).toEqual([
      "Normal ExternalExpanding [volume_expand]: waiting for an external controller to expand this PVC",
      `Normal Resizing [external-resizer sim.drydock.dev/hostpath]: External resizer is resizing volume ${name}`,
      "Normal VolumeResizeSuccessful [external-resizer sim.drydock.dev/hostpath]: Resize volume succeeded",
    ]);
    expect(phaseOf(getVolume(cluster, name))).toBe("Bound");
    sim.stop();
  });

  it("defaults StorageClasses and keeps their provisioner, parameters, reclaim policy and binding mode", () => {
    const sim = storageCluster();
    const { cluster } = sim;
    const created = create(cluster, storageClass("fast"));
    expect(created).toMatchObject({ reclaimPolicy: "Delete", volumeBindingMode: "Immediate" });
    const result = cluster.store.modify({ group: "storage.k8s.io", kind: "StorageClass", name: "fast" }, (sc) => {
      sc.provisioner = "other.example.com";
      sc.volumeBindingMode = "WaitForFirstConsumer";
    });
    expect(result.ok ? "ok" : result.error.message).toBe(
      'StorageClass.storage.k8s.io "fast" is invalid: [provisioner: Forbidden: updates to provisioner are forbidden., volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable]',
    );
    sim.stop();
  });
});

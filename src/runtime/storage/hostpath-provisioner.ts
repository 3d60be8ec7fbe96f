// drydock's simulated dynamic provisioner, playing the part of an external (CSI-style) provisioner
// such as minikube's hostpath or rancher's local-path: for a claim annotated with its name it
// creates a PersistentVolume `pvc-<claim uid>` pre-bound to the claim — the claim's size, access
// modes and volume mode, the class's reclaim policy and mount options, a hostPath source, and node
// affinity to the chosen node when the class waits for the first consumer — with the provisioner's
// `Provisioning` and `ProvisioningSucceeded` events on the claim. It also plays the external
// resizer: a bound claim of a class that allows expansion grows its volume when its request grows.
import type { ComponentEventRecorder, EventRecorder } from "../events/event-recorder.js";
import { refOf, type KubeObject } from "../store/kube-object.js";
import type { ObjectStore } from "../store/object-store.js";
import { HOSTPATH_PROVISIONER } from "./default-storage-class.js";
import {
  ANN_PROVISIONED_BY,
  ANN_SELECTED_NODE,
  annotation,
  claimClass,
  claimSpec,
  classFields,
  claimKeyOf,
  type VolumeSpec,
} from "./storage-objects.js";

/** Provisioners whose work the simulation does; claims of other classes wait, as without a running provisioner. */
export const SIMULATED_PROVISIONERS: ReadonlySet<string> = new Set([HOSTPATH_PROVISIONER]);

export function isSimulatedProvisioner(name: string | undefined): boolean {
  return name !== undefined && SIMULATED_PROVISIONERS.has(name);
}

/** The event source of a provisioner, `<driver>_<instance>` as external provisioners report it. */
export function provisionerComponent(provisioner: string): string {
  return `${provisioner}_hostpath-provisioner`;
}

/** The name every provisioned volume gets (external-provisioner's default `--volume-name-prefix`). */
export function provisionedVolumeName(claim: KubeObject): string {
  return `pvc-${claim.metadata.uid ?? ""}`;
}

export type ProvisionOutcome = { ok: true; volume: KubeObject } | { ok: false; message: string };

export class HostPathProvisioner {
  private readonly recorders = new Map<string, ComponentEventRecorder>();

  constructor(
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
  ) {}

  /** Creates the claim's volume; the PV controller binds the two afterwards. */
  provision(claim: KubeObject, storageClass: KubeObject): ProvisionOutcome {
    const fields = classFields(storageClass);
    const provisioner = fields.provisioner ?? "";
    const recorder = this.recorder(provisioner);
    recorder.event(claim, "Normal", "Provisioning", `External provisioner is provisioning volume for claim "${claimKeyOf(claim)}"`);
    const created = this.store.create(this.volumeFor(claim, storageClass));
    if (!created.ok) {
      const message = `failed to provision volume with StorageClass "${storageClass.metadata.name ?? ""}": ${created.error.message}`;
      recorder.event(claim, "Warning", "ProvisioningFailed", message);
      return { ok: false, message };
    }
    recorder.event(claim, "Normal", "ProvisioningSucceeded", `Successfully provisioned volume ${created.object.metadata.name ?? ""}`);
    return { ok: true, volume: created.object };
  }

  private volumeFor(claim: KubeObject, storageClass: KubeObject): KubeObject {
    const fields = classFields(storageClass);
    const spec = claimSpec(claim);
    const namespace = claim.metadata.namespace ?? "default";
    const volume: VolumeSpec = {
      accessModes: [...(spec.accessModes ?? [])],
      capacity: { storage: spec.resources?.requests?.storage },
      claimRef: {
        kind: "PersistentVolumeClaim",
        namespace,
        name: claim.metadata.name ?? "",
        uid: claim.metadata.uid ?? "",
        apiVersion: "v1",
        resourceVersion: claim.metadata.resourceVersion ?? "",
      },
      hostPath: { path: `/tmp/hostpath-provisioner/${namespace}/${claim.metadata.name ?? ""}` },
      persistentVolumeReclaimPolicy: fields.reclaimPolicy ?? "Delete",
      storageClassName: claimClass(claim),
      volumeMode: spec.volumeMode ?? "Filesystem",
    };
    if (fields.mountOptions && fields.mountOptions.length > 0) volume.mountOptions = [...fields.mountOptions];
    // A hostPath lives on one node: a volume made for a chosen node stays with it.
    const node = annotation(claim, ANN_SELECTED_NODE);
    if (node) {
      volume.nodeAffinity = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: [node] }] }] } };
    }
    return {
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name: provisionedVolumeName(claim), annotations: { [ANN_PROVISIONED_BY]: fields.provisioner ?? "" } },
      spec: volume,
    };
  }

  /** The external resizer's part: the volume grows to what the claim asks, with its events on the claim. */
  expand(claim: KubeObject, volume: KubeObject, provisioner: string): KubeObject | undefined {
    const recorder = this.recorderFor(`external-resizer ${provisioner}`);
    recorder.event(claim, "Normal", "Resizing", `External resizer is resizing volume ${volume.metadata.name ?? ""}`);
    const storage = claimSpec(claim).resources?.requests?.storage;
    const written = this.store.modify(refOf(volume), (next) => {
      (next.spec as VolumeSpec).capacity = { ...(next.spec as VolumeSpec).capacity, storage };
    });
    if (!written.ok) return undefined;
    recorder.event(claim, "Normal", "VolumeResizeSuccessful", "Resize volume succeeded");
    return written.object;
  }

  private recorder(provisioner: string): ComponentEventRecorder {
    return this.recorderFor(provisionerComponent(provisioner));
  }

  private recorderFor(component: string): ComponentEventRecorder {
    let recorder = this.recorders.get(component);
    if (!recorder) this.recorders.set(component, (recorder = this.events.for({ component })));
    return recorder;
  }
}

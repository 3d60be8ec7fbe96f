// PersistentVolumes, PersistentVolumeClaims and StorageClasses as the storage components read them:
// the annotations and finalizers upstream's controllers use (pkg/volume/util, storage helpers), typed
// views of the specs, and the small helpers every component shares (a claim's class, the requested
// size, the key a claim is known by).
import { quantityValue } from "../../kube/quantity.js";
import type { LabelSelector } from "../../kube/label-selector.js";
import type { NodeSelectorTerm } from "../scheduler/node-affinity.js";
import type { KubeObject, ObjectRef } from "../store/kube-object.js";

export const PV_CONTROLLER = "persistentvolume-controller";

/** Set on a claim once the controller has bound it (AnnBindCompleted). */
export const ANN_BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
/** Set on whichever side the controller, not the user, pointed at the other (AnnBoundByController). */
export const ANN_BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
/** The provisioner that created a volume (AnnDynamicallyProvisioned). */
export const ANN_PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";
/** The provisioner asked to provision a claim (AnnStorageProvisioner and its beta twin). */
export const ANN_STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner";
export const ANN_BETA_STORAGE_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner";
/** The node the scheduler chose for a WaitForFirstConsumer claim (AnnSelectedNode). */
export const ANN_SELECTED_NODE = "volume.kubernetes.io/selected-node";
/** The class annotation that predates spec.storageClassName; still wins over the field. */
export const ANN_BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";
export const ANN_DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
export const ANN_BETA_DEFAULT_CLASS = "storageclass.beta.kubernetes.io/is-default-class";

export const PVC_PROTECTION_FINALIZER = "kubernetes.io/pvc-protection";
export const PV_PROTECTION_FINALIZER = "kubernetes.io/pv-protection";

/** The provisioner name that means "no dynamic provisioning" (local volumes). */
export const NO_PROVISIONER = "kubernetes.io/no-provisioner";

export type AccessMode = "ReadWriteOnce" | "ReadOnlyMany" | "ReadWriteMany" | "ReadWriteOncePod";
export const ACCESS_MODES: readonly AccessMode[] = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"];

export type ClaimPhase = "Pending" | "Bound" | "Lost";
export type VolumePhase = "Pending" | "Available" | "Bound" | "Released" | "Failed";

export interface ClaimRef {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
}

export interface ClaimSpec {
  accessModes?: string[];
  selector?: LabelSelector | null;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  volumeName?: string;
  storageClassName?: string | null;
  volumeMode?: string;
  volumeAttributesClassName?: string | null;
  dataSource?: unknown;
  dataSourceRef?: unknown;
}

export interface ClaimStatus {
  phase?: ClaimPhase;
  accessModes?: string[];
  capacity?: Record<string, unknown>;
  conditions?: unknown[];
}

export interface VolumeSpec {
  capacity?: Record<string, unknown>;
  accessModes?: string[];
  claimRef?: ClaimRef | null;
  persistentVolumeReclaimPolicy?: string;
  storageClassName?: string;
  volumeMode?: string;
  mountOptions?: string[];
  nodeAffinity?: { required?: { nodeSelectorTerms?: NodeSelectorTerm[] } } | null;
  volumeAttributesClassName?: string | null;
  [source: string]: unknown;
}

export interface VolumeStatus {
  phase?: VolumePhase;
  message?: string;
  reason?: string;
  lastPhaseTransitionTime?: string;
}

export interface StorageClassFields {
  provisioner?: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowVolumeExpansion?: boolean;
  mountOptions?: string[];
  allowedTopologies?: Array<{ matchLabelExpressions?: Array<{ key: string; values?: string[] }> }>;
}

export const CLAIM = { group: "", kind: "PersistentVolumeClaim" } as const;
export const VOLUME = { group: "", kind: "PersistentVolume" } as const;
export const STORAGE_CLASS = { group: "storage.k8s.io", kind: "StorageClass" } as const;

export function isClaim(object: KubeObject): boolean {
  return object.apiVersion === "v1" && object.kind === "PersistentVolumeClaim";
}

export function isVolume(object: KubeObject): boolean {
  return object.apiVersion === "v1" && object.kind === "PersistentVolume";
}

export function isStorageClass(object: KubeObject): boolean {
  return object.kind === "StorageClass" && object.apiVersion.startsWith("storage.k8s.io/");
}

export function claimSpec(claim: KubeObject): ClaimSpec {
  return (claim.spec ?? {}) as ClaimSpec;
}

export function claimStatus(claim: KubeObject): ClaimStatus {
  return (claim.status ?? {}) as ClaimStatus;
}

export function volumeSpec(volume: KubeObject): VolumeSpec {
  return (volume.spec ?? {}) as VolumeSpec;
}

export function volumeStatus(volume: KubeObject): VolumeStatus {
  return (volume.status ?? {}) as VolumeStatus;
}

export function classFields(storageClass: KubeObject): StorageClassFields {
  return storageClass as unknown as StorageClassFields;
}

export function annotation(object: KubeObject, key: string): string | undefined {
  return object.metadata.annotations?.[key];
}

export function hasAnnotation(object: KubeObject, key: string): boolean {
  return object.metadata.annotations !== undefined && Object.hasOwn(object.metadata.annotations, key);
}

export function setAnnotation(object: KubeObject, key: string, value: string): void {
  object.metadata.annotations = { ...object.metadata.annotations, [key]: value };
}

/** `namespace/name`: how claims are keyed (claimToClaimKey). */
export function claimKey(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? "default"}/${name ?? ""}`;
}

export function claimKeyOf(claim: KubeObject): string {
  return claimKey(claim.metadata.namespace, claim.metadata.name);
}

export function claimObjectRef(namespace: string, name: string): ObjectRef {
  return { ...CLAIM, namespace, name };
}

/** GetPersistentVolumeClaimClass: the beta annotation, else spec.storageClassName, else "". */
export function claimClass(claim: KubeObject): string {
  const beta = annotation(claim, ANN_BETA_STORAGE_CLASS);
  if (beta !== undefined) return beta;
  return claimSpec(claim).storageClassName ?? "";
}

/** GetPersistentVolumeClass: the beta annotation, else spec.storageClassName, else "". */
export function volumeClass(volume: KubeObject): string {
  const beta = annotation(volume, ANN_BETA_STORAGE_CLASS);
  if (beta !== undefined) return beta;
  return volumeSpec(volume).storageClassName ?? "";
}

/** The storage a claim requests, in bytes (0 when absent or malformed). */
export function requestedBytes(claim: KubeObject): number {
  return quantityValue(claimSpec(claim).resources?.requests?.storage) ?? 0;
}

/** A volume's storage capacity, in bytes. */
export function capacityBytes(volume: KubeObject): number {
  return quantityValue(volumeSpec(volume).capacity?.storage) ?? 0;
}

export function isDefaultClass(storageClass: KubeObject): boolean {
  return annotation(storageClass, ANN_DEFAULT_CLASS) === "true" || annotation(storageClass, ANN_BETA_DEFAULT_CLASS) === "true";
}

/** A claim the controller has bound (IsPVCFullyBound): a volume name and the bind-completed mark. */
export function isClaimFullyBound(claim: KubeObject): boolean {
  return (claimSpec(claim).volumeName ?? "") !== "" && hasAnnotation(claim, ANN_BIND_COMPLETED);
}

/** IsVolumeBoundToClaim: the volume's claimRef names the claim (and its uid, when it has one). */
export function isVolumeBoundToClaim(volume: KubeObject, claim: KubeObject): boolean {
  const ref = volumeSpec(volume).claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata.name || (ref.namespace ?? "") !== (claim.metadata.namespace ?? "")) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}

/** The claims a pod's volumes name: `persistentVolumeClaim` volumes, and generic ephemeral volumes' claims. */
export interface PodClaimUse {
  claimName: string;
  ephemeral: boolean;
}

interface PodVolumeLike {
  name?: string;
  persistentVolumeClaim?: { claimName?: string };
  ephemeral?: unknown;
}

export function podClaimUses(pod: KubeObject): PodClaimUse[] {
  const volumes = (pod.spec as { volumes?: PodVolumeLike[] } | undefined)?.volumes;
  if (!Array.isArray(volumes)) return [];
  let uses: PodClaimUse[] | undefined;
  for (const volume of volumes) {
    if (volume?.persistentVolumeClaim?.claimName) (uses ??= []).push({ claimName: volume.persistentVolumeClaim.claimName, ephemeral: false });
    else if (volume?.ephemeral) (uses ??= []).push({ claimName: `${pod.metadata.name ?? ""}-${volume.name ?? ""}`, ephemeral: true });
  }
  return uses ?? [];
}

/** A copy of a volume's spec without the volume source, for comparisons. */
export function volumeSourceKey(spec: VolumeSpec): string | undefined {
  for (const key of Object.keys(spec)) if (!NON_SOURCE_FIELDS.has(key)) return key;
  return undefined;
}

const NON_SOURCE_FIELDS = new Set([
  "capacity",
  "accessModes",
  "claimRef",
  "persistentVolumeReclaimPolicy",
  "storageClassName",
  "volumeMode",
  "mountOptions",
  "nodeAffinity",
  "volumeAttributesClassName",
]);

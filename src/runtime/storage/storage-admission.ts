// Admission of PersistentVolumeClaims, PersistentVolumes and StorageClasses: the API server's
// defaults and strategies (a new claim is Pending, a new volume Pending with its phase-transition
// time), the DefaultStorageClass and StorageObjectInUseProtection admission plugins (the default
// class and the pvc-/pv-protection finalizers on create), validation with upstream's messages
// (ValidatePersistentVolumeClaimSpec, ValidatePersistentVolumeSpec, ValidateStorageClass and their
// Update variants) and PersistentVolumeClaimResize.
import { isDeepStrictEqual } from "node:util";
import { formatTimestamp } from "../clock/timestamps.js";
import type { AdmissionPlugin, AdmissionRequest } from "../store/admission.js";
import { refOf, type KubeObject } from "../store/kube-object.js";
import type { StoreReader } from "../store/store-api.js";
import { errorDetails, qualifiedKind, storeError, type StoreError } from "../store/store-errors.js";
import { defaultClassOf } from "./default-storage-class.js";
import {
  ACCESS_MODES,
  ANN_BETA_STORAGE_CLASS,
  PV_PROTECTION_FINALIZER,
  PVC_PROTECTION_FINALIZER,
  STORAGE_CLASS,
  annotation,
  classFields,
  claimSpec,
  claimStatus,
  isClaim,
  isStorageClass,
  isVolume,
  requestedBytes,
  volumeSourceKey,
  type ClaimSpec,
  type StorageClassFields,
  type VolumeSpec,
} from "./storage-objects.js";
import { quantityValue } from "../../kube/quantity.js";

const SUPPORTED_ACCESS_MODES = `"${[...ACCESS_MODES].sort().join('", "')}"`;
const IMMUTABLE_CLAIM = "spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims";

export function storageAdmission(clock: { now(): number }): AdmissionPlugin {
  return (request) => {
    const object = request.object;
    if (isClaim(object)) return admitClaim(request);
    if (isVolume(object)) return admitVolume(request, clock.now());
    if (isStorageClass(object)) return admitStorageClass(request);
    return undefined;
  };
}

function admitClaim(request: AdmissionRequest): StoreError | undefined {
  const { object, current, store } = request;
  const spec = (object.spec ??= {}) as ClaimSpec;
  if (request.operation === "create") {
    // DefaultStorageClass: only a claim that says nothing about its class gets the default.
    if ((spec.storageClassName === undefined || spec.storageClassName === null) && annotation(object, ANN_BETA_STORAGE_CLASS) === undefined) {
      const byDefault = defaultClassOf(store);
      if (byDefault) spec.storageClassName = byDefault.metadata.name;
    }
    spec.volumeMode ??= "Filesystem";
    object.status = { phase: "Pending" };
    addFinalizer(object, PVC_PROTECTION_FINALIZER);
    return invalid(request, validateClaimSpec(spec));
  }
  if (!current) return undefined;
  spec.volumeMode ??= "Filesystem";
  const refused = invalid(request, [...validateClaimSpec(spec), ...validateClaimUpdate(object, current)]);
  if (refused) return refused;
  return resizeRefusal(object, current, store);
}

function validateClaimSpec(spec: ClaimSpec): string[] {
  const errors: string[] = [];
  const modes = Array.isArray(spec.accessModes) ? spec.accessModes : [];
  if (modes.length === 0) errors.push("spec.accessModes: Required value: at least 1 access mode is required");
  errors.push(...accessModeErrors(modes));
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined) errors.push("spec.resources[storage]: Required value");
  else if ((quantityValue(storage) ?? 1) <= 0) errors.push(`spec.resources[storage]: Invalid value: ${JSON.stringify(String(storage))}: must be greater than zero`);
  if (spec.volumeMode !== undefined && spec.volumeMode !== "Block" && spec.volumeMode !== "Filesystem") {
    errors.push(`spec.volumeMode: Unsupported value: ${JSON.stringify(spec.volumeMode)}: supported values: "Block", "Filesystem"`);
  }
  return errors;
}

function accessModeErrors(modes: readonly string[]): string[] {
  const errors: string[] = [];
  for (const mode of modes) {
    if (!(ACCESS_MODES as readonly string[]).includes(mode)) errors.push(`spec.accessModes: Unsupported value: ${JSON.stringify(mode)}: supported values: ${SUPPORTED_ACCESS_MODES}`);
  }
  if (modes.includes("ReadWriteOncePod") && modes.length > 1) errors.push("spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes");
  return errors;
}

/**
 * ValidatePersistentVolumeClaimUpdate: the spec may change only where the controllers need it to —
 * the volume name once, a class given to a claim that had none — and the storage request of a
 * bound claim, which may only grow.
 */
function validateClaimUpdate(object: KubeObject, current: KubeObject): string[] {
  const before = claimSpec(current);
  const after = claimSpec(object);
  const comparable = { ...after } as ClaimSpec;
  if ((before.volumeName ?? "") === "") comparable.volumeName = before.volumeName;
  const hadNoClass = (before.storageClassName === undefined || before.storageClassName === null) && annotation(current, ANN_BETA_STORAGE_CLASS) === undefined;
  if (hadNoClass && typeof after.storageClassName === "string" && after.storageClassName !== "") comparable.storageClassName = before.storageClassName;
  const bound = claimStatus(object).phase === "Bound";
  if (bound && comparable.resources?.requests) {
    comparable.resources = { ...comparable.resources, requests: { ...comparable.resources.requests, storage: before.resources?.requests?.storage } };
  }
  if ((before.volumeAttributesClassName ?? null) !== (after.volumeAttributesClassName ?? null) && bound) comparable.volumeAttributesClassName = before.volumeAttributesClassName;
  const errors: string[] = [];
  if (!isDeepStrictEqual(semantic(comparable), semantic(before))) errors.push(IMMUTABLE_CLAIM);
  if (requestedBytes(object) < requestedBytes(current)) errors.push("spec.resources.requests.storage: Forbidden: field can not be less than previous value");
  return errors;
}

/** PersistentVolumeClaimResize: a claim may grow only when its class allows volume expansion. */
function resizeRefusal(object: KubeObject, current: KubeObject, store: StoreReader): StoreError | undefined {
  if (requestedBytes(object) <= requestedBytes(current)) return undefined;
  const className = claimSpec(object).storageClassName ?? "";
  const storageClass = className === "" ? undefined : store.get({ ...STORAGE_CLASS, name: className });
  if (storageClass && classFields(storageClass).allowVolumeExpansion === true && (claimSpec(object).volumeName ?? "") !== "") return undefined;
  const name = object.metadata.name ?? "";
  return storeError(
    "Forbidden",
    `persistentvolumeclaims "${name}" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize`,
    { group: "", kind: "persistentvolumeclaims", name },
  );
}

function admitVolume(request: AdmissionRequest, now: number): StoreError | undefined {
  const { object } = request;
  const spec = (object.spec ??= {}) as VolumeSpec;
  spec.persistentVolumeReclaimPolicy ||= "Retain";
  spec.volumeMode ??= "Filesystem";
  if (request.operation === "create") {
    object.status = { phase: "Pending", lastPhaseTransitionTime: formatTimestamp(now) };
    addFinalizer(object, PV_PROTECTION_FINALIZER);
  }
  return invalid(request, validateVolumeSpec(spec));
}

function validateVolumeSpec(spec: VolumeSpec): string[] {
  const errors: string[] = [];
  const modes = Array.isArray(spec.accessModes) ? spec.accessModes : [];
  if (modes.length === 0) errors.push("spec.accessModes: Required value");
  errors.push(...accessModeErrors(modes));
  if (spec.capacity?.storage === undefined) errors.push("spec.capacity: Required value");
  const policy = spec.persistentVolumeReclaimPolicy;
  if (policy !== undefined && !["Delete", "Recycle", "Retain"].includes(policy)) {
    errors.push(`spec.persistentVolumeReclaimPolicy: Unsupported value: ${JSON.stringify(policy)}: supported values: "Delete", "Recycle", "Retain"`);
  }
  if (spec.volumeMode !== undefined && spec.volumeMode !== "Block" && spec.volumeMode !== "Filesystem") {
    errors.push(`spec.volumeMode: Unsupported value: ${JSON.stringify(spec.volumeMode)}: supported values: "Block", "Filesystem"`);
  }
  if (volumeSourceKey(spec) === undefined) errors.push("spec: Required value: must specify a volume type");
  return errors;
}

function admitStorageClass(request: AdmissionRequest): StoreError | undefined {
  const object = request.object;
  const fields = object as unknown as StorageClassFields;
  fields.reclaimPolicy ||= "Delete";
  fields.volumeBindingMode ||= "Immediate";
  const errors: string[] = [];
  if (!fields.provisioner) errors.push("provisioner: Required value");
  if (!["Delete", "Retain"].includes(fields.reclaimPolicy)) errors.push(`reclaimPolicy: Unsupported value: ${JSON.stringify(fields.reclaimPolicy)}: supported values: "Delete", "Retain"`);
  if (!["Immediate", "WaitForFirstConsumer"].includes(fields.volumeBindingMode)) {
    errors.push(`volumeBindingMode: Unsupported value: ${JSON.stringify(fields.volumeBindingMode)}: supported values: "Immediate", "WaitForFirstConsumer"`);
  }
  const current = request.current;
  if (request.operation === "update" && current) {
    const before = classFields(current);
    if (!isDeepStrictEqual(before.parameters ?? {}, fields.parameters ?? {})) errors.push("parameters: Forbidden: updates to parameters are forbidden.");
    if (before.provisioner !== fields.provisioner) errors.push("provisioner: Forbidden: updates to provisioner are forbidden.");
    if (before.reclaimPolicy !== fields.reclaimPolicy) errors.push("reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.");
    if (before.volumeBindingMode !== fields.volumeBindingMode) errors.push(`volumeBindingMode: Invalid value: ${JSON.stringify(fields.volumeBindingMode)}: field is immutable`);
  }
  return invalid(request, errors);
}

function addFinalizer(object: KubeObject, finalizer: string): void {
  const finalizers = object.metadata.finalizers ?? [];
  if (!finalizers.includes(finalizer)) object.metadata.finalizers = [...finalizers, finalizer];
}

/** `PersistentVolumeClaim "data" is invalid: <error>`, or `[<e1>, <e2>]` for several. */
function invalid(request: AdmissionRequest, errors: string[]): StoreError | undefined {
  if (errors.length === 0) return undefined;
  const ref = refOf(request.object);
  const body = errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
  return storeError("Invalid", `${qualifiedKind(ref.group, ref.kind)} "${ref.name}" is invalid: ${body}`, errorDetails(ref, request.store.kindInfo(ref.group, ref.kind)));
}

/** apimachinery's semantic equality: empty lists and maps count as absent. */
function semantic(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(semantic);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const normal = semantic(child);
      if (normal !== undefined && normal !== null) out[key] = normal;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}

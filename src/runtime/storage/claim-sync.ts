// syncClaim of the PV controller (pkg/controller/volume/persistentvolume/pv_controller.go), in one
// synchronous pass:
// - an unbound claim binds to the best matching volume, or to the volume it names; failing that it
//   gets the default class if it has none (retroactive assignment), waits for its first consumer
//   (WaitForFirstConsumer), is provisioned (ExternalProvisioning, then drydock's provisioner when
//   it simulates the class's provisioner), or stays Pending (FailedBinding);
// - a bound claim whose volume went away or was taken by another claim is Lost.
// Binding writes the volume side first (claimRef, phase Bound), then the claim side (volumeName,
// annotations, phase Bound with the volume's access modes and capacity).
import type { KubeObject } from "../store/kube-object.js";
import { refOf } from "../store/kube-object.js";
import { defaultClassOf } from "./default-storage-class.js";
import { isSimulatedProvisioner } from "./hostpath-provisioner.js";
import {
  ANN_BETA_STORAGE_CLASS,
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  NO_PROVISIONER,
  annotation,
  claimClass,
  claimKeyOf,
  claimSpec,
  claimStatus,
  classFields,
  hasAnnotation,
  isVolumeBoundToClaim,
  setAnnotation,
  volumeSpec,
} from "./storage-objects.js";
import { writeClaimPhase, writeClaimVolumeName, writeVolumeClaimRef, writeVolumePhase } from "./storage-writes.js";
import type { SyncContext } from "./sync-context.js";
import { findBestMatchForClaim, volumeMismatch } from "./volume-matching.js";

export function syncClaim(ctx: SyncContext, claim: KubeObject): void {
  if (!hasAnnotation(claim, ANN_BIND_COMPLETED)) syncUnboundClaim(ctx, claim);
  else syncBoundClaim(ctx, claim);
}

/** IsDelayBindingMode: the claim's class exists and waits for the first consumer. */
export function isDelayBinding(ctx: SyncContext, claim: KubeObject): boolean {
  const name = claimClass(claim);
  if (name === "") return false;
  return classFields(ctx.storageClass(name) ?? ({} as KubeObject)).volumeBindingMode === "WaitForFirstConsumer";
}

function syncUnboundClaim(ctx: SyncContext, claim: KubeObject): void {
  const volumeName = claimSpec(claim).volumeName ?? "";
  if (volumeName === "") {
    const delay = isDelayBinding(ctx, claim);
    const volume = findBestMatchForClaim(claim, ctx.volumes(), delay);
    if (volume) {
      bind(ctx, volume, claim);
      return;
    }
    if (assignDefaultClass(ctx, claim)) return;
    if (delay && !hasAnnotation(claim, ANN_SELECTED_NODE)) {
      waitForConsumer(ctx, claim);
    } else if (claimClass(claim) !== "") {
      provisionClaim(ctx, claim);
      return;
    } else {
      ctx.recorder.event(claim, "Normal", "FailedBinding", "no persistent volumes available for this claim and no storage class is set");
    }
    writeClaimPhase(ctx.store, claim, "Pending", undefined);
    return;
  }
  // The user asked for a particular volume.
  const volume = ctx.store.get({ group: "", kind: "PersistentVolume", name: volumeName });
  if (!volume) {
    writeClaimPhase(ctx.store, claim, "Pending", undefined);
    return;
  }
  if (!volumeSpec(volume).claimRef) {
    const mismatch = volumeMismatch(volume, claim);
    if (mismatch) {
      ctx.recorder.event(claim, "Warning", "VolumeMismatch", `Cannot bind to requested volume "${volumeName}": ${mismatch}`);
      writeClaimPhase(ctx.store, claim, "Pending", undefined);
    } else {
      bind(ctx, volume, claim);
    }
    return;
  }
  if (isVolumeBoundToClaim(volume, claim)) {
    bind(ctx, volume, claim);
    return;
  }
  ctx.recorder.event(claim, "Warning", "FailedBinding", `volume "${volumeName}" already bound to a different claim.`);
  if (!hasAnnotation(claim, ANN_BOUND_BY_CONTROLLER)) writeClaimPhase(ctx.store, claim, "Pending", undefined);
}

function syncBoundClaim(ctx: SyncContext, claim: KubeObject): void {
  const volumeName = claimSpec(claim).volumeName ?? "";
  if (volumeName === "") {
    lose(ctx, claim, "ClaimLost", "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!");
    return;
  }
  const volume = ctx.store.get({ group: "", kind: "PersistentVolume", name: volumeName });
  if (!volume) {
    lose(ctx, claim, "ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!");
    return;
  }
  const ref = volumeSpec(volume).claimRef;
  if (!ref || ref.uid === claim.metadata.uid) bind(ctx, volume, claim);
  else lose(ctx, claim, "ClaimMisbound", "Two claims are bound to the same volume, this one is bound incorrectly");
}

/** updateClaimStatusWithEvent: the event only when the phase changes. */
function lose(ctx: SyncContext, claim: KubeObject, reason: string, message: string): void {
  if (claimStatus(claim).phase === "Lost") return;
  const written = writeClaimPhase(ctx.store, claim, "Lost", undefined);
  ctx.recorder.event(written, "Warning", reason, message);
}

/** Binds both sides; each write is skipped when already in place. A failed write leaves the rest to the next sync. */
export function bind(ctx: SyncContext, volume: KubeObject, claim: KubeObject): void {
  const boundVolume = writeVolumeClaimRef(ctx.store, volume, claim);
  if (!boundVolume) return;
  const volumeNow = writeVolumePhase(ctx.store, boundVolume, "Bound", ctx.now);
  const current = ctx.store.get(refOf(claim));
  if (!current || current.metadata.uid !== claim.metadata.uid) return;
  const boundClaim = writeClaimVolumeName(ctx.store, current, volumeNow);
  if (!boundClaim) return;
  writeClaimPhase(ctx.store, boundClaim, "Bound", volumeNow);
}

/** Retroactive default class (GA in 1.28): a claim without any class gets the default one. */
function assignDefaultClass(ctx: SyncContext, claim: KubeObject): boolean {
  const spec = claimSpec(claim);
  if ((spec.storageClassName !== undefined && spec.storageClassName !== null) || annotation(claim, ANN_BETA_STORAGE_CLASS) !== undefined) return false;
  const byDefault = defaultClassOf(ctx.store);
  if (!byDefault) return false;
  const written = ctx.store.modify(refOf(claim), (next) => {
    (next.spec as { storageClassName?: string }).storageClassName = byDefault.metadata.name;
  });
  return written.ok;
}

/** emitEventForUnboundDelayBindingClaim */
function waitForConsumer(ctx: SyncContext, claim: KubeObject): void {
  const waiting = ctx.usage.unscheduledPods(claimKeyOf(claim));
  if (waiting.length === 0) ctx.recorder.event(claim, "Normal", "WaitForFirstConsumer", "waiting for first consumer to be created before binding");
  else if (waiting.length === 1) ctx.recorder.event(claim, "Normal", "WaitForPodScheduled", `waiting for pod ${waiting[0]} to be scheduled`);
  else ctx.recorder.event(claim, "Normal", "WaitForPodScheduled", `waiting for pods ${waiting.join(",")} to be scheduled`);
}

/**
 * provisionClaim: the class's provisioner is asked (annotations and an ExternalProvisioning event,
 * for every provisioner outside the in-tree `kubernetes.io/` ones), and when drydock simulates it,
 * the volume is made and bound at once.
 */
function provisionClaim(ctx: SyncContext, claim: KubeObject): void {
  const className = claimClass(claim);
  const storageClass = ctx.storageClass(className);
  if (!storageClass) {
    ctx.recorder.event(claim, "Warning", "ProvisioningFailed", `storageclass.storage.k8s.io "${className}" not found`);
    return;
  }
  const provisioner = classFields(storageClass).provisioner ?? "";
  if (provisioner === NO_PROVISIONER) {
    ctx.recorder.event(claim, "Warning", "ProvisioningFailed", `no volume plugin matched name: ${provisioner}`);
    return;
  }
  let current = claim;
  if (annotation(claim, ANN_STORAGE_PROVISIONER) !== provisioner || annotation(claim, ANN_BETA_STORAGE_PROVISIONER) !== provisioner) {
    const written = ctx.store.modify(refOf(claim), (next) => {
      setAnnotation(next, ANN_BETA_STORAGE_PROVISIONER, provisioner);
      setAnnotation(next, ANN_STORAGE_PROVISIONER, provisioner);
    });
    if (!written.ok) return;
    current = written.object;
  }
  ctx.recorder.event(
    current,
    "Normal",
    "ExternalProvisioning",
    `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
  );
  // An external provisioner leaves claims being deleted alone.
  if (!isSimulatedProvisioner(provisioner) || current.metadata.deletionTimestamp !== undefined) return;
  const made = ctx.provisioner.provision(current, storageClass);
  if (made.ok) bind(ctx, made.volume, current);
}

// The writes the PV controller makes, each a no-op when nothing would change (so a sync that finds
// everything in place writes nothing and triggers nothing): a claim's or a volume's phase, and the
// two halves of a binding — the volume's claimRef and the claim's volumeName with the
// bind-completed / bound-by-controller annotations (bindVolumeToClaim, bindClaimToVolume).
import { formatTimestamp } from "../clock/timestamps.js";
import { jsonEqual } from "../store/json-equal.js";
import { refOf, type KubeObject } from "../store/kube-object.js";
import type { StoreWriter } from "../store/store-api.js";
import {
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  claimSpec,
  claimStatus,
  hasAnnotation,
  isVolumeBoundToClaim,
  setAnnotation,
  volumeSpec,
  volumeStatus,
  type ClaimPhase,
  type ClaimRef,
  type ClaimStatus,
  type VolumePhase,
  type VolumeStatus,
} from "./storage-objects.js";

/** The reference a volume keeps to its claim (reference.GetReference), in ObjectReference's field order. */
export function claimReference(claim: KubeObject): ClaimRef {
  return {
    kind: "PersistentVolumeClaim",
    namespace: claim.metadata.namespace ?? "default",
    name: claim.metadata.name ?? "",
    uid: claim.metadata.uid ?? "",
    apiVersion: "v1",
    resourceVersion: claim.metadata.resourceVersion ?? "",
  };
}

/**
 * updateClaimStatus: the phase, and the volume's access modes and capacity (capacity only when the
 * phase changes, so a resized claim keeps its own); without a volume both are cleared.
 */
export function writeClaimPhase(store: StoreWriter, claim: KubeObject, phase: ClaimPhase, volume: KubeObject | undefined): KubeObject {
  const before = claimStatus(claim);
  const next: ClaimStatus = { ...before, phase };
  if (!volume) {
    delete next.accessModes;
    delete next.capacity;
  } else {
    next.accessModes = [...(volumeSpec(volume).accessModes ?? [])];
    const capacity = volumeSpec(volume).capacity;
    if (before.phase !== phase && capacity) next.capacity = { ...capacity };
  }
  if (jsonEqual(next, before)) return claim;
  const written = store.update({ ...claim, status: ordered(next) }, { subresource: "status" });
  return written.ok ? written.object : claim;
}

/** updateVolumePhase: the phase (stamping when it last changed) and its message. */
export function writeVolumePhase(store: StoreWriter, volume: KubeObject, phase: VolumePhase, now: number, message?: string): KubeObject {
  const before = volumeStatus(volume);
  if (before.phase === phase && (before.message ?? "") === (message ?? "")) return volume;
  const next: VolumeStatus = { phase };
  if (message) next.message = message;
  if (before.reason) next.reason = before.reason;
  next.lastPhaseTransitionTime = before.phase === phase && before.lastPhaseTransitionTime ? before.lastPhaseTransitionTime : formatTimestamp(now);
  const written = store.update({ ...volume, status: next }, { subresource: "status" });
  return written.ok ? written.object : volume;
}

/** bindVolumeToClaim: the claimRef (with the claim's uid), marked as the controller's when it set it. */
export function writeVolumeClaimRef(store: StoreWriter, volume: KubeObject, claim: KubeObject): KubeObject | undefined {
  const ref = volumeSpec(volume).claimRef;
  const byController = !isVolumeBoundToClaim(volume, claim);
  const sameClaim = ref && ref.name === claim.metadata.name && ref.namespace === claim.metadata.namespace && ref.uid === claim.metadata.uid;
  if (sameClaim && (!byController || hasAnnotation(volume, ANN_BOUND_BY_CONTROLLER))) return volume;
  const written = store.modify(refOf(volume), (next) => {
    if (!sameClaim) (next.spec as { claimRef?: ClaimRef }).claimRef = claimReference(claim);
    if (byController && !hasAnnotation(next, ANN_BOUND_BY_CONTROLLER)) setAnnotation(next, ANN_BOUND_BY_CONTROLLER, "yes");
  });
  return written.ok ? written.object : undefined;
}

/** bindClaimToVolume: spec.volumeName (marked as the controller's when it set it) and bind-completed. */
export function writeClaimVolumeName(store: StoreWriter, claim: KubeObject, volume: KubeObject): KubeObject | undefined {
  const name = volume.metadata.name ?? "";
  const rename = claimSpec(claim).volumeName !== name;
  if (!rename && hasAnnotation(claim, ANN_BIND_COMPLETED)) return claim;
  const written = store.modify(refOf(claim), (next) => {
    if (rename) {
      (next.spec as { volumeName?: string }).volumeName = name;
      if (!hasAnnotation(next, ANN_BOUND_BY_CONTROLLER)) setAnnotation(next, ANN_BOUND_BY_CONTROLLER, "yes");
    }
    if (!hasAnnotation(next, ANN_BIND_COMPLETED)) setAnnotation(next, ANN_BIND_COMPLETED, "yes");
  });
  return written.ok ? written.object : undefined;
}

/** unbindVolume: a volume the controller bound loses its claimRef; one the user pre-bound only the uid. */
export function writeUnbind(store: StoreWriter, volume: KubeObject): KubeObject | undefined {
  const written = store.modify(refOf(volume), (next) => {
    const spec = next.spec as { claimRef?: ClaimRef | null };
    if (hasAnnotation(next, ANN_BOUND_BY_CONTROLLER)) {
      delete spec.claimRef;
      const annotations = { ...next.metadata.annotations };
      delete annotations[ANN_BOUND_BY_CONTROLLER];
      if (Object.keys(annotations).length === 0) delete next.metadata.annotations;
      else next.metadata.annotations = annotations;
    } else if (spec.claimRef) {
      // An empty uid is omitted, as Go's omitempty has it.
      spec.claimRef = { ...spec.claimRef };
      delete spec.claimRef.uid;
    }
  });
  return written.ok ? written.object : undefined;
}

/** PersistentVolumeClaimStatus in its API field order. */
function ordered(status: ClaimStatus): ClaimStatus {
  const out: ClaimStatus = {};
  if (status.phase !== undefined) out.phase = status.phase;
  if (status.accessModes !== undefined) out.accessModes = status.accessModes;
  if (status.capacity !== undefined) out.capacity = status.capacity;
  for (const [key, value] of Object.entries(status)) if (!(key in out) && value !== undefined) (out as Record<string, unknown>)[key] = value;
  return out;
}

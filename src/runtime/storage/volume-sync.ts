// syncVolume of the PV controller: a volume without a claim is Available; a volume whose claim is
// gone (or was replaced by a new claim of the same name) is Released and reclaimed by its policy —
// Retain keeps it with its claimRef, Delete removes it, Recycle scrubs it and makes it Available
// again; a volume whose claim settled on another volume is unbound (or, when it was provisioned
// for that claim with the Delete policy, released and deleted).
import { refOf, type KubeObject } from "../store/kube-object.js";
import { isSimulatedProvisioner } from "./hostpath-provisioner.js";
import {
  ANN_PROVISIONED_BY,
  annotation,
  claimKey,
  claimSpec,
  hasAnnotation,
  volumeSpec,
  volumeStatus,
} from "./storage-objects.js";
import { writeUnbind, writeVolumePhase } from "./storage-writes.js";
import type { SyncContext } from "./sync-context.js";
import { volumeModeMismatch } from "./volume-matching.js";

export function syncVolume(ctx: SyncContext, volume: KubeObject): void {
  const ref = volumeSpec(volume).claimRef;
  if (!ref || !ref.uid) {
    // Unused, or reserved for a claim that has not bound yet (the claim's sync binds it).
    writeVolumePhase(ctx.store, volume, "Available", ctx.now);
    return;
  }
  const key = claimKey(ref.namespace, ref.name);
  let claim = ctx.store.get({ group: "", kind: "PersistentVolumeClaim", namespace: ref.namespace ?? "default", name: ref.name ?? "" });
  if (claim && claim.metadata.uid !== ref.uid) claim = undefined;
  if (!claim) {
    // Keep a Failed phase: the user should see that something went wrong.
    const phase = volumeStatus(volume).phase;
    const released = phase === "Released" || phase === "Failed" ? volume : writeVolumePhase(ctx.store, volume, "Released", ctx.now);
    reclaim(ctx, released);
    return;
  }
  const boundTo = claimSpec(claim).volumeName ?? "";
  if (boundTo === "") {
    if (volumeModeMismatch(claim, volume)) {
      ctx.recorder.event(volume, "Warning", "VolumeMismatch", `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${claim.metadata.name ?? ""}" due to incompatible volumeMode.`);
      ctx.recorder.event(claim, "Warning", "VolumeMismatch", `Cannot bind PersistentVolume "${volume.metadata.name ?? ""}" to requested PersistentVolumeClaim due to incompatible volumeMode.`);
      return;
    }
    // Reserved for the claim (pre-bound, provisioned, or chosen by the scheduler): the claim's sync binds it.
    ctx.enqueueClaim(key);
    return;
  }
  if (boundTo === volume.metadata.name) {
    writeVolumePhase(ctx.store, volume, "Bound", ctx.now);
    return;
  }
  // The claim was satisfied by another volume.
  if (hasAnnotation(volume, ANN_PROVISIONED_BY) && volumeSpec(volume).persistentVolumeReclaimPolicy === "Delete") {
    const phase = volumeStatus(volume).phase;
    reclaim(ctx, phase === "Released" || phase === "Failed" ? volume : writeVolumePhase(ctx.store, volume, "Released", ctx.now));
    return;
  }
  const unbound = writeUnbind(ctx.store, volume);
  if (unbound) writeVolumePhase(ctx.store, unbound, "Available", ctx.now);
}

/** reclaimVolume */
function reclaim(ctx: SyncContext, volume: KubeObject): void {
  const policy = volumeSpec(volume).persistentVolumeReclaimPolicy ?? "Retain";
  switch (policy) {
    case "Retain":
      return;
    case "Recycle": {
      // The recycler pod's scrub is instant here.
      const scrubbed = writeUnbind(ctx.store, volume);
      if (!scrubbed) return;
      ctx.recorder.event(scrubbed, "Normal", "VolumeRecycled", "Volume recycled");
      writeVolumePhase(ctx.store, scrubbed, "Available", ctx.now);
      return;
    }
    case "Delete": {
      // A volume of a provisioner drydock does not simulate waits for that provisioner, as upstream.
      const provisionedBy = annotation(volume, ANN_PROVISIONED_BY);
      if (provisionedBy !== undefined && !isSimulatedProvisioner(provisionedBy)) return;
      if (volume.metadata.deletionTimestamp === undefined) ctx.store.delete(refOf(volume));
      return;
    }
    default:
      return;
  }
}

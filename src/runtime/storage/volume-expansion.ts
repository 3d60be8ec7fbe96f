// Volume expansion: when a bound claim asks for more storage than it has (the API server lets the
// request grow only for classes with allowVolumeExpansion), the expand controller hands the claim
// to the class's external resizer (`ExternalExpanding`), which — when drydock simulates it — grows
// the volume (`Resizing`, `VolumeResizeSuccessful`); the claim's status capacity then follows the
// volume's. The file system needs no resize on the node: hostPath volumes have none to grow.
import { quantityValue } from "../../kube/quantity.js";
import type { KubeObject } from "../store/kube-object.js";
import { isSimulatedProvisioner } from "./hostpath-provisioner.js";
import { capacityBytes, claimClass, claimSpec, claimStatus, classFields, isClaimFullyBound, requestedBytes, volumeSpec } from "./storage-objects.js";
import type { SyncContext } from "./sync-context.js";

export function expandClaim(ctx: SyncContext, claim: KubeObject): void {
  if (!isClaimFullyBound(claim) || claim.metadata.deletionTimestamp !== undefined || claimStatus(claim).phase !== "Bound") return;
  const requested = requestedBytes(claim);
  if (requested <= (quantityValue(claimStatus(claim).capacity?.storage) ?? 0)) return;
  const storageClass = ctx.storageClass(claimClass(claim));
  if (!storageClass || classFields(storageClass).allowVolumeExpansion !== true) return;
  let volume = ctx.store.get({ group: "", kind: "PersistentVolume", name: claimSpec(claim).volumeName ?? "" });
  if (!volume) return;
  if (capacityBytes(volume) < requested) {
    ctx.expander.event(claim, "Normal", "ExternalExpanding", "waiting for an external controller to expand this PVC");
    const provisioner = classFields(storageClass).provisioner ?? "";
    if (!isSimulatedProvisioner(provisioner)) return;
    volume = ctx.provisioner.expand(claim, volume, provisioner);
    if (!volume) return;
  }
  const capacity = volumeSpec(volume).capacity;
  ctx.store.update({ ...claim, status: { ...claimStatus(claim), capacity: { ...capacity } } }, { subresource: "status" });
}

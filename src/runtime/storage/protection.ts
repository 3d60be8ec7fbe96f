// The pvc-protection and pv-protection controllers: a claim being deleted keeps its finalizer while a
// pod bound to a node uses it (podUsesPVC; a pod that has finished still counts until it is
// deleted), and a volume being deleted keeps its finalizer while it is Bound. Once the finalizer
// goes, the API server finishes the deletion.
import { refOf, type KubeObject } from "../store/kube-object.js";
import { hasFinalizer } from "../store/object-meta.js";
import type { ObjectStore } from "../store/object-store.js";
import type { ClaimUsage } from "./claim-usage.js";
import { PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER, claimKeyOf, volumeStatus } from "./storage-objects.js";

/** The claim after its protection was looked at; undefined once it is gone. */
export function protectClaim(store: ObjectStore, usage: ClaimUsage, claim: KubeObject): KubeObject | undefined {
  if (claim.metadata.deletionTimestamp === undefined || !hasFinalizer(claim, PVC_PROTECTION_FINALIZER)) return claim;
  if (usage.inUse(claimKeyOf(claim))) return claim;
  return withoutFinalizer(store, claim, PVC_PROTECTION_FINALIZER);
}

/** The volume after its protection was looked at; undefined once it is gone. */
export function protectVolume(store: ObjectStore, volume: KubeObject): KubeObject | undefined {
  if (volume.metadata.deletionTimestamp === undefined || !hasFinalizer(volume, PV_PROTECTION_FINALIZER)) return volume;
  if (volumeStatus(volume).phase === "Bound") return volume;
  return withoutFinalizer(store, volume, PV_PROTECTION_FINALIZER);
}

function withoutFinalizer(store: ObjectStore, object: KubeObject, finalizer: string): KubeObject | undefined {
  const written = store.modify(refOf(object), (next) => {
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  });
  if (!written.ok) return object;
  return written.object.metadata.deletionTimestamp !== undefined && store.get(refOf(object)) === undefined ? undefined : written.object;
}

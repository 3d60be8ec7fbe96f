// Adoption and release (upstream's ControllerRefManager): a controller adopts matching objects that
// have no controller, and lets go of the objects it controls that no longer match its selector.
import { controllerOf, controllerReference } from "../controllers/owner-references.js";
import { refOf, type KubeObject } from "../store/kube-object.js";
import type { StoreWriter } from "../store/store-api.js";
import type { StoreResult } from "../store/store-errors.js";

/** Adds `owner` as the controller of `object`, unless it has a controller by now. */
export function adopt(store: StoreWriter, owner: KubeObject, object: KubeObject): StoreResult {
  return store.modify(refOf(object), (copy) => {
    if (controllerOf(copy)) return;
    copy.metadata.ownerReferences = [...(copy.metadata.ownerReferences ?? []), controllerReference(owner)];
  });
}

/** Removes the owner reference to `ownerUid` from `object`. */
export function release(store: StoreWriter, ownerUid: string, object: KubeObject): StoreResult {
  return store.modify(refOf(object), (copy) => {
    const kept = (copy.metadata.ownerReferences ?? []).filter((ref) => ref.uid !== ownerUid);
    if (kept.length === 0) delete copy.metadata.ownerReferences;
    else copy.metadata.ownerReferences = kept;
  });
}

// How the garbage collector sees an owner reference. The owner is looked up where the reference
// must point — the dependent's namespace for a namespaced owner kind, the cluster for a
// cluster-scoped one — and must have the referenced uid. Anything else (a missing owner, an owner
// recreated under the same name, an owner in another namespace) leaves the reference dangling.
import { FOREGROUND_FINALIZER } from "../store/deletion.js";
import { groupOf, type KubeObject, type OwnerReference } from "../store/kube-object.js";
import { hasFinalizer } from "../store/object-meta.js";
import type { StoreReader } from "../store/store-api.js";

export type OwnerStatus =
  /** The owner exists and is not being deleted in the foreground. */
  | { state: "solid"; ref: OwnerReference; owner: KubeObject }
  /** The owner is being deleted in the foreground and waits for its dependents. */
  | { state: "waiting"; ref: OwnerReference; owner: KubeObject }
  /** No such owner where the reference points; `elsewhere` is an object with its uid in another namespace. */
  | { state: "dangling"; ref: OwnerReference; elsewhere?: KubeObject };

export function ownerStatus(store: StoreReader, dependent: KubeObject, ref: OwnerReference): OwnerStatus {
  const group = groupOf(ref.apiVersion);
  const namespaced = store.kindInfo(group, ref.kind).namespaced;
  const dependentNamespace = dependent.metadata.namespace;
  // A cluster-scoped dependent cannot have a namespaced owner.
  const owner =
    namespaced && dependentNamespace === undefined
      ? undefined
      : store.get({ group, kind: ref.kind, namespace: namespaced ? dependentNamespace : undefined, name: ref.name });
  if (owner && owner.metadata.uid === ref.uid) {
    const waiting = owner.metadata.deletionTimestamp !== undefined && hasFinalizer(owner, FOREGROUND_FINALIZER);
    return { state: waiting ? "waiting" : "solid", ref, owner };
  }
  const elsewhere = store.getByUid(ref.uid);
  return elsewhere && elsewhere.metadata.namespace !== dependentNamespace ? { state: "dangling", ref, elsewhere } : { state: "dangling", ref };
}

export function ownerReferencesOf(object: KubeObject): OwnerReference[] {
  return object.metadata.ownerReferences ?? [];
}

/** The controller owner reference (`controller: true`), if any. */
export function controllerOf(object: KubeObject): OwnerReference | undefined {
  return ownerReferencesOf(object).find((ref) => ref.controller === true);
}

/** An owner reference to `owner` as controllers write them. */
export function controllerReference(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? "",
    uid: owner.metadata.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}

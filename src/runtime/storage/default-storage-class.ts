// The StorageClass every new simulated cluster starts with, as minikube and kind clusters do: the
// default class `standard`, served by drydock's simulated hostPath provisioner, binding at once and
// deleting provisioned volumes with their claims. And how the default class is found when several
// claim to be it (GetDefaultClass: the newest, then the name that sorts first).
import { parseTimestamp } from "../clock/timestamps.js";
import type { KubeObject } from "../store/kube-object.js";
import type { StoreReader } from "../store/store-api.js";
import { ANN_DEFAULT_CLASS, STORAGE_CLASS, isDefaultClass } from "./storage-objects.js";

export const DEFAULT_STORAGE_CLASS_NAME = "standard";

/** The provisioner drydock simulates: it makes hostPath volumes on the simulated nodes. */
export const HOSTPATH_PROVISIONER = "sim.drydock.dev/hostpath";

export function defaultStorageClass(): KubeObject {
  return {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: DEFAULT_STORAGE_CLASS_NAME, annotations: { [ANN_DEFAULT_CLASS]: "true" } },
    provisioner: HOSTPATH_PROVISIONER,
    reclaimPolicy: "Delete",
    volumeBindingMode: "Immediate",
    allowVolumeExpansion: true,
  };
}

/** The class a claim without one gets, if any class is marked default. */
export function defaultClassOf(store: StoreReader): KubeObject | undefined {
  let best: KubeObject | undefined;
  let bestAt = 0;
  for (const storageClass of store.list(STORAGE_CLASS)) {
    if (!isDefaultClass(storageClass)) continue;
    const at = parseTimestamp(storageClass.metadata.creationTimestamp ?? "") ?? 0;
    if (!best || at > bestAt || (at === bestAt && (storageClass.metadata.name ?? "") < (best.metadata.name ?? ""))) {
      best = storageClass;
      bestAt = at;
    }
  }
  return best;
}

// The saved form of a simulated cluster: everything needed to continue exactly where it stopped —
// the objects and the resourceVersion counter, the clock, and the id generator's position. Pending
// clock tasks are not saved: components are level-triggered and rebuild their timers from the
// objects when a cluster is loaded, as Kubernetes controllers do after a restart.
import { isIdGeneratorState, type IdGeneratorState } from "../ids/id-generator.js";
import { isKubeObject } from "../store/kube-object.js";
import type { StoreSnapshot } from "../store/object-store.js";

/** The `format` of cluster.json; bump it when the shape below changes. */
export const CLUSTER_FORMAT = "drydock/cluster@1";

export interface ClusterSnapshot {
  clock: { now: number };
  ids: IdGeneratorState;
  store: StoreSnapshot;
}

export function isClusterSnapshot(value: unknown): value is ClusterSnapshot {
  const v = value as Partial<ClusterSnapshot> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.clock === "object" &&
    v.clock !== null &&
    Number.isFinite(v.clock.now) &&
    isIdGeneratorState(v.ids) &&
    typeof v.store === "object" &&
    v.store !== null &&
    Number.isInteger(v.store.resourceVersion) &&
    Array.isArray(v.store.objects) &&
    v.store.objects.every(isKubeObject)
  );
}

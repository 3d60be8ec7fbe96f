// What the PV controller's sync functions work with: the store, the instant, the controller's
// event recorder, its caches (volumes, classes, which pods use which claims), the simulated
// provisioner, and a way to ask for another sync of a claim.
import type { ComponentEventRecorder } from "../events/event-recorder.js";
import type { KubeObject } from "../store/kube-object.js";
import type { ObjectStore } from "../store/object-store.js";
import type { ClaimUsage } from "./claim-usage.js";
import type { HostPathProvisioner } from "./hostpath-provisioner.js";

export interface SyncContext {
  store: ObjectStore;
  now: number;
  /** persistentvolume-controller */
  recorder: ComponentEventRecorder;
  /** volume_expand */
  expander: ComponentEventRecorder;
  provisioner: HostPathProvisioner;
  usage: ClaimUsage;
  /** Every PersistentVolume, as the controller's cache has them. */
  volumes(): Iterable<KubeObject>;
  storageClass(name: string): KubeObject | undefined;
  enqueueClaim(key: string): void;
}

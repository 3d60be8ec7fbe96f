// Admission: what the API server does to an object between decoding a write and storing it —
// defaulting (a Deployment's strategy, a Pod's tolerations), allocation (a Service's clusterIP and
// nodePorts) and validation that needs other objects. Plugins run in registration order on create
// and on main-resource updates; each may change `object` in place or refuse the write.
import type { KubeObject } from "./kube-object.js";
import type { StoreReader } from "./store-api.js";
import type { StoreError } from "./store-errors.js";

export type AdmissionOperation = "create" | "update";

export interface AdmissionRequest {
  operation: AdmissionOperation;
  /** The object about to be stored; plugins change it in place. */
  object: KubeObject;
  /** The stored object an update replaces. */
  current?: KubeObject;
  /** The store as the write sees it (earlier writes of the same transaction included). */
  store: StoreReader;
}

/** Returns an error to refuse the write, or nothing to let it through. */
export type AdmissionPlugin = (request: AdmissionRequest) => StoreError | undefined;

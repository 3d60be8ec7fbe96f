// The store's API, shared by the store itself and the transactions it runs: reads, and writes that
// answer with results (errors are data).
import type { DeleteOptions } from "./deletion.js";
import type { KindInfo } from "./kind-registry.js";
import type { Subresource } from "./kind-strategies.js";
import type { KubeObject, ObjectRef } from "./kube-object.js";
import type { ObjectQuery } from "./object-query.js";
import type { DeleteResult, StoreResult } from "./store-errors.js";

export interface UpdateOptions {
  /** Which part of the object the update may change; default the main resource (all but status). */
  subresource?: Subresource;
}

/** Reads, as the store answers them. */
export interface StoreReader {
  get(ref: ObjectRef): KubeObject | undefined;
  getByUid(uid: string): KubeObject | undefined;
  list(query?: ObjectQuery): KubeObject[];
  kindInfo(group: string, kind: string): KindInfo;
}

/** Reads and writes: the store's own API and the API inside a transaction. */
export interface StoreWriter extends StoreReader {
  /** Creates an object; the server sets uid, resourceVersion, generation and creationTimestamp. */
  create(object: KubeObject): StoreResult;
  /**
   * Replaces an object. When `object.metadata.resourceVersion` is set it must be the stored one
   * (optimistic concurrency); otherwise the update is unconditional.
   */
  update(object: KubeObject, options?: UpdateOptions): StoreResult;
  /** Reads the object, lets `change` edit a copy, and writes it back guarded by its resourceVersion. */
  modify(ref: ObjectRef, change: (object: KubeObject) => void, options?: UpdateOptions): StoreResult;
  delete(ref: ObjectRef, options?: DeleteOptions): DeleteResult;
}

// The simulated API server's storage: Kubernetes objects keyed by (group, kind, namespace, name),
// with server-set metadata, optimistic concurrency, finalizers, selectors, watches and atomic
// multi-object transactions. Objects handed out are frozen; copy one (cloneObject) to change it.
import type { IdGenerator } from "../ids/id-generator.js";
import type { AdmissionPlugin } from "./admission.js";
import type { DeleteOptions } from "./deletion.js";
import type { KindInfo } from "./kind-registry.js";
import { deepFreeze, identityOf, isKubeObject, refOf, type KubeObject, type ObjectRef } from "./kube-object.js";
import type { ObjectQuery } from "./object-query.js";
import type { DeleteResult, StoreError, StoreResult } from "./store-errors.js";
import { StoreState } from "./store-state.js";
import type { StoreWriter, UpdateOptions } from "./store-api.js";
import { StoreTransaction, type StoreEnvironment } from "./store-transaction.js";
import { WatchHub } from "./watch-hub.js";
import type { WatchListener } from "./watch-event.js";

export interface StoreSnapshot {
  /** The last resourceVersion handed out. */
  resourceVersion: number;
  /** Every object, in list order. */
  objects: KubeObject[];
}

export interface ObjectStoreOptions {
  clock: { now(): number };
  ids: IdGenerator;
  /** Saved contents to start from. */
  snapshot?: StoreSnapshot;
}

export interface WatchOptions {
  /** First deliver every object that already matches, as ADDED (an informer's initial list). */
  sendInitialEvents?: boolean;
}

export type TransactionResult<T> = { ok: true; value: T } | { ok: false; error: StoreError };

export class ObjectStore implements StoreWriter {
  private readonly state = new StoreState();
  private readonly env: StoreEnvironment;
  private readonly admission: AdmissionPlugin[] = [];
  private readonly hub: WatchHub;
  private open: StoreTransaction | undefined;

  constructor(options: ObjectStoreOptions) {
    this.env = { clock: options.clock, ids: options.ids, admission: this.admission };
    this.hub = new WatchHub((object) => this.state.isNamespaced(object));
    if (options.snapshot) this.load(options.snapshot);
  }

  /** The last resourceVersion handed out. */
  get resourceVersion(): number {
    return this.state.resourceVersion;
  }

  get size(): number {
    return this.state.size;
  }

  get(ref: ObjectRef): KubeObject | undefined {
    return this.state.get(ref);
  }

  getByUid(uid: string): KubeObject | undefined {
    return this.state.getByUid(uid);
  }

  list(query: ObjectQuery = {}): KubeObject[] {
    return this.state.list(query);
  }

  kindInfo(group: string, kind: string): KindInfo {
    return this.state.kindInfo(group, kind);
  }

  create(object: KubeObject): StoreResult {
    return this.single((tx) => tx.create(object));
  }

  update(object: KubeObject, options?: UpdateOptions): StoreResult {
    return this.single((tx) => tx.update(object, options));
  }

  modify(ref: ObjectRef, change: (object: KubeObject) => void, options?: UpdateOptions): StoreResult {
    return this.single((tx) => tx.modify(ref, change, options));
  }

  delete(ref: ObjectRef, options?: DeleteOptions): DeleteResult {
    return this.single((tx) => tx.delete(ref, options));
  }

  /**
   * Runs `work` as one atomic write: if any operation in it fails (or it throws, or calls
   * `tx.abort`), nothing it did remains. Watchers hear of the changes only after commit. `work` must
   * be synchronous, and the store's own write methods cannot be used until it returns.
   */
  transaction<T>(work: (tx: StoreTransaction) => T): TransactionResult<T> {
    if (this.open) throw new Error("a store transaction is already open: write through its `tx`, not the store");
    const tx = new StoreTransaction(this.state, this.env);
    this.open = tx;
    let value: T;
    try {
      value = work(tx);
      if (value instanceof Promise) throw new TypeError("a store transaction must be synchronous");
    } catch (error) {
      tx.rollback();
      this.open = undefined;
      throw error;
    }
    this.open = undefined;
    if (tx.error) {
      tx.rollback();
      return { ok: false, error: tx.error };
    }
    const events = [...tx.events];
    this.hub.publish(events);
    return { ok: true, value };
  }

  /** Adds an admission plugin; it sees every later create and main-resource update. */
  addAdmission(plugin: AdmissionPlugin): void {
    this.admission.push(plugin);
  }

  /**
   * Calls `listener` for every later change to matching objects, synchronously, in resourceVersion
   * order. Returns a function that stops the watch.
   */
  watch(filter: ObjectQuery, listener: WatchListener, options: WatchOptions = {}): () => void {
    const initial = options.sendInitialEvents ? this.list(filter) : [];
    return this.hub.subscribe(filter, listener, initial);
  }

  snapshot(): StoreSnapshot {
    return { resourceVersion: this.state.resourceVersion, objects: this.state.all() };
  }

  private single<R extends { ok: true } | { ok: false; error: StoreError }>(operation: (tx: StoreTransaction) => R): R {
    const outcome = this.transaction(operation);
    return outcome.ok ? outcome.value : ({ ok: false, error: outcome.error } as R);
  }

  private load(snapshot: StoreSnapshot): void {
    let highest = snapshot.resourceVersion;
    for (const object of snapshot.objects) {
      if (!isKubeObject(object) || !object.metadata.name || !object.metadata.uid || !object.metadata.resourceVersion) {
        throw new Error(`a saved object lacks apiVersion, kind, name, uid or resourceVersion: ${JSON.stringify(object).slice(0, 200)}`);
      }
      this.state.put(identityOf(refOf(object)), deepFreeze(structuredClone(object)));
      highest = Math.max(highest, Number(object.metadata.resourceVersion));
    }
    this.state.resourceVersion = highest;
  }
}

// Every write happens in a transaction: operations apply to the store's state at once (so later
// operations in the same transaction see earlier ones), each changed object's first state is kept,
// and on failure everything — objects, the resourceVersion counter, the id generator — is put back.
// Watch events are handed out only after commit.
import { formatTimestamp } from "../clock/timestamps.js";
import type { IdGenerator } from "../ids/id-generator.js";
import type { AdmissionOperation, AdmissionPlugin } from "./admission.js";
import { finalizersForPolicy, gracePeriodSeconds, type DeleteOptions } from "./deletion.js";
import { qualifiedResource, type KindInfo } from "./kind-registry.js";
import { prepareForCreate, prepareForUpdate, specChanged, type Subresource } from "./kind-strategies.js";
import { jsonEqual } from "./json-equal.js";
import { cloneObject, deepFreeze, shallowCopy, groupOf, identityOf, isKubeObject, refOf, type KubeObject, type ObjectRef } from "./kube-object.js";
import { IMMORTAL_NAMESPACES, isNamespace, namespacePhase } from "./namespace-rules.js";
import { nameError } from "./object-names.js";
import { canonicalOrder, isReadyToGo, pendingFinalizers, setFinalizers } from "./object-meta.js";
import {
  bindingError,
  conflictError,
  errorDetails,
  notFoundError,
  qualifiedKind,
  storeError,
  type DeleteResult,
  type StoreError,
  type StoreResult,
} from "./store-errors.js";
import type { ObjectQuery } from "./object-query.js";
import type { StoreWriter, UpdateOptions } from "./store-api.js";
import type { StoreState } from "./store-state.js";
import type { WatchEvent } from "./watch-event.js";

export interface StoreEnvironment {
  clock: { now(): number };
  ids: IdGenerator;
  admission: readonly AdmissionPlugin[];
}

// The API server retries a generated name that is taken a few times before giving up.
const GENERATE_NAME_ATTEMPTS = 8;

export class StoreTransaction implements StoreWriter {
  readonly events: WatchEvent[] = [];
  private readonly before = new Map<string, KubeObject | undefined>();
  private readonly startResourceVersion: number;
  private readonly startIds: ReturnType<IdGenerator["state"]>;
  private failure: StoreError | undefined;

  constructor(
    private readonly state: StoreState,
    private readonly env: StoreEnvironment,
  ) {
    this.startResourceVersion = state.resourceVersion;
    this.startIds = env.ids.state();
  }

  /** The first error of an operation; once set, the transaction applies nothing more. */
  get error(): StoreError | undefined {
    return this.failure;
  }

  /** Fails the transaction on purpose. */
  abort(error: StoreError): void {
    this.failure ??= error;
  }

  get(ref: ObjectRef): KubeObject | undefined {
    return this.state.get(ref);
  }

  getByUid(uid: string): KubeObject | undefined {
    return this.state.getByUid(uid);
  }

  list(query?: ObjectQuery): KubeObject[] {
    return this.state.list(query);
  }

  kindInfo(group: string, kind: string): KindInfo {
    return this.state.kindInfo(group, kind);
  }

  create(input: KubeObject): StoreResult {
    return this.guard(() => this.doCreate(input));
  }

  update(input: KubeObject, options: UpdateOptions = {}): StoreResult {
    return this.guard(() => this.doUpdate(input, options.subresource ?? "main"));
  }

  modify(ref: ObjectRef, change: (object: KubeObject) => void, options: UpdateOptions = {}): StoreResult {
    return this.guard(() => {
      const { ref: resolved, info } = this.state.resolve(ref);
      const current = this.state.get(resolved);
      if (!current) return fail(notFoundError(resolved, info));
      const copy = cloneObject(current);
      change(copy);
      copy.metadata.resourceVersion = current.metadata.resourceVersion;
      return this.doUpdate(copy, options.subresource ?? "main");
    });
  }

  delete(ref: ObjectRef, options: DeleteOptions = {}): DeleteResult {
    return this.guard(() => this.doDelete(ref, options));
  }

  private admit(operation: AdmissionOperation, object: KubeObject, current?: KubeObject): StoreError | undefined {
    for (const plugin of this.env.admission) {
      const refused = plugin({ operation, object, current, store: this });
      if (refused) return refused;
    }
    return undefined;
  }

  /** Puts back everything this transaction changed. */
  rollback(): void {
    for (const [identity, object] of [...this.before].reverse()) {
      if (object === undefined) this.state.remove(identity);
      else this.state.put(identity, object);
    }
    this.state.resourceVersion = this.startResourceVersion;
    this.env.ids.restore(this.startIds);
    this.before.clear();
    this.events.length = 0;
  }

  private guard<R extends { ok: true } | { ok: false; error: StoreError }>(operation: () => R): R {
    if (this.failure) return { ok: false, error: this.failure } as R;
    const result = operation();
    if (!result.ok) this.failure = result.error;
    return result;
  }

  private doCreate(input: KubeObject): StoreResult {
    if (!isKubeObject(input)) return fail(storeError("BadRequest", "an object needs apiVersion, kind and metadata"));
    const object = cloneObject(input);
    const meta = object.metadata;
    const group = groupOf(object.apiVersion);
    const info = this.state.kindInfo(group, object.kind);
    if (meta.resourceVersion) return fail(storeError("BadRequest", "resourceVersion should not be set on objects to be created"));
    if (info.namespaced) meta.namespace = meta.namespace || "default";
    else delete meta.namespace;

    if (!meta.name && meta.generateName) meta.name = this.generatedName(object, meta.generateName);
    const nameProblem = nameError(object, info);
    if (nameProblem) return fail(nameProblem);
    const ref = refOf(object);
    const identity = identityOf(ref);

    if (info.namespaced) {
      const namespace = this.state.get({ group: "", kind: "Namespace", name: meta.namespace ?? "" });
      if (!namespace) {
        return fail(storeError("NotFound", `namespaces "${meta.namespace}" not found`, { group: "", kind: "namespaces", name: meta.namespace ?? "" }));
      }
      if (namespace.metadata.deletionTimestamp !== undefined) {
        return fail(
          storeError(
            "Forbidden",
            `${qualifiedResource(group, info)} "${meta.name}" is forbidden: unable to create new content in namespace ${meta.namespace} because it is being terminated`,
            errorDetails(ref, info),
          ),
        );
      }
    }
    if (this.state.getByIdentity(identity)) {
      return fail(storeError("AlreadyExists", `${qualifiedResource(group, info)} "${meta.name}" already exists`, errorDetails(ref, info)));
    }

    meta.uid = this.env.ids.uid();
    meta.resourceVersion = this.nextResourceVersion();
    meta.generation = 1;
    meta.creationTimestamp = formatTimestamp(this.env.clock.now());
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    prepareForCreate(object);
    const refused = this.admit("create", object);
    if (refused) return fail(refused);
    const stored = this.write(identity, object);
    this.events.push({ type: "ADDED", object: stored });
    return { ok: true, object: stored };
  }

  private doUpdate(input: KubeObject, subresource: Subresource): StoreResult {
    if (!isKubeObject(input)) return fail(storeError("BadRequest", "an object needs apiVersion, kind and metadata"));
    const { ref, identity, info } = this.state.resolve(refOf(input));
    const current = this.state.getByIdentity(identity);
    if (!current) return fail(notFoundError(ref, info));
    if (subresource === "finalize" && !isNamespace(current)) {
      return fail(storeError("BadRequest", `the finalize subresource exists only for namespaces, not ${qualifiedResource(ref.group, info)}`));
    }
    if (subresource === "binding") {
      const problem = bindingError(current, ref, info);
      if (problem) return fail(problem);
    }
    const wanted = input.metadata.resourceVersion;
    if (wanted && wanted !== current.metadata.resourceVersion) return fail(conflictError(ref, info));

    const next = prepareForUpdate(current, input, subresource);
    const meta = next.metadata;
    if (subresource === "main") {
      // Server-owned metadata cannot be changed by an update.
      meta.name = current.metadata.name;
      if (current.metadata.namespace === undefined) delete meta.namespace;
      else meta.namespace = current.metadata.namespace;
      meta.uid = current.metadata.uid;
      meta.creationTimestamp = current.metadata.creationTimestamp;
      meta.generation = current.metadata.generation;
      if (current.metadata.deletionTimestamp === undefined) delete meta.deletionTimestamp;
      else meta.deletionTimestamp = current.metadata.deletionTimestamp;
      if (current.metadata.deletionGracePeriodSeconds === undefined) delete meta.deletionGracePeriodSeconds;
      else meta.deletionGracePeriodSeconds = current.metadata.deletionGracePeriodSeconds;
    }
    meta.resourceVersion = current.metadata.resourceVersion;

    if (current.metadata.deletionTimestamp !== undefined) {
      const had = new Set(current.metadata.finalizers ?? []);
      const added = (meta.finalizers ?? []).filter((f) => !had.has(f));
      if (added.length > 0) {
        return fail(
          storeError(
            "Invalid",
            `${qualifiedKind(ref.group, ref.kind)} "${ref.name}" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}`,
            errorDetails(ref, info),
          ),
        );
      }
    }
    if (subresource === "main") {
      const refused = this.admit("update", next, current);
      if (refused) return fail(refused);
    }
    if (specChanged(current, next)) meta.generation = (current.metadata.generation ?? 0) + 1;
    if (meta.finalizers?.length === 0) delete meta.finalizers;
    // An update that changes nothing is not written: no new resourceVersion, no watch event.
    if (jsonEqual(next, current)) return { ok: true, object: current };

    meta.resourceVersion = this.nextResourceVersion();
    if (isReadyToGo(next)) {
      // The last finalizer removed from a deleted object: the update deletes it.
      const last = deepFreeze(canonicalOrder(next));
      this.erase(identity);
      this.events.push({ type: "DELETED", object: last });
      return { ok: true, object: last };
    }
    const stored = this.write(identity, next);
    this.events.push({ type: "MODIFIED", object: stored, previous: current });
    return { ok: true, object: stored };
  }

  private doDelete(target: ObjectRef, options: DeleteOptions): DeleteResult {
    const { ref, identity, info } = this.state.resolve(target);
    const current = this.state.getByIdentity(identity);
    if (!current) return fail(notFoundError(ref, info));
    const pre = options.preconditions;
    if (pre?.uid !== undefined && pre.uid !== current.metadata.uid) {
      return fail(
        storeError("Conflict", `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid ?? ""}`, errorDetails(ref, info)),
      );
    }
    if (pre?.resourceVersion !== undefined && pre.resourceVersion !== current.metadata.resourceVersion) {
      return fail(
        storeError(
          "Conflict",
          `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion ?? ""}`,
          errorDetails(ref, info),
        ),
      );
    }
    if (isNamespace(current) && IMMORTAL_NAMESPACES.has(ref.name)) {
      return fail(storeError("Forbidden", `namespaces "${ref.name}" is forbidden: this namespace may not be deleted`, errorDetails(ref, info)));
    }

    const now = this.env.clock.now();
    const next = shallowCopy(current);
    setFinalizers(next, finalizersForPolicy(current.metadata.finalizers ?? [], options.propagationPolicy));
    const grace = gracePeriodSeconds(current, options);
    const meta = next.metadata;
    if (meta.deletionTimestamp === undefined) {
      // A Namespace is always emptied first; other objects wait only for finalizers or a grace period.
      const waits = isNamespace(current) || pendingFinalizers(next).length > 0 || grace > 0;
      if (!waits) return this.remove(identity, current);
      meta.deletionTimestamp = formatTimestamp(now + grace * 1000);
      meta.deletionGracePeriodSeconds = grace;
      if (grace > 0 && (meta.generation ?? 0) > 0) meta.generation = (meta.generation ?? 0) + 1;
      if (isNamespace(current)) next.status = { ...(next.status as object | undefined), phase: "Terminating" };
    } else if (grace < (meta.deletionGracePeriodSeconds ?? 0)) {
      // A second delete may only shorten the grace period.
      meta.deletionGracePeriodSeconds = grace;
      const sooner = formatTimestamp(now + grace * 1000);
      if (sooner < meta.deletionTimestamp) meta.deletionTimestamp = sooner;
    }
    if (isReadyToGo(next) && !(isNamespace(current) && namespacePhase(current) === "Active")) {
      return this.remove(identity, current);
    }
    if (jsonEqual(next, current)) return { ok: true, object: current, outcome: "pending" };
    meta.resourceVersion = this.nextResourceVersion();
    const stored = this.write(identity, next);
    this.events.push({ type: "MODIFIED", object: stored, previous: current });
    return { ok: true, object: stored, outcome: "pending" };
  }

  private remove(identity: string, current: KubeObject): DeleteResult {
    const last = shallowCopy(current);
    last.metadata.resourceVersion = this.nextResourceVersion();
    const frozen = deepFreeze(last);
    this.erase(identity);
    this.events.push({ type: "DELETED", object: frozen });
    return { ok: true, object: frozen, outcome: "deleted" };
  }

  private generatedName(object: KubeObject, prefix: string): string {
    let name = "";
    for (let attempt = 0; attempt < GENERATE_NAME_ATTEMPTS; attempt++) {
      name = this.env.ids.generateName(prefix);
      const candidate = { ...refOf(object), name };
      if (!this.state.get(candidate)) break;
    }
    return name;
  }

  private nextResourceVersion(): string {
    return String(++this.state.resourceVersion);
  }

  private write(identity: string, object: KubeObject): KubeObject {
    this.remember(identity);
    const stored = deepFreeze(canonicalOrder(object));
    this.state.put(identity, stored);
    return stored;
  }

  private erase(identity: string): void {
    this.remember(identity);
    this.state.remove(identity);
  }

  private remember(identity: string): void {
    if (!this.before.has(identity)) this.before.set(identity, this.state.getByIdentity(identity));
  }
}

function fail(error: StoreError): { ok: false; error: StoreError } {
  return { ok: false, error };
}

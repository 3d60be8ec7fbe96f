// The garbage collector (kube-controller-manager's, reduced to its decisions): it keeps a graph of
// owner references from watch events and, at the same simulated instant as the change that made
// work, deletes dependents whose owners are all gone, runs foreground deletion (dependents first;
// the owner goes once no dependent with blockOwnerDeletion remains) and orphaning (dependents lose
// their reference, then the owner goes).
import type { VirtualClock } from "../clock/virtual-clock.js";
import type { EventRecorder } from "../events/event-recorder.js";
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type PropagationPolicy } from "../store/deletion.js";
import { refOf, type KubeObject, type OwnerReference } from "../store/kube-object.js";
import { hasFinalizer } from "../store/object-meta.js";
import type { ObjectStore } from "../store/object-store.js";
import type { WatchEvent } from "../store/watch-event.js";
import { WatchingController } from "./watching-controller.js";
import { ownerReferencesOf, ownerStatus, type OwnerStatus } from "./owner-references.js";

export const GARBAGE_COLLECTOR_COMPONENT = "garbage-collector-controller";

export interface GarbageCollectorOptions {
  store: ObjectStore;
  clock: VirtualClock;
  /** Where to report owner references that point into another namespace. */
  events?: EventRecorder;
}

export class GarbageCollector extends WatchingController {
  /** owner uid → dependent uids */
  private readonly dependents = new Map<string, Set<string>>();
  /** dependent uid → owner uids */
  private readonly owners = new Map<string, string[]>();
  /** uids to look at, in the order they became interesting */
  private readonly dirty = new Set<string>();

  constructor(private readonly options: GarbageCollectorOptions) {
    super(options.store, options.clock, "garbage-collector");
  }


  protected observe(event: WatchEvent): void {
    const object = event.object;
    const uid = object.metadata.uid;
    if (!uid) return;
    switch (event.type) {
      case "ADDED":
        this.link(uid, object);
        if (ownerReferencesOf(object).length > 0 || this.isDeletingWithPolicy(object)) this.mark(uid);
        if (hasFinalizer(object, FOREGROUND_FINALIZER)) this.markDependents(uid);
        break;
      case "MODIFIED": {
        const before = event.previous;
        const ownersChanged = !sameOwners(ownerReferencesOf(before), ownerReferencesOf(object));
        if (ownersChanged) this.link(uid, object);
        const deletionChanged =
          before.metadata.deletionTimestamp !== object.metadata.deletionTimestamp ||
          hasFinalizer(before, FOREGROUND_FINALIZER) !== hasFinalizer(object, FOREGROUND_FINALIZER) ||
          hasFinalizer(before, ORPHAN_FINALIZER) !== hasFinalizer(object, ORPHAN_FINALIZER);
        if (ownersChanged || deletionChanged) this.mark(uid);
        if (deletionChanged && hasFinalizer(object, FOREGROUND_FINALIZER)) this.markDependents(uid);
        // A dependent starting to go may unblock an owner deleted in the foreground.
        if (deletionChanged) for (const owner of this.owners.get(uid) ?? []) this.mark(owner);
        break;
      }
      case "DELETED":
        this.markDependents(uid);
        for (const owner of this.owners.get(uid) ?? []) this.mark(owner);
        this.unlink(uid);
        this.dependents.delete(uid);
        break;
    }
  }

  private link(uid: string, object: KubeObject): void {
    this.unlink(uid);
    const ownerUids = ownerReferencesOf(object).map((ref) => ref.uid);
    if (ownerUids.length === 0) return;
    this.owners.set(uid, ownerUids);
    for (const owner of ownerUids) {
      let set = this.dependents.get(owner);
      if (!set) this.dependents.set(owner, (set = new Set()));
      set.add(uid);
    }
  }

  private unlink(uid: string): void {
    for (const owner of this.owners.get(uid) ?? []) {
      const set = this.dependents.get(owner);
      set?.delete(uid);
      if (set?.size === 0) this.dependents.delete(owner);
    }
    this.owners.delete(uid);
  }

  private mark(uid: string): void {
    this.dirty.add(uid);
    this.scheduleDrain();
  }

  private markDependents(uid: string): void {
    for (const dependent of this.dependents.get(uid) ?? []) this.mark(dependent);
  }

  protected drain(): void {
    while (this.dirty.size > 0) {
      const uid: string = this.dirty.values().next().value as string;
      this.dirty.delete(uid);
      this.process(uid);
    }
  }

  private process(uid: string): void {
    const store = this.options.store;
    const object = store.getByUid(uid);
    if (!object) return;
    if (object.metadata.deletionTimestamp !== undefined) {
      if (hasFinalizer(object, ORPHAN_FINALIZER)) this.orphanDependents(object);
      else if (hasFinalizer(object, FOREGROUND_FINALIZER)) this.finishForeground(object);
      return;
    }
    const refs = ownerReferencesOf(object);
    if (refs.length === 0) return;
    const statuses = refs.map((ref) => ownerStatus(store, object, ref));
    const solid = statuses.filter((s) => s.state === "solid");
    const dangling = statuses.filter((s) => s.state === "dangling");
    const waiting = statuses.filter((s) => s.state === "waiting");
    if (dangling.length === 0 && waiting.length === 0) return;
    for (const status of dangling) this.reportInvalidNamespace(object, status);
    if (solid.length > 0) {
      // Still owned: only forget the owners that are gone or going.
      const drop = new Set([...dangling, ...waiting].map((s) => s.ref.uid));
      store.modify(refOf(object), (o) => {
        o.metadata.ownerReferences = ownerReferencesOf(o).filter((r) => !drop.has(r.uid));
        if (o.metadata.ownerReferences.length === 0) delete o.metadata.ownerReferences;
      });
      return;
    }
    const policy: PropagationPolicy =
      waiting.length > 0 && (this.dependents.get(uid)?.size ?? 0) > 0
        ? "Foreground"
        : hasFinalizer(object, ORPHAN_FINALIZER)
          ? "Orphan"
          : hasFinalizer(object, FOREGROUND_FINALIZER)
            ? "Foreground"
            : "Background";
    store.delete(refOf(object), { propagationPolicy: policy, preconditions: { uid } });
  }

  /** Foreground deletion: dependents go first; the owner goes when none blocks it any more. */
  private finishForeground(owner: KubeObject): void {
    const store = this.options.store;
    const uid = owner.metadata.uid ?? "";
    let blocked = false;
    for (const dependentUid of this.dependents.get(uid) ?? []) {
      const dependent = store.getByUid(dependentUid);
      if (!dependent) continue;
      if (dependent.metadata.deletionTimestamp === undefined) this.mark(dependentUid);
      if (ownerReferencesOf(dependent).some((ref) => ref.uid === uid && ref.blockOwnerDeletion === true)) blocked = true;
    }
    if (blocked) return;
    store.modify(refOf(owner), (o) => {
      o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== FOREGROUND_FINALIZER);
    });
  }

  /** Orphan deletion: dependents lose their reference to the owner, then the owner goes. */
  private orphanDependents(owner: KubeObject): void {
    const store = this.options.store;
    const uid = owner.metadata.uid ?? "";
    for (const dependentUid of [...(this.dependents.get(uid) ?? [])]) {
      const dependent = store.getByUid(dependentUid);
      if (!dependent) continue;
      store.modify(refOf(dependent), (o) => {
        o.metadata.ownerReferences = ownerReferencesOf(o).filter((r) => r.uid !== uid);
        if (o.metadata.ownerReferences.length === 0) delete o.metadata.ownerReferences;
      });
    }
    store.modify(refOf(owner), (o) => {
      o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== ORPHAN_FINALIZER);
    });
  }

  private isDeletingWithPolicy(object: KubeObject): boolean {
    return object.metadata.deletionTimestamp !== undefined && (hasFinalizer(object, ORPHAN_FINALIZER) || hasFinalizer(object, FOREGROUND_FINALIZER));
  }

  private reportInvalidNamespace(dependent: KubeObject, status: OwnerStatus): void {
    if (status.state !== "dangling" || !status.elsewhere) return;
    const ref = status.ref;
    this.options.events
      ?.for({ component: GARBAGE_COLLECTOR_COMPONENT })
      .event(
        dependent,
        "Warning",
        "OwnerRefInvalidNamespace",
        `ownerRef [${ref.apiVersion}/${ref.kind}, namespace: ${dependent.metadata.namespace ?? ""}, name: ${ref.name}, uid: ${ref.uid}] does not exist in namespace "${dependent.metadata.namespace ?? ""}"`,
      );
  }
}

function sameOwners(a: readonly OwnerReference[], b: readonly OwnerReference[]): boolean {
  return a.length === b.length && a.every((ref, i) => ref.uid === b[i].uid && ref.blockOwnerDeletion === b[i].blockOwnerDeletion);
}

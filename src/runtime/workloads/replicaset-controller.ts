// The ReplicaSet controller (component `replicaset-controller`): keeps spec.replicas active pods for
// every ReplicaSet. It follows ReplicaSets and Pods through two watches, files pods by controller in
// an index, and syncs the ReplicaSets that changes touched in one task per simulated instant. A
// ReplicaSet with minReadySeconds is synced again at the instant its next pod becomes available.
import type { TaskHandle } from "../clock/virtual-clock.js";
import { controllerOf } from "../controllers/owner-references.js";
import type { ComponentEventRecorder } from "../events/event-recorder.js";
import type { RuntimeComponent, RuntimeDeps } from "../runtime-deps.js";
import type { KubeObject } from "../store/kube-object.js";
import type { WatchEvent } from "../store/watch-event.js";
import { PodIndex } from "./pod-index.js";
import { isPodActive } from "./pod-state.js";
import { selects, syncReplicaSet, type ReplicaSetSyncResult } from "./replicaset-sync.js";
import { isReplicaSet, replicaSetSpec } from "./workload-types.js";

export const REPLICASET_CONTROLLER = "replicaset-controller";

export class ReplicaSetController implements RuntimeComponent {
  private readonly pods = new PodIndex();
  /** uid → ReplicaSet */
  private readonly replicaSets = new Map<string, KubeObject>();
  /** namespace → uids of its ReplicaSets, for adoption of orphans */
  private readonly byNamespace = new Map<string, Set<string>>();
  /** ReplicaSet uids to sync at the current instant */
  private readonly queue = new Set<string>();
  private readonly rechecks = new Map<string, TaskHandle>();
  private readonly recorder: ComponentEventRecorder;
  private unwatch: Array<() => void> = [];
  private pending: TaskHandle | undefined;
  /** The ReplicaSet being synced: the changes its own sync makes do not queue it again. */
  private syncing: string | undefined;

  constructor(private readonly deps: RuntimeDeps) {
    this.recorder = deps.events.for({ component: REPLICASET_CONTROLLER });
  }

  start(): this {
    if (this.unwatch.length > 0) return this;
    const { store } = this.deps;
    this.unwatch = [
      store.watch({ group: "apps", kind: "ReplicaSet" }, (event) => this.observeReplicaSet(event), { sendInitialEvents: true }),
      store.watch({ group: "", kind: "Pod" }, (event) => this.observePod(event), { sendInitialEvents: true }),
    ];
    return this;
  }

  stop(): void {
    for (const unwatch of this.unwatch) unwatch();
    this.unwatch = [];
    this.pending?.cancel();
    this.pending = undefined;
    for (const handle of this.rechecks.values()) handle.cancel();
    this.rechecks.clear();
  }

  private observeReplicaSet(event: WatchEvent): void {
    const rs = event.object;
    const uid = rs.metadata.uid;
    if (!uid || !isReplicaSet(rs)) return;
    const namespace = rs.metadata.namespace ?? "";
    if (event.type === "DELETED") {
      this.replicaSets.delete(uid);
      this.byNamespace.get(namespace)?.delete(uid);
      this.rechecks.get(uid)?.cancel();
      this.rechecks.delete(uid);
      this.queue.delete(uid);
      return;
    }
    this.replicaSets.set(uid, rs);
    let uids = this.byNamespace.get(namespace);
    if (!uids) this.byNamespace.set(namespace, (uids = new Set()));
    uids.add(uid);
    // A status-only change (its own, usually) needs no sync: spec changes bump the generation.
    if (
      event.type === "MODIFIED" &&
      event.previous.metadata.generation === rs.metadata.generation &&
      event.previous.metadata.deletionTimestamp === rs.metadata.deletionTimestamp
    ) {
      return;
    }
    this.enqueue(uid);
  }

  private observePod(event: WatchEvent): void {
    const pod = event.object;
    if (event.type === "DELETED") this.pods.remove(pod);
    else this.pods.put(pod);
    const owner = controllerOf(pod)?.uid;
    if (owner !== undefined) this.enqueue(owner);
    if (event.type === "MODIFIED") {
      const before = controllerOf(event.previous)?.uid;
      if (before !== undefined && before !== owner) this.enqueue(before);
    }
    if (owner === undefined && event.type !== "DELETED" && pod.metadata.deletionTimestamp === undefined) {
      // An orphan: every ReplicaSet of its namespace that selects it may adopt it.
      for (const uid of this.byNamespace.get(pod.metadata.namespace ?? "") ?? []) {
        const rs = this.replicaSets.get(uid);
        if (rs && selects(replicaSetSpec(rs).selector, pod.metadata.labels)) this.enqueue(uid);
      }
    }
  }

  private enqueue(uid: string): void {
    if (uid === this.syncing || !this.replicaSets.has(uid)) return;
    this.queue.add(uid);
    if (!this.pending?.pending) this.pending = this.deps.clock.schedule({ after: 0 }, () => this.drain(), REPLICASET_CONTROLLER);
  }

  private drain(): void {
    const uids = [...this.queue];
    this.queue.clear();
    for (const uid of uids) this.sync(uid);
  }

  private sync(uid: string): void {
    const rs = this.replicaSets.get(uid);
    if (!rs) return;
    this.syncing = uid;
    let result: ReplicaSetSyncResult;
    try {
      result = syncReplicaSet(
        { store: this.deps.store, now: this.deps.clock.now(), pods: this.pods, events: this.recorder, relatedPods: (set) => this.relatedPods(set) },
        rs,
      );
    } finally {
      this.syncing = undefined;
    }
    this.scheduleRecheck(uid, result.recheckAt);
    // More than burstReplicas to go: another sync at this instant. Failures are not retried on a
    // timer as upstream's rate-limited queue does; the next change to the set or its pods retries.
    if (result.again) this.enqueue(uid);
  }

  private scheduleRecheck(uid: string, at: number | undefined): void {
    const current = this.rechecks.get(uid);
    if (current?.pending && current.at === at) return;
    current?.cancel();
    this.rechecks.delete(uid);
    if (at === undefined) return;
    const handle = this.deps.clock.schedule(
      { at },
      () => {
        this.rechecks.delete(uid);
        this.enqueue(uid);
      },
      `${REPLICASET_CONTROLLER} min-ready`,
    );
    this.rechecks.set(uid, handle);
  }

  /** Active pods of every ReplicaSet with the same controller as `rs` (just its own without one). */
  private relatedPods(rs: KubeObject): KubeObject[] {
    const owner = controllerOf(rs)?.uid;
    const siblings =
      owner === undefined
        ? [rs.metadata.uid ?? ""]
        : [...(this.byNamespace.get(rs.metadata.namespace ?? "") ?? [])].filter((uid) => controllerOf(this.replicaSets.get(uid) as KubeObject)?.uid === owner);
    const related: KubeObject[] = [];
    for (const uid of siblings) for (const pod of this.pods.controlledBy(uid)) if (isPodActive(pod)) related.push(pod);
    return related;
  }
}

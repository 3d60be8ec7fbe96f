// The ReplicaSet controller (component `replicaset-controller`): keeps spec.replicas active pods for
// every ReplicaSet. It follows ReplicaSets and Pods through two watches, files pods by controller in
// an index, and syncs the ReplicaSets that changes touched in one task per simulated instant. A
// ReplicaSet with minReadySeconds is synced again at the instant its next pod becomes available.
import { controllersConcerned } from "../controllers/controllers-concerned.js";
import { OwnerIndex } from "../controllers/owner-index.js";
import { controllerOf } from "../controllers/owner-references.js";
import { isStatusOnlyChange } from "../controllers/status-only-change.js";
import { SyncQueue, type SyncOutcome } from "../controllers/sync-queue.js";
import { Watches } from "../controllers/watches.js";
import type { ComponentEventRecorder } from "../events/event-recorder.js";
import type { RuntimeComponent, RuntimeDeps } from "../runtime-deps.js";
import type { KubeObject } from "../store/kube-object.js";
import type { WatchEvent } from "../store/watch-event.js";
import { PodIndex } from "./pod-index.js";
import { isPodActive } from "./pod-state.js";
import { selects, syncReplicaSet } from "./replicaset-sync.js";
import { isReplicaSet, replicaSetSpec } from "./workload-types.js";

export const REPLICASET_CONTROLLER = "replicaset-controller";

export class ReplicaSetController implements RuntimeComponent {
  private readonly pods = new PodIndex();
  private readonly replicaSets = new OwnerIndex(isReplicaSet);
  private readonly queue: SyncQueue;
  private readonly recorder: ComponentEventRecorder;
  private readonly watches = new Watches();

  constructor(private readonly deps: RuntimeDeps) {
    this.recorder = deps.events.for({ component: REPLICASET_CONTROLLER });
    this.queue = new SyncQueue({
      clock: deps.clock,
      label: REPLICASET_CONTROLLER,
      recheck: { label: `${REPLICASET_CONTROLLER} min-ready` },
      knows: (uid) => this.replicaSets.has(uid),
      sync: (uid) => this.sync(uid),
      ignoreOwnWrites: true,
    });
  }

  start(): this {
    const { store } = this.deps;
    this.watches.open(() => [
      store.watch({ group: "apps", kind: "ReplicaSet" }, (event) => this.observeReplicaSet(event), { sendInitialEvents: true }),
      store.watch({ group: "", kind: "Pod" }, (event) => this.observePod(event), { sendInitialEvents: true }),
    ]);
    return this;
  }

  stop(): void {
    this.watches.close();
    this.queue.stop();
  }

  private observeReplicaSet(event: WatchEvent): void {
    const change = this.replicaSets.observe(event);
    if (change?.deleted) this.queue.forget(change.uid);
    else if (change && !isStatusOnlyChange(event)) this.queue.add(change.uid);
  }

  private observePod(event: WatchEvent): void {
    const pod = event.object;
    if (event.type === "DELETED") this.pods.remove(pod);
    else this.pods.put(pod);
    const owner = controllerOf(pod)?.uid;
    for (const controller of controllersConcerned(event, owner)) this.queue.add(controller);
    if (owner === undefined && event.type !== "DELETED" && pod.metadata.deletionTimestamp === undefined) {
      // An orphan: every ReplicaSet of its namespace that selects it may adopt it.
      for (const [uid, rs] of this.replicaSets.inNamespace(pod.metadata.namespace ?? "")) {
        if (selects(replicaSetSpec(rs).selector, pod.metadata.labels)) this.queue.add(uid);
      }
    }
  }

  // More than burstReplicas to go comes back as `again`: another sync at this instant. Failures are
  // not retried on a timer as upstream's rate-limited queue does; the next change to the set or its
  // pods retries.
  private sync(uid: string): SyncOutcome | undefined {
    const rs = this.replicaSets.get(uid);
    if (!rs) return undefined;
    return syncReplicaSet(
      { store: this.deps.store, now: this.deps.clock.now(), pods: this.pods, events: this.recorder, relatedPods: (set) => this.relatedPods(set) },
      rs,
    );
  }

  /** Active pods of every ReplicaSet with the same controller as `rs` (just its own without one). */
  private relatedPods(rs: KubeObject): KubeObject[] {
    const owner = controllerOf(rs)?.uid;
    const siblings =
      owner === undefined
        ? [rs.metadata.uid ?? ""]
        : [...this.replicaSets.inNamespace(rs.metadata.namespace ?? "")].filter(([, set]) => controllerOf(set)?.uid === owner).map(([uid]) => uid);
    const related: KubeObject[] = [];
    for (const uid of siblings) for (const pod of this.pods.controlledBy(uid)) if (isPodActive(pod)) related.push(pod);
    return related;
  }
}

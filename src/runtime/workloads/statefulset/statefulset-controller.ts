// The StatefulSet controller (component `statefulset-controller`). It follows StatefulSets, Pods and
// PersistentVolumeClaim deletions through watches, files pods by controller in an index, and syncs
// the sets that changes touched in one task per simulated instant. A set with minReadySeconds is
// synced again at the instant its next member becomes available; a set waiting for an old claim to
// be collected (whenScaled Delete) is synced again when that claim goes.
import type { TaskHandle } from "../../clock/virtual-clock.js";
import { controllerOf } from "../../controllers/owner-references.js";
import type { ComponentEventRecorder } from "../../events/event-recorder.js";
import type { RuntimeComponent, RuntimeDeps } from "../../runtime-deps.js";
import type { KubeObject } from "../../store/kube-object.js";
import type { WatchEvent } from "../../store/watch-event.js";
import { PodIndex } from "../pod-index.js";
import { selects } from "../replicaset-sync.js";
import { syncStatefulSet } from "./statefulset-sync.js";
import { isMemberOf, isStatefulSet, STATEFULSET_CONTROLLER, statefulSetSpec } from "./statefulset-types.js";

export class StatefulSetController implements RuntimeComponent {
  private readonly pods = new PodIndex();
  /** uid → StatefulSet */
  private readonly sets = new Map<string, KubeObject>();
  /** namespace → uids of its StatefulSets, for adoption of orphans */
  private readonly byNamespace = new Map<string, Set<string>>();
  /** `namespace/name` of a claim → the sets waiting for it to be deleted */
  private readonly waitingForClaims = new Map<string, Set<string>>();
  /** StatefulSet uids to sync at the current instant */
  private readonly queue = new Set<string>();
  private readonly rechecks = new Map<string, TaskHandle>();
  private readonly recorder: ComponentEventRecorder;
  private unwatch: Array<() => void> = [];
  private pending: TaskHandle | undefined;

  constructor(private readonly deps: RuntimeDeps) {
    this.recorder = deps.events.for({ component: STATEFULSET_CONTROLLER });
  }

  start(): this {
    if (this.unwatch.length > 0) return this;
    const { store } = this.deps;
    this.unwatch = [
      store.watch({ group: "apps", kind: "StatefulSet" }, (event) => this.observeSet(event), { sendInitialEvents: true }),
      store.watch({ group: "", kind: "Pod" }, (event) => this.observePod(event), { sendInitialEvents: true }),
      store.watch({ group: "", kind: "PersistentVolumeClaim" }, (event) => this.observeClaim(event)),
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

  private observeSet(event: WatchEvent): void {
    const set = event.object;
    const uid = set.metadata.uid;
    if (!uid || !isStatefulSet(set)) return;
    const namespace = set.metadata.namespace ?? "";
    if (event.type === "DELETED") {
      this.sets.delete(uid);
      this.byNamespace.get(namespace)?.delete(uid);
      this.rechecks.get(uid)?.cancel();
      this.rechecks.delete(uid);
      this.queue.delete(uid);
      return;
    }
    this.sets.set(uid, set);
    let uids = this.byNamespace.get(namespace);
    if (!uids) this.byNamespace.set(namespace, (uids = new Set()));
    uids.add(uid);
    // A status-only change (its own, usually) needs no sync: spec changes bump the generation.
    if (
      event.type === "MODIFIED" &&
      event.previous.metadata.generation === set.metadata.generation &&
      event.previous.metadata.deletionTimestamp === set.metadata.deletionTimestamp
    ) {
      return;
    }
    this.enqueue(uid);
  }

  private observePod(event: WatchEvent): void {
    const pod = event.object;
    const controller = controllerOf(pod);
    // Only StatefulSet members and orphans (which a set may adopt) are filed: most pods belong to
    // ReplicaSets and would only cost memory here.
    if (event.type === "DELETED" || (controller && controller.kind !== "StatefulSet")) this.pods.remove(pod);
    else this.pods.put(pod);
    const owner = controller?.uid;
    if (owner !== undefined) this.enqueue(owner);
    if (event.type === "MODIFIED") {
      const before = controllerOf(event.previous)?.uid;
      if (before !== undefined && before !== owner) this.enqueue(before);
    }
    if (owner === undefined && event.type !== "DELETED" && pod.metadata.deletionTimestamp === undefined) {
      // An orphan named like a member: the set of that name may adopt it if its selector matches.
      for (const uid of this.byNamespace.get(pod.metadata.namespace ?? "") ?? []) {
        const set = this.sets.get(uid);
        if (set && isMemberOf(set, pod) && selects(statefulSetSpec(set).selector, pod.metadata.labels)) this.enqueue(uid);
      }
    }
  }

  private observeClaim(event: WatchEvent): void {
    if (event.type !== "DELETED") return;
    const key = `${event.object.metadata.namespace ?? ""}/${event.object.metadata.name ?? ""}`;
    const waiting = this.waitingForClaims.get(key);
    if (!waiting) return;
    this.waitingForClaims.delete(key);
    for (const uid of waiting) this.enqueue(uid);
  }

  private enqueue(uid: string): void {
    if (!this.sets.has(uid)) return;
    this.queue.add(uid);
    if (!this.pending?.pending) this.pending = this.deps.clock.schedule({ after: 0 }, () => this.drain(), STATEFULSET_CONTROLLER);
  }

  private drain(): void {
    const uids = [...this.queue];
    this.queue.clear();
    for (const uid of uids) this.sync(uid);
  }

  private sync(uid: string): void {
    const set = this.sets.get(uid);
    if (!set) return;
    // Syncs follow the set's own writes (pods it creates, deletes, adopts): upstream's informers
    // hear of them too. Each sync either makes progress or changes nothing, so this settles.
    const result = syncStatefulSet({ store: this.deps.store, now: this.deps.clock.now(), pods: this.pods, events: this.recorder }, set);
    for (const claim of result.waitingForClaims) {
      let waiting = this.waitingForClaims.get(claim);
      if (!waiting) this.waitingForClaims.set(claim, (waiting = new Set()));
      waiting.add(uid);
    }
    this.scheduleRecheck(uid, result.recheckAt);
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
      `${STATEFULSET_CONTROLLER} min-ready`,
    );
    this.rechecks.set(uid, handle);
  }
}

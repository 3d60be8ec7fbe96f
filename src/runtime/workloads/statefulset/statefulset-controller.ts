// The StatefulSet controller (component `statefulset-controller`). It follows StatefulSets, Pods and
// PersistentVolumeClaim deletions through watches, files pods by controller in an index, and syncs
// the sets that changes touched in one task per simulated instant. A set with minReadySeconds is
// synced again at the instant its next member becomes available; a set waiting for an old claim to
// be collected (whenScaled Delete) is synced again when that claim goes.
import { controllersConcerned } from "../../controllers/controllers-concerned.js";
import { OwnerIndex } from "../../controllers/owner-index.js";
import { controllerOf } from "../../controllers/owner-references.js";
import { isStatusOnlyChange } from "../../controllers/status-only-change.js";
import { SyncQueue, type SyncOutcome } from "../../controllers/sync-queue.js";
import { Watches } from "../../controllers/watches.js";
import type { ComponentEventRecorder } from "../../events/event-recorder.js";
import type { RuntimeComponent, RuntimeDeps } from "../../runtime-deps.js";
import type { WatchEvent } from "../../store/watch-event.js";
import { PodIndex } from "../pod-index.js";
import { selects } from "../replicaset-sync.js";
import { syncStatefulSet } from "./statefulset-sync.js";
import { isMemberOf, isStatefulSet, STATEFULSET_CONTROLLER, statefulSetSpec } from "./statefulset-types.js";

export class StatefulSetController implements RuntimeComponent {
  private readonly pods = new PodIndex();
  private readonly sets = new OwnerIndex(isStatefulSet);
  /** `namespace/name` of a claim → the sets waiting for it to be deleted */
  private readonly waitingForClaims = new Map<string, Set<string>>();
  private readonly queue: SyncQueue;
  private readonly recorder: ComponentEventRecorder;
  private readonly watches = new Watches();

  constructor(private readonly deps: RuntimeDeps) {
    this.recorder = deps.events.for({ component: STATEFULSET_CONTROLLER });
    // Not ignoreOwnWrites: syncs follow the set's own writes (pods it creates, deletes, adopts), as
    // upstream's informers hear of them too. Each sync either makes progress or changes nothing, so
    // this settles.
    this.queue = new SyncQueue({
      clock: deps.clock,
      label: STATEFULSET_CONTROLLER,
      recheck: { label: `${STATEFULSET_CONTROLLER} min-ready` },
      knows: (uid) => this.sets.has(uid),
      sync: (uid) => this.sync(uid),
    });
  }

  start(): this {
    const { store } = this.deps;
    this.watches.open(() => [
      store.watch({ group: "apps", kind: "StatefulSet" }, (event) => this.observeSet(event), { sendInitialEvents: true }),
      store.watch({ group: "", kind: "Pod" }, (event) => this.observePod(event), { sendInitialEvents: true }),
      store.watch({ group: "", kind: "PersistentVolumeClaim" }, (event) => this.observeClaim(event)),
    ]);
    return this;
  }

  stop(): void {
    this.watches.close();
    this.queue.stop();
  }

  private observeSet(event: WatchEvent): void {
    const change = this.sets.observe(event);
    if (change?.deleted) this.queue.forget(change.uid);
    else if (change && !isStatusOnlyChange(event)) this.queue.add(change.uid);
  }

  private observePod(event: WatchEvent): void {
    const pod = event.object;
    const controller = controllerOf(pod);
    // Only StatefulSet members and orphans (which a set may adopt) are filed: most pods belong to
    // ReplicaSets and would only cost memory here.
    if (event.type === "DELETED" || (controller && controller.kind !== "StatefulSet")) this.pods.remove(pod);
    else this.pods.put(pod);
    const owner = controller?.uid;
    for (const controller of controllersConcerned(event, owner)) this.queue.add(controller);
    if (owner === undefined && event.type !== "DELETED" && pod.metadata.deletionTimestamp === undefined) {
      // An orphan named like a member: the set of that name may adopt it if its selector matches.
      for (const [uid, set] of this.sets.inNamespace(pod.metadata.namespace ?? "")) {
        if (isMemberOf(set, pod) && selects(statefulSetSpec(set).selector, pod.metadata.labels)) this.queue.add(uid);
      }
    }
  }

  private observeClaim(event: WatchEvent): void {
    if (event.type !== "DELETED") return;
    const key = `${event.object.metadata.namespace ?? ""}/${event.object.metadata.name ?? ""}`;
    const waiting = this.waitingForClaims.get(key);
    if (!waiting) return;
    this.waitingForClaims.delete(key);
    for (const uid of waiting) this.queue.add(uid);
  }

  private sync(uid: string): SyncOutcome | undefined {
    const set = this.sets.get(uid);
    if (!set) return undefined;
    const result = syncStatefulSet({ store: this.deps.store, now: this.deps.clock.now(), pods: this.pods, events: this.recorder }, set);
    for (const claim of result.waitingForClaims) {
      let waiting = this.waitingForClaims.get(claim);
      if (!waiting) this.waitingForClaims.set(claim, (waiting = new Set()));
      waiting.add(uid);
    }
    return result;
  }
}

// The DaemonSet controller (component `daemonset-controller`): one pod of each DaemonSet on every
// node that should run it. It follows DaemonSets, Pods and Nodes through watches, files pods by
// controller in an index, and syncs the sets that changes touched in one task per simulated
// instant. A node change queues the sets whose placement on that node it changes; a set is synced
// again when its next pod becomes available (minReadySeconds) or a failed-pod back-off runs out.
import type { TaskHandle } from "../../clock/virtual-clock.js";
import { controllerOf } from "../../controllers/owner-references.js";
import type { ComponentEventRecorder } from "../../events/event-recorder.js";
import type { RuntimeComponent, RuntimeDeps } from "../../runtime-deps.js";
import type { KubeObject } from "../../store/kube-object.js";
import type { WatchEvent } from "../../store/watch-event.js";
import { PodIndex } from "../pod-index.js";
import { selects } from "../replicaset-sync.js";
import { syncDaemonSet, type DaemonSetSyncResult } from "./daemonset-sync.js";
import { DAEMONSET_CONTROLLER, daemonSetSpec, isDaemonSet } from "./daemonset-types.js";
import { FailedPodBackoff } from "./failed-pod-backoff.js";
import { nodeEligibility, placementOf, type DaemonPlacement, type Eligibility } from "./node-eligibility.js";

const NODE = { group: "", kind: "Node" } as const;
const NOWHERE: Eligibility = { shouldRun: false, shouldContinueRunning: false };

interface KnownSet {
  object: KubeObject;
  placement: DaemonPlacement;
}

export class DaemonSetController implements RuntimeComponent {
  private readonly pods = new PodIndex();
  /** uid → DaemonSet, with its placement rules for node changes */
  private readonly sets = new Map<string, KnownSet>();
  /** namespace → uids of its DaemonSets, for adoption of orphans */
  private readonly byNamespace = new Map<string, Set<string>>();
  /** name → Node */
  private readonly nodes = new Map<string, KubeObject>();
  /** The nodes in name order, and each name's place in it; rebuilt when nodes come or go. */
  private sortedNodes: KubeObject[] | undefined;
  private readonly nodeOrder = new Map<string, number>();
  private readonly queue = new Set<string>();
  private readonly rechecks = new Map<string, TaskHandle>();
  private readonly backoff = new FailedPodBackoff();
  private readonly recorder: ComponentEventRecorder;
  private unwatch: Array<() => void> = [];
  private pending: TaskHandle | undefined;
  /** The set being synced: the changes its own sync makes do not queue it again. */
  private syncing: string | undefined;

  constructor(private readonly deps: RuntimeDeps) {
    this.recorder = deps.events.for({ component: DAEMONSET_CONTROLLER });
  }

  start(): this {
    if (this.unwatch.length > 0) return this;
    const { store } = this.deps;
    this.unwatch = [
      store.watch(NODE, (event) => this.observeNode(event), { sendInitialEvents: true }),
      store.watch({ group: "apps", kind: "DaemonSet" }, (event) => this.observeDaemonSet(event), { sendInitialEvents: true }),
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

  private observeDaemonSet(event: WatchEvent): void {
    const ds = event.object;
    const uid = ds.metadata.uid;
    if (!uid || !isDaemonSet(ds)) return;
    const namespace = ds.metadata.namespace ?? "";
    if (event.type === "DELETED") {
      this.sets.delete(uid);
      this.byNamespace.get(namespace)?.delete(uid);
      this.rechecks.get(uid)?.cancel();
      this.rechecks.delete(uid);
      this.queue.delete(uid);
      this.backoff.forget(`${uid}/`);
      return;
    }
    this.sets.set(uid, { object: ds, placement: placementOf(ds) });
    let uids = this.byNamespace.get(namespace);
    if (!uids) this.byNamespace.set(namespace, (uids = new Set()));
    uids.add(uid);
    // A status-only change (its own, usually) needs no sync: spec changes bump the generation.
    if (
      event.type === "MODIFIED" &&
      event.previous.metadata.generation === ds.metadata.generation &&
      event.previous.metadata.deletionTimestamp === ds.metadata.deletionTimestamp
    ) {
      return;
    }
    this.enqueue(uid);
  }

  private observePod(event: WatchEvent): void {
    const pod = event.object;
    const controller = controllerOf(pod);
    // Only pods of DaemonSets, and orphans they might adopt, are worth keeping an eye on.
    if (event.type === "DELETED" || (controller !== undefined && controller.kind !== "DaemonSet")) this.pods.remove(pod);
    else this.pods.put(pod);
    const owner = controller?.uid;
    if (owner !== undefined) this.enqueue(owner);
    if (event.type === "MODIFIED") {
      const before = controllerOf(event.previous)?.uid;
      if (before !== undefined && before !== owner) this.enqueue(before);
    }
    if (owner === undefined && event.type !== "DELETED" && pod.metadata.deletionTimestamp === undefined) {
      // An orphan: every DaemonSet of its namespace that selects it may adopt it.
      for (const uid of this.byNamespace.get(pod.metadata.namespace ?? "") ?? []) {
        const set = this.sets.get(uid);
        if (set && selects(daemonSetSpec(set.object).selector, pod.metadata.labels)) this.enqueue(uid);
      }
    }
  }

  private observeNode(event: WatchEvent): void {
    const node = event.object;
    const name = node.metadata.name ?? "";
    const before = event.type === "MODIFIED" ? event.previous : event.type === "DELETED" ? this.nodes.get(name) : undefined;
    const after = event.type === "DELETED" ? undefined : node;
    if (after) this.nodes.set(name, after);
    else this.nodes.delete(name);
    // A change keeps the node's place in the name order; only additions and deletions reorder.
    const at = this.nodeOrder.get(name);
    if (event.type === "MODIFIED" && this.sortedNodes && at !== undefined) this.sortedNodes[at] = node;
    else this.sortedNodes = undefined;
    if (before && after && !placementInputsChanged(before, after)) return;
    // Only the sets whose placement on this node changed need a look.
    for (const [uid, set] of this.sets) {
      const was = before ? nodeEligibility(set.placement, before) : NOWHERE;
      const is = after ? nodeEligibility(set.placement, after) : NOWHERE;
      if (was.shouldRun !== is.shouldRun || was.shouldContinueRunning !== is.shouldContinueRunning) this.enqueue(uid);
    }
  }

  private nodeList(): KubeObject[] {
    if (!this.sortedNodes) {
      this.sortedNodes = [...this.nodes.values()].sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1));
      this.nodeOrder.clear();
      this.sortedNodes.forEach((node, index) => this.nodeOrder.set(node.metadata.name ?? "", index));
    }
    return this.sortedNodes;
  }

  private enqueue(uid: string): void {
    if (uid === this.syncing || !this.sets.has(uid)) return;
    this.queue.add(uid);
    if (!this.pending?.pending) this.pending = this.deps.clock.schedule({ after: 0 }, () => this.drain(), DAEMONSET_CONTROLLER);
  }

  private drain(): void {
    const uids = [...this.queue];
    this.queue.clear();
    for (const uid of uids) this.sync(uid);
  }

  private sync(uid: string): void {
    const set = this.sets.get(uid);
    if (!set) return;
    this.syncing = uid;
    let result: DaemonSetSyncResult;
    try {
      result = syncDaemonSet(
        { store: this.deps.store, now: this.deps.clock.now(), nodes: this.nodeList(), pods: this.pods, events: this.recorder, backoff: this.backoff },
        set.object,
      );
    } finally {
      this.syncing = undefined;
    }
    this.scheduleRecheck(uid, result.recheckAt);
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
      `${DAEMONSET_CONTROLLER} recheck`,
    );
    this.rechecks.set(uid, handle);
  }
}

/** What placement reads of a node: its labels and taints (its name never changes). */
function placementInputsChanged(before: KubeObject, after: KubeObject): boolean {
  const taints = (node: KubeObject): unknown => (node.spec as { taints?: unknown } | undefined)?.taints;
  return JSON.stringify(before.metadata.labels ?? {}) !== JSON.stringify(after.metadata.labels ?? {}) || JSON.stringify(taints(before)) !== JSON.stringify(taints(after));
}

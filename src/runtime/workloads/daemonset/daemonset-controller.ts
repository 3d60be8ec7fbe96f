// The DaemonSet controller (component `daemonset-controller`): one pod of each DaemonSet on every
// node that should run it. It follows DaemonSets, Pods and Nodes through watches, files pods by
// controller in an index, and syncs the sets that changes touched in one task per simulated
// instant. A node change queues the sets whose placement on that node it changes; a set is synced
// again when its next pod becomes available (minReadySeconds) or a failed-pod back-off runs out.
import { controllersConcerned } from "../../controllers/controllers-concerned.js";
import { OwnerIndex } from "../../controllers/owner-index.js";
import { controllerOf } from "../../controllers/owner-references.js";
import { isStatusOnlyChange } from "../../controllers/status-only-change.js";
import { SyncQueue, type SyncOutcome } from "../../controllers/sync-queue.js";
import { Watches } from "../../controllers/watches.js";
import type { ComponentEventRecorder } from "../../events/event-recorder.js";
import type { RuntimeComponent, RuntimeDeps } from "../../runtime-deps.js";
import type { KubeObject } from "../../store/kube-object.js";
import type { WatchEvent } from "../../store/watch-event.js";
import { PodIndex } from "../pod-index.js";
import { selects } from "../replicaset-sync.js";
import { syncDaemonSet } from "./daemonset-sync.js";
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
  /** DaemonSets, with their placement rules for node changes */
  private readonly sets = new OwnerIndex<KnownSet>(isDaemonSet, (ds) => ({ object: ds, placement: placementOf(ds) }));
  /** name → Node */
  private readonly nodes = new Map<string, KubeObject>();
  /** The nodes in name order, and each name's place in it; rebuilt when nodes come or go. */
  private sortedNodes: KubeObject[] | undefined;
  private readonly nodeOrder = new Map<string, number>();
  private readonly queue: SyncQueue;
  private readonly backoff = new FailedPodBackoff();
  private readonly recorder: ComponentEventRecorder;
  private readonly watches = new Watches();

  constructor(private readonly deps: RuntimeDeps) {
    this.recorder = deps.events.for({ component: DAEMONSET_CONTROLLER });
    this.queue = new SyncQueue({
      clock: deps.clock,
      label: DAEMONSET_CONTROLLER,
      recheck: { label: `${DAEMONSET_CONTROLLER} recheck` },
      knows: (uid) => this.sets.has(uid),
      sync: (uid) => this.sync(uid),
      ignoreOwnWrites: true,
    });
  }

  start(): this {
    const { store } = this.deps;
    this.watches.open(() => [
      store.watch(NODE, (event) => this.observeNode(event), { sendInitialEvents: true }),
      store.watch({ group: "apps", kind: "DaemonSet" }, (event) => this.observeDaemonSet(event), { sendInitialEvents: true }),
      store.watch({ group: "", kind: "Pod" }, (event) => this.observePod(event), { sendInitialEvents: true }),
    ]);
    return this;
  }

  stop(): void {
    this.watches.close();
    this.queue.stop();
  }

  private observeDaemonSet(event: WatchEvent): void {
    const change = this.sets.observe(event);
    if (change?.deleted) {
      this.queue.forget(change.uid);
      this.backoff.forget(`${change.uid}/`);
    } else if (change && !isStatusOnlyChange(event)) this.queue.add(change.uid);
  }

  private observePod(event: WatchEvent): void {
    const pod = event.object;
    const controller = controllerOf(pod);
    // Only pods of DaemonSets, and orphans they might adopt, are worth keeping an eye on.
    if (event.type === "DELETED" || (controller !== undefined && controller.kind !== "DaemonSet")) this.pods.remove(pod);
    else this.pods.put(pod);
    const owner = controller?.uid;
    for (const controller of controllersConcerned(event, owner)) this.queue.add(controller);
    if (owner === undefined && event.type !== "DELETED" && pod.metadata.deletionTimestamp === undefined) {
      // An orphan: every DaemonSet of its namespace that selects it may adopt it.
      for (const [uid, set] of this.sets.inNamespace(pod.metadata.namespace ?? "")) {
        if (selects(daemonSetSpec(set.object).selector, pod.metadata.labels)) this.queue.add(uid);
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
    for (const [uid, set] of this.sets.entries()) {
      const was = before ? nodeEligibility(set.placement, before) : NOWHERE;
      const is = after ? nodeEligibility(set.placement, after) : NOWHERE;
      if (was.shouldRun !== is.shouldRun || was.shouldContinueRunning !== is.shouldContinueRunning) this.queue.add(uid);
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

  private sync(uid: string): SyncOutcome | undefined {
    const set = this.sets.get(uid);
    if (!set) return undefined;
    return syncDaemonSet(
      { store: this.deps.store, now: this.deps.clock.now(), nodes: this.nodeList(), pods: this.pods, events: this.recorder, backoff: this.backoff },
      set.object,
    );
  }
}

/** What placement reads of a node: its labels and taints (its name never changes). */
function placementInputsChanged(before: KubeObject, after: KubeObject): boolean {
  const taints = (node: KubeObject): unknown => (node.spec as { taints?: unknown } | undefined)?.taints;
  return JSON.stringify(before.metadata.labels ?? {}) !== JSON.stringify(after.metadata.labels ?? {}) || JSON.stringify(taints(before)) !== JSON.stringify(taints(after));
}

// The node lifecycle controller of kube-controller-manager ("node-controller"), with the two
// controllers that act on what it decides: the taint-eviction controller and the pod garbage
// collector's orphan pass. Level-triggered: every decision is derived from the objects, so a
// restarted controller (a later CLI command) picks up where the last one stopped.
//
// - A node whose simulated kubelet stopped (annotation sim.drydock.dev/kubelet: stopped) turns
//   Unknown 50 s (node-monitor-grace-period) after its last heartbeat: every condition Unknown with
//   reason NodeStatusUnknown, a NodeNotReady event, and its pods marked not Ready.
// - Taints follow the node's state: unreachable/not-ready NoSchedule+NoExecute, unschedulable
//   while cordoned.
// - Pods on a node with NoExecute taints are evicted (TaintManagerEviction) when their tolerations
//   run out: at once without a matching toleration, after tolerationSeconds (300 s by default)
//   otherwise. On a dead node they then stay Terminating: no kubelet is left to finish them.
// - Pods bound to a node that no longer exists are deleted at once (pod GC).
//
// Healthy kubelets' periodic heartbeats are not simulated (that would cost a write per node every
// 10 s): lastHeartbeatTime moves only when a node's status changes.
import type { TaskHandle } from "../clock/virtual-clock.js";
import { InstantTask } from "../controllers/instant-task.js";
import type { RuntimeComponent, RuntimeDeps } from "../runtime-deps.js";
import { refOf, type KubeObject } from "../store/kube-object.js";
import type { WatchEvent } from "../store/watch-event.js";
import { statusWithCondition, podConditions } from "../scheduler/pod-conditions.js";
import { taintsOf, tolerationsOf } from "../scheduler/taints.js";
import { conditionsOf, kubeletStopped, lastHeartbeat, NODE_MONITOR_GRACE_MS, readyStatus, unknownConditions } from "./node-conditions.js";
import { NODE, postReadyStatus } from "./node-status.js";
import { reconciledTaints, withTaints } from "./node-taints.js";
import { evictionDecision, TAINT_EVICTION_COMPONENT } from "./taint-eviction.js";

export const NODE_CONTROLLER_COMPONENT = "node-controller";

const POD = { group: "", kind: "Pod" } as const;

function nodeNameOf(pod: KubeObject): string | undefined {
  return (pod.spec as { nodeName?: string } | undefined)?.nodeName || undefined;
}

export class NodeLifecycleController implements RuntimeComponent {
  private readonly nodes = new Map<string, KubeObject>();
  /** node name → uids of the pods bound to it */
  private readonly podsByNode = new Map<string, Set<string>>();
  private readonly podNode = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private readonly graceTimers = new Map<string, TaskHandle>();
  private readonly evictionTimers = new Map<string, TaskHandle>();
  private unwatch: Array<() => void> = [];
  private readonly drainTask: InstantTask;

  constructor(private readonly deps: RuntimeDeps) {
    this.drainTask = new InstantTask(deps.clock, NODE_CONTROLLER_COMPONENT, () => this.drain());
  }

  start(): this {
    if (this.unwatch.length > 0) return this;
    this.unwatch.push(this.deps.store.watch(NODE, (event) => this.onNode(event), { sendInitialEvents: true }));
    this.unwatch.push(this.deps.store.watch(POD, (event) => this.onPod(event), { sendInitialEvents: true }));
    return this;
  }

  stop(): void {
    for (const stop of this.unwatch) stop();
    this.unwatch = [];
    this.drainTask.cancel();
    for (const timer of [...this.graceTimers.values(), ...this.evictionTimers.values()]) timer.cancel();
    this.graceTimers.clear();
    this.evictionTimers.clear();
  }

  private onNode(event: WatchEvent): void {
    const name = event.object.metadata.name ?? "";
    if (event.type === "DELETED") this.nodes.delete(name);
    else this.nodes.set(name, event.object);
    this.mark(name);
  }

  private onPod(event: WatchEvent): void {
    const pod = event.object;
    const uid = pod.metadata.uid ?? "";
    const before = this.podNode.get(uid);
    const after = event.type === "DELETED" ? undefined : nodeNameOf(pod);
    if (before !== after) {
      if (before !== undefined) {
        this.podsByNode.get(before)?.delete(uid);
        if (this.podsByNode.get(before)?.size === 0) this.podsByNode.delete(before);
        this.podNode.delete(uid);
      }
      if (after !== undefined) {
        let set = this.podsByNode.get(after);
        if (!set) this.podsByNode.set(after, (set = new Set()));
        set.add(uid);
        this.podNode.set(uid, after);
      }
    }
    if (event.type === "DELETED" || pod.metadata.deletionTimestamp !== undefined) {
      this.evictionTimers.get(uid)?.cancel();
      this.evictionTimers.delete(uid);
    }
    if (after !== undefined && this.needsAttention(after)) this.mark(after);
  }

  /** Whether pods on this node may need work: the node is gone, unhealthy or tainted NoExecute. */
  private needsAttention(nodeName: string): boolean {
    const node = this.nodes.get(nodeName);
    if (!node) return true;
    if (readyStatus(node) !== "True") return true;
    return taintsOf(node).some((t) => t.effect === "NoExecute");
  }

  private mark(nodeName: string): void {
    this.dirty.add(nodeName);
    this.drainTask.request();
  }

  private drain(): void {
    while (this.dirty.size > 0) {
      const name = this.dirty.values().next().value as string;
      this.dirty.delete(name);
      this.reconcile(name);
    }
  }

  private reconcile(name: string): void {
    const store = this.deps.store;
    let node = store.get({ ...NODE, name });
    if (!node) {
      this.cancelGrace(name);
      this.collectOrphans(name);
      return;
    }
    node = this.monitorHealth(node);
    const taints = reconciledTaints(node, this.deps.clock.now());
    if (taints) {
      const written = store.update(withTaints(node, taints));
      if (written.ok) node = written.object;
    }
    if (readyStatus(node) !== "True" && kubeletStopped(node)) this.markPodsNotReady(node);
    this.evictPods(node);
  }

  /** Turns a silent node Unknown once the grace period has passed; a posting kubelet makes it Ready. */
  private monitorHealth(node: KubeObject): KubeObject {
    const name = node.metadata.name ?? "";
    const now = this.deps.clock.now();
    if (!kubeletStopped(node)) {
      this.cancelGrace(name);
      if (readyStatus(node) === "True") return node;
      // The annotation was removed by hand: the kubelet is back and posts its status.
      const posted = postReadyStatus(this.deps.store, this.deps.events, node, now);
      return posted.ok ? posted.object : node;
    }
    if (readyStatus(node) === "Unknown") return node;
    const due = (lastHeartbeat(node) ?? now) + NODE_MONITOR_GRACE_MS;
    if (now < due) {
      const timer = this.graceTimers.get(name);
      if (!timer?.pending || timer.at !== due) {
        timer?.cancel();
        this.graceTimers.set(name, this.deps.clock.schedule({ at: due }, () => this.mark(name), `${NODE_CONTROLLER_COMPONENT}-grace`));
      }
      return node;
    }
    this.cancelGrace(name);
    const status = { ...(node.status as Record<string, unknown>), conditions: unknownConditions(now, conditionsOf(node)) };
    const written = this.deps.store.update({ ...node, status }, { subresource: "status" });
    if (!written.ok) return node;
    this.deps.events.for({ component: NODE_CONTROLLER_COMPONENT }).event(written.object, "Normal", "NodeNotReady", `Node ${name} status is now: NodeNotReady`);
    return written.object;
  }

  private cancelGrace(name: string): void {
    this.graceTimers.get(name)?.cancel();
    this.graceTimers.delete(name);
  }

  private podsOn(name: string): KubeObject[] {
    const pods: KubeObject[] = [];
    for (const uid of this.podsByNode.get(name) ?? []) {
      const pod = this.deps.store.getByUid(uid);
      if (pod) pods.push(pod);
    }
    return pods;
  }

  /** MarkPodsNotReady: the Ready condition of every pod on the node turns False. */
  private markPodsNotReady(node: KubeObject): void {
    const now = this.deps.clock.now();
    const recorder = this.deps.events.for({ component: NODE_CONTROLLER_COMPONENT });
    for (const pod of this.podsOn(node.metadata.name ?? "")) {
      const ready = podConditions(pod).find((c) => c.type === "Ready");
      if (!ready || ready.status === "False") continue;
      const status = statusWithCondition(pod, { ...ready, status: "False" }, now);
      if (!status) continue;
      const written = this.deps.store.update({ ...pod, status }, { subresource: "status" });
      if (written.ok) recorder.event(written.object, "Warning", "NodeNotReady", "Node is not ready");
    }
  }

  /** The taint-eviction controller's pass over the node's pods. */
  private evictPods(node: KubeObject): void {
    const name = node.metadata.name ?? "";
    const noExecute = taintsOf(node).filter((t) => t.effect === "NoExecute");
    const now = this.deps.clock.now();
    for (const pod of this.podsOn(name)) {
      const uid = pod.metadata.uid ?? "";
      const decision = pod.metadata.deletionTimestamp !== undefined ? ({ kind: "never" } as const) : evictionDecision(noExecute, tolerationsOf(pod), now);
      const timer = this.evictionTimers.get(uid);
      switch (decision.kind) {
        case "never":
          timer?.cancel();
          this.evictionTimers.delete(uid);
          break;
        case "at":
          if (!timer?.pending || timer.at !== decision.at) {
            timer?.cancel();
            this.evictionTimers.set(uid, this.deps.clock.schedule({ at: decision.at }, () => this.mark(name), TAINT_EVICTION_COMPONENT));
          }
          break;
        case "now":
          timer?.cancel();
          this.evictionTimers.delete(uid);
          this.evict(pod);
          break;
      }
    }
  }

  private evict(pod: KubeObject): void {
    const store = this.deps.store;
    const now = this.deps.clock.now();
    const namespace = pod.metadata.namespace ?? "default";
    this.deps.events.for({ component: TAINT_EVICTION_COMPONENT }).event(pod, "Normal", "TaintManagerEviction", `Marking for deletion Pod ${namespace}/${pod.metadata.name ?? ""}`);
    const status = statusWithCondition(
      pod,
      { type: "DisruptionTarget", status: "True", reason: "DeletionByTaintManager", message: "Taint manager: deleting due to NoExecute taint" },
      now,
    );
    if (status) store.update({ ...pod, status }, { subresource: "status" });
    store.delete(refOf(pod), { preconditions: { uid: pod.metadata.uid } });
  }

  /** Pod GC: pods bound to a node that does not exist are force-deleted. */
  private collectOrphans(name: string): void {
    for (const pod of this.podsOn(name)) {
      this.deps.store.delete(refOf(pod), { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
    }
  }
}


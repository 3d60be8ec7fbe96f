// The scheduler's view of the cluster (its cache and NodeInfo): every node with what it offers, and
// what the pods bound to it request. Kept up to date from watch events — and "assumed" at bind
// time, before the watch echoes the bind — so a scheduling decision costs O(nodes looked at), not a
// scan of the store.
import type { KubeObject } from "../store/kube-object.js";
import { nodeIndexOf } from "../nodes/node-addressing.js";
import { resourceAmount, type PodResourceSummary, type ScalarResources } from "./pod-requests.js";
import { taintsOf, type Taint } from "./taints.js";

/** A pod counted against a node's resources. */
export interface AccountedPod {
  uid: string;
  namespace: string;
  name: string;
  nodeName: string;
  summary: PodResourceSummary;
  priority: number;
  /** Whether it is being deleted already (not a useful preemption victim). */
  terminating: boolean;
}

export class NodeEntry {
  node: KubeObject | undefined;
  /** Creation order (the podCIDR index): the order nodes are looked at in. */
  order = Number.MAX_SAFE_INTEGER;
  labels: Readonly<Record<string, string>> = {};
  taints: readonly Taint[] = [];
  unschedulable = false;
  allocMilliCpu = 0;
  allocMemory = 0;
  allocEphemeral = 0;
  allocPods = 0;
  allocScalar: ScalarResources | undefined;

  reqMilliCpu = 0;
  reqMemory = 0;
  reqEphemeral = 0;
  reqScalar: ScalarResources | undefined;
  nonZeroMilliCpu = 0;
  nonZeroMemory = 0;
  readonly pods = new Map<string, AccountedPod>();
  /** priority → how many counted pods have it: whether preemption could find victims here. */
  readonly priorities = new Map<number, number>();

  constructor(readonly name: string) {}

  setNode(node: KubeObject): void {
    this.node = node;
    this.order = nodeIndexOf(node) ?? Number.MAX_SAFE_INTEGER;
    this.labels = node.metadata.labels ?? {};
    this.taints = taintsOf(node);
    this.unschedulable = (node.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true;
    const allocatable = (node.status as { allocatable?: Record<string, unknown> } | undefined)?.allocatable ?? {};
    this.allocMilliCpu = resourceAmount("cpu", allocatable.cpu);
    this.allocMemory = resourceAmount("memory", allocatable.memory);
    this.allocEphemeral = resourceAmount("ephemeral-storage", allocatable["ephemeral-storage"]);
    this.allocPods = resourceAmount("pods", allocatable.pods);
    let scalar: ScalarResources | undefined;
    for (const [name, quantity] of Object.entries(allocatable)) {
      if (name === "cpu" || name === "memory" || name === "ephemeral-storage" || name === "pods") continue;
      (scalar ??= new Map()).set(name, resourceAmount(name, quantity));
    }
    this.allocScalar = scalar;
  }

  add(pod: AccountedPod, sign: 1 | -1): void {
    const s = pod.summary;
    this.reqMilliCpu += sign * s.requests.milliCpu;
    this.reqMemory += sign * s.requests.memory;
    this.reqEphemeral += sign * s.requests.ephemeralStorage;
    this.nonZeroMilliCpu += sign * s.nonZeroMilliCpu;
    this.nonZeroMemory += sign * s.nonZeroMemory;
    if (s.requests.scalar) {
      const into = (this.reqScalar ??= new Map());
      for (const [name, amount] of s.requests.scalar) into.set(name, (into.get(name) ?? 0) + sign * amount);
    }
    if (sign === 1) this.pods.set(pod.uid, pod);
    else this.pods.delete(pod.uid);
    const count = (this.priorities.get(pod.priority) ?? 0) + sign;
    if (count === 0) this.priorities.delete(pod.priority);
    else this.priorities.set(pod.priority, count);
  }

  /** Whether any pod counted here has a priority below `priority`. */
  hasPodBelow(priority: number): boolean {
    for (const p of this.priorities.keys()) if (p < priority) return true;
    return false;
  }
}

export class NodeCache {
  private readonly entries = new Map<string, NodeEntry>();
  private readonly pods = new Map<string, AccountedPod>();
  private ordered: NodeEntry[] | undefined;

  /** Nodes that exist, in creation order. */
  nodes(): readonly NodeEntry[] {
    this.ordered ??= [...this.entries.values()]
      .filter((e) => e.node !== undefined)
      .sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return this.ordered;
  }

  get(name: string): NodeEntry | undefined {
    const entry = this.entries.get(name);
    return entry?.node ? entry : undefined;
  }

  setNode(node: KubeObject): void {
    const name = node.metadata.name ?? "";
    const entry = this.entry(name);
    const order = entry.order;
    const existed = entry.node !== undefined;
    entry.setNode(node);
    if (!existed || entry.order !== order) this.ordered = undefined;
  }

  removeNode(name: string): void {
    const entry = this.entries.get(name);
    if (!entry) return;
    entry.node = undefined;
    // Pods of a removed node stay counted until they go, as the scheduler cache keeps them.
    if (entry.pods.size === 0) this.entries.delete(name);
    this.ordered = undefined;
  }

  accounted(uid: string): AccountedPod | undefined {
    return this.pods.get(uid);
  }

  /** Counts a pod against its node; a pod counted elsewhere is moved. */
  addPod(pod: AccountedPod): void {
    const known = this.pods.get(pod.uid);
    if (known) {
      if (known.nodeName === pod.nodeName) {
        known.terminating = pod.terminating;
        return;
      }
      this.removePod(pod.uid);
    }
    this.pods.set(pod.uid, pod);
    this.entry(pod.nodeName).add(pod, 1);
  }

  removePod(uid: string): AccountedPod | undefined {
    const known = this.pods.get(uid);
    if (!known) return undefined;
    this.pods.delete(uid);
    const entry = this.entries.get(known.nodeName);
    if (entry) {
      entry.add(known, -1);
      if (!entry.node && entry.pods.size === 0) this.entries.delete(known.nodeName);
    }
    return known;
  }

  private entry(name: string): NodeEntry {
    let entry = this.entries.get(name);
    if (!entry) this.entries.set(name, (entry = new NodeEntry(name)));
    return entry;
  }
}

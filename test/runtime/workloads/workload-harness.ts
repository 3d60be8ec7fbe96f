// A small simulated cluster for the workload controllers' tests: the bare store with workload
// admission, the ReplicaSet and Deployment controllers, and a test-only fake scheduler + kubelet that
// binds each new pod to a node at once and marks it Ready some seconds later (or never), and finishes
// deleted pods after a configurable time. The real scheduler and kubelet are not involved.
import { formatTimestamp } from "../../../src/runtime/clock/timestamps.js";
import { VirtualClock } from "../../../src/runtime/clock/virtual-clock.js";
import { GarbageCollector } from "../../../src/runtime/controllers/garbage-collector.js";
import { EventRecorder } from "../../../src/runtime/events/event-recorder.js";
import { IdGenerator } from "../../../src/runtime/ids/id-generator.js";
import { INITIAL_NAMESPACES, namespaceObject } from "../../../src/runtime/store/namespace-rules.js";
import { ObjectStore } from "../../../src/runtime/store/object-store.js";
import type { RuntimeDeps } from "../../../src/runtime/runtime-deps.js";
import { DEFAULT_CLUSTER_CONFIG } from "../../../src/runtime/runtime-deps.js";
import { cloneObject, refOf, type KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { DeploymentController } from "../../../src/runtime/workloads/deployment-controller.js";
import { ReplicaSetController } from "../../../src/runtime/workloads/replicaset-controller.js";
import { workloadAdmission } from "../../../src/runtime/workloads/workload-admission.js";

export const START = Date.UTC(2026, 0, 1);

/**
 * The parts of a cluster these tests need, built here rather than with createCluster so that the
 * other components (written concurrently) stay out of the way.
 */
export interface Cluster {
  clock: VirtualClock;
  ids: IdGenerator;
  store: ObjectStore;
  events: EventRecorder;
  stop(): void;
}

export function bareCluster(): Cluster {
  const clock = new VirtualClock({ now: START });
  const ids = IdGenerator.fromSeed("drydock");
  const store = new ObjectStore({ clock, ids });
  for (const name of INITIAL_NAMESPACES) expectOk(store.create(namespaceObject(name)));
  const events = new EventRecorder({ store, clock, ttlMs: null }).start();
  const gc = new GarbageCollector({ store, clock, events }).start();
  return {
    clock,
    ids,
    store,
    events,
    stop() {
      gc.stop();
      events.stop();
    },
  };
}

export interface FakeAgentOptions {
  nodes?: string[];
  /** Milliseconds from binding to Ready; undefined: never ready. Default: 5 s for every pod. */
  readyAfter?: (pod: KubeObject) => number | undefined;
  /** Milliseconds a deleted (terminating) pod takes to go. Default 0. */
  terminateAfter?: number;
}

/** Binds pods round-robin, makes them ready, and removes terminating ones: scheduler and kubelet in one. */
export class FakeNodeAgents {
  private next = 0;
  private unwatch: (() => void) | undefined;
  private readonly nodes: string[];

  constructor(
    private readonly cluster: Cluster,
    private readonly options: FakeAgentOptions = {},
  ) {
    this.nodes = options.nodes ?? ["node-1", "node-2", "node-3"];
  }

  start(): this {
    this.unwatch = this.cluster.store.watch({ group: "", kind: "Pod" }, (event) => {
      const pod = event.object;
      if (event.type === "DELETED") return;
      const spec = pod.spec as { nodeName?: string };
      if (pod.metadata.deletionTimestamp !== undefined) {
        if (event.type === "MODIFIED" && event.previous.metadata.deletionTimestamp === undefined) this.finish(pod);
        return;
      }
      if (event.type === "ADDED" && !spec.nodeName) this.cluster.clock.schedule({ after: 0 }, () => this.bind(pod), "fake-scheduler");
    });
    return this;
  }

  stop(): void {
    this.unwatch?.();
  }

  private bind(pod: KubeObject): void {
    const { store, clock } = this.cluster;
    const current = store.get(refOf(pod));
    if (!current || current.metadata.uid !== pod.metadata.uid || current.metadata.deletionTimestamp !== undefined) return;
    const node = this.nodes[this.next++ % this.nodes.length];
    const bound = expectOk(store.modify(refOf(current), (copy) => void ((copy.spec as { nodeName?: string }).nodeName = node)));
    const now = formatTimestamp(clock.now());
    const status = cloneObject(bound);
    status.status = { phase: "Pending", conditions: [{ type: "PodScheduled", status: "True", lastTransitionTime: now }] };
    expectOk(store.update(status, { subresource: "status" }));
    const after = (this.options.readyAfter ?? (() => 5_000))(bound);
    if (after !== undefined) clock.schedule({ after }, () => this.ready(bound), "fake-kubelet ready");
  }

  private ready(pod: KubeObject): void {
    const { store, clock } = this.cluster;
    const current = store.get(refOf(pod));
    if (!current || current.metadata.uid !== pod.metadata.uid || current.metadata.deletionTimestamp !== undefined) return;
    const now = formatTimestamp(clock.now());
    const copy = cloneObject(current);
    copy.status = {
      phase: "Running",
      conditions: ["Initialized", "Ready", "ContainersReady", "PodScheduled"].map((type) => ({ type, status: "True", lastTransitionTime: now })),
      containerStatuses: [{ name: "c", ready: true, restartCount: 0 }],
    };
    expectOk(store.update(copy, { subresource: "status" }));
  }

  private finish(pod: KubeObject): void {
    this.cluster.clock.schedule(
      { after: this.options.terminateAfter ?? 0 },
      () => {
        const current = this.cluster.store.get(refOf(pod));
        if (current && current.metadata.uid === pod.metadata.uid) this.cluster.store.delete(refOf(current), { gracePeriodSeconds: 0 });
      },
      "fake-kubelet stop",
    );
  }
}

export interface Harness {
  cluster: Cluster;
  /** `Reason: message` of every event recorded (repeats included), in order. */
  events: string[];
  stop(): void;
}

/** A bare cluster with workload admission, both controllers and (unless `agents: false`) the fake agents. */
export function workloadCluster(options: FakeAgentOptions & { agents?: boolean; controllers?: boolean } = {}): Harness {
  const cluster = bareCluster();
  cluster.store.addAdmission(workloadAdmission);
  const deps: RuntimeDeps = { store: cluster.store, clock: cluster.clock, ids: cluster.ids, events: cluster.events, config: DEFAULT_CLUSTER_CONFIG };
  const events: string[] = [];
  cluster.store.watch({ group: "", kind: "Event" }, (event) => {
    if (event.type === "DELETED") return;
    if (event.type === "MODIFIED" && event.object.count === event.previous.count) return;
    events.push(`${String(event.object.reason)}: ${String(event.object.message)}`);
  });
  const parts: Array<{ stop(): void }> = [];
  if (options.controllers !== false) parts.push(new ReplicaSetController(deps).start(), new DeploymentController(deps).start());
  if (options.agents !== false) parts.push(new FakeNodeAgents(cluster, options).start());
  return {
    cluster,
    events,
    stop() {
      for (const part of parts) part.stop();
      cluster.stop();
    },
  };
}

export interface DeploymentOptions {
  replicas?: number;
  image?: string;
  strategy?: Record<string, unknown>;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  annotations?: Record<string, string>;
  paused?: boolean;
}

export function deploymentObject(name: string, options: DeploymentOptions = {}): KubeObject {
  const spec: Record<string, unknown> = {
    replicas: options.replicas ?? 3,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: options.image ?? "nginx:1.27" }] } },
  };
  if (options.strategy) spec.strategy = options.strategy;
  if (options.minReadySeconds !== undefined) spec.minReadySeconds = options.minReadySeconds;
  if (options.revisionHistoryLimit !== undefined) spec.revisionHistoryLimit = options.revisionHistoryLimit;
  if (options.progressDeadlineSeconds !== undefined) spec.progressDeadlineSeconds = options.progressDeadlineSeconds;
  if (options.paused !== undefined) spec.paused = options.paused;
  const metadata: KubeObject["metadata"] = { name, namespace: "default" };
  if (options.annotations) metadata.annotations = options.annotations;
  return { apiVersion: "apps/v1", kind: "Deployment", metadata, spec };
}

export const deploymentRef = (name: string) => ({ group: "apps", kind: "Deployment", namespace: "default", name });

export function getDeployment(cluster: Cluster, name: string): KubeObject {
  const d = cluster.store.get(deploymentRef(name));
  if (!d) throw new Error(`no deployment ${name}`);
  return d;
}

/** Changes the Deployment through the store, as `kubectl edit` would. */
export function editDeployment(cluster: Cluster, name: string, change: (d: KubeObject & { spec: any }) => void): KubeObject {
  return expectOk(cluster.store.modify(deploymentRef(name), (d) => change(d as KubeObject & { spec: any })));
}

export function setImage(cluster: Cluster, name: string, image: string, changeCause?: string): KubeObject {
  return editDeployment(cluster, name, (d) => {
    d.spec.template.spec.containers[0].image = image;
    if (changeCause !== undefined) d.metadata.annotations = { ...d.metadata.annotations, "kubernetes.io/change-cause": changeCause };
  });
}

/** The Deployment's ReplicaSets, oldest revision first. */
export function replicaSetsOf(cluster: Cluster, name: string): KubeObject[] {
  const uid = getDeployment(cluster, name).metadata.uid;
  return cluster.store
    .list({ group: "apps", kind: "ReplicaSet", namespace: "default" })
    .filter((rs) => rs.metadata.ownerReferences?.some((ref) => ref.uid === uid))
    .sort((a, b) => Number(revision(a)) - Number(revision(b)));
}

export function revision(rs: KubeObject): string | undefined {
  return rs.metadata.annotations?.["deployment.kubernetes.io/revision"];
}

export function rsReplicas(rs: KubeObject): number {
  return (rs.spec as { replicas?: number }).replicas ?? 0;
}

export function pods(cluster: Cluster): KubeObject[] {
  return cluster.store.list({ group: "", kind: "Pod" });
}

export function condition(object: KubeObject, type: string): Record<string, unknown> | undefined {
  return ((object.status as { conditions?: Array<Record<string, unknown>> } | undefined)?.conditions ?? []).find((c) => c.type === type);
}

/** Runs the simulation until nothing is left to do, at most `ms` ahead. */
export function settle(cluster: Cluster, ms = 3_600_000): void {
  cluster.clock.runUntilQuiet(cluster.clock.now() + ms);
}

export function seconds(cluster: Cluster): number {
  return (cluster.clock.now() - START) / 1000;
}

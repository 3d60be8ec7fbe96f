// A cluster with only the store-level components, pod admission, the initial nodes, the scheduler
// and the node lifecycle controller: what the scheduler and node tests need, without the kubelet or
// workload controllers of other helpers.
import { podAdmission } from "../../../src/runtime/admission/pod-admission.js";
import { createCluster, type Cluster } from "../../../src/runtime/cluster.js";
import { initialNodes } from "../../../src/runtime/nodes/initial-nodes.js";
import { NodeLifecycleController } from "../../../src/runtime/nodes/node-lifecycle-controller.js";
import { DEFAULT_CLUSTER_CONFIG, type NodeShape, type RuntimeDeps } from "../../../src/runtime/runtime-deps.js";
import { Scheduler } from "../../../src/runtime/scheduler/scheduler.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";

export interface SimCluster {
  cluster: Cluster;
  deps: RuntimeDeps;
  scheduler: Scheduler;
  controller: NodeLifecycleController | undefined;
  stop(): void;
}

export function simCluster(options: { nodes?: NodeShape[]; controller?: boolean; seed?: string } = {}): SimCluster {
  const config = { ...DEFAULT_CLUSTER_CONFIG, nodes: options.nodes ?? DEFAULT_CLUSTER_CONFIG.nodes };
  const cluster = createCluster({ bare: true, config, seed: options.seed });
  cluster.store.addAdmission(podAdmission);
  const deps: RuntimeDeps = { store: cluster.store, clock: cluster.clock, ids: cluster.ids, events: cluster.events, config };
  for (const node of initialNodes(config, cluster.clock.now())) expectOk(cluster.store.create(node));
  const controller = options.controller === false ? undefined : new NodeLifecycleController(deps).start();
  const scheduler = new Scheduler(deps).start();
  return {
    cluster,
    deps,
    scheduler,
    controller,
    stop() {
      scheduler.stop();
      controller?.stop();
      cluster.stop();
    },
  };
}

export interface PodOptions {
  namespace?: string;
  cpu?: string;
  memory?: string;
  limits?: { cpu?: string; memory?: string };
  nodeSelector?: Record<string, string>;
  affinity?: unknown;
  tolerations?: unknown[];
  priorityClassName?: string;
  nodeName?: string;
  labels?: Record<string, string>;
}

export function podSpec(options: PodOptions = {}): KubeObject["spec"] {
  const resources: Record<string, unknown> = {};
  const requests: Record<string, string> = {};
  if (options.cpu) requests.cpu = options.cpu;
  if (options.memory) requests.memory = options.memory;
  if (Object.keys(requests).length > 0) resources.requests = requests;
  if (options.limits) resources.limits = options.limits;
  const spec: Record<string, unknown> = { containers: [{ name: "app", image: "nginx:1.25", resources }] };
  if (options.nodeSelector) spec.nodeSelector = options.nodeSelector;
  if (options.affinity) spec.affinity = options.affinity;
  if (options.tolerations) spec.tolerations = options.tolerations;
  if (options.priorityClassName) spec.priorityClassName = options.priorityClassName;
  if (options.nodeName) spec.nodeName = options.nodeName;
  return spec;
}

export function makePod(name: string, options: PodOptions = {}): KubeObject {
  const metadata: KubeObject["metadata"] = { name, namespace: options.namespace ?? "default" };
  if (options.labels) metadata.labels = options.labels;
  return { apiVersion: "v1", kind: "Pod", metadata, spec: podSpec(options) };
}

export function createPod(sim: SimCluster, name: string, options: PodOptions = {}): KubeObject {
  return expectOk(sim.cluster.store.create(makePod(name, options)));
}

export function getPod(sim: SimCluster, name: string, namespace = "default"): KubeObject | undefined {
  return sim.cluster.store.get({ group: "", kind: "Pod", namespace, name });
}

export function nodeOf(sim: SimCluster, name: string): string | undefined {
  return (getPod(sim, name)?.spec as { nodeName?: string } | undefined)?.nodeName;
}

export function getNode(sim: SimCluster, name: string): KubeObject | undefined {
  return sim.cluster.store.get({ group: "", kind: "Node", name });
}

/** Events in the order they were first recorded: "Type Reason object: message (xN)". */
export function eventLines(sim: SimCluster, filter: (event: Record<string, unknown>) => boolean = () => true): string[] {
  const events = sim.cluster.store.list({ group: "", kind: "Event" }) as unknown as Array<Record<string, any>>;
  return events
    .filter(filter)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => `${e.type} ${e.reason} ${e.involvedObject.kind}/${e.involvedObject.name} [${e.source.component}]: ${e.message}${e.count > 1 ? ` (x${e.count})` : ""}`);
}

export function condition(object: KubeObject | undefined, type: string): Record<string, unknown> | undefined {
  const conditions = (object?.status as { conditions?: Array<Record<string, unknown>> } | undefined)?.conditions ?? [];
  return conditions.find((c) => c.type === type);
}

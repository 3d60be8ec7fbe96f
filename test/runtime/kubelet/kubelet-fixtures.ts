// A bare cluster with the simulated kubelet started by hand, and builders for the nodes and pods the
// kubelet tests bind to them.
import { defaultPodSpec } from "../../../src/runtime/admission/pod-spec-defaults.js";
import { formatTimestamp } from "../../../src/runtime/clock/timestamps.js";
import { createCluster, type Cluster } from "../../../src/runtime/cluster.js";
import { Kubelet } from "../../../src/runtime/kubelet/kubelet.js";
import type { ContainerStatus, PodStatus } from "../../../src/runtime/kubelet/pod-model.js";
import type { ClusterSnapshot } from "../../../src/runtime/persistence/cluster-snapshot.js";
import type { ClusterConfig, RuntimeDeps } from "../../../src/runtime/runtime-deps.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";


export interface KubeletCluster {
  cluster: Cluster;
  kubelet: Kubelet;
  /** When the test began (ms). */
  t0: number;
  /** Seconds since t0. */
  elapsed(): number;
  /** Kubelet events as they were recorded: each occurrence, with the time in seconds since t0. */
  log: EventEntry[];
  /** Status writes per pod, with the time in seconds since t0. */
  writes: StatusWrite[];
}

export interface EventEntry {
  t: number;
  pod: string;
  type: string;
  reason: string;
  message: string;
  count: number;
}

export interface StatusWrite {
  t: number;
  pod: string;
  status: PodStatus;
}

export interface NodeOptions {
  images?: string[];
  stopped?: boolean;
}

/**
 * A Node as the nodes helper creates them: podCIDR 10.244.<k>.0/24 and InternalIP 172.18.0.<k+1>,
 * carried into the next octet beyond 255 (node 256: 10.245.0.0/24).
 */
export function node(name: string, k: number, options: NodeOptions = {}): KubeObject {
  const cidr = `10.${244 + Math.floor(k / 256)}.${k % 256}.0/24`;
  const host = `172.18.${Math.floor((k + 1) / 256)}.${(k + 1) % 256}`;
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, ...(options.stopped ? { annotations: { "sim.drydock.dev/kubelet": "stopped" } } : {}) },
    spec: { podCIDR: cidr, podCIDRs: [cidr] },
    status: {
      addresses: [
        { type: "InternalIP", address: host },
        { type: "Hostname", address: name },
      ],
      images: (options.images ?? []).map((image) => ({ names: [image], sizeBytes: 1000 })),
    },
  };
}

export interface PodOptions {
  node?: string;
  image?: string;
  annotations?: Record<string, string>;
  restartPolicy?: "Always" | "OnFailure" | "Never";
  containers?: Array<Record<string, unknown>>;
  initContainers?: Array<Record<string, unknown>>;
  volumes?: Array<Record<string, unknown>>;
  terminationGracePeriodSeconds?: number;
  namespace?: string;
}

/** A pod bound to a node, with the API server's defaults. */
export function pod(name: string, options: PodOptions = {}): KubeObject {
  const spec: Record<string, unknown> = {
    containers: options.containers ?? [{ name: "c", image: options.image ?? "nginx:1.25" }],
    nodeName: options.node ?? "worker-1",
  };
  if (options.initContainers) spec.initContainers = options.initContainers;
  if (options.restartPolicy) spec.restartPolicy = options.restartPolicy;
  if (options.volumes) spec.volumes = options.volumes;
  if (options.terminationGracePeriodSeconds !== undefined) spec.terminationGracePeriodSeconds = options.terminationGracePeriodSeconds;
  defaultPodSpec(spec);
  const metadata: KubeObject["metadata"] = { name, namespace: options.namespace ?? "default" };
  if (options.annotations) metadata.annotations = options.annotations;
  return { apiVersion: "v1", kind: "Pod", metadata, spec };
}

export function kubeletCluster(options: { nodes?: KubeObject[]; config?: Partial<ClusterConfig>; snapshot?: ClusterSnapshot } = {}): KubeletCluster {
  const cluster = createCluster({ bare: true, config: options.config }, options.snapshot);
  if (!options.snapshot) for (const n of options.nodes ?? [node("worker-1", 1)]) expectOk(cluster.store.create(n));
  const deps: RuntimeDeps = { store: cluster.store, clock: cluster.clock, ids: cluster.ids, events: cluster.events, config: cluster.config };
  const t0 = options.snapshot ? Date.UTC(2026, 0, 1) : cluster.clock.now();
  const log: EventEntry[] = [];
  const writes: StatusWrite[] = [];
  const elapsed = () => (cluster.clock.now() - t0) / 1000;
  cluster.store.watch({ group: "", kind: "Event" }, (event) => {
    if (event.type === "DELETED" || (event.object.source as { component?: string }).component !== "kubelet") return;
    const e = event.object;
    log.push({ t: elapsed(), pod: String((e.involvedObject as { name: string }).name), type: String(e.type), reason: String(e.reason), message: String(e.message), count: Number(e.count) });
  });
  cluster.store.watch({ group: "", kind: "Pod" }, (event) => {
    if (event.type !== "MODIFIED" || JSON.stringify(event.object.status) === JSON.stringify(event.previous.status)) return;
    writes.push({ t: elapsed(), pod: event.object.metadata.name ?? "", status: event.object.status as PodStatus });
  });
  const kubelet = new Kubelet(deps).start();
  return { cluster, kubelet, t0, elapsed, log, writes };
}

export function create(k: KubeletCluster, object: KubeObject): KubeObject {
  return expectOk(k.cluster.store.create(object));
}

export function getPod(k: KubeletCluster, name: string, namespace = "default"): KubeObject | undefined {
  return k.cluster.store.get({ group: "", kind: "Pod", namespace, name });
}

export function status(k: KubeletCluster, name: string): PodStatus {
  const found = getPod(k, name);
  if (!found) throw new Error(`pod ${name} is gone`);
  return found.status as PodStatus;
}

export function container(k: KubeletCluster, name: string, index = 0): ContainerStatus {
  const statuses = status(k, name).containerStatuses ?? [];
  return statuses[index];
}

/** Waiting reason, `running`, or `terminated:<reason>` of a container. */
export function stateOf(cs: ContainerStatus | undefined): string {
  if (!cs) return "none";
  const state = cs.state;
  if ("waiting" in state) return state.waiting.reason;
  if ("running" in state) return "running";
  return `terminated:${state.terminated.reason}`;
}

export function condition(s: PodStatus, type: string) {
  return s.conditions?.find((c) => c.type === type);
}

/** Runs the simulation to `seconds` after t0. */
export function runTo(k: KubeletCluster, seconds: number): void {
  const target = k.t0 + seconds * 1000;
  k.cluster.clock.advance(Math.max(0, target - k.cluster.clock.now()));
}

/** "t reason: message" lines of a pod's kubelet events. */
export function timeline(k: KubeletCluster, podName: string): string[] {
  return k.log.filter((e) => e.pod === podName).map((e) => `${e.t} ${e.reason}: ${e.message}`);
}

export function at(k: KubeletCluster, seconds: number): string {
  return formatTimestamp(k.t0 + seconds * 1000);
}

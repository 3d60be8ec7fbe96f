// Builders for the storage tests: claims, volumes, classes and pods that use claims, a cluster with
// only the store, storage admission and the PV controller (no scheduler or kubelet), and what the
// tests read back.
import { createCluster, type Cluster, type ClusterOptions } from "../../../src/runtime/cluster.js";
import { DEFAULT_CLUSTER_CONFIG, type RuntimeDeps } from "../../../src/runtime/runtime-deps.js";
import { defaultStorageClass } from "../../../src/runtime/storage/default-storage-class.js";
import { PersistentVolumeController } from "../../../src/runtime/storage/pv-controller.js";
import { storageAdmission } from "../../../src/runtime/storage/storage-admission.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";

export interface StorageSim {
  cluster: Cluster;
  controller: PersistentVolumeController;
  stop(): void;
}

/** The store with storage admission and the PV controller; the default class unless `defaultClass: false`. */
export function storageCluster(options: { defaultClass?: boolean } = {}): StorageSim {
  const cluster = createCluster({ bare: true });
  cluster.store.addAdmission(storageAdmission(cluster.clock));
  if (options.defaultClass !== false) expectOk(cluster.store.create(defaultStorageClass()));
  const deps: RuntimeDeps = { store: cluster.store, clock: cluster.clock, ids: cluster.ids, events: cluster.events, config: DEFAULT_CLUSTER_CONFIG };
  const controller = new PersistentVolumeController(deps).start();
  return {
    cluster,
    controller,
    stop() {
      controller.stop();
      cluster.stop();
    },
  };
}

export function fullCluster(options: ClusterOptions = {}): Cluster {
  return createCluster(options);
}

export interface ClaimOptions {
  namespace?: string;
  size?: string;
  modes?: string[];
  /** null: no class at all (the default class may be given); a string: that class, "" for none. */
  className?: string | null;
  selector?: Record<string, unknown>;
  volumeName?: string;
  volumeMode?: string;
}

export function claim(name: string, options: ClaimOptions = {}): KubeObject {
  const spec: Record<string, unknown> = { accessModes: options.modes ?? ["ReadWriteOnce"], resources: { requests: { storage: options.size ?? "1Gi" } } };
  if (options.className !== undefined && options.className !== null) spec.storageClassName = options.className;
  if (options.selector) spec.selector = options.selector;
  if (options.volumeName) spec.volumeName = options.volumeName;
  if (options.volumeMode) spec.volumeMode = options.volumeMode;
  const metadata: KubeObject["metadata"] = { name };
  if (options.namespace) metadata.namespace = options.namespace;
  return { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata, spec };
}

export interface VolumeOptions {
  size?: string;
  modes?: string[];
  className?: string;
  labels?: Record<string, string>;
  policy?: string;
  claimRef?: { namespace: string; name: string; uid?: string };
  /** Node affinity to one node (a local volume). */
  node?: string;
  volumeMode?: string;
}

export function volume(name: string, options: VolumeOptions = {}): KubeObject {
  const spec: Record<string, unknown> = {
    capacity: { storage: options.size ?? "1Gi" },
    accessModes: options.modes ?? ["ReadWriteOnce"],
    hostPath: { path: `/data/${name}` },
  };
  if (options.className !== undefined) spec.storageClassName = options.className;
  if (options.policy) spec.persistentVolumeReclaimPolicy = options.policy;
  if (options.claimRef) spec.claimRef = options.claimRef;
  if (options.volumeMode) spec.volumeMode = options.volumeMode;
  if (options.node) {
    spec.nodeAffinity = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: [options.node] }] }] } };
  }
  const metadata: KubeObject["metadata"] = { name };
  if (options.labels) metadata.labels = options.labels;
  return { apiVersion: "v1", kind: "PersistentVolume", metadata, spec };
}

export function storageClass(name: string, options: { provisioner?: string; mode?: string; policy?: string; isDefault?: boolean; expansion?: boolean } = {}): KubeObject {
  const object: KubeObject = { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name }, provisioner: options.provisioner ?? "sim.drydock.dev/hostpath" };
  if (options.isDefault) object.metadata.annotations = { "storageclass.kubernetes.io/is-default-class": "true" };
  if (options.mode) object.volumeBindingMode = options.mode;
  if (options.policy) object.reclaimPolicy = options.policy;
  if (options.expansion !== undefined) object.allowVolumeExpansion = options.expansion;
  return object;
}

export function podUsing(name: string, claims: string[], options: { namespace?: string; nodeName?: string; annotations?: Record<string, string>; cpu?: string } = {}): KubeObject {
  const metadata: KubeObject["metadata"] = { name };
  if (options.namespace) metadata.namespace = options.namespace;
  if (options.annotations) metadata.annotations = options.annotations;
  const container: Record<string, unknown> = { name: "app", image: "nginx:1.27", volumeMounts: claims.map((c, i) => ({ name: `v${i}`, mountPath: `/data/${c}` })) };
  if (options.cpu) container.resources = { requests: { cpu: options.cpu } };
  const spec: Record<string, unknown> = { containers: [container], volumes: claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } })) };
  if (options.nodeName) spec.nodeName = options.nodeName;
  return { apiVersion: "v1", kind: "Pod", metadata, spec };
}

export function create(cluster: Cluster, object: KubeObject): KubeObject {
  return expectOk(cluster.store.create(object));
}

export function getClaim(cluster: Cluster, name: string, namespace = "default"): KubeObject | undefined {
  return cluster.store.get({ group: "", kind: "PersistentVolumeClaim", namespace, name });
}

export function getVolume(cluster: Cluster, name: string): KubeObject | undefined {
  return cluster.store.get({ group: "", kind: "PersistentVolume", name });
}

export function getPod(cluster: Cluster, name: string, namespace = "default"): KubeObject | undefined {
  return cluster.store.get({ group: "", kind: "Pod", namespace, name });
}

export function phaseOf(object: KubeObject | undefined): string | undefined {
  return (object?.status as { phase?: string } | undefined)?.phase;
}

export function volumeNameOf(object: KubeObject | undefined): string | undefined {
  return (object?.spec as { volumeName?: string } | undefined)?.volumeName;
}

export function nodeOf(pod: KubeObject | undefined): string | undefined {
  return (pod?.spec as { nodeName?: string } | undefined)?.nodeName;
}

/** `Type Reason [component]: message` for the events about one object, oldest first. */
export function eventLines(cluster: Cluster, kind: string, name: string): string[] {
  return cluster.store
    .list({ group: "", kind: "Event" })
    .filter((e) => (e.involvedObject as { kind: string }).kind === kind && (e.involvedObject as { name: string }).name === name)
    .sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1))
    .map((e) => `${e.type as string} ${e.reason as string} [${(e.source as { component: string }).component}]: ${e.message as string}`);
}

/** The events' counts, by reason. */
export function eventCounts(cluster: Cluster, kind: string, name: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of cluster.store.list({ group: "", kind: "Event" })) {
    if ((e.involvedObject as { kind: string }).kind === kind && (e.involvedObject as { name: string }).name === name) counts[e.reason as string] = e.count as number;
  }
  return counts;
}

/** Runs everything due at the current instant. */
export function now(cluster: Cluster): void {
  cluster.clock.advance(0);
}

export function settle(cluster: Cluster, ms = 10 * 60_000): void {
  cluster.clock.runUntilQuiet(cluster.clock.now() + ms);
}

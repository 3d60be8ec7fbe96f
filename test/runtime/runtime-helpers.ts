// Builders shared by the runtime tests.
import { createCluster, type Cluster, type ClusterOptions } from "../../src/runtime/cluster.js";
import type { ClusterSnapshot } from "../../src/runtime/persistence/cluster-snapshot.js";
import { readCluster, withCluster, type WithClusterOptions } from "../../src/runtime/persistence/with-cluster.js";
import type { KubeObject, OwnerReference } from "../../src/runtime/store/kube-object.js";
import { expectOk } from "../../src/runtime/store/store-errors.js";

/** A cluster with only the store-level components (no nodes, scheduler, kubelet or workload controllers). */
export function newCluster(options: ClusterOptions = {}): Cluster {
  return createCluster({ bare: true, ...options });
}

export function configMap(name: string, options: { namespace?: string; labels?: Record<string, string>; data?: Record<string, string> } = {}): KubeObject {
  const metadata: KubeObject["metadata"] = { name };
  if (options.namespace) metadata.namespace = options.namespace;
  if (options.labels) metadata.labels = options.labels;
  return { apiVersion: "v1", kind: "ConfigMap", metadata, data: options.data ?? { key: name } };
}

export function deployment(name: string, options: { namespace?: string; replicas?: number; labels?: Record<string, string> } = {}): KubeObject {
  const metadata: KubeObject["metadata"] = { name };
  if (options.namespace) metadata.namespace = options.namespace;
  if (options.labels) metadata.labels = options.labels;
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata,
    spec: { replicas: options.replicas ?? 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
  };
}

export function pod(name: string, options: { namespace?: string; nodeName?: string; labels?: Record<string, string>; phase?: string; owners?: OwnerReference[] } = {}): KubeObject {
  const metadata: KubeObject["metadata"] = { name };
  if (options.namespace) metadata.namespace = options.namespace;
  if (options.labels) metadata.labels = options.labels;
  if (options.owners) metadata.ownerReferences = options.owners;
  const spec: Record<string, unknown> = { containers: [{ name: "c", image: "nginx" }] };
  if (options.nodeName) spec.nodeName = options.nodeName;
  const object: KubeObject = { apiVersion: "v1", kind: "Pod", metadata, spec };
  if (options.phase) object.status = { phase: options.phase };
  return object;
}

export function ownerRef(owner: KubeObject, options: { controller?: boolean; blockOwnerDeletion?: boolean } = {}): OwnerReference {
  const ref: OwnerReference = { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name ?? "", uid: owner.metadata.uid ?? "" };
  if (options.controller !== undefined) ref.controller = options.controller;
  if (options.blockOwnerDeletion !== undefined) ref.blockOwnerDeletion = options.blockOwnerDeletion;
  return ref;
}

/** A ReplicaSet owned by `owner`. */
export function replicaSet(name: string, owner: KubeObject | undefined, options: { namespace?: string; block?: boolean } = {}): KubeObject {
  const metadata: KubeObject["metadata"] = { name };
  if (options.namespace) metadata.namespace = options.namespace;
  if (owner) metadata.ownerReferences = [ownerRef(owner, { controller: true, blockOwnerDeletion: options.block ?? true })];
  return { apiVersion: "apps/v1", kind: "ReplicaSet", metadata, spec: { replicas: 1 } };
}

export function create(cluster: Cluster, object: KubeObject): KubeObject {
  return expectOk(cluster.store.create(object));
}

/** Names (kind/name or kind/ns/name) of what is in the store, without the initial namespaces. */
export function names(cluster: Cluster, query: Parameters<Cluster["store"]["list"]>[0] = {}): string[] {
  return cluster.store
    .list(query)
    .filter((o) => o.kind !== "Namespace" || !["default", "kube-node-lease", "kube-public", "kube-system"].includes(o.metadata.name ?? ""))
    .map((o) => (o.metadata.namespace ? `${o.kind}/${o.metadata.namespace}/${o.metadata.name}` : `${o.kind}/${o.metadata.name}`));
}

/** createCluster with only the store-level components, new or from a snapshot. */
export function createBareCluster(options: ClusterOptions = {}, snapshot?: ClusterSnapshot): Cluster {
  return createCluster({ bare: true, ...options }, snapshot);
}

/** withCluster on a bare cluster: the foundation's persistence without nodes or controllers. */
export function withBareCluster<T>(stateDir: string, work: (cluster: Cluster) => T | Promise<T>, options: WithClusterOptions = {}): Promise<T> {
  return withCluster(stateDir, work, { bare: true, ...options });
}

export function readBareCluster(stateDir: string): Cluster {
  return readCluster(stateDir, { bare: true });
}

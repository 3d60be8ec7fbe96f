// Builders for the services tests: a bare cluster with Service admission, optionally the endpoints
// controller, and Pods whose status the tests set by hand (no scheduler or kubelet runs).
import type { Cluster } from "../../../src/runtime/cluster.js";
import { DEFAULT_CLUSTER_CONFIG, type RuntimeDeps } from "../../../src/runtime/runtime-deps.js";
import { EndpointsController } from "../../../src/runtime/services/endpoints-controller.js";
import { serviceAdmission } from "../../../src/runtime/services/service-admission.js";
import { cloneObject, type KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { newCluster } from "../runtime-helpers.js";

export interface ServiceCluster {
  cluster: Cluster;
  deps: RuntimeDeps;
  controller?: EndpointsController;
}

export function serviceCluster(options: { controller?: boolean; seed?: string } = {}): ServiceCluster {
  const cluster = newCluster({ seed: options.seed });
  const deps: RuntimeDeps = { store: cluster.store, clock: cluster.clock, ids: cluster.ids, events: cluster.events, config: DEFAULT_CLUSTER_CONFIG };
  cluster.store.addAdmission(serviceAdmission(deps));
  const controller = options.controller ? new EndpointsController(deps).start() : undefined;
  return { cluster, deps, controller };
}

export function service(name: string, spec: Record<string, unknown>, options: { namespace?: string; labels?: Record<string, string> } = {}): KubeObject {
  const metadata: KubeObject["metadata"] = { name };
  if (options.namespace) metadata.namespace = options.namespace;
  if (options.labels) metadata.labels = options.labels;
  return { apiVersion: "v1", kind: "Service", metadata, spec: structuredClone(spec) };
}

export function webService(name = "web", extra: Record<string, unknown> = {}): KubeObject {
  return service(name, { selector: { app: "web" }, ports: [{ port: 80, targetPort: 8080 }], ...extra });
}

export interface PodOptions {
  namespace?: string;
  labels?: Record<string, string>;
  nodeName?: string;
  ports?: Array<{ name?: string; containerPort: number; protocol?: string }>;
  hostname?: string;
  subdomain?: string;
}

export function pod(name: string, options: PodOptions = {}): KubeObject {
  const metadata: KubeObject["metadata"] = { name, labels: options.labels ?? { app: "web" } };
  if (options.namespace) metadata.namespace = options.namespace;
  const container: Record<string, unknown> = { name: "app", image: "nginx" };
  if (options.ports) container.ports = options.ports;
  const spec: Record<string, unknown> = { containers: [container] };
  // Bound to a node unless told otherwise (an empty nodeName): deleting a bound pod is graceful.
  const nodeName = options.nodeName ?? "worker-1";
  if (nodeName) spec.nodeName = nodeName;
  if (options.hostname) spec.hostname = options.hostname;
  if (options.subdomain) spec.subdomain = options.subdomain;
  return { apiVersion: "v1", kind: "Pod", metadata, spec };
}

/** What the kubelet would report: an IP once started, Ready True or False. */
export function setPodStatus(cluster: Cluster, namespace: string, name: string, status: { podIP?: string; ready?: boolean; phase?: string }): KubeObject {
  const current = cluster.store.get({ group: "", kind: "Pod", namespace, name });
  if (!current) throw new Error(`no pod ${namespace}/${name}`);
  const next = cloneObject(current);
  const podStatus: Record<string, unknown> = { phase: status.phase ?? "Running" };
  if (status.podIP) {
    podStatus.podIP = status.podIP;
    podStatus.podIPs = [{ ip: status.podIP }];
  }
  podStatus.conditions = [{ type: "Ready", status: status.ready ? "True" : "False" }];
  next.status = podStatus;
  return expectOk(cluster.store.update(next, { subresource: "status" }));
}

export function get(cluster: Cluster, kind: "Service" | "Endpoints" | "Pod", name: string, namespace = "default"): KubeObject | undefined {
  return cluster.store.get({ group: "", kind, namespace, name });
}

export function slicesOf(cluster: Cluster, serviceName: string, namespace = "default"): KubeObject[] {
  return cluster.store.list({ group: "discovery.k8s.io", kind: "EndpointSlice", namespace, labelSelector: { matchLabels: { "kubernetes.io/service-name": serviceName } } });
}

export function specOf(object: KubeObject | undefined): Record<string, any> {
  return (object?.spec ?? {}) as Record<string, any>;
}

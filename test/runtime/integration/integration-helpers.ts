// A whole simulated cluster (nodes, scheduler, kubelet, controllers) and what the integration tests
// read back from it.
import { createCluster, type Cluster, type ClusterOptions } from "../../../src/runtime/cluster.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";

export function fullCluster(options: ClusterOptions = {}): Cluster {
  return createCluster(options);
}

export function nginxDeployment(options: { name?: string; image?: string; replicas?: number; strategy?: Record<string, unknown>; progressDeadlineSeconds?: number } = {}): KubeObject {
  const name = options.name ?? "nginx-deployment";
  const spec: Record<string, unknown> = {
    replicas: options.replicas ?? 3,
    selector: { matchLabels: { app: "nginx" } },
    template: {
      metadata: { labels: { app: "nginx" } },
      spec: { containers: [{ name: "nginx", image: options.image ?? "nginx:1.7.9", ports: [{ containerPort: 80 }] }] },
    },
  };
  if (options.strategy) spec.strategy = options.strategy;
  if (options.progressDeadlineSeconds !== undefined) spec.progressDeadlineSeconds = options.progressDeadlineSeconds;
  return { apiVersion: "apps/v1", kind: "Deployment", metadata: { name, labels: { app: "nginx" } }, spec };
}

export const DEPLOYMENT_REF = (name = "nginx-deployment") => ({ group: "apps", kind: "Deployment", namespace: "default", name });

/** Sets the image of the first container of a Deployment, as `kubectl set image` does. */
export function setImage(cluster: Cluster, image: string, name = "nginx-deployment"): void {
  expectOk(
    cluster.store.modify(DEPLOYMENT_REF(name), (d) => {
      ((d.spec as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec.containers[0]).image = image;
    }),
  );
}

/** Runs the simulation until nothing is due, at most `ms` of simulated time. */
export function settle(cluster: Cluster, ms = 10 * 60_000): void {
  cluster.clock.runUntilQuiet(cluster.clock.now() + ms);
}

interface EventView {
  reason: string;
  message: string;
  type: string;
  count: number;
  component: string;
  first: string;
  last: string;
}

/** Events about one object (by kind and name), in the order they were first recorded. */
export function eventsFor(cluster: Cluster, kind: string, name: string, namespace = "default"): EventView[] {
  return cluster.store
    .list({ group: "", kind: "Event", namespace })
    .filter((e) => (e.involvedObject as { kind: string; name: string }).kind === kind && (e.involvedObject as { name: string }).name === name)
    // Names end in the hex nanosecond of the first occurrence, so they sort in recording order.
    .sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1))
    .map((e) => ({
      reason: e.reason as string,
      message: e.message as string,
      type: e.type as string,
      count: e.count as number,
      component: (e.source as { component: string }).component,
      first: e.firstTimestamp as string,
      last: e.lastTimestamp as string,
    }));
}

export function podsOf(cluster: Cluster, labels: Record<string, string> = { app: "nginx" }): KubeObject[] {
  return cluster.store.list({ group: "", kind: "Pod", namespace: "default", labelSelector: { matchLabels: labels } });
}

export function isReady(pod: KubeObject): boolean {
  const conditions = ((pod.status as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions ?? []);
  return conditions.some((c) => c.type === "Ready" && c.status === "True");
}

export function replicaSets(cluster: Cluster): KubeObject[] {
  return cluster.store.list({ group: "apps", kind: "ReplicaSet", namespace: "default" });
}

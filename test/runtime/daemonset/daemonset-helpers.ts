// DaemonSets on the whole simulated cluster: a log-agent DaemonSet and what the tests read back.
import type { Cluster } from "../../../src/runtime/cluster.js";
import type { RuntimeDeps } from "../../../src/runtime/runtime-deps.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";

export const DS_REF = (name = "log-agent", namespace = "default") => ({ group: "apps", kind: "DaemonSet", namespace, name });

export function logAgent(options: { name?: string; image?: string; spec?: Record<string, unknown>; podSpec?: Record<string, unknown>; annotations?: Record<string, string> } = {}): KubeObject {
  const name = options.name ?? "log-agent";
  const template: Record<string, unknown> = {
    metadata: { labels: { app: name }, ...(options.annotations ? { annotations: options.annotations } : {}) },
    spec: { containers: [{ name: "agent", image: options.image ?? "fluentd:v1.16" }], ...options.podSpec },
  };
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name, namespace: "default", labels: { app: name } },
    spec: { selector: { matchLabels: { app: name } }, template, ...options.spec },
  };
}

export function settle(cluster: Cluster, ms = 10 * 60_000): void {
  cluster.clock.runUntilQuiet(cluster.clock.now() + ms);
}

export function daemonPods(cluster: Cluster, name = "log-agent"): KubeObject[] {
  return cluster.store.list({ group: "", kind: "Pod", namespace: "default", labelSelector: { matchLabels: { app: name } } });
}

export function nodeOf(pod: KubeObject): string {
  return (pod.spec as { nodeName?: string }).nodeName ?? "";
}

/** Node name → the names of the live (not terminating) daemon pods there, sorted by node. */
export function placement(cluster: Cluster, name = "log-agent"): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pod of daemonPods(cluster, name)) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    const node = nodeOf(pod) || "<unbound>";
    out[node] = (out[node] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function isReady(pod: KubeObject): boolean {
  return ((pod.status as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

export function dsStatus(cluster: Cluster, name = "log-agent"): Record<string, unknown> {
  return (cluster.store.get(DS_REF(name))?.status ?? {}) as Record<string, unknown>;
}

export interface EventView {
  reason: string;
  message: string;
  type: string;
  at: number;
}

/** The DaemonSet's events in recording order. */
export function dsEvents(cluster: Cluster, name = "log-agent", namespace = "default"): EventView[] {
  return cluster.store
    .list({ group: "", kind: "Event", namespace })
    .filter((e) => (e.involvedObject as { kind: string; name: string }).kind === "DaemonSet" && (e.involvedObject as { name: string }).name === name)
    .sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1))
    .map((e) => ({ reason: e.reason as string, message: e.message as string, type: e.type as string, at: Date.parse(e.firstTimestamp as string) }));
}

export function setImage(cluster: Cluster, image: string, name = "log-agent"): void {
  expectOk(
    cluster.store.modify(DS_REF(name), (ds) => {
      (ds.spec as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec.containers[0].image = image;
    }),
  );
}

export function modifyNode(cluster: Cluster, name: string, change: (node: KubeObject) => void): void {
  expectOk(cluster.store.modify({ group: "", kind: "Node", name }, change));
}

/** The cluster as the node operations take it. */
export function depsOf(cluster: Cluster): RuntimeDeps {
  return { store: cluster.store, clock: cluster.clock, ids: cluster.ids, events: cluster.events, config: cluster.config };
}

/** Records, at every pod change, how many of the nodes lack an available (ready) daemon pod. */
export function watchUnavailable(cluster: Cluster, nodes: readonly string[], name = "log-agent"): { max: () => number; stop: () => void } {
  let max = 0;
  const stop = cluster.store.watch({ group: "", kind: "Pod" }, () => {
    const covered = new Set(daemonPods(cluster, name).filter((p) => p.metadata.deletionTimestamp === undefined && isReady(p)).map(nodeOf));
    max = Math.max(max, nodes.filter((n) => !covered.has(n)).length);
  });
  return { max: () => max, stop };
}

// StatefulSets on the whole simulated cluster (scheduler, kubelet, controllers) and what the
// StatefulSet tests read back from it. Pods pull in a fixed 2 s and turn ready 20 s after starting
// unless a test says otherwise, so times are exact.
import { createCluster, type Cluster } from "../../../src/runtime/cluster.js";
import { parseTimestamp } from "../../../src/runtime/clock/timestamps.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { eventsFor } from "../integration/integration-helpers.js";

export const START = Date.UTC(2026, 0, 1);

export interface WebOptions {
  name?: string;
  replicas?: number;
  podManagementPolicy?: "OrderedReady" | "Parallel";
  image?: string;
  /** A `www` claim template of 1Gi ReadWriteOnce. */
  claims?: boolean;
  /** Pod template annotations, over the default hints (pull 2 s, ready 20 s after start). */
  hints?: Record<string, string>;
  updateStrategy?: Record<string, unknown>;
  retention?: { whenDeleted?: string; whenScaled?: string };
  minReadySeconds?: number;
  annotations?: Record<string, string>;
  /** Fields merged into the container (a readinessProbe, say). */
  container?: Record<string, unknown>;
}

export function webSet(options: WebOptions = {}): KubeObject {
  const name = options.name ?? "web";
  const spec: Record<string, unknown> = {
    replicas: options.replicas ?? 3,
    serviceName: "nginx",
    selector: { matchLabels: { app: "nginx" } },
    template: {
      metadata: {
        labels: { app: "nginx" },
        annotations: { "sim.drydock.dev/pull-duration": "2s", "sim.drydock.dev/ready-after": "20s", ...options.hints },
      },
      spec: {
        containers: [
          { name: "nginx", image: options.image ?? "nginx:1.9.1", ports: [{ containerPort: 80, name: "web" }], ...(options.claims ? { volumeMounts: [{ name: "www", mountPath: "/usr/share/nginx/html" }] } : {}), ...options.container },
        ],
      },
    },
  };
  if (options.podManagementPolicy) spec.podManagementPolicy = options.podManagementPolicy;
  if (options.updateStrategy) spec.updateStrategy = options.updateStrategy;
  if (options.retention) spec.persistentVolumeClaimRetentionPolicy = options.retention;
  if (options.minReadySeconds !== undefined) spec.minReadySeconds = options.minReadySeconds;
  if (options.claims) {
    spec.volumeClaimTemplates = [{ metadata: { name: "www" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }];
  }
  const metadata: KubeObject["metadata"] = { name };
  if (options.annotations) metadata.annotations = options.annotations;
  return { apiVersion: "apps/v1", kind: "StatefulSet", metadata, spec };
}

export const SET_REF = (name = "web") => ({ group: "apps", kind: "StatefulSet", namespace: "default", name });

export function cluster(): Cluster {
  return createCluster({ startAt: START });
}

export function createSet(c: Cluster, options: WebOptions = {}): KubeObject {
  return expectOk(c.store.create(webSet(options)));
}

export function modifySet(c: Cluster, change: (spec: any, set: KubeObject) => void, name = "web"): KubeObject {
  return expectOk(c.store.modify(SET_REF(name), (set) => change(set.spec, set)));
}

/** Runs the simulation until nothing is due, at most `ms` of simulated time. */
export function settle(c: Cluster, ms = 10 * 60_000): void {
  c.clock.runUntilQuiet(c.clock.now() + ms);
}

export function getSet(c: Cluster, name = "web"): any {
  return c.store.get(SET_REF(name));
}

export function getPod(c: Cluster, name: string): any {
  return c.store.get({ group: "", kind: "Pod", namespace: "default", name });
}

export function getClaim(c: Cluster, name: string): any {
  return c.store.get({ group: "", kind: "PersistentVolumeClaim", namespace: "default", name });
}

export function podNames(c: Cluster): string[] {
  return c.store
    .list({ group: "", kind: "Pod", namespace: "default" })
    .map((p) => p.metadata.name ?? "")
    .sort();
}

export function claimNames(c: Cluster): string[] {
  return c.store
    .list({ group: "", kind: "PersistentVolumeClaim", namespace: "default" })
    .map((p) => p.metadata.name ?? "")
    .sort();
}

/**
 * The set's events as `<reason> <message> @<seconds since START>`, in the order they were first
 * recorded; a repeated one (same reason and message) ends in ` (x<count>, last @<seconds>)`.
 */
export function setEvents(c: Cluster, name = "web"): string[] {
  const at = (timestamp: string) => (Date.parse(timestamp) - START) / 1000;
  return eventsFor(c, "StatefulSet", name).map((e) => `${e.reason} ${e.message} @${at(e.first)}${e.count > 1 ? ` (x${e.count}, last @${at(e.last)})` : ""}`);
}

/** Seconds since START at which the pod turned Ready (its Ready condition's transition time). */
export function readySeconds(pod: any): number | undefined {
  const ready = (pod?.status?.conditions ?? []).find((c: { type: string; status: string }) => c.type === "Ready" && c.status === "True");
  return ready ? ((parseTimestamp(ready.lastTransitionTime) ?? 0) - START) / 1000 : undefined;
}

export function elapsed(c: Cluster): number {
  return (c.clock.now() - START) / 1000;
}

/** Runs the clock until `at` seconds after START (running what falls due on the way). */
export function runTo(c: Cluster, seconds: number): void {
  c.clock.advance(START + seconds * 1000 - c.clock.now());
}

export function revisionLabel(c: Cluster, pod: string): string | undefined {
  return getPod(c, pod)?.metadata.labels?.["controller-revision-hash"];
}

/**
 * Records, from now on, each pod's creation (`+web-0 @22`), the start of its deletion
 * (`~web-0 @30`, when graceful) and its removal (`-web-0 @35`), with seconds since START.
 */
export function podTimeline(c: Cluster): string[] {
  const lines: string[] = [];
  const at = () => `@${elapsed(c)}`;
  c.store.watch({ group: "", kind: "Pod", namespace: "default" }, (event) => {
    const name = event.object.metadata.name;
    if (event.type === "ADDED") lines.push(`+${name} ${at()}`);
    else if (event.type === "DELETED") lines.push(`-${name} ${at()}`);
    else if (event.previous.metadata.deletionTimestamp === undefined && event.object.metadata.deletionTimestamp !== undefined) lines.push(`~${name} ${at()}`);
  });
  return lines;
}

// Builders and readers shared by the HPA tests: a Deployment whose pods request CPU and carry the
// utilization hint, an HPA for it, and views of what the controller wrote.
import type { Cluster } from "../../../src/runtime/cluster.js";
import { HISTORY_ANNOTATION } from "../../../src/runtime/autoscaling/hpa-history.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";

export const CPU_HINT = "sim.drydock.dev/cpu-utilization";

export function webDeployment(options: { name?: string; replicas?: number; cpu?: string | null; utilization?: string; readyAfter?: string } = {}): KubeObject {
  const name = options.name ?? "web";
  const annotations: Record<string, string> = { "sim.drydock.dev/pull-duration": "1s" };
  if (options.utilization !== undefined) annotations[CPU_HINT] = options.utilization;
  if (options.readyAfter !== undefined) annotations["sim.drydock.dev/ready-after"] = options.readyAfter;
  const container: Record<string, unknown> = { name: "app", image: "registry.k8s.io/hpa-example", imagePullPolicy: "IfNotPresent" };
  if (options.cpu !== null) container.resources = { requests: { cpu: options.cpu ?? "200m" } };
  if (options.readyAfter !== undefined) container.readinessProbe = { httpGet: { path: "/", port: 80 } };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      replicas: options.replicas ?? 1,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name }, annotations }, spec: { containers: [container] } },
    },
  };
}

export function hpa(options: { name?: string; target?: string; targetKind?: string; min?: number; max?: number; utilization?: number; behavior?: Record<string, unknown>; metrics?: unknown[]; annotations?: Record<string, string> } = {}): KubeObject {
  const name = options.name ?? "web";
  const spec: Record<string, unknown> = {
    scaleTargetRef: { apiVersion: "apps/v1", kind: options.targetKind ?? "Deployment", name: options.target ?? name },
    maxReplicas: options.max ?? 10,
    metrics: options.metrics ?? [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: options.utilization ?? 50 } } }],
  };
  if (options.min !== undefined) spec.minReplicas = options.min;
  if (options.behavior) spec.behavior = options.behavior;
  const metadata: KubeObject["metadata"] = { name };
  if (options.annotations) metadata.annotations = options.annotations;
  return { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata, spec };
}

export const HPA_REF = (name = "web") => ({ group: "autoscaling", kind: "HorizontalPodAutoscaler", namespace: "default", name });
export const DEPLOYMENT = (name = "web") => ({ group: "apps", kind: "Deployment", namespace: "default", name });

export function hpaOf(cluster: Cluster, name = "web"): KubeObject {
  const object = cluster.store.get(HPA_REF(name));
  if (!object) throw new Error(`no HPA ${name}`);
  return object;
}

export interface HpaStatusView {
  currentReplicas?: number;
  desiredReplicas: number;
  lastScaleTime?: string;
  observedGeneration?: number;
  currentMetrics?: Array<{ type: string; resource?: { name: string; current: { averageUtilization?: number; averageValue?: string } } }>;
  conditions?: Array<{ type: string; status: string; reason: string; message: string; lastTransitionTime: string }>;
}

export function statusOf(cluster: Cluster, name = "web"): HpaStatusView {
  return hpaOf(cluster, name).status as HpaStatusView;
}

/** `Type Status Reason` of each condition. */
export function conditionsOf(cluster: Cluster, name = "web"): string[] {
  return (statusOf(cluster, name).conditions ?? []).map((c) => `${c.type} ${c.status} ${c.reason}`);
}

export function conditionOf(cluster: Cluster, type: string, name = "web"): { status: string; reason: string; message: string; lastTransitionTime: string } | undefined {
  return (statusOf(cluster, name).conditions ?? []).find((c) => c.type === type);
}

export function specReplicasOf(cluster: Cluster, name = "web"): number {
  return (cluster.store.get(DEPLOYMENT(name))?.spec as { replicas: number }).replicas;
}

/** Sets (or with null removes) the HPA's utilization hint, as `drydock patch hpa` does. */
export function setHpaHint(cluster: Cluster, value: string | null, name = "web"): void {
  expectOk(
    cluster.store.modify(HPA_REF(name), (o) => {
      const annotations = { ...o.metadata.annotations };
      if (value === null) delete annotations[CPU_HINT];
      else annotations[CPU_HINT] = value;
      o.metadata.annotations = annotations;
    }),
  );
}

export function historyOf(cluster: Cluster, name = "web"): unknown {
  const text = hpaOf(cluster, name).metadata.annotations?.[HISTORY_ANNOTATION];
  return text === undefined ? undefined : JSON.parse(text);
}

/** Seconds since the cluster's start (2026-01-01T00:00:00Z) of an RFC 3339 timestamp. */
export function secondsOf(timestamp: string): number {
  return (Date.parse(timestamp) - Date.UTC(2026, 0, 1)) / 1000;
}

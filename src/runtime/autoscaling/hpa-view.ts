// The controller works on the autoscaling/v2 form of an HPA whatever version it was written in, as
// upstream's does through the API server's conversion. An autoscaling/v1 HPA has one CPU target
// (spec.targetCPUUtilizationPercentage, 80 when unset) and keeps in its status only the replicas and
// currentCPUUtilizationPercentage; its conditions live in the annotation
// `autoscaling.alpha.kubernetes.io/conditions`, as the API server's v1 view shows them.
import type { KubeObject } from "../store/kube-object.js";
import { DEFAULT_CPU_UTILIZATION, isAutoscalingV1, type HpaCondition, type HpaSpec, type HpaStatus, type MetricSpec } from "./hpa-types.js";

export const V1_CONDITIONS_ANNOTATION = "autoscaling.alpha.kubernetes.io/conditions";

interface V1Spec {
  scaleTargetRef?: HpaSpec["scaleTargetRef"];
  minReplicas?: number;
  maxReplicas?: number;
  targetCPUUtilizationPercentage?: number;
}

interface V1Status {
  observedGeneration?: number;
  lastScaleTime?: string;
  currentReplicas?: number;
  desiredReplicas?: number;
  currentCPUUtilizationPercentage?: number;
}

export function cpuUtilizationMetric(target: number): MetricSpec {
  return { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: target } } };
}

/** The v2 spec of an HPA of any version, with the default CPU metric when it names none. */
export function specView(hpa: KubeObject): HpaSpec {
  if (isAutoscalingV1(hpa)) {
    const spec = (hpa.spec ?? {}) as V1Spec;
    const view: HpaSpec = {
      scaleTargetRef: spec.scaleTargetRef ?? { kind: "", name: "" },
      maxReplicas: spec.maxReplicas ?? 0,
      metrics: [cpuUtilizationMetric(spec.targetCPUUtilizationPercentage ?? DEFAULT_CPU_UTILIZATION)],
    };
    if (spec.minReplicas !== undefined) view.minReplicas = spec.minReplicas;
    return view;
  }
  const spec = (hpa.spec ?? {}) as Partial<HpaSpec>;
  const metrics = spec.metrics && spec.metrics.length > 0 ? spec.metrics : [cpuUtilizationMetric(DEFAULT_CPU_UTILIZATION)];
  return { ...spec, scaleTargetRef: spec.scaleTargetRef ?? { kind: "", name: "" }, maxReplicas: spec.maxReplicas ?? 0, metrics };
}

/** The v2 status of an HPA of any version. */
export function statusView(hpa: KubeObject): HpaStatus {
  if (!isAutoscalingV1(hpa)) return structuredClone((hpa.status ?? { desiredReplicas: 0 }) as HpaStatus);
  const status = (hpa.status ?? {}) as V1Status;
  const view: HpaStatus = { desiredReplicas: status.desiredReplicas ?? 0 };
  const conditions = v1Conditions(hpa);
  if (conditions.length > 0) view.conditions = conditions;
  if (status.currentCPUUtilizationPercentage !== undefined) {
    view.currentMetrics = [{ resource: { current: { averageUtilization: status.currentCPUUtilizationPercentage }, name: "cpu" }, type: "Resource" }];
  }
  if (status.currentReplicas !== undefined) view.currentReplicas = status.currentReplicas;
  if (status.lastScaleTime !== undefined) view.lastScaleTime = status.lastScaleTime;
  if (status.observedGeneration !== undefined) view.observedGeneration = status.observedGeneration;
  return view;
}

/** What the HPA stores for a v2 status: the status itself and the annotations its version keeps it in. */
export function storedStatus(hpa: KubeObject, status: HpaStatus): { status: Record<string, unknown>; annotations: Record<string, string | undefined> } {
  if (!isAutoscalingV1(hpa)) return { status: status as unknown as Record<string, unknown>, annotations: {} };
  const out: V1Status = {};
  const cpu = status.currentMetrics?.find((m) => m.type === "Resource" && m.resource?.name === "cpu")?.resource?.current.averageUtilization;
  if (cpu !== undefined) out.currentCPUUtilizationPercentage = cpu;
  if (status.currentReplicas !== undefined) out.currentReplicas = status.currentReplicas;
  out.desiredReplicas = status.desiredReplicas;
  if (status.lastScaleTime !== undefined) out.lastScaleTime = status.lastScaleTime;
  if (status.observedGeneration !== undefined) out.observedGeneration = status.observedGeneration;
  const conditions = status.conditions ?? [];
  return { status: out as Record<string, unknown>, annotations: { [V1_CONDITIONS_ANNOTATION]: conditions.length > 0 ? JSON.stringify(conditions) : undefined } };
}

function v1Conditions(hpa: KubeObject): HpaCondition[] {
  const text = hpa.metadata.annotations?.[V1_CONDITIONS_ANNOTATION];
  if (text === undefined) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? (parsed as HpaCondition[]) : [];
  } catch {
    return [];
  }
}

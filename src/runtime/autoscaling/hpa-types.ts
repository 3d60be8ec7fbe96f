// The autoscaling/v2 HorizontalPodAutoscaler as the controller reads and writes it, and the numbers
// of kube-controller-manager's HPA flags it runs with (their upstream defaults).
import type * as v2 from "kubernetes-types/autoscaling/v2.js";
import { groupOf, type KubeObject } from "../store/kube-object.js";

export type HpaSpec = v2.HorizontalPodAutoscalerSpec;
export type HpaStatus = v2.HorizontalPodAutoscalerStatus;
export type HpaCondition = v2.HorizontalPodAutoscalerCondition;
export type HpaBehavior = v2.HorizontalPodAutoscalerBehavior;
export type ScalingRules = v2.HPAScalingRules;
export type ScalingPolicy = v2.HPAScalingPolicy;
export type MetricSpec = v2.MetricSpec;
export type MetricStatus = v2.MetricStatus;
export type MetricTarget = v2.MetricTarget;
export type MetricValueStatus = v2.MetricValueStatus;

export const HPA_GROUP = "autoscaling";
export const HPA_KIND = "HorizontalPodAutoscaler";

/** The event source of everything the controller records. */
export const HPA_CONTROLLER = "horizontal-pod-autoscaler";

/** --horizontal-pod-autoscaler-sync-period */
export const SYNC_PERIOD_MS = 15_000;
/** --horizontal-pod-autoscaler-tolerance */
export const TOLERANCE = 0.1;
/** --horizontal-pod-autoscaler-downscale-stabilization */
export const DOWNSCALE_STABILIZATION_MS = 300_000;
/** --horizontal-pod-autoscaler-cpu-initialization-period */
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
/** --horizontal-pod-autoscaler-initial-readiness-delay */
export const INITIAL_READINESS_DELAY_MS = 30_000;
/**
 * The window of a simulated metrics-server sample (its default --metric-resolution): a pod's sample
 * counts only once it was taken a whole window after the pod turned Ready.
 */
export const METRIC_WINDOW_MS = 15_000;

/** Without `behavior`, a scale-up goes at most to max(2 × current, 4) (scaleUpLimitFactor/Minimum). */
export const SCALE_UP_LIMIT_FACTOR = 2;
export const SCALE_UP_LIMIT_MINIMUM = 4;

/** The autoscaling/v2 default metric: CPU at 80 % of the request. */
export const DEFAULT_CPU_UTILIZATION = 80;

export function isHorizontalPodAutoscaler(object: KubeObject): boolean {
  return object.kind === HPA_KIND && groupOf(object.apiVersion) === HPA_GROUP;
}

/** autoscaling/v1 keeps a single CPU target in spec.targetCPUUtilizationPercentage. */
export function isAutoscalingV1(object: KubeObject): boolean {
  return object.apiVersion === "autoscaling/v1";
}

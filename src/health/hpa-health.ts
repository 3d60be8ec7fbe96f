// HorizontalPodAutoscaler health: gitops-engine's rule (pkg/health/health_hpa.go). The conditions
// are read in order and the first one that decides wins:
//  - Degraded: AbleToScale with reason FailedGetScale or FailedUpdateScale, ScalingActive with
//    reason FailedGetResourceMetric or InvalidSelector (matched by reason, whatever the status);
//  - Healthy: AbleToScale=True or ScalingLimited=True;
//  - otherwise Progressing ("Waiting to Autoscale"), as is an HPA without conditions yet.
// So `ScalingLimited=False, DesiredWithinRange` alone does not make an HPA healthy (fixture
// hpa-v2-progressing), and a metrics failure listed after AbleToScale=True does not degrade it
// (fixture hpa-v1-healthy). autoscaling/v1 has no status.conditions: the API server carries them in
// the `autoscaling.alpha.kubernetes.io/conditions` annotation as JSON.
import { health, type Health } from "./health-status.js";
import { conditionsOf, oneLine, type Condition, type HealthInput } from "./object-view.js";

export const V1_HPA_CONDITIONS_ANNOTATION = "autoscaling.alpha.kubernetes.io/conditions";

const DEGRADING: ReadonlyArray<readonly [type: string, reason: string]> = [
  ["AbleToScale", "FailedGetScale"],
  ["AbleToScale", "FailedUpdateScale"],
  ["ScalingActive", "FailedGetResourceMetric"],
  ["ScalingActive", "InvalidSelector"],
];

const HEALTHY_WHEN_TRUE: readonly string[] = ["AbleToScale", "ScalingLimited"];

const WAITING = health("Progressing", "WaitingToAutoscale", "Waiting to Autoscale");

type ConditionsRead = { ok: true; conditions: Condition[] } | { ok: false; error: string };

export function hpaHealth(hpa: HealthInput): Health {
  const read = hpaConditions(hpa);
  if (!read.ok) return health("Degraded", "InvalidConditions", read.error);
  for (const condition of read.conditions) {
    if (DEGRADING.some(([type, reason]) => condition.type === type && condition.reason === reason)) {
      return health("Degraded", condition.reason, oneLine(condition.message));
    }
    if (HEALTHY_WHEN_TRUE.includes(condition.type) && condition.status === "True") {
      return health("Healthy", undefined, oneLine(condition.message));
    }
  }
  return WAITING;
}

function hpaConditions(hpa: HealthInput): ConditionsRead {
  if (hpa.apiVersion !== "autoscaling/v1") return { ok: true, conditions: conditionsOf(hpa.status) };
  const annotation = hpa.metadata?.annotations?.[V1_HPA_CONDITIONS_ANNOTATION];
  if (annotation === undefined) return { ok: true, conditions: [] };
  try {
    return { ok: true, conditions: conditionsOf({ conditions: JSON.parse(annotation) as unknown }) };
  } catch {
    return { ok: false, error: `failed to parse HPA conditions in annotation ${V1_HPA_CONDITIONS_ANNOTATION}` };
  }
}

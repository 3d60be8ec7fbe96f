// The health module's public API: health per object, the worst of many, and why a workload is stuck.
export { HEALTH_ORDER, compareHealth, health, worstHealth, type Health, type HealthStatus } from "./health-status.js";
export { assessedKindOf, healthOf, type AssessedKind } from "./health-of.js";
export { explainWorkload, groupProblems, type PodProblemGroup, type WorkloadExplanation } from "./explain-workload.js";
export { podProblem, type PodProblem } from "./pod-problem.js";
export { isErrorWaitingReason } from "./pod-health.js";
export { V1_HPA_CONDITIONS_ANNOTATION } from "./hpa-health.js";
export type { Condition, HealthInput } from "./object-view.js";

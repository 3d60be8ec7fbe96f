// The planner's public surface: build a plan, walk it in waves, render it, map it to an exit code.

export { buildPlan, type PlanResult } from "./build-plan.js";
export { exitCodeFor, PLAN_EXIT, type ExitCodeOptions } from "./exit-code.js";
export { KIND_ORDER, kindRank } from "./kind-order.js";
export { liveLookupFrom } from "./live-lookup.js";
export { compareOrderables, orderForApply, type Orderable } from "./order-actions.js";
export type * from "./plan-types.js";
export { planSteps, type PlanStep } from "./plan-steps.js";
export { decidePrune, keptMessage, PRUNE_ANNOTATION, type PruneDecision } from "./prune.js";
export { planToJson, renderPlanJson } from "./render-json.js";
export { renderPlanMarkdown, type MarkdownRenderOptions } from "./render-markdown.js";
export { NO_CHANGES, renderPlanText, type TextRenderOptions } from "./render-text.js";
export { maskSecretChanges } from "./secret-masking.js";
export { hasChanges, summarize } from "./summarize.js";
export { readSyncWave, SYNC_WAVE_ANNOTATION } from "./sync-wave.js";

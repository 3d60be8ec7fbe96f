import type { Action, PlanSummary } from "./plan-types.js";

export function summarize(actions: readonly Action[]): PlanSummary {
  const summary: PlanSummary = { create: 0, update: 0, delete: 0, unchanged: 0 };
  for (const action of actions) summary[action.action]++;
  return summary;
}

/** True when applying the plan would change the cluster. */
export function hasChanges(summary: PlanSummary): boolean {
  return summary.create + summary.update + summary.delete > 0;
}

// A plan as the applier walks it: one step per sync wave of applies, each to be synced and healthy
// before the next starts (Argo CD's waves), then the deletes, last wave first. Steps hold only
// actions that do work; unchanged objects are in the plan for reporting only.

import type { Action, Plan } from "./plan-types.js";

export interface PlanStep {
  phase: "apply" | "prune";
  wave: number;
  actions: Action[];
}

export function planSteps(plan: Plan): PlanStep[] {
  const steps: PlanStep[] = [];
  for (const action of plan.actions) {
    const phase = phaseOf(action);
    if (phase === undefined) continue;
    const last = steps.at(-1);
    if (last !== undefined && last.phase === phase && last.wave === action.wave) last.actions.push(action);
    else steps.push({ phase, wave: action.wave, actions: [action] });
  }
  return steps;
}

function phaseOf(action: Action): PlanStep["phase"] | undefined {
  switch (action.action) {
    case "create":
    case "update":
      return "apply";
    case "delete":
      return "prune";
    case "unchanged":
      return undefined;
    default: {
      const never: never = action;
      return never;
    }
  }
}

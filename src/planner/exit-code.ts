// `drydock plan` exit status, as `terraform plan`: 0 whatever the plan, or, with
// --detailed-exitcode, 0 when there is nothing to do and 2 when there are changes. Errors (exit 1)
// come from findings, which the engine owns.

import type { Plan } from "./plan-types.js";
import { hasChanges } from "./summarize.js";

export const PLAN_EXIT = { OK: 0, ERRORS: 1, CHANGES: 2 } as const;

export interface ExitCodeOptions {
  detailed: boolean;
}

export function exitCodeFor(plan: Plan, options: ExitCodeOptions): number {
  return options.detailed && hasChanges(plan.summary) ? PLAN_EXIT.CHANGES : PLAN_EXIT.OK;
}

// `drydock plan` for a terminal, in the manner of `terraform plan`: one line per object that
// changes, with `+` create, `~` update (and each changed field below it), `-` delete; unchanged
// objects only counted; a closing `Plan:` line. No colour: symbols carry the meaning.

import type { FieldChange } from "../diff/field-change.js";
import { formatChangeValue, plural } from "./format-value.js";
import type { Action, Plan } from "./plan-types.js";
import { assertNever, keptMessage } from "./prune.js";
import { hasChanges } from "./summarize.js";

export interface TextRenderOptions {
  /** Longest value printed before it is shortened with "…". */
  maxValueLength?: number;
}

export const NO_CHANGES = "No changes. The cluster matches the desired state.";

export function renderPlanText(plan: Plan, options: TextRenderOptions = {}): string {
  const maxLength = options.maxValueLength ?? 60;
  const lines: string[] = [];
  for (const action of plan.actions) lines.push(...actionLines(action, maxLength));
  const { create, update, delete: del, unchanged } = plan.summary;
  if (!hasChanges(plan.summary)) {
    if (lines.length > 0) lines.push("");
    lines.push(NO_CHANGES);
    return `${lines.join("\n")}\n`;
  }
  lines.push("");
  if (unchanged > 0) lines.push(`${unchanged} unchanged.`);
  lines.push(`Plan: ${create} to create, ${update} to update, ${del} to delete.`);
  return `${lines.join("\n")}\n`;
}

function actionLines(action: Action, maxLength: number): string[] {
  const wave = action.wave === 0 ? [] : [`wave ${action.wave}`];
  switch (action.action) {
    case "create":
      return [`+ create ${action.resource}${suffix([plural(action.fields, "field"), ...wave])}`];
    case "update":
      return [`~ update ${action.resource}${suffix(wave)}`, ...action.changes.map((c) => `    ${changeText(c, maxLength)}`)];
    case "delete":
      return [`- delete ${action.resource}${suffix(wave)}`];
    case "unchanged":
      return action.kept === undefined ? [] : [`  keep ${action.resource} (${keptMessage(action.kept)})`];
    default:
      return assertNever(action);
  }
}

function changeText(change: FieldChange, maxLength: number): string {
  const text = `${change.path}: ${formatChangeValue(change, "before", maxLength)} → ${formatChangeValue(change, "after", maxLength)}`;
  return change.masked ? `${text} (sensitive)` : text;
}

function suffix(parts: string[]): string {
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`;
}

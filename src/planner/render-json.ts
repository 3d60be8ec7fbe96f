// `drydock plan -o json`: the machine interface of DESIGN.md, `{ revision, actions, summary }`.
// Objects are built field by field so the key order is stable whatever order the planner used.

import type { FieldChange } from "../diff/field-change.js";
import type { ResourceKey } from "../manifests/resource-key.js";
import type { Action, Plan } from "./plan-types.js";
import { assertNever, keptMessage } from "./prune.js";

export function planToJson(plan: Plan): Record<string, unknown> {
  const { create, update, delete: del, unchanged } = plan.summary;
  return {
    revision: plan.revision,
    actions: plan.actions.map(actionToJson),
    summary: { create, update, delete: del, unchanged },
  };
}

export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(planToJson(plan), null, 2)}\n`;
}

function actionToJson(action: Action): Record<string, unknown> {
  const out: Record<string, unknown> = {
    action: action.action,
    resource: action.resource,
    key: keyToJson(action.key),
    wave: action.wave,
    changes: action.changes.map(changeToJson),
  };
  switch (action.action) {
    case "create":
      out.fields = action.fields;
      break;
    case "unchanged":
      if (action.kept !== undefined) {
        out.kept = action.kept;
        out.note = keptMessage(action.kept);
      }
      break;
    case "update":
    case "delete":
      break;
    default:
      assertNever(action);
  }
  if (action.source !== undefined) out.source = action.source;
  return out;
}

function keyToJson(key: ResourceKey): Record<string, unknown> {
  const out: Record<string, unknown> = { group: key.group, version: key.version, kind: key.kind };
  if (key.namespace !== undefined) out.namespace = key.namespace;
  out.name = key.name;
  return out;
}

function changeToJson(change: FieldChange): Record<string, unknown> {
  const out: Record<string, unknown> = { path: change.path };
  if (change.before !== undefined) out.before = change.before;
  if (change.after !== undefined) out.after = change.after;
  if (change.masked) out.masked = true;
  return out;
}

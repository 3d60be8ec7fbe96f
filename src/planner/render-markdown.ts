// `drydock plan -o markdown`, for pull-request comments: a summary line, one list line per created,
// deleted or kept object, and a collapsible block with a fenced diff per updated object, so a large
// plan stays readable in a PR thread.

import type { FieldChange } from "../diff/field-change.js";
import { formatChangeValue, plural } from "./format-value.js";
import type { Action, Plan } from "./plan-types.js";
import { assertNever, keptMessage } from "./prune.js";
import { hasChanges } from "./summarize.js";

export interface MarkdownRenderOptions {
  maxValueLength?: number;
}

type Block = { kind: "item"; text: string } | { kind: "block"; text: string };

export function renderPlanMarkdown(plan: Plan, options: MarkdownRenderOptions = {}): string {
  const maxLength = options.maxValueLength ?? 200;
  const { create, update, delete: del, unchanged } = plan.summary;
  const head = `**drydock plan** for \`${plan.revision}\``;
  const blocks: Block[] = [];
  if (!hasChanges(plan.summary)) {
    blocks.push({ kind: "block", text: `${head}: no changes. The cluster matches the desired state.` });
  } else {
    blocks.push({ kind: "block", text: `${head}: ${create} to create, ${update} to update, ${del} to delete, ${unchanged} unchanged.` });
  }
  for (const action of plan.actions) {
    const block = actionBlock(action, maxLength);
    if (block !== undefined) blocks.push(block);
  }
  let out = "";
  blocks.forEach((block, i) => {
    if (i > 0) out += block.kind === "item" && blocks[i - 1].kind === "item" ? "\n" : "\n\n";
    out += block.text;
  });
  return `${out}\n`;
}

function actionBlock(action: Action, maxLength: number): Block | undefined {
  const wave = action.wave === 0 ? "" : `, wave ${action.wave}`;
  switch (action.action) {
    case "create":
      return { kind: "item", text: `- \`+ ${action.resource}\` (create, ${plural(action.fields, "field")}${wave})` };
    case "delete":
      return { kind: "item", text: `- \`- ${action.resource}\` (delete${wave})` };
    case "update": {
      const body = action.changes.flatMap((c) => diffLines(c, maxLength)).join("\n");
      const fence = fenceFor(body);
      const summary = `~ ${action.resource} (${plural(action.changes.length, "change")}${wave})`;
      return { kind: "block", text: `<details><summary>${escapeHtml(summary)}</summary>\n\n${fence}diff\n${body}\n${fence}\n\n</details>` };
    }
    case "unchanged":
      return action.kept === undefined ? undefined : { kind: "item", text: `- \`${action.resource}\` kept (${keptMessage(action.kept)})` };
    default:
      return assertNever(action);
  }
}

function diffLines(change: FieldChange, maxLength: number): string[] {
  const lines: string[] = [];
  const note = change.masked ? " (sensitive)" : "";
  if (change.before !== undefined) lines.push(`- ${change.path}: ${formatChangeValue(change, "before", maxLength)}${note}`);
  if (change.after !== undefined) lines.push(`+ ${change.path}: ${formatChangeValue(change, "after", maxLength)}${note}`);
  return lines;
}

/** A fence longer than any backtick run in the body, so values cannot close the code block. */
function fenceFor(body: string): string {
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  return "`".repeat(Math.max(3, longest + 1));
}

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

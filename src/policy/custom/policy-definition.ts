// Checks what a policy module exported. Type-checking already rejects most mistakes, but a policy can
// defeat it (`as any`), so the definition that comes out of the sandbox is checked again here.
import type { Severity } from "../../findings/finding.js";
import type { LoadStatus } from "./policy-sandbox.js";
import { parseMatch, type PolicyMatchSpec } from "./policy-match.js";

export const POLICY_ID = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

const SEVERITIES: ReadonlySet<string> = new Set<Severity>(["error", "warning", "info"]);

export interface PolicyFields {
  id: string;
  description: string;
  severity: Severity;
  match: PolicyMatchSpec;
}

export type DefinitionCheck = { ok: true; fields: PolicyFields } | { ok: false; problems: string[] };

export function checkDefinition(definition: Extract<LoadStatus, { status: "ok" }>): DefinitionCheck {
  const problems: string[] = [];
  const id = definition.id;
  if (typeof id !== "string") problems.push(id.type === "undefined" ? "the policy has no id" : `id must be a string, not ${article(id.type)}`);
  else if (!POLICY_ID.test(id)) problems.push(`id "${id}" must be lowercase letters, digits and dashes, like "no-latest-tag"`);

  const description = definition.description;
  if (typeof description !== "string") problems.push(`description must be a string, not ${article(description.type)}`);

  const severity = definition.severity;
  if (typeof severity !== "string" || !SEVERITIES.has(severity)) {
    problems.push(`severity must be "error", "warning" or "info", not ${typeof severity === "string" ? `"${severity}"` : article(severity.type)}`);
  }

  switch (definition.validate) {
    case "function":
      break;
    case "async":
      problems.push("validate must be synchronous; it is an async function");
      break;
    case "generator":
      problems.push("validate must be a plain function, not a generator");
      break;
    default:
      problems.push(
        definition.validate === "undefined" ? "the policy has no validate function" : `validate must be a function, not ${article(definition.validate)}`,
      );
  }

  const match = parseMatch(definition.match);
  if (!match.ok) problems.push(...match.problems);

  if (problems.length > 0 || !match.ok) return { ok: false, problems };
  return {
    ok: true,
    fields: { id: id as string, description: description as string, severity: severity as Severity, match: match.match },
  };
}

function article(type: string): string {
  if (type === "undefined" || type === "null") return type;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

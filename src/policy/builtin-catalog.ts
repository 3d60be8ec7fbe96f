// The built-in policy rules, in a stable order: by category (as RuleCategory lists them), then id.
import type { BuiltinRule, RuleCategory } from "./builtin-rule.js";
import { AVAILABILITY_RULES } from "./builtin/availability.js";
import { IMAGE_RULES } from "./builtin/images.js";
import { PROBE_RULES } from "./builtin/probes.js";
import { REFERENCE_RULES } from "./builtin/references.js";
import { RESOURCE_RULES } from "./builtin/resources.js";
import { SECURITY_RULES } from "./builtin/security.js";

export const RULE_CATEGORIES: readonly RuleCategory[] = ["images", "resources", "probes", "security", "availability", "references"];

function categoryRank(category: RuleCategory): number {
  return RULE_CATEGORIES.indexOf(category);
}

export const BUILTIN_RULES: readonly BuiltinRule[] = Object.freeze(
  [...IMAGE_RULES, ...RESOURCE_RULES, ...PROBE_RULES, ...SECURITY_RULES, ...AVAILABILITY_RULES, ...REFERENCE_RULES].sort(
    (a, b) => categoryRank(a.category) - categoryRank(b.category) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  ),
);

const BY_ID = new Map(BUILTIN_RULES.map((rule) => [rule.id, rule]));

/** The built-in rule with this id (without the `policy/` prefix), if there is one. */
export function builtinRule(id: string): BuiltinRule | undefined {
  return BY_ID.get(id);
}

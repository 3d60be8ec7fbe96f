// What `drydock policy list` shows: every rule with its effective severity and whether it runs.
import type { Severity } from "../findings/finding.js";
import type { RuleCategory } from "./builtin-rule.js";
import { BUILTIN_RULES } from "./builtin-catalog.js";
import { builtinEnabled, type CustomRule } from "./evaluate-policies.js";
import { effectiveSeverity, POLICY_PREFIX, type PolicySettings } from "./policy-settings.js";

export interface RuleListing {
  /** As findings report it: `policy/latest-tag`. */
  rule: string;
  severity: Severity;
  defaultSeverity: Severity;
  enabled: boolean;
  category: RuleCategory | "custom";
  description: string;
  hint?: string;
  /** The policy file of a TypeScript policy. */
  file?: string;
}

export function listRules(settings: PolicySettings, custom: readonly CustomRule[]): RuleListing[] {
  const builtin = BUILTIN_RULES.map((r) => ({
    rule: POLICY_PREFIX + r.id,
    severity: effectiveSeverity(r.id, r.severity, settings),
    defaultSeverity: r.severity,
    enabled: builtinEnabled(r, settings),
    category: r.category,
    description: r.description,
    hint: r.hint,
  }));
  const own = custom.map((p) => ({
    rule: POLICY_PREFIX + p.id,
    severity: effectiveSeverity(p.id, p.severity, settings),
    defaultSeverity: p.severity,
    enabled: !settings.disable.includes(p.id),
    category: "custom" as const,
    description: p.description,
    file: p.file,
  }));
  return [...builtin, ...own];
}

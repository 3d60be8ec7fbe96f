// How policies run, from drydock.yaml's `policy` section and the command line.
import type { Severity } from "../findings/finding.js";

export interface PolicySettings {
  /** Opt-in rules to run. Ids without the `policy/` prefix. */
  enable: string[];
  /** Rules not to run. */
  disable: string[];
  severities: Record<string, Severity>;
  /** Raise warnings (best practice) to errors. */
  strict: boolean;
  /** Options by rule id. */
  options: Record<string, Record<string, unknown>>;
  /** Time limit of one call of a TypeScript policy. */
  timeoutMs: number;
  /** Honour `drydock.dev/ignore` annotations (off with --no-exemptions). */
  exemptions: boolean;
}

export const DEFAULT_POLICY_SETTINGS: PolicySettings = {
  enable: [],
  disable: [],
  severities: {},
  strict: false,
  options: {},
  timeoutMs: 1000,
  exemptions: true,
};

export const POLICY_PREFIX = "policy/";

/** `policy/latest-tag` and `latest-tag` both name the rule `latest-tag`. */
export function bareRuleId(id: string): string {
  return id.startsWith(POLICY_PREFIX) ? id.slice(POLICY_PREFIX.length) : id;
}

export interface PolicyConfigSection {
  enable: string[];
  disable: string[];
  severities: Record<string, Severity>;
  strict: boolean;
  options: Record<string, Record<string, unknown>>;
  timeout: string;
}

/** drydock.yaml's section (already schema-checked) as settings. */
export function policySettingsFrom(section: PolicyConfigSection, overrides: { exemptions?: boolean } = {}): PolicySettings {
  return {
    enable: section.enable.map(bareRuleId),
    disable: section.disable.map(bareRuleId),
    severities: Object.fromEntries(Object.entries(section.severities).map(([id, s]) => [bareRuleId(id), s])),
    strict: section.strict,
    options: Object.fromEntries(Object.entries(section.options).map(([id, o]) => [bareRuleId(id), o])),
    timeoutMs: parseTimeout(section.timeout),
    exemptions: overrides.exemptions ?? true,
  };
}

/** "500ms" or "2s" (the schema allows nothing else). */
function parseTimeout(text: string): number {
  const match = /^(\d+)(ms|s)$/.exec(text);
  if (!match) return DEFAULT_POLICY_SETTINGS.timeoutMs;
  return Number(match[1]) * (match[2] === "s" ? 1000 : 1);
}

/** The severity a rule reports at: drydock.yaml's override, else the default raised by strict. */
export function effectiveSeverity(id: string, defaultSeverity: Severity, settings: PolicySettings): Severity {
  const override = settings.severities[id];
  if (override) return override;
  return settings.strict && defaultSeverity === "warning" ? "error" : defaultSeverity;
}

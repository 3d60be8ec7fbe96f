// Runs the built-in rules and the repository's TypeScript policies over the desired set, and sorts
// what they find into reported violations and exempted ones. Pure: objects in, violations out; the
// caller turns pointers into lines and columns.
import type { Finding, Severity } from "../findings/finding.js";
import type { ResourceKey } from "../manifests/resource-key.js";
import type { BuiltinRule } from "./builtin-rule.js";
import { BUILTIN_RULES } from "./builtin-catalog.js";
import { objectExemptions, IGNORE_ANNOTATION, type ObjectExemptions } from "./exemptions.js";
import type { PolicyResource } from "./policy-resource.js";
import { effectiveSeverity, POLICY_PREFIX, type PolicySettings } from "./policy-settings.js";
import { ResourceIndex } from "./resource-index.js";

/** A TypeScript policy, loaded and type-checked, as the evaluator runs it. */
export interface CustomRule {
  id: string;
  severity: Severity;
  description: string;
  /** The policy file. */
  file: string;
  appliesTo(resource: PolicyResource): boolean;
  run(
    targets: readonly PolicyResource[],
    options: { all: readonly PolicyResource[]; timeoutMs: number; options: Record<string, unknown> },
  ): { violations: Array<{ target: number; message: string; pointer: string }>; findings: Finding[] };
}

export interface PolicyViolation {
  /** `policy/<id>`, or `exemption/unknown-rule`. */
  rule: string;
  severity: Severity;
  message: string;
  hint?: string;
  resource: PolicyResource;
  /** JSON pointer inside the resource. */
  pointer: string;
  target: "key" | "value";
}

export interface ExemptedViolation extends PolicyViolation {
  reason?: string;
}

export interface PolicyEvaluation {
  violations: PolicyViolation[];
  exempted: ExemptedViolation[];
  /** Problems of the policies themselves (a TypeScript policy that threw or timed out). */
  findings: Finding[];
}

export interface PolicyRequest {
  /** The desired set: every object read from the repository, each with its source. */
  desired: readonly PolicyResource[];
  /** The live cluster's objects, when there is one: references to them resolve. */
  live?: readonly PolicyResource[];
  /** Objects tools generate from files that are not objects (kustomize's generators): they exist. */
  generated?: readonly ResourceKey[];
  settings: PolicySettings;
  custom?: readonly CustomRule[];
}

export function evaluatePolicies(request: PolicyRequest): PolicyEvaluation {
  const { settings } = request;
  const desired = request.desired.filter((r) => r.source);
  const index = new ResourceIndex(desired, request.live ?? [], request.generated ?? []);
  const raw: PolicyViolation[] = [];

  for (const rule of activeBuiltinRules(settings)) {
    const severity = effectiveSeverity(rule.id, rule.severity, settings);
    const options = { ...rule.defaults, ...settings.options[rule.id] };
    for (const resource of desired) {
      for (const v of rule.check(resource, { index, options })) {
        raw.push({ rule: POLICY_PREFIX + rule.id, severity, message: v.message, hint: v.hint ?? rule.hint, resource, pointer: v.pointer, target: v.target ?? "value" });
      }
    }
  }

  const findings: Finding[] = [];
  for (const policy of request.custom ?? []) {
    if (settings.disable.includes(policy.id)) continue;
    const targets = desired.filter((r) => policy.appliesTo(r));
    if (targets.length === 0) continue;
    const severity = effectiveSeverity(policy.id, policy.severity, settings);
    const result = policy.run(targets, { all: desired, timeoutMs: settings.timeoutMs, options: settings.options[policy.id] ?? {} });
    findings.push(...result.findings);
    for (const v of result.violations) {
      raw.push({ rule: POLICY_PREFIX + policy.id, severity, message: v.message, resource: targets[v.target], pointer: v.pointer, target: "value" });
    }
  }

  const known = new Set([...BUILTIN_RULES.map((r) => r.id), ...(request.custom ?? []).map((p) => p.id)]);
  return { ...applyExemptions(raw, desired, known, settings), findings };
}

/** Default rules, plus opt-in rules drydock.yaml enables, minus those it disables. */
export function activeBuiltinRules(settings: PolicySettings): BuiltinRule[] {
  return BUILTIN_RULES.filter((r) => builtinEnabled(r, settings));
}

export function builtinEnabled(rule: BuiltinRule, settings: PolicySettings): boolean {
  return (!rule.optIn || settings.enable.includes(rule.id)) && !settings.disable.includes(rule.id);
}

function applyExemptions(
  raw: readonly PolicyViolation[],
  desired: readonly PolicyResource[],
  known: ReadonlySet<string>,
  settings: PolicySettings,
): Omit<PolicyEvaluation, "findings"> {
  const violations: PolicyViolation[] = [];
  const exempted: ExemptedViolation[] = [];
  const declared = new Map<PolicyResource, ObjectExemptions | undefined>();
  const exemptionsOf = (r: PolicyResource): ObjectExemptions | undefined => {
    if (!declared.has(r)) declared.set(r, objectExemptions(r.object));
    return declared.get(r);
  };
  for (const v of raw) {
    const exemption = settings.exemptions ? exemptionsOf(v.resource) : undefined;
    if (exemption?.rules.has(v.rule.slice(POLICY_PREFIX.length))) exempted.push({ ...v, reason: exemption.reason });
    else violations.push(v);
  }
  // An exemption naming no rule is a typo that would otherwise silently exempt nothing.
  for (const resource of desired) {
    const exemption = exemptionsOf(resource);
    for (const id of exemption?.rules ?? []) {
      if (known.has(id)) continue;
      violations.push({
        rule: "exemption/unknown-rule",
        severity: "warning",
        message: `${IGNORE_ANNOTATION} names "${id}", which is not a policy rule; it exempts nothing`,
        hint: "use a rule id from `drydock policy list`, such as latest-tag",
        resource,
        pointer: `/metadata/annotations/${IGNORE_ANNOTATION.replace("/", "~1")}`,
        target: "value",
      });
    }
  }
  return { violations, exempted };
}

import type { Severity } from "../findings/finding.js";
import type { PolicyResource } from "./policy-resource.js";
import type { ResourceIndex } from "./resource-index.js";

export type RuleCategory = "images" | "resources" | "probes" | "security" | "availability" | "references";

/** One problem a rule found in one resource. */
export interface RuleViolation {
  message: string;
  /** JSON pointer inside the resource, e.g. `/spec/template/spec/containers/0/image`. */
  pointer: string;
  /** Points at the key of the pointed-to mapping entry rather than at its value (e.g. a field that should not be there). */
  target?: "key" | "value";
  /** Overrides the rule's hint when the remedy depends on the case. */
  hint?: string;
}

export interface RuleContext {
  /** Every desired object, plus the live cluster's when there is one; for cross-resource rules. */
  index: ResourceIndex;
  /** The rule's options from drydock.yaml (`policy.options.<id>`), over its defaults. */
  options: Readonly<Record<string, unknown>>;
}

/**
 * A built-in policy rule. Findings are reported as `policy/<id>`. Rules must be total: the object can
 * be any shape the YAML allowed (schema errors do not stop policies), so read fields defensively.
 */
export interface BuiltinRule {
  /** Stable id without the `policy/` prefix, e.g. `latest-tag`. */
  id: string;
  category: RuleCategory;
  /**
   * Default severity. Errors are what would break the workload in a real cluster; warnings are best
   * practice (`policy.strict` raises them to errors); infos are advice.
   */
  severity: Severity;
  /** One line: what the rule finds. */
  description: string;
  /** One line: what to do about it. */
  hint: string;
  /** Rules that run only when drydock.yaml's `policy.enable` names them. */
  optIn?: boolean;
  /** Option defaults; drydock.yaml `policy.options.<id>` overrides them key by key. */
  defaults?: Readonly<Record<string, unknown>>;
  check(resource: PolicyResource, context: RuleContext): RuleViolation[];
}

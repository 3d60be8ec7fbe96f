// A policy's `match`: which resources it is called on. Read from the policy's definition (plain data
// that left the sandbox as JSON), so it is checked here before use.
import { matchesLabelSelector, type LabelSelector, type LabelSelectorRequirement } from "../../kube/label-selector.js";
import type { PolicyResource } from "../policy-resource.js";
import { BUILTIN_KIND_GROUPS } from "./builtin-kinds.js";

export interface PolicyMatchSpec {
  /** `Kind` or `apiVersion/Kind` (`apps/v1/Deployment`, `v1/Pod`). */
  kinds?: string[];
  /** Effective namespaces. */
  namespaces?: string[];
  labelSelector?: LabelSelector;
}

export type MatchParse = { ok: true; match: PolicyMatchSpec } | { ok: false; problems: string[] };

const OPERATORS = new Set(["In", "NotIn", "Exists", "DoesNotExist"]);
const KIND = /^[A-Za-z][A-Za-z0-9]*$/;
const API_VERSION = /^([a-z0-9]([a-z0-9.-]*[a-z0-9])?\/)?v[0-9]+((alpha|beta)[0-9]+)?$/;

/** `raw` is `undefined` when the definition has no `match`. */
export function parseMatch(raw: unknown): MatchParse {
  if (raw === undefined || raw === null) return { ok: true, match: {} };
  if (!isRecord(raw)) return { ok: false, problems: ["match must be an object with kinds, namespaces or labelSelector"] };
  const problems: string[] = [];
  const match: PolicyMatchSpec = {};
  for (const key of Object.keys(raw)) {
    if (key !== "kinds" && key !== "namespaces" && key !== "labelSelector") problems.push(`match has an unknown field "${key}"`);
  }
  if (raw.kinds !== undefined) {
    if (!isStringArray(raw.kinds)) problems.push("match.kinds must be a list of kinds");
    else if (raw.kinds.length === 0) problems.push("match.kinds is empty, so the policy would never run; leave it out to match every kind");
    else {
      for (const kind of raw.kinds) if (!parseKind(kind)) problems.push(`match.kinds has "${kind}", which is neither Kind nor apiVersion/Kind`);
      match.kinds = raw.kinds;
    }
  }
  if (raw.namespaces !== undefined) {
    if (!isStringArray(raw.namespaces)) problems.push("match.namespaces must be a list of namespace names");
    else if (raw.namespaces.length === 0) problems.push("match.namespaces is empty, so the policy would never run; leave it out to match every namespace");
    else match.namespaces = raw.namespaces;
  }
  if (raw.labelSelector !== undefined) {
    const selector = parseSelector(raw.labelSelector, problems);
    if (selector) match.labelSelector = selector;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, match };
}

/** Whether `match` selects `resource`: every given field must hold. */
export function policyMatches(match: PolicyMatchSpec, resource: PolicyResource): boolean {
  return compiledMatcher(match)(resource);
}

type Matcher = (resource: PolicyResource) => boolean;

const matchers = new WeakMap<PolicyMatchSpec, Matcher>();

/** Kinds are parsed once per match, not once per resource. */
export function compiledMatcher(match: PolicyMatchSpec): Matcher {
  let matcher = matchers.get(match);
  if (!matcher) {
    matcher = compileMatch(match);
    matchers.set(match, matcher);
  }
  return matcher;
}

function compileMatch(match: PolicyMatchSpec): Matcher {
  const kinds = match.kinds?.map(parseKind).filter((k): k is KindSelector => k !== undefined);
  const namespaces = match.namespaces ? new Set(match.namespaces) : undefined;
  const selector = match.labelSelector;
  return (resource) => {
    if (kinds && !kinds.some((k) => kindMatches(k, resource))) return false;
    if (namespaces && (resource.key.namespace === undefined || !namespaces.has(resource.key.namespace))) return false;
    if (selector && !matchesLabelSelector(selector, labelsOf(resource))) return false;
    return true;
  };
}

type KindSelector = { kind: string; apiVersion?: string };

function parseKind(text: string): KindSelector | undefined {
  const slash = text.lastIndexOf("/");
  const kind = text.slice(slash + 1);
  if (!KIND.test(kind)) return undefined;
  if (slash < 0) return { kind };
  const apiVersion = text.slice(0, slash);
  return API_VERSION.test(apiVersion) ? { kind, apiVersion } : undefined;
}

function kindMatches(selector: KindSelector, resource: PolicyResource): boolean {
  if (resource.key.kind !== selector.kind) return false;
  if (selector.apiVersion !== undefined) return resource.apiVersion === selector.apiVersion;
  const groups = BUILTIN_KIND_GROUPS.get(selector.kind);
  return groups === undefined || groups.has(resource.key.group);
}

function labelsOf(resource: PolicyResource): Record<string, string> {
  const metadata = resource.object.metadata;
  const labels = isRecord(metadata) ? metadata.labels : undefined;
  if (!isRecord(labels)) return {};
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) if (typeof value === "string") result[key] = value;
  return result;
}

function parseSelector(raw: unknown, problems: string[]): LabelSelector | undefined {
  if (!isRecord(raw)) {
    problems.push("match.labelSelector must be an object with matchLabels or matchExpressions");
    return undefined;
  }
  const selector: LabelSelector = {};
  if (raw.matchLabels !== undefined) {
    if (!isRecord(raw.matchLabels) || !Object.values(raw.matchLabels).every((v) => typeof v === "string")) {
      problems.push("match.labelSelector.matchLabels must map label names to strings");
    } else selector.matchLabels = raw.matchLabels as Record<string, string>;
  }
  if (raw.matchExpressions !== undefined) {
    if (!Array.isArray(raw.matchExpressions)) problems.push("match.labelSelector.matchExpressions must be a list");
    else {
      const requirements: LabelSelectorRequirement[] = [];
      for (const [i, item] of raw.matchExpressions.entries()) {
        const requirement = parseRequirement(item);
        if (typeof requirement === "string") problems.push(`match.labelSelector.matchExpressions[${i}]: ${requirement}`);
        else requirements.push(requirement);
      }
      selector.matchExpressions = requirements;
    }
  }
  return selector;
}

/** The requirement, or what is wrong with it (the rules of metav1.LabelSelectorRequirement). */
function parseRequirement(raw: unknown): LabelSelectorRequirement | string {
  if (!isRecord(raw) || typeof raw.key !== "string" || typeof raw.operator !== "string") return "needs a key and an operator";
  if (!OPERATORS.has(raw.operator)) return `operator must be In, NotIn, Exists or DoesNotExist, not "${raw.operator}"`;
  if (raw.values !== undefined && !isStringArray(raw.values)) return "values must be a list of strings";
  const values = raw.values as string[] | undefined;
  const needsValues = raw.operator === "In" || raw.operator === "NotIn";
  if (needsValues && (values ?? []).length === 0) return `${raw.operator} needs values`;
  if (!needsValues && (values ?? []).length > 0) return `${raw.operator} takes no values`;
  return values ? { key: raw.key, operator: raw.operator, values } : { key: raw.key, operator: raw.operator };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

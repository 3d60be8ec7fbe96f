// The policy stage of validate (and later plan and apply): the validated objects as policy resources,
// the policies run over them, and their violations placed at file:line:col.
import type { Finding } from "../findings/finding.js";
import type { FindingDraft } from "../findings/finding-draft.js";
import { formatResourceKey, type ResourceKey } from "../manifests/resource-key.js";
import { evaluatePolicies, type CustomRule, type PolicyViolation } from "../policy/evaluate-policies.js";
import type { PolicyResource } from "../policy/policy-resource.js";
import type { PolicySettings } from "../policy/policy-settings.js";
import type { ManifestRecord } from "./validate-batch.js";

export interface PolicyStageOptions {
  settings: PolicySettings;
  /** TypeScript policies that loaded and type-checked. */
  custom: readonly CustomRule[];
  /** Findings made while loading them (type errors, invalid definitions), reported with the rest. */
  findings: readonly Finding[];
  /** The live cluster's objects, when there is one. */
  live?: readonly PolicyResource[];
}

/** A finding that an object's `drydock.dev/ignore` annotation exempts: counted and listed, not reported. */
export interface ExemptedFinding extends Finding {
  reason?: string;
}

export interface PolicyStageResult {
  findings: Finding[];
  exemptions: ExemptedFinding[];
}

export type Positioner = (file: string, draft: FindingDraft) => Promise<Finding>;

export interface PolicyStageInput {
  position: Positioner;
  /** Objects that tools will generate from the input (kustomize's generators). */
  generated: readonly ResourceKey[];
}

export async function runPolicyStage(records: readonly ManifestRecord[], options: PolicyStageOptions, input: PolicyStageInput): Promise<PolicyStageResult> {
  const { position } = input;
  const desired = records.map(policyResourceOf);
  const evaluation = evaluatePolicies({ desired, live: options.live, generated: input.generated, settings: options.settings, custom: options.custom });
  const place = (v: PolicyViolation): Promise<Finding> => position(v.resource.source!.file, draftOf(v));
  const findings = [...options.findings, ...evaluation.findings, ...(await Promise.all(evaluation.violations.map(place)))];
  const exemptions = await Promise.all(evaluation.exempted.map(async (v) => ({ ...(await place(v)), ...(v.reason ? { reason: v.reason } : {}) })));
  return { findings, exemptions };
}

export function policyResourceOf(record: ManifestRecord): PolicyResource {
  return {
    key: record.key,
    apiVersion: record.apiVersion,
    object: record.object,
    display: formatResourceKey(record.key),
    source: { file: record.file, documentIndex: record.documentIndex, pointer: record.pointer },
  };
}

function draftOf(v: PolicyViolation): FindingDraft {
  const source = v.resource.source!;
  return {
    severity: v.severity,
    rule: v.rule,
    message: v.message,
    hint: v.hint,
    resource: v.resource.display,
    pointer: v.pointer,
    location: { kind: "node", documentIndex: source.documentIndex, pointer: `${source.pointer}${v.pointer}`, target: v.target },
  };
}

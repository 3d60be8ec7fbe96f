// Admission of batch/v1 Jobs: the API server's defaults (SetDefaults_Job, the pod-spec defaults of
// the template), the Job strategy's generated selector on create (the controller-uid and job-name
// labels), and validation with upstream's messages — including the parts of a Job that cannot change.
import { isDeepStrictEqual } from "node:util";
import type { LabelSelector } from "../../kube/label-selector.js";
import type { AdmissionRequest } from "../store/admission.js";
import type { KubeObject } from "../store/kube-object.js";
import { goLabelSelector, goStringMap } from "../workloads/go-values.js";
import { selects } from "../workloads/replicaset-sync.js";
import type { PodTemplate } from "../workloads/workload-types.js";
import {
  CONTROLLER_UID_LABEL,
  JOB_NAME_LABEL,
  LEGACY_CONTROLLER_UID_LABEL,
  LEGACY_JOB_NAME_LABEL,
  jobSpec,
  type JobSpec,
} from "./batch-types.js";
import { defaultTemplatePodSpec, validateJobSpec } from "./job-spec-validation.js";

export const DEFAULT_BACKOFF_LIMIT = 6;

/** Defaults, the generated selector (on create), then validation: the errors refusing the write. */
export function admitJob(request: AdmissionRequest): string[] {
  const job = request.object;
  const userTemplateLabels = { ...(jobSpec(job).template?.metadata?.labels ?? {}) };
  defaultJob(job);
  if (request.operation === "create") generateSelector(job, userTemplateLabels);
  const current = request.current;
  if (!current) return [...validateGeneratedSelector(job), ...validateJob(jobSpec(job))];
  return [...validateJob(jobSpec(job)), ...immutableParts(job, current)];
}

export function defaultJob(job: KubeObject): void {
  const spec = (job.spec ??= {}) as JobSpec;
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= DEFAULT_BACKOFF_LIMIT;
  spec.completionMode ??= "NonIndexed";
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= "TerminatingOrFailed";
  defaultTemplatePodSpec(spec);
  job.spec = inApiOrder(spec);
}

/** JobSpec's fields in the order the API server writes them; fields it does not know go last. */
const JOB_SPEC_ORDER = [
  "parallelism",
  "completions",
  "activeDeadlineSeconds",
  "podFailurePolicy",
  "successPolicy",
  "backoffLimit",
  "backoffLimitPerIndex",
  "maxFailedIndexes",
  "selector",
  "manualSelector",
  "template",
  "ttlSecondsAfterFinished",
  "completionMode",
  "suspend",
  "podReplacementPolicy",
  "managedBy",
];

function inApiOrder(spec: JobSpec): JobSpec {
  const source = spec as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of JOB_SPEC_ORDER) if (source[key] !== undefined) out[key] = source[key];
  for (const [key, value] of Object.entries(source)) if (!(key in out) && value !== undefined) out[key] = value;
  const template = out.template as PodTemplate | undefined;
  if (template && typeof template === "object") {
    const { metadata, spec: podSpec, ...rest } = template;
    out.template = { ...(metadata !== undefined ? { metadata } : {}), ...(podSpec !== undefined ? { spec: podSpec } : {}), ...rest };
  }
  return out as JobSpec;
}

/**
 * Unless the selector is manual, the template gets the job-name and controller-uid labels (the
 * legacy ones too) and the selector selects the uid. The Job keeps the labels its user gave the
 * template, or else takes the template's labels, as defaulting on read makes the API server show.
 */
function generateSelector(job: KubeObject, userTemplateLabels: Record<string, string>): void {
  const spec = jobSpec(job);
  if (spec.manualSelector === true || !spec.template) {
    copyLabelsToJob(job, userTemplateLabels);
    return;
  }
  const name = job.metadata.name ?? "";
  const uid = job.metadata.uid ?? "";
  const template = spec.template as PodTemplate;
  const labels: Record<string, string> = { ...(template.metadata?.labels ?? {}) };
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) labels[key] ??= name;
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) labels[key] ??= uid;
  template.metadata = { ...template.metadata, labels: sortedMap(labels) };
  const selector: LabelSelector = { ...spec.selector };
  selector.matchLabels = { ...selector.matchLabels };
  selector.matchLabels[CONTROLLER_UID_LABEL] ??= uid;
  spec.selector = selector;
  job.spec = inApiOrder(spec);
  copyLabelsToJob(job, Object.keys(userTemplateLabels).length > 0 ? userTemplateLabels : labels);
}

function copyLabelsToJob(job: KubeObject, labels: Record<string, string>): void {
  if (Object.keys(job.metadata.labels ?? {}).length === 0 && Object.keys(labels).length > 0) job.metadata.labels = sortedMap(labels);
}

function sortedMap(map: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(map).sort()) out[key] = map[key];
  return out;
}

/** Without a manual selector, the selector must be exactly the generated one. */
function validateGeneratedSelector(job: KubeObject): string[] {
  const spec = jobSpec(job);
  if (spec.manualSelector === true || !spec.selector) return [];
  const expected: LabelSelector = { matchLabels: { [CONTROLLER_UID_LABEL]: job.metadata.uid ?? "" } };
  if (isDeepStrictEqual(normalSelector(spec.selector), normalSelector(expected))) return [];
  return [`spec.selector: Invalid value: ${goLabelSelector(spec.selector)}: \`selector\` not auto-generated`];
}

/** ValidateJobSpec: the spec, a selector, and a template the selector selects. */
function validateJob(spec: JobSpec): string[] {
  const errors = validateJobSpec(spec, "spec");
  const selector = spec.selector;
  if (!selector) {
    errors.push("spec.selector: Required value");
  } else {
    const labels = spec.template?.metadata?.labels;
    if (!selectsOrEmpty(selector, labels ?? {})) {
      errors.push(`spec.template.metadata.labels: Invalid value: ${goStringMap(labels)}: \`selector\` does not match template \`labels\``);
    }
  }
  return errors;
}

/** An empty selector selects everything here (labels.Selector semantics), unlike a workload's. */
function selectsOrEmpty(selector: LabelSelector, labels: Record<string, string>): boolean {
  if (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0) return true;
  return selects(selector, labels);
}

/**
 * ValidateJobSpecUpdate: selector, completions, completion mode and the pod template are fixed once
 * created. A Job that is suspended and has never started may still change its template's labels,
 * annotations, node selector, tolerations, affinity and scheduling gates.
 */
function immutableParts(job: KubeObject, current: KubeObject): string[] {
  const spec = jobSpec(job);
  const before = jobSpec(current);
  const errors: string[] = [];
  if (spec.completions !== before.completions) errors.push(`spec.completions: Invalid value: ${spec.completions ?? "null"}: field is immutable`);
  if (!isDeepStrictEqual(normalSelector(spec.selector), normalSelector(before.selector))) {
    errors.push(`spec.selector: Invalid value: ${spec.selector ? goLabelSelector(spec.selector) : "null"}: field is immutable`);
  }
  if (!isDeepStrictEqual(comparableTemplate(spec.template, before.template, mayReschedule(current)), comparableTemplate(before.template, before.template, false))) {
    errors.push("spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable");
  }
  if (spec.completionMode !== before.completionMode) errors.push(`spec.completionMode: Invalid value: ${JSON.stringify(spec.completionMode ?? null)}: field is immutable`);
  return errors;
}

function mayReschedule(current: KubeObject): boolean {
  return jobSpec(current).suspend === true && (current.status as { startTime?: string } | undefined)?.startTime === undefined;
}

/** The template as the immutability check compares it; the mutable parts are taken from `base`. */
function comparableTemplate(template: PodTemplate | undefined, base: PodTemplate | undefined, mutableScheduling: boolean): unknown {
  const copy = structuredClone(template ?? {}) as PodTemplate;
  if (mutableScheduling) {
    const metadata = { ...copy.metadata };
    const spec = { ...copy.spec };
    const baseSpec = base?.spec ?? {};
    for (const key of ["labels", "annotations"] as const) setOrDelete(metadata, key, base?.metadata?.[key]);
    for (const key of ["nodeSelector", "tolerations", "affinity", "schedulingGates"]) setOrDelete(spec, key, baseSpec[key]);
    copy.metadata = metadata;
    copy.spec = spec;
  }
  return JSON.parse(JSON.stringify(copy));
}

function setOrDelete(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

/** Empty lists and maps count as absent, as apimachinery's semantic equality has it. */
function normalSelector(selector: LabelSelector | undefined): unknown {
  if (!selector) return undefined;
  const out: Record<string, unknown> = {};
  if (Object.keys(selector.matchLabels ?? {}).length > 0) out.matchLabels = selector.matchLabels;
  if ((selector.matchExpressions ?? []).length > 0) out.matchExpressions = selector.matchExpressions;
  return out;
}

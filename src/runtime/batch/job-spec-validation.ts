// Validation of a JobSpec, shared by Jobs and by CronJobs' job templates (upstream's validateJobSpec
// and ValidatePodTemplateSpecForJob in pkg/apis/batch/validation): counts that must not be negative,
// the completion mode, the pod replacement policy and the pod template, whose restart policy must be
// OnFailure or Never. Messages are the API server's field errors under `path`.
import { defaultPodSpec } from "../admission/pod-spec-defaults.js";
import type { JobSpec } from "./batch-types.js";

export function validateJobSpec(spec: JobSpec, path: string): string[] {
  const errors: string[] = [];
  errors.push(...nonNegative(`${path}.parallelism`, spec.parallelism));
  errors.push(...nonNegative(`${path}.completions`, spec.completions));
  errors.push(...nonNegative(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds));
  errors.push(...nonNegative(`${path}.backoffLimit`, spec.backoffLimit));
  errors.push(...nonNegative(`${path}.ttlSecondsAfterFinished`, spec.ttlSecondsAfterFinished));
  const mode = spec.completionMode;
  if (mode !== undefined) {
    if (mode !== "NonIndexed" && mode !== "Indexed") {
      errors.push(`${path}.completionMode: Unsupported value: ${JSON.stringify(mode)}: supported values: "NonIndexed", "Indexed"`);
    }
    if (mode === "Indexed" && spec.completions === undefined) errors.push(`${path}.completions: Required value: when completion mode is Indexed`);
  }
  const replacement = spec.podReplacementPolicy;
  if (replacement !== undefined && replacement !== "Failed" && replacement !== "TerminatingOrFailed") {
    errors.push(`${path}.podReplacementPolicy: Unsupported value: ${JSON.stringify(replacement)}: supported values: "Failed", "TerminatingOrFailed"`);
  }
  const podSpec = spec.template?.spec as { containers?: unknown[]; restartPolicy?: string } | undefined;
  if (!podSpec || !Array.isArray(podSpec.containers) || podSpec.containers.length === 0) errors.push(`${path}.template.spec.containers: Required value`);
  const policy = podSpec?.restartPolicy;
  if (policy !== "OnFailure" && policy !== "Never") errors.push(`${path}.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"`);
  return errors;
}

export function nonNegative(path: string, value: number | undefined): string[] {
  return value !== undefined && value < 0 ? [`${path}: Invalid value: ${value}: must be greater than or equal to 0`] : [];
}

/** The pod-spec defaults every pod template gets. */
export function defaultTemplatePodSpec(spec: JobSpec): void {
  const podSpec = spec.template?.spec;
  if (podSpec && typeof podSpec === "object") defaultPodSpec(podSpec);
}

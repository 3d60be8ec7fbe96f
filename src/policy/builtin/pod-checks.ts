// Runs a check over the pod, or each container, of any resource that runs pods; other resources
// yield nothing. Rules written this way cover Pods, controllers and CronJobs at once.
import type { RuleViolation } from "../builtin-rule.js";
import type { PolicyResource } from "../policy-resource.js";
import { containersOf, podTemplateOf, type ContainerRef, type ContainerSelection, type PodTemplate } from "../pod-templates.js";

type Found = RuleViolation | readonly RuleViolation[] | undefined;

export function checkPod(resource: PolicyResource, check: (template: PodTemplate) => Found): RuleViolation[] {
  const template = podTemplateOf(resource);
  return template ? collect([], check(template)) : [];
}

export function checkContainers(
  resource: PolicyResource,
  selection: ContainerSelection,
  check: (container: ContainerRef, template: PodTemplate) => Found,
): RuleViolation[] {
  const template = podTemplateOf(resource);
  if (!template) return [];
  const out: RuleViolation[] = [];
  for (const ref of containersOf(template, selection)) collect(out, check(ref, template));
  return out;
}

function collect(out: RuleViolation[], found: Found): RuleViolation[] {
  if (found === undefined) return out;
  if (Array.isArray(found)) out.push(...(found as readonly RuleViolation[]));
  else out.push(found as RuleViolation);
  return out;
}

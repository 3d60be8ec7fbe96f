// Admission of HorizontalPodAutoscalers: the API server's defaults (SetDefaults_HorizontalPodAutoscaler:
// minReplicas 1, the CPU 80 % metric when none is given, and the defaults of a `behavior` that is
// given — an HPA without `behavior` keeps none; the controller then applies its own rules), then
// its validation with upstream's messages.
import type { AdmissionPlugin, AdmissionRequest } from "../store/admission.js";
import { refOf, type KubeObject } from "../store/kube-object.js";
import { errorDetails, qualifiedKind, storeError, type StoreError } from "../store/store-errors.js";
import { DEFAULT_CPU_UTILIZATION, isAutoscalingV1, isHorizontalPodAutoscaler, type HpaSpec, type MetricSpec, type MetricTarget, type ScalingRules } from "./hpa-types.js";
import { cpuUtilizationMetric } from "./hpa-view.js";
import { milliValue } from "./milli-quantity.js";
import { defaultScaleDownRules, defaultScaleUpRules } from "./scaling-rules.js";

const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const METRIC_SOURCE_TYPES = ["ContainerResource", "External", "Object", "Pods", "Resource"];
const SOURCE_FIELDS: Record<string, keyof MetricSpec> = {
  ContainerResource: "containerResource",
  External: "external",
  Object: "object",
  Pods: "pods",
  Resource: "resource",
};

export const hpaAdmission: AdmissionPlugin = (request) => {
  const object = request.object;
  if (!isHorizontalPodAutoscaler(object)) return undefined;
  defaultHorizontalPodAutoscaler(object);
  return refuse(request, validateHorizontalPodAutoscaler(object));
};

export function defaultHorizontalPodAutoscaler(object: KubeObject): void {
  const spec = (object.spec ??= {}) as Partial<HpaSpec>;
  spec.minReplicas ??= 1;
  if (isAutoscalingV1(object)) return;
  if (!spec.metrics || spec.metrics.length === 0) spec.metrics = [cpuUtilizationMetric(DEFAULT_CPU_UTILIZATION)];
  if (spec.behavior) {
    spec.behavior = { scaleUp: defaultScaleUpRules(spec.behavior.scaleUp), scaleDown: defaultScaleDownRules(spec.behavior.scaleDown) };
  }
}

function refuse(request: AdmissionRequest, errors: string[]): StoreError | undefined {
  if (errors.length === 0) return undefined;
  const ref = refOf(request.object);
  const body = errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
  return storeError("Invalid", `${qualifiedKind(ref.group, ref.kind)} "${ref.name}" is invalid: ${body}`, errorDetails(ref, request.store.kindInfo(ref.group, ref.kind)));
}

export function validateHorizontalPodAutoscaler(object: KubeObject): string[] {
  const spec = (object.spec ?? {}) as Partial<HpaSpec> & { targetCPUUtilizationPercentage?: number };
  const errors: string[] = [];
  const max = spec.maxReplicas ?? 0;
  if (spec.minReplicas !== undefined && spec.minReplicas < 1) errors.push(`spec.minReplicas: Invalid value: ${spec.minReplicas}: must be greater than or equal to 1`);
  if (max < 1) errors.push(`spec.maxReplicas: Invalid value: ${max}: must be greater than 0`);
  if (spec.minReplicas !== undefined && max < spec.minReplicas) errors.push(`spec.maxReplicas: Invalid value: ${max}: must be greater than or equal to \`minReplicas\``);
  errors.push(...crossVersionReference(spec.scaleTargetRef, "spec.scaleTargetRef"));
  if (isAutoscalingV1(object)) {
    const target = spec.targetCPUUtilizationPercentage;
    if (target !== undefined && target < 1) errors.push(`spec.targetCPUUtilizationPercentage: Invalid value: ${target}: must be greater than 0`);
    return errors;
  }
  (spec.metrics ?? []).forEach((metric, i) => errors.push(...metricSpec(metric, `spec.metrics[${i}]`)));
  if (spec.behavior) {
    errors.push(...scalingRules(spec.behavior.scaleUp, "spec.behavior.scaleUp"));
    errors.push(...scalingRules(spec.behavior.scaleDown, "spec.behavior.scaleDown"));
  }
  return errors;
}

function crossVersionReference(ref: { kind?: string; name?: string } | undefined, path: string): string[] {
  const errors: string[] = [];
  for (const field of ["kind", "name"] as const) {
    const value = ref?.[field] ?? "";
    if (value === "") errors.push(`${path}.${field}: Required value`);
    else errors.push(...pathSegmentName(value).map((message) => `${path}.${field}: Invalid value: ${JSON.stringify(value)}: ${message}`));
  }
  return errors;
}

// IsValidPathSegmentName
function pathSegmentName(name: string): string[] {
  if (name === "." || name === "..") return [`may not be '${name}'`];
  const errors: string[] = [];
  for (const illegal of ["/", "%"]) if (name.includes(illegal)) errors.push(`may not contain '${illegal}'`);
  return errors;
}

function metricSpec(metric: MetricSpec, path: string): string[] {
  const errors: string[] = [];
  const type = metric.type ?? "";
  if (type === "") errors.push(`${path}.type: Required value: must specify a metric source type`);
  else if (!METRIC_SOURCE_TYPES.includes(type)) errors.push(`${path}.type: Unsupported value: ${JSON.stringify(type)}: supported values: ${METRIC_SOURCE_TYPES.map((t) => JSON.stringify(t)).join(", ")}`);
  const expected = SOURCE_FIELDS[type];
  const present = Object.values(SOURCE_FIELDS).filter((field) => metric[field] !== undefined && metric[field] !== null);
  if (present.length !== 1) for (const field of present) if (field !== expected) errors.push(`${path}.${field}: Forbidden: must populate the given metric source only`);
  if (expected === undefined) return errors;
  if (metric[expected] === undefined || metric[expected] === null) {
    errors.push(`${path}.${expected}: Required value: must populate information for the given metric source`);
    return errors;
  }
  switch (type) {
    case "Resource":
    case "ContainerResource": {
      const source = (metric.resource ?? metric.containerResource) as { name?: string; container?: string; target?: MetricTarget };
      const at = `${path}.${expected}`;
      if (!source.name) errors.push(`${at}.name: Required value: must specify a resource name`);
      if (type === "ContainerResource" && !source.container) errors.push(`${at}.container: Required value: must specify a container`);
      const target = source.target ?? ({} as MetricTarget);
      errors.push(...metricTarget(target, `${at}.target`));
      if (target.averageUtilization === undefined && target.averageValue === undefined) errors.push(`${at}.target.averageUtilization: Required value: must set either a target raw value or a target utilization`);
      if (target.averageUtilization !== undefined && target.averageValue !== undefined) errors.push(`${at}.target.averageValue: Forbidden: may not set both a target raw value and a target utilization`);
      return errors;
    }
    default: {
      const source = metric[expected] as { metric?: { name?: string }; target?: MetricTarget };
      if (!source.metric?.name) errors.push(`${path}.${expected}.metric.name: Required value: must specify a metric name`);
      errors.push(...metricTarget(source.target ?? ({} as MetricTarget), `${path}.${expected}.target`));
      return errors;
    }
  }
}

function metricTarget(target: MetricTarget, path: string): string[] {
  const errors: string[] = [];
  const type = target.type ?? "";
  if (type === "") errors.push(`${path}.type: Required value: must specify a metric target type`);
  else if (!["Utilization", "Value", "AverageValue"].includes(type)) errors.push(`${path}.type: Invalid value: ${JSON.stringify(type)}: must be either Utilization, Value, or AverageValue`);
  for (const field of ["value", "averageValue"] as const) {
    const quantity = target[field];
    if (quantity !== undefined && !((milliValue(quantity) ?? 0) > 0)) errors.push(`${path}.${field}: Invalid value: ${JSON.stringify(String(quantity))}: must be positive`);
  }
  if (target.averageUtilization !== undefined && target.averageUtilization < 1) errors.push(`${path}.averageUtilization: Invalid value: ${target.averageUtilization}: must be greater than 0`);
  return errors;
}

function scalingRules(rules: ScalingRules | undefined, path: string): string[] {
  if (!rules) return [];
  const errors: string[] = [];
  const window = rules.stabilizationWindowSeconds;
  if (window !== undefined && window < 0) errors.push(`${path}.stabilizationWindowSeconds: Invalid value: ${window}: must be greater than or equal to zero`);
  if (window !== undefined && window > MAX_STABILIZATION_WINDOW_SECONDS) errors.push(`${path}.stabilizationWindowSeconds: Invalid value: ${window}: must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`);
  if (rules.selectPolicy !== undefined && !["Disabled", "Max", "Min"].includes(rules.selectPolicy)) {
    errors.push(`${path}.selectPolicy: Unsupported value: ${JSON.stringify(rules.selectPolicy)}: supported values: "Disabled", "Max", "Min"`);
  }
  const policies = rules.policies ?? [];
  if (policies.length === 0) errors.push(`${path}.policies: Required value: must specify at least one Policy`);
  policies.forEach((policy, i) => {
    const at = `${path}.policies[${i}]`;
    if (policy.type !== "Pods" && policy.type !== "Percent") errors.push(`${at}.type: Unsupported value: ${JSON.stringify(policy.type ?? "")}: supported values: "Percent", "Pods"`);
    if (!(policy.value > 0)) errors.push(`${at}.value: Invalid value: ${policy.value ?? 0}: must be greater than zero`);
    if (!(policy.periodSeconds > 0)) errors.push(`${at}.periodSeconds: Invalid value: ${policy.periodSeconds ?? 0}: must be greater than zero`);
    if (policy.periodSeconds > MAX_PERIOD_SECONDS) errors.push(`${at}.periodSeconds: Invalid value: ${policy.periodSeconds}: must be less than or equal to ${MAX_PERIOD_SECONDS}`);
  });
  return errors;
}

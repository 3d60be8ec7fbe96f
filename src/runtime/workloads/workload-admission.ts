// Admission of apps/v1 Deployments and ReplicaSets: the API server's defaults (SetDefaults_Deployment,
// SetDefaults_ReplicaSet and the pod-spec defaults of the template), then its validation, whose
// messages are upstream's: a selector that does not select the template's labels, a changed
// selector (immutable in apps/v1), bad replica counts and rolling-update parameters.
import { defaultPodSpec } from "../admission/pod-spec-defaults.js";
import type { AdmissionPlugin, AdmissionRequest } from "../store/admission.js";
import { refOf, type KubeObject } from "../store/kube-object.js";
import { errorDetails, qualifiedKind, storeError, type StoreError } from "../store/store-errors.js";
import { isDeepStrictEqual } from "node:util";
import { goLabelSelector, goStringMap } from "./go-values.js";
import { selects } from "./replicaset-sync.js";
import { isDeployment, isReplicaSet, type DeploymentSpec, type IntOrString, type ReplicaSetSpec } from "./workload-types.js";

export const workloadAdmission: AdmissionPlugin = (request) => {
  const object = request.object;
  if (isDeployment(object)) {
    defaultDeployment(object);
    return refuse(request, validateDeployment(object, request.current));
  }
  if (isReplicaSet(object)) {
    defaultReplicaSet(object);
    return refuse(request, validateReplicaSet(object, request.current));
  }
  return undefined;
};

export function defaultDeployment(object: KubeObject): void {
  const spec = (object.spec ??= {}) as DeploymentSpec;
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const rolling = (strategy.rollingUpdate ??= {});
    rolling.maxUnavailable ??= "25%";
    rolling.maxSurge ??= "25%";
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultTemplate(spec);
}

export function defaultReplicaSet(object: KubeObject): void {
  const spec = (object.spec ??= {}) as ReplicaSetSpec;
  spec.replicas ??= 1;
  defaultTemplate(spec);
}

function defaultTemplate(spec: { template?: { spec?: Record<string, unknown> } }): void {
  const podSpec = spec.template?.spec;
  if (podSpec && typeof podSpec === "object") defaultPodSpec(podSpec);
}

/** `Deployment.apps "web" is invalid: <error>`, or `[<e1>, <e2>]` for several. */
function refuse(request: AdmissionRequest, errors: string[]): StoreError | undefined {
  if (errors.length === 0) return undefined;
  const ref = refOf(request.object);
  const body = errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
  return storeError("Invalid", `${qualifiedKind(ref.group, ref.kind)} "${ref.name}" is invalid: ${body}`, errorDetails(ref, request.store.kindInfo(ref.group, ref.kind)));
}

function validateDeployment(object: KubeObject, current: KubeObject | undefined): string[] {
  const spec = object.spec as DeploymentSpec;
  const errors = [...nonNegative("spec.replicas", spec.replicas), ...validateSelectorAndTemplate(spec, "deployment")];
  errors.push(...validateStrategy(spec.strategy));
  errors.push(...nonNegative("spec.minReadySeconds", spec.minReadySeconds));
  errors.push(...nonNegative("spec.revisionHistoryLimit", spec.revisionHistoryLimit));
  if (spec.progressDeadlineSeconds !== undefined) {
    errors.push(...nonNegative("spec.progressDeadlineSeconds", spec.progressDeadlineSeconds));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errors.push(`spec.progressDeadlineSeconds: Invalid value: ${spec.progressDeadlineSeconds}: must be greater than minReadySeconds`);
    }
  }
  errors.push(...immutableSelector(spec, current));
  return errors;
}

function validateReplicaSet(object: KubeObject, current: KubeObject | undefined): string[] {
  const spec = object.spec as ReplicaSetSpec;
  const errors = [...nonNegative("spec.replicas", spec.replicas), ...nonNegative("spec.minReadySeconds", spec.minReadySeconds)];
  errors.push(...validateSelectorAndTemplate(spec, "deployment"));
  errors.push(...immutableSelector(spec, current));
  return errors;
}

function nonNegative(path: string, value: number | undefined): string[] {
  return value !== undefined && value < 0 ? [`${path}: Invalid value: ${value}: must be greater than or equal to 0`] : [];
}

// Upstream's ReplicaSet validation reuses the Deployment's wording for an empty selector.
function validateSelectorAndTemplate(spec: DeploymentSpec | ReplicaSetSpec, wording: "deployment"): string[] {
  const errors: string[] = [];
  const selector = spec.selector;
  if (selector === undefined || selector === null) {
    errors.push("spec.selector: Required value");
  } else if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0) {
    errors.push(`spec.selector: Invalid value: ${goLabelSelector(selector)}: empty selector is invalid for ${wording}`);
  }
  const template = spec.template;
  if (!template) {
    errors.push("spec.template: Required value");
    return errors;
  }
  const labels = template.metadata?.labels;
  const empty = selector !== undefined && selector !== null && Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0;
  // A missing selector selects nothing (so never matches); an empty one is not checked against labels.
  if (!empty && !selects(selector ?? undefined, labels ?? {})) {
    errors.push(`spec.template.metadata.labels: Invalid value: ${goStringMap(labels)}: \`selector\` does not match template \`labels\``);
  }
  const podSpec = template.spec as { containers?: unknown[]; restartPolicy?: string; activeDeadlineSeconds?: number } | undefined;
  if (!podSpec || !Array.isArray(podSpec.containers) || podSpec.containers.length === 0) errors.push("spec.template.spec.containers: Required value");
  if (podSpec?.restartPolicy !== undefined && podSpec.restartPolicy !== "Always") {
    errors.push(`spec.template.spec.restartPolicy: Unsupported value: ${JSON.stringify(podSpec.restartPolicy)}: supported values: "Always"`);
  }
  if (podSpec?.activeDeadlineSeconds !== undefined) {
    errors.push(`spec.template.spec.activeDeadlineSeconds: Invalid value: ${podSpec.activeDeadlineSeconds}: activeDeadlineSeconds in ReplicaSet is not Supported`);
  }
  return errors;
}

function immutableSelector(spec: DeploymentSpec | ReplicaSetSpec, current: KubeObject | undefined): string[] {
  if (!current) return [];
  const before = (current.spec as { selector?: DeploymentSpec["selector"] } | undefined)?.selector;
  if (isDeepStrictEqual(normalSelector(spec.selector), normalSelector(before))) return [];
  return [`spec.selector: Invalid value: ${spec.selector ? goLabelSelector(spec.selector) : "null"}: field is immutable`];
}

/** Empty lists and maps count as absent, as apimachinery's semantic equality has it. */
function normalSelector(selector: DeploymentSpec["selector"]): unknown {
  if (!selector) return undefined;
  const out: Record<string, unknown> = {};
  if (Object.keys(selector.matchLabels ?? {}).length > 0) out.matchLabels = selector.matchLabels;
  if ((selector.matchExpressions ?? []).length > 0) out.matchExpressions = selector.matchExpressions;
  return out;
}

const PERCENT_MESSAGE = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

function validateStrategy(strategy: DeploymentSpec["strategy"]): string[] {
  const type = strategy?.type;
  switch (type) {
    case "Recreate":
      return strategy?.rollingUpdate ? ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"] : [];
    case "RollingUpdate": {
      const rolling = strategy?.rollingUpdate;
      if (!rolling) return ["spec.strategy.rollingUpdate: Required value: this should be defaulted and never be nil"];
      const errors = [...positiveIntOrPercent("spec.strategy.rollingUpdate.maxUnavailable", rolling.maxUnavailable)];
      errors.push(...positiveIntOrPercent("spec.strategy.rollingUpdate.maxSurge", rolling.maxSurge));
      if (intOrPercentValue(rolling.maxUnavailable) === 0 && intOrPercentValue(rolling.maxSurge) === 0) {
        errors.push(`spec.strategy.rollingUpdate.maxUnavailable: Invalid value: ${goIntOrString(rolling.maxUnavailable)}: may not be 0 when \`maxSurge\` is 0`);
      }
      if (typeof rolling.maxUnavailable === "string" && (intOrPercentValue(rolling.maxUnavailable) ?? 0) > 100) {
        errors.push(`spec.strategy.rollingUpdate.maxUnavailable: Invalid value: ${goIntOrString(rolling.maxUnavailable)}: must not be greater than 100%`);
      }
      return errors;
    }
    default:
      return [`spec.strategy: Unsupported value: ${JSON.stringify(type ?? "")}: supported values: "Recreate", "RollingUpdate"`];
  }
}

function positiveIntOrPercent(path: string, value: IntOrString | undefined): string[] {
  if (value === undefined) return [];
  if (typeof value === "string") return /^[0-9]+%$/.test(value) ? [] : [`${path}: Invalid value: ${goIntOrString(value)}: ${PERCENT_MESSAGE}`];
  return nonNegative(path, value);
}

function intOrPercentValue(value: IntOrString | undefined): number | undefined {
  if (value === undefined) return 0;
  if (typeof value === "number") return value;
  const match = /^([0-9]+)%$/.exec(value);
  return match ? Number(match[1]) : undefined;
}

/** How Go's %#v prints an intstr.IntOrString. */
function goIntOrString(value: IntOrString | undefined): string {
  if (typeof value === "string") return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(value)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${value ?? 0}, StrVal:""}`;
}

// The API server's validation of apps/v1 StatefulSets (ValidateStatefulSetSpec and
// ValidateStatefulSetUpdate), with upstream's field paths and messages. Like upstream, the pod spec of
// the template is not validated beyond its restart policy and active deadline.
import { jsonEqual } from "../../store/json-equal.js";
import type { KubeObject } from "../../store/kube-object.js";
import { goLabelSelector, goStringMap } from "../go-values.js";
import { selects } from "../replicaset-sync.js";
import type { StatefulSetSpec } from "./statefulset-types.js";

export const FORBIDDEN_UPDATE =
  "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

/** Fields an update may change; every other spec field is fixed at creation. */
const MUTABLE_FIELDS = ["replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"] as const;

/** Field errors (`path: Type: detail`) of a defaulted StatefulSet, in upstream's order. */
export function validateStatefulSet(object: KubeObject, current: KubeObject | undefined): string[] {
  const spec = (object.spec ?? {}) as StatefulSetSpec;
  const errors = [...podManagementPolicy(spec), ...updateStrategy(spec), ...retentionPolicy(spec)];
  errors.push(...nonNegative("spec.replicas", spec.replicas), ...nonNegative("spec.minReadySeconds", spec.minReadySeconds));
  if (spec.ordinals) errors.push(...nonNegative("spec.ordinals.start", spec.ordinals.start ?? 0));
  errors.push(...selectorAndTemplate(spec));
  if (current) errors.push(...forbiddenChanges(spec, (current.spec ?? {}) as StatefulSetSpec));
  return errors;
}

function podManagementPolicy(spec: StatefulSetSpec): string[] {
  const policy = spec.podManagementPolicy ?? "";
  if (policy === "") return ["spec.podManagementPolicy: Required value"];
  if (policy === "OrderedReady" || policy === "Parallel") return [];
  return [`spec.podManagementPolicy: Invalid value: ${JSON.stringify(policy)}: must be 'OrderedReady' or 'Parallel'`];
}

function updateStrategy(spec: StatefulSetSpec): string[] {
  const strategy = spec.updateStrategy ?? {};
  const rolling = strategy.rollingUpdate;
  switch (strategy.type ?? "") {
    case "":
      return ["spec.updateStrategy: Required value"];
    case "OnDelete":
      return rolling ? [`spec.updateStrategy.rollingUpdate: Invalid value: ${goRollingUpdate(rolling)}: only allowed for updateStrategy 'RollingUpdate'`] : [];
    case "RollingUpdate":
      return rolling ? nonNegative("spec.updateStrategy.rollingUpdate.partition", rolling.partition ?? 0) : [];
    default: {
      const pointer = rolling ? "(*apps.RollingUpdateStatefulSetStrategy)(0xc000000000)" : "(*apps.RollingUpdateStatefulSetStrategy)(nil)";
      return [`spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(strategy.type)}, RollingUpdate:${pointer}}: must be 'RollingUpdate' or 'OnDelete'`];
    }
  }
}

/** How Go's %#v prints the internal RollingUpdateStatefulSetStrategy (maxUnavailable is dropped: its feature gate is off). */
function goRollingUpdate(rolling: { partition?: number }): string {
  return `apps.RollingUpdateStatefulSetStrategy{Partition:${rolling.partition ?? 0}, MaxUnavailable:(*intstr.IntOrString)(nil)}`;
}

function retentionPolicy(spec: StatefulSetSpec): string[] {
  const policy = spec.persistentVolumeClaimRetentionPolicy;
  if (!policy) return [];
  const errors: string[] = [];
  for (const field of ["whenDeleted", "whenScaled"] as const) {
    const value = policy[field] ?? "";
    if (value !== "Retain" && value !== "Delete") {
      errors.push(`spec.persistentVolumeClaimRetentionPolicy.${field}: Unsupported value: ${JSON.stringify(value)}: supported values: "Delete", "Retain"`);
    }
  }
  return errors;
}

function selectorAndTemplate(spec: StatefulSetSpec): string[] {
  const errors: string[] = [];
  const selector = spec.selector;
  const empty = selector !== undefined && selector !== null && Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0;
  if (selector === undefined || selector === null) errors.push("spec.selector: Required value");
  else if (empty) errors.push(`spec.selector: Invalid value: ${goLabelSelector(selector)}: empty selector is invalid for statefulset`);
  const template = spec.template ?? {};
  const labels = template.metadata?.labels;
  // An empty selector is not checked against the labels (it would select everything).
  if (!empty && !selects(selector ?? undefined, labels ?? {})) {
    errors.push(`spec.template.metadata.labels: Invalid value: ${goStringMap(labels)}: \`selector\` does not match template \`labels\``);
  }
  const podSpec = (template.spec ?? {}) as { restartPolicy?: string; activeDeadlineSeconds?: number };
  if (podSpec.restartPolicy !== "Always") {
    errors.push(`spec.template.spec.restartPolicy: Unsupported value: ${JSON.stringify(podSpec.restartPolicy ?? "")}: supported values: "Always"`);
  }
  if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
    errors.push("spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported");
  }
  return errors;
}

function forbiddenChanges(spec: StatefulSetSpec, before: StatefulSetSpec): string[] {
  const fixed = (s: StatefulSetSpec): Record<string, unknown> => {
    const copy: Record<string, unknown> = { ...s };
    for (const field of MUTABLE_FIELDS) delete copy[field];
    return copy;
  };
  return jsonEqual(normalized(fixed(spec)), normalized(fixed(before))) ? [] : [FORBIDDEN_UPDATE];
}

/** Empty maps and lists count as absent, as apimachinery's semantic equality has it. */
function normalized(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(normalized);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const normal = normalized(child);
      if (normal !== undefined) out[key] = normal;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}

function nonNegative(path: string, value: number | undefined): string[] {
  return value !== undefined && value < 0 ? [`${path}: Invalid value: ${value}: must be greater than or equal to 0`] : [];
}

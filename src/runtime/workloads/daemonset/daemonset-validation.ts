// The API server's validation of apps/v1 DaemonSets (ValidateDaemonSetSpec, ValidateDaemonSetUpdate
// and the strategy's selector immutability), with upstream's field paths and messages in upstream's
// order. Values print as Go's %#v does, like a real cluster's errors.
import { isDeepStrictEqual } from "node:util";
import type { KubeObject } from "../../store/kube-object.js";
import { goLabelSelector, goStringMap } from "../go-values.js";
import { selects } from "../replicaset-sync.js";
import type { IntOrString } from "../workload-types.js";
import type { DaemonSetSpec, DaemonSetUpdateStrategy } from "./daemonset-types.js";

const PERCENT_MESSAGE = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

export function validateDaemonSet(object: KubeObject, current: KubeObject | undefined): string[] {
  const spec = (object.spec ?? {}) as DaemonSetSpec;
  const errors = [...validateSelectorAndTemplate(spec)];
  errors.push(...nonNegative("spec.minReadySeconds", spec.minReadySeconds));
  errors.push(...validateUpdateStrategy(spec.updateStrategy ?? {}));
  errors.push(...nonNegative("spec.revisionHistoryLimit", spec.revisionHistoryLimit));
  if (current) errors.push(...immutableSelector(spec, (current.spec ?? {}) as DaemonSetSpec));
  return errors;
}

function validateSelectorAndTemplate(spec: DaemonSetSpec): string[] {
  const errors: string[] = [];
  const selector = spec.selector ?? undefined;
  const labels = spec.template?.metadata?.labels;
  const empty = selector !== undefined && Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0;
  // A missing selector selects nothing; an empty one selects everything (and is refused below).
  if (!empty && !selects(selector, labels ?? {})) {
    errors.push(`spec.template.metadata.labels: Invalid value: ${goStringMap(labels)}: \`selector\` does not match template \`labels\``);
  }
  if (selector !== undefined && empty) errors.push(`spec.selector: Invalid value: ${goLabelSelector(selector)}: empty selector is invalid for daemonset`);
  const podSpec = spec.template?.spec as { containers?: unknown[]; restartPolicy?: string; activeDeadlineSeconds?: number } | undefined;
  if (!podSpec || !Array.isArray(podSpec.containers) || podSpec.containers.length === 0) errors.push("spec.template.spec.containers: Required value");
  const restartPolicy = podSpec?.restartPolicy ?? "";
  if (restartPolicy !== "Always") errors.push(`spec.template.spec.restartPolicy: Unsupported value: ${JSON.stringify(restartPolicy)}: supported values: "Always"`);
  if (podSpec?.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
    errors.push("spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported");
  }
  return errors;
}

function validateUpdateStrategy(strategy: DaemonSetUpdateStrategy): string[] {
  switch (strategy.type) {
    case "OnDelete":
      return [];
    case "RollingUpdate": {
      const rolling = strategy.rollingUpdate;
      if (!rolling) return ["spec.updateStrategy.rollingUpdate: Required value"];
      const path = "spec.updateStrategy.rollingUpdate";
      const errors = [...positiveIntOrPercent(`${path}.maxUnavailable`, rolling.maxUnavailable), ...positiveIntOrPercent(`${path}.maxSurge`, rolling.maxSurge)];
      errors.push(...notMoreThan100Percent(`${path}.maxUnavailable`, rolling.maxUnavailable), ...notMoreThan100Percent(`${path}.maxSurge`, rolling.maxSurge));
      const hasUnavailable = intOrPercentValue(rolling.maxUnavailable) !== 0;
      const hasSurge = intOrPercentValue(rolling.maxSurge) !== 0;
      if (hasUnavailable && hasSurge) errors.push(`${path}.maxSurge: Invalid value: ${goIntOrString(rolling.maxSurge)}: may not be set when maxUnavailable is non-zero`);
      if (!hasUnavailable && !hasSurge) errors.push(`${path}.maxUnavailable: Required value: cannot be 0 when maxSurge is 0`);
      return errors;
    }
    default: {
      const rolling = strategy.rollingUpdate ? "(*apps.RollingUpdateDaemonSet)(0xc000000000)" : "(*apps.RollingUpdateDaemonSet)(nil)";
      const value = `apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(strategy.type ?? "")}, RollingUpdate:${rolling}}`;
      return [`spec.updateStrategy: Unsupported value: ${value}: supported values: "RollingUpdate", "OnDelete"`];
    }
  }
}

function immutableSelector(spec: DaemonSetSpec, before: DaemonSetSpec): string[] {
  if (isDeepStrictEqual(normalSelector(spec.selector), normalSelector(before.selector))) return [];
  return [`spec.selector: Invalid value: ${spec.selector ? goLabelSelector(spec.selector) : "null"}: field is immutable`];
}

/** Empty lists and maps count as absent, as apimachinery's semantic equality has it. */
function normalSelector(selector: DaemonSetSpec["selector"]): unknown {
  if (!selector) return undefined;
  const out: Record<string, unknown> = {};
  if (Object.keys(selector.matchLabels ?? {}).length > 0) out.matchLabels = selector.matchLabels;
  if ((selector.matchExpressions ?? []).length > 0) out.matchExpressions = selector.matchExpressions;
  return out;
}

function nonNegative(path: string, value: number | undefined): string[] {
  return typeof value === "number" && value < 0 ? [`${path}: Invalid value: ${value}: must be greater than or equal to 0`] : [];
}

function positiveIntOrPercent(path: string, value: IntOrString | undefined): string[] {
  if (value === undefined) return [];
  if (typeof value === "string") return /^[0-9]+%$/.test(value) ? [] : [`${path}: Invalid value: ${goIntOrString(value)}: ${PERCENT_MESSAGE}`];
  return nonNegative(path, value);
}

function notMoreThan100Percent(path: string, value: IntOrString | undefined): string[] {
  if (typeof value !== "string" || !/^[0-9]+%$/.test(value) || Number(value.slice(0, -1)) <= 100) return [];
  return [`${path}: Invalid value: ${goIntOrString(value)}: must not be greater than 100%`];
}

/** getIntOrPercentValue: the number of a valid percent, the integer, or 0 for anything else. */
export function intOrPercentValue(value: IntOrString | undefined): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^[0-9]+%$/.test(value)) return Number(value.slice(0, -1));
  // IntValue of a string that is no percent: Atoi, 0 when it does not parse.
  return typeof value === "string" && /^[+-]?\d+$/.test(value) ? Number(value) : 0;
}

/** How Go's %#v prints an intstr.IntOrString. */
function goIntOrString(value: IntOrString | undefined): string {
  if (typeof value === "string") return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(value)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${value ?? 0}, StrVal:""}`;
}

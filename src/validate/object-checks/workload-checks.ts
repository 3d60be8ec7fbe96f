// Rules for objects that carry a pod template: the selector must select the template's own labels,
// the restart policy must suit the controller, rollout parameters must allow progress.
import { isEmptySelector, matchesLabelSelector, type LabelSelector } from "../../kube/label-selector.js";
import { fieldPath } from "../../manifests/field-path.js";
import { joinPointer, parsePointer, valueAtPath } from "../../manifests/json-pointer.js";
import { asArray, asRecord, asString, type Report } from "./check-context.js";
import { checkAnnotations, checkLabels } from "./metadata-checks.js";
import { checkPodSpec } from "./pod-spec-checks.js";

interface Workload {
  /** Pointer to the PodTemplateSpec. */
  template: string;
  selector?: { pointer: string; style: "label-selector" | "map" };
  restartPolicies: readonly string[];
  /** The restart policy the API server fills in when it is absent (undefined: it is required). */
  defaultRestartPolicy?: string;
  /**
   * Fields of `spec` the API server requires. The schema says so only when `spec` is there; an
   * object without `spec` passes it, and the API server still refuses it.
   */
  specRequires: readonly string[];
}

const CONTROLLER: Omit<Workload, "template"> = {
  selector: { pointer: "/spec/selector", style: "label-selector" },
  restartPolicies: ["Always"],
  defaultRestartPolicy: "Always",
  specRequires: ["selector", "template"],
};
const RUN_TO_COMPLETION = { restartPolicies: ["OnFailure", "Never"] } as const;

const WORKLOADS: Record<string, Workload> = {
  "apps/Deployment": { template: "/spec/template", ...CONTROLLER },
  "apps/ReplicaSet": { template: "/spec/template", ...CONTROLLER },
  "apps/StatefulSet": { template: "/spec/template", ...CONTROLLER },
  "apps/DaemonSet": { template: "/spec/template", ...CONTROLLER },
  "/ReplicationController": {
    template: "/spec/template",
    selector: { pointer: "/spec/selector", style: "map" },
    restartPolicies: ["Always"],
    defaultRestartPolicy: "Always",
    specRequires: ["template"],
  },
  "batch/Job": { template: "/spec/template", ...RUN_TO_COMPLETION, specRequires: ["template"] },
  "batch/CronJob": { template: "/spec/jobTemplate/spec/template", ...RUN_TO_COMPLETION, specRequires: ["schedule", "jobTemplate"] },
  "/PodTemplate": { template: "/template", restartPolicies: ["Always", "OnFailure", "Never"], defaultRestartPolicy: "Always", specRequires: [] },
};

export function checkWorkload(object: Record<string, unknown>, group: string, kind: string, report: Report): void {
  if (group === "" && kind === "Pod") {
    checkPodSpec(object.spec, "/spec", report);
    return;
  }
  const workload = WORKLOADS[`${group}/${kind}`];
  if (!workload) return;
  if (object.spec === undefined && workload.specRequires.length > 0) {
    const fields = workload.specRequires.map((f) => `spec.${f}`);
    report({
      rule: "k8s/required",
      pointer: "",
      message: `${kind} has no spec; the API server requires ${fields.join(" and ")}`,
    });
    return;
  }
  const template = asRecord(valueAtPath(object, pathOf(workload.template)));
  if (!template) return;
  const templateMetadata = asRecord(template.metadata);
  const labels = stringRecord(templateMetadata?.labels);
  checkLabels(templateMetadata?.labels, `${workload.template}/metadata/labels`, report);
  checkAnnotations(templateMetadata?.annotations, `${workload.template}/metadata/annotations`, report);
  checkPodSpec(template.spec, `${workload.template}/spec`, report, { claimTemplates: claimTemplateNames(object) });
  checkRestartPolicy(asRecord(template.spec), `${workload.template}/spec`, kind, workload, report);
  if (workload.selector) checkSelector(object, kind, workload.template, workload.selector, labels, report);
  if (kind === "Deployment") checkDeploymentStrategy(asRecord(asRecord(object.spec)?.strategy), report);
}

function checkRestartPolicy(spec: Record<string, unknown> | undefined, pointer: string, kind: string, workload: Workload, report: Report): void {
  if (!spec) return;
  const policy = asString(spec.restartPolicy);
  const allowed = workload.restartPolicies;
  if (policy === undefined || policy === "") {
    if (workload.defaultRestartPolicy === undefined) {
      report({
        rule: "k8s/restart-policy",
        pointer,
        target: "key",
        message: `${fieldPath(pointer)}.restartPolicy is required for a ${kind}: one of ${allowed.join(", ")}`,
        hint: "add restartPolicy: OnFailure (retry in place) or Never (a new pod per retry)",
      });
    }
    return;
  }
  if (!allowed.includes(policy)) {
    report({
      rule: "k8s/restart-policy",
      pointer: `${pointer}/restartPolicy`,
      message: `${fieldPath(pointer)}.restartPolicy ${JSON.stringify(policy)} is not allowed for a ${kind}; it must be ${allowed.join(" or ")}`,
    });
  }
}

function checkSelector(
  object: Record<string, unknown>,
  kind: string,
  templatePointer: string,
  selector: NonNullable<Workload["selector"]>,
  labels: Record<string, string>,
  report: Report,
): void {
  const value = valueAtPath(object, pathOf(selector.pointer));
  const labelsPointer = `${templatePointer}/metadata/labels`;
  if (selector.style === "map") {
    // A ReplicationController without a selector selects its template's labels.
    const map = stringRecord(value);
    if (Object.keys(map).length === 0) return;
    if (!matchesLabelSelector({ matchLabels: map }, labels)) reportMismatch(kind, selector.pointer, labelsPointer, map, labels, report);
    return;
  }
  const labelSelector = asRecord(value) as LabelSelector | undefined;
  // A selector with other keys is malformed; the schema reports those, and guessing further only confuses.
  if (!labelSelector || Object.keys(labelSelector).some((k) => k !== "matchLabels" && k !== "matchExpressions")) return;
  if (isEmptySelector(labelSelector)) {
    report({ rule: "k8s/selector", pointer: selector.pointer, message: `empty selector is invalid for a ${kind}: it would select every pod in the namespace` });
    return;
  }
  let wellFormed = true;
  asArray(labelSelector.matchExpressions).forEach((value, i) => {
    const requirement = asRecord(value);
    if (!requirement) return;
    const values = asArray(requirement.values);
    const at = joinPointer(selector.pointer, "matchExpressions", i);
    const operator = requirement.operator;
    if ((operator === "In" || operator === "NotIn") && values.length === 0) {
      wellFormed = false;
      report({ rule: "k8s/selector", pointer: at, message: `${fieldPath(at)}.values must be non-empty when operator is ${operator}` });
    } else if ((operator === "Exists" || operator === "DoesNotExist") && values.length > 0) {
      wellFormed = false;
      report({ rule: "k8s/selector", pointer: `${at}/values`, message: `${fieldPath(at)}.values must be empty when operator is ${operator}` });
    }
  });
  checkLabels(labelSelector.matchLabels, `${selector.pointer}/matchLabels`, report);
  if (wellFormed && !matchesLabelSelector(labelSelector, labels)) {
    reportMismatch(kind, selector.pointer, labelsPointer, labelSelector.matchLabels ?? {}, labels, report);
  }
}

function reportMismatch(
  kind: string,
  selectorPointer: string,
  labelsPointer: string,
  wanted: Record<string, unknown>,
  labels: Record<string, string>,
  report: Report,
): void {
  const hasLabels = Object.keys(labels).length > 0;
  report({
    rule: "k8s/selector-mismatch",
    pointer: hasLabels ? labelsPointer : selectorPointer,
    target: "key",
    message: `${fieldPath(selectorPointer)} does not match the pod template's labels (${hasLabels ? formatLabels(labels) : "none"}); the ${kind} would not own the pods it creates`,
    hint: `give ${fieldPath(labelsPointer)} every label the selector requires${Object.keys(wanted).length > 0 ? ` (${formatLabels(wanted)})` : ""}`,
  });
}

function checkDeploymentStrategy(strategy: Record<string, unknown> | undefined, report: Report): void {
  if (!strategy) return;
  const rollingUpdate = asRecord(strategy.rollingUpdate);
  if (strategy.type === "Recreate" && rollingUpdate) {
    report({ rule: "k8s/strategy", pointer: "/spec/strategy/rollingUpdate", target: "key", message: "spec.strategy.rollingUpdate may not be set when spec.strategy.type is Recreate" });
  }
  if (rollingUpdate && isZero(rollingUpdate.maxUnavailable) && isZero(rollingUpdate.maxSurge)) {
    report({
      rule: "k8s/strategy",
      pointer: "/spec/strategy/rollingUpdate/maxUnavailable",
      message: "spec.strategy.rollingUpdate.maxUnavailable may not be 0 when maxSurge is 0: the rollout could never make progress",
    });
  }
}

// The pointers above are constants; split each once.
const PATHS = new Map<string, string[]>();
function pathOf(pointer: string): string[] {
  let path = PATHS.get(pointer);
  if (!path) PATHS.set(pointer, (path = parsePointer(pointer)));
  return path;
}

function claimTemplateNames(object: Record<string, unknown>): string[] {
  return asArray(asRecord(object.spec)?.volumeClaimTemplates)
    .map((t) => asString(asRecord(asRecord(t)?.metadata)?.name))
    .filter((name): name is string => name !== undefined);
}

function isZero(value: unknown): boolean {
  return value === 0 || value === "0%" || value === "0";
}

function stringRecord(value: unknown): Record<string, string> {
  const record = asRecord(value) ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) if (typeof v === "string") out[k] = v;
  return out;
}

function formatLabels(labels: Record<string, unknown>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(", ");
}

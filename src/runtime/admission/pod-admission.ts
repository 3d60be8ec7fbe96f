// What the API server does to a Pod on create, after decoding: the spec defaults
// (pkg/apis/core/v1/defaults.go, including requests copied from limits), the admission plugins
// ServiceAccount (name only), Priority and DefaultTolerationSeconds, and the pod strategy's
// PrepareForCreate, which replaces any status with `Pending` and the pod's QoS class.
import type { AdmissionPlugin } from "../store/admission.js";
import { TAINT_NOT_READY, TAINT_UNREACHABLE, type Toleration } from "../scheduler/taints.js";
import { defaultPodSpec } from "./pod-spec-defaults.js";
import { admitPriority } from "./pod-priority.js";
import { podQosClass } from "./pod-qos.js";

/** DefaultTolerationSeconds: how long pods stay on a node that is not ready or unreachable. */
export const DEFAULT_TOLERATION_SECONDS = 300;

type Json = Record<string, unknown>;

export const podAdmission: AdmissionPlugin = ({ operation, object, store }) => {
  if (operation !== "create" || object.kind !== "Pod" || object.apiVersion !== "v1") return undefined;
  const spec = (object.spec ??= {}) as Json;
  defaultPodSpec(spec);
  for (const key of ["initContainers", "containers"] as const) {
    const list = spec[key];
    if (Array.isArray(list)) for (const container of list as Json[]) defaultRequestsFromLimits(container);
  }
  spec.enableServiceLinks ??= true;
  spec.serviceAccountName ??= (spec.serviceAccount as string | undefined) ?? "default";
  spec.serviceAccount = spec.serviceAccountName;
  const refused = admitPriority(spec, object.metadata.name ?? "", store);
  if (refused) return refused;
  spec.tolerations = withDefaultTolerations(Array.isArray(spec.tolerations) ? (spec.tolerations as Toleration[]) : []);
  object.status = { phase: "Pending", qosClass: podQosClass(spec) };
  return undefined;
};

/** A container that sets limits but not requests for a resource requests its limit. */
function defaultRequestsFromLimits(container: Json): void {
  const resources = container.resources as { limits?: Json; requests?: Json } | undefined;
  if (!resources?.limits) return;
  for (const [name, limit] of Object.entries(resources.limits)) {
    resources.requests ??= {};
    resources.requests[name] ??= limit;
  }
}

function withDefaultTolerations(tolerations: Toleration[]): Toleration[] {
  const covers = (key: string): boolean => tolerations.some((t) => (!t.key || t.key === key) && (!t.effect || t.effect === "NoExecute"));
  const out = [...tolerations];
  for (const key of [TAINT_NOT_READY, TAINT_UNREACHABLE]) {
    if (!covers(key)) out.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  return out;
}

// Admission of apps/v1 DaemonSets: the API server's defaults (SetDefaults_DaemonSet and the pod-spec
// defaults of the template), its template generation (the daemonset strategy's PrepareForCreate and
// PrepareForUpdate, shown in apps/v1 as the `deprecated.daemonset.template.generation` annotation:
// 1 on create, one more on each template change, never what the writer sent), then validation.
import { isDeepStrictEqual } from "node:util";
import { defaultPodSpec } from "../../admission/pod-spec-defaults.js";
import type { AdmissionPlugin, AdmissionRequest } from "../../store/admission.js";
import { refOf, type KubeObject } from "../../store/kube-object.js";
import { errorDetails, qualifiedKind, storeError, type StoreError } from "../../store/store-errors.js";
import { isDaemonSet, templateGeneration, TEMPLATE_GENERATION_ANNOTATION, type DaemonSetSpec } from "./daemonset-types.js";
import { validateDaemonSet } from "./daemonset-validation.js";

export const daemonSetAdmission: AdmissionPlugin = (request) => {
  const object = request.object;
  if (!isDaemonSet(object)) return undefined;
  defaultDaemonSet(object);
  setTemplateGeneration(object, request.current);
  return refuse(request, validateDaemonSet(object, request.current));
};

export function defaultDaemonSet(object: KubeObject): void {
  const spec = (object.spec ??= {}) as DaemonSetSpec;
  const strategy = (spec.updateStrategy ??= {});
  strategy.type ||= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const rolling = (strategy.rollingUpdate ??= {});
    rolling.maxUnavailable ??= 1;
    rolling.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  const podSpec = spec.template?.spec;
  if (podSpec && typeof podSpec === "object") defaultPodSpec(podSpec);
}

function setTemplateGeneration(object: KubeObject, current: KubeObject | undefined): void {
  let generation: number;
  if (!current) {
    generation = Math.max(1, templateGeneration(object) ?? 0);
  } else {
    const before = templateGeneration(current) ?? 1;
    const changed = !isDeepStrictEqual(normalTemplate((object.spec as DaemonSetSpec).template), normalTemplate((current.spec as DaemonSetSpec | undefined)?.template));
    generation = changed ? before + 1 : before;
  }
  object.metadata.annotations = { ...object.metadata.annotations, [TEMPLATE_GENERATION_ANNOTATION]: String(generation) };
}

/** The template as JSON compares it (undefined fields dropped). */
function normalTemplate(template: unknown): unknown {
  return template === undefined ? undefined : JSON.parse(JSON.stringify(template));
}

/** `DaemonSet.apps "x" is invalid: <error>`, or `[<e1>, <e2>]` for several. */
function refuse(request: AdmissionRequest, errors: string[]): StoreError | undefined {
  if (errors.length === 0) return undefined;
  const ref = refOf(request.object);
  const body = errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
  return storeError("Invalid", `${qualifiedKind(ref.group, ref.kind)} "${ref.name}" is invalid: ${body}`, errorDetails(ref, request.store.kindInfo(ref.group, ref.kind)));
}

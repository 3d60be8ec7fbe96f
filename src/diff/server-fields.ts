// Fields the API server or kubectl write on every object, never something a manifest means to set:
// they are removed from both sides before comparing, so a manifest that carries them anyway (helm
// output often has `creationTimestamp: null` and `status: {}`) is not a change.
import { isPlainObject, type JsonObject } from "./json-value.js";

export const SERVER_METADATA_FIELDS: readonly string[] = [
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "managedFields",
  "selfLink",
];

export const SERVER_ANNOTATIONS: readonly string[] = [
  "kubectl.kubernetes.io/last-applied-configuration",
  "deprecated.daemonset.template.generation",
  // The Deployment controller's rollout counter: a manifest saved from `kubectl get -o yaml`
  // carries it, and the controller sets it back after every apply (kube-linter's sorted-keys.yaml).
  "deployment.kubernetes.io/revision",
  // autoscaling/v1 HorizontalPodAutoscalers show the v2 status through these annotations; the API
  // server writes them from status (gitops-engine's hpa-v1-*.yaml are such dumps).
  "autoscaling.alpha.kubernetes.io/conditions",
  "autoscaling.alpha.kubernetes.io/current-metrics",
];

/** Removes server-owned fields from `object` in place (callers pass a copy). */
export function dropServerFields(object: JsonObject): void {
  delete object.status;
  const metadata = object.metadata;
  if (!isPlainObject(metadata)) return;
  for (const field of SERVER_METADATA_FIELDS) delete metadata[field];
  const annotations = metadata.annotations;
  if (isPlainObject(annotations)) {
    for (const name of SERVER_ANNOTATIONS) delete annotations[name];
  }
}

const SERVER_METADATA = new Set(SERVER_METADATA_FIELDS);

/**
 * `object` without server-owned fields, as a copy that shares everything it does not change (the
 * top level, metadata and annotations are copied; spec and the rest are shared, not cloned). For
 * read-only inputs such as frozen live objects, where a deep copy would be the diff's main cost.
 */
export function withoutServerFields(object: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key in object) {
    if (key !== "status" && Object.hasOwn(object, key)) out[key] = object[key];
  }
  const metadata = out.metadata;
  if (!isPlainObject(metadata)) return out;
  const meta: JsonObject = {};
  for (const key in metadata) {
    if (!SERVER_METADATA.has(key) && Object.hasOwn(metadata, key)) meta[key] = metadata[key];
  }
  const annotations = meta.annotations;
  if (isPlainObject(annotations) && SERVER_ANNOTATIONS.some((name) => Object.hasOwn(annotations, name))) {
    const kept: JsonObject = {};
    for (const key in annotations) {
      if (!SERVER_ANNOTATIONS.includes(key) && Object.hasOwn(annotations, key)) kept[key] = annotations[key];
    }
    meta.annotations = kept;
  }
  out.metadata = meta;
  return out;
}

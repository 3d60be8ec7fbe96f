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

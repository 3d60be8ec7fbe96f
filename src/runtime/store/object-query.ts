// Which objects a list or a watch is about. Absent fields match everything: no kind means every
// kind, no namespace means all namespaces.
import { matchesLabelSelector, type LabelSelector } from "../../kube/label-selector.js";
import { matchesFieldSelector, type FieldSelector } from "./field-selector.js";
import { groupOf, type KubeObject } from "./kube-object.js";

export interface ObjectQuery {
  /** API group ("" for core); absent: any group. */
  group?: string;
  kind?: string;
  /** Absent: all namespaces (and cluster-scoped objects). Ignored for a cluster-scoped `kind`. */
  namespace?: string;
  labelSelector?: LabelSelector;
  fieldSelector?: FieldSelector;
}

/** Whether an object matches the query's selectors (kind and namespace are checked by the index). */
export function matchesSelectors(query: ObjectQuery, object: KubeObject): boolean {
  if (query.labelSelector && !matchesLabelSelector(query.labelSelector, object.metadata.labels ?? {})) return false;
  if (query.fieldSelector && !matchesFieldSelector(query.fieldSelector, object)) return false;
  return true;
}

/** Whether an object matches the whole query, given whether its kind is namespaced. */
export function matchesQuery(query: ObjectQuery, object: KubeObject, namespaced: boolean): boolean {
  if (query.kind !== undefined && object.kind !== query.kind) return false;
  if (query.group !== undefined && groupOf(object.apiVersion) !== query.group) return false;
  if (query.namespace !== undefined && !(query.kind !== undefined && !namespaced) && object.metadata.namespace !== query.namespace) return false;
  return matchesSelectors(query, object);
}

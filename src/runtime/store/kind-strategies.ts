// The API server's per-kind rules for writes (its registry "strategies"), reduced to what the
// simulation needs: what create sets, which parts of an object each kind of update may change, and
// when an update counts as a new generation.
import { jsonEqual } from "./json-equal.js";
import { cloneJson, cloneObject, shallowCopy, type KubeObject } from "./kube-object.js";
import { isNamespace, NAMESPACE_FINALIZER, NAMESPACE_NAME_LABEL } from "./namespace-rules.js";

/**
 * What an update may change: the main resource (everything but status), the `status` subresource
 * (status only), a Namespace's `finalize` subresource (spec.finalizers only), or a Pod's `binding`
 * (spec.nodeName with the status that records it, in one write as the API server's binding does).
 */
export type Subresource = "main" | "status" | "finalize" | "binding";

/** Kind-specific defaults applied on create (after the generic metadata). */
export function prepareForCreate(object: KubeObject): void {
  foldSecretStringData(object);
  if (isNamespace(object)) {
    const spec = (object.spec ??= {}) as { finalizers?: string[] };
    const finalizers = spec.finalizers ?? [];
    if (!finalizers.includes(NAMESPACE_FINALIZER)) spec.finalizers = [...finalizers, NAMESPACE_FINALIZER];
    object.status = { phase: "Active" };
    object.metadata.labels = { ...object.metadata.labels, [NAMESPACE_NAME_LABEL]: object.metadata.name ?? "" };
  }
}

/**
 * A Secret's `stringData` is write-only: the API server merges it into `data` as base64 (a stringData
 * key wins over the same data key) on every write and never stores or returns it.
 */
function foldSecretStringData(object: KubeObject): void {
  if (object.kind !== "Secret" || object.apiVersion !== "v1" || !("stringData" in object)) return;
  const record = object as KubeObject & { data?: Record<string, unknown>; stringData?: unknown };
  const stringData = record.stringData;
  delete record.stringData;
  if (stringData === null || typeof stringData !== "object" || Array.isArray(stringData)) return;
  const data: Record<string, unknown> = { ...(record.data ?? {}) };
  for (const [key, value] of Object.entries(stringData)) {
    if (typeof value === "string") data[key] = Buffer.from(value, "utf8").toString("base64");
  }
  record.data = data;
}

/**
 * The object an update stores, before server-set metadata: the parts the subresource may not change
 * are taken from `current`. Main-resource updates keep the stored status, as the API server does for
 * every kind with a status subresource, so writers of desired state never erase observed state.
 */
export function prepareForUpdate(current: KubeObject, input: KubeObject, subresource: Subresource): KubeObject {
  switch (subresource) {
    case "status": {
      const next = shallowCopy(current);
      if (input.status === undefined) delete next.status;
      else next.status = cloneJson(input.status);
      return next;
    }
    case "finalize": {
      const next = shallowCopy(current);
      next.spec = cloneJson(next.spec);
      const finalizers = (input.spec as { finalizers?: string[] } | undefined)?.finalizers;
      const spec = (next.spec ??= {}) as { finalizers?: string[] };
      if (finalizers === undefined || finalizers.length === 0) delete spec.finalizers;
      else spec.finalizers = [...finalizers];
      return next;
    }
    case "binding": {
      const next = shallowCopy(current);
      next.spec = { ...(current.spec as object), nodeName: (input.spec as { nodeName?: string } | undefined)?.nodeName };
      if (input.status === undefined) delete next.status;
      else next.status = cloneJson(input.status);
      return next;
    }
    case "main": {
      const next = cloneObject(input);
      foldSecretStringData(next);
      if (current.status === undefined) delete next.status;
      else next.status = current.status;
      if (isNamespace(current)) {
        const keep = (current.spec as { finalizers?: string[] } | undefined)?.finalizers;
        const spec = (next.spec ??= {}) as { finalizers?: string[] };
        if (keep === undefined) delete spec.finalizers;
        else spec.finalizers = [...keep];
        next.metadata.labels = { ...next.metadata.labels, [NAMESPACE_NAME_LABEL]: current.metadata.name ?? "" };
      }
      return next;
    }
  }
}

/**
 * Whether the desired state (`spec`) changed: only that bumps metadata.generation. Metadata and
 * status changes never do, nor do changes to spec-less kinds (an Event's count, a ConfigMap's data).
 */
export function specChanged(before: KubeObject, after: KubeObject): boolean {
  return !jsonEqual(before.spec, after.spec);
}

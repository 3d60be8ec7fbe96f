// Field order and finalizer bookkeeping. Objects are written in the order the API server's JSON has
// (apiVersion, kind, metadata in ObjectMeta's field order, the rest, status last), so saved state
// and `-o json` output are byte-stable whatever order callers built them in.
import type { KubeObject, ObjectMeta } from "./kube-object.js";

const META_ORDER: readonly (keyof ObjectMeta)[] = [
  "name",
  "generateName",
  "namespace",
  "selfLink",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "labels",
  "annotations",
  "ownerReferences",
  "finalizers",
  "managedFields",
];

const META_RANK = new Map<string, number>(META_ORDER.map((key, rank) => [key, rank]));

/** The object in canonical field order: itself when it already is (most updates), else a reordered copy. */
export function canonicalOrder(object: KubeObject): KubeObject {
  return isCanonical(object) ? object : reordered(object);
}

function isCanonical(object: KubeObject): boolean {
  const keys = Object.keys(object);
  if (keys[0] !== "apiVersion" || keys[1] !== "kind" || keys[2] !== "metadata") return false;
  for (let i = 3; i < keys.length; i++) {
    if (object[keys[i]] === undefined) return false;
    if (keys[i] === "status" && i !== keys.length - 1) return false;
  }
  let rank = 0;
  for (const key in object.metadata) {
    const value = (object.metadata as Record<string, unknown>)[key];
    const next = META_RANK.get(key) ?? META_ORDER.length;
    if (value === undefined || next < rank) return false;
    rank = next;
  }
  return true;
}

function reordered(object: KubeObject): KubeObject {
  const metadata: Record<string, unknown> = {};
  for (const key of META_ORDER) if (object.metadata[key] !== undefined) metadata[key] = object.metadata[key];
  for (const [key, value] of Object.entries(object.metadata)) if (!(key in metadata) && value !== undefined) metadata[key] = value;
  const out: KubeObject = { apiVersion: object.apiVersion, kind: object.kind, metadata: metadata as ObjectMeta };
  for (const [key, value] of Object.entries(object)) {
    if (key !== "apiVersion" && key !== "kind" && key !== "metadata" && key !== "status" && value !== undefined) out[key] = value;
  }
  if (object.status !== undefined) out.status = object.status;
  return out;
}

/** Everything that holds a deleted object back: metadata.finalizers, and a Namespace's spec.finalizers. */
export function pendingFinalizers(object: KubeObject): string[] {
  const own = object.metadata.finalizers ?? [];
  if (object.kind !== "Namespace" || object.apiVersion !== "v1") return [...own];
  const spec = (object.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
  return [...own, ...spec];
}

/** An object marked for deletion goes once nothing holds it back and no grace period is running. */
export function isReadyToGo(object: KubeObject): boolean {
  return (
    object.metadata.deletionTimestamp !== undefined &&
    pendingFinalizers(object).length === 0 &&
    (object.metadata.deletionGracePeriodSeconds ?? 0) === 0
  );
}

export function hasFinalizer(object: KubeObject, finalizer: string): boolean {
  return (object.metadata.finalizers ?? []).includes(finalizer);
}

/** Sets `metadata.finalizers`, dropping the field when the list is empty. */
export function setFinalizers(object: KubeObject, finalizers: readonly string[]): void {
  if (finalizers.length === 0) delete object.metadata.finalizers;
  else object.metadata.finalizers = [...finalizers];
}

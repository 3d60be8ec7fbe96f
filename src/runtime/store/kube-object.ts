// Objects in the simulated cluster are plain JSON, exactly as the API server would return them.
import type { ObjectMeta as ApiObjectMeta, OwnerReference } from "kubernetes-types/meta/v1.js";
import { parseApiVersion } from "../../manifests/resource-key.js";

export type { OwnerReference };

/** metav1.ObjectMeta; the fields kubernetes-types marks read-only are the server's to write. */
export type ObjectMeta = { -readonly [K in keyof ApiObjectMeta]: ApiObjectMeta[K] };

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/**
 * Which object: the identity of ResourceKey without the version (versions of a group are views of
 * one stored object). `namespace` is ignored for cluster-scoped kinds; for namespaced kinds it
 * defaults to `default`, as kubectl's does.
 */
export interface ObjectRef {
  group: string;
  kind: string;
  namespace?: string;
  name: string;
}

// Every store write and many reads need an object's group: a handful of apiVersions, parsed once.
const GROUPS = new Map<string, string>();

export function groupOf(apiVersion: string): string {
  let group = GROUPS.get(apiVersion);
  if (group === undefined) {
    group = parseApiVersion(apiVersion).group;
    // Bounded: objects with made-up apiVersions must not grow it without end.
    if (GROUPS.size < 1024) GROUPS.set(apiVersion, group);
  }
  return group;
}

export function refOf(object: KubeObject): ObjectRef {
  const ref: ObjectRef = { group: groupOf(object.apiVersion), kind: object.kind, name: object.metadata.name ?? "" };
  if (object.metadata.namespace !== undefined) ref.namespace = object.metadata.namespace;
  return ref;
}

/** The store's key for a resolved ref (namespace already set or removed for the kind's scope). */
export function identityOf(ref: ObjectRef): string {
  return identityOfParts(ref.group, ref.kind, ref.namespace ?? "", ref.name);
}

/** objectIdentity's format, built without an intermediate key or ref: this runs on every store access. */
export function identityOfParts(group: string, kind: string, namespace: string, name: string): string {
  return `${group}/${kind}/${namespace}/${name}`;
}

/** `group/kind`: the key of a kind. */
export function kindKeyOf(group: string, kind: string): string {
  return `${group}/${kind}`;
}

export function isKubeObject(value: unknown): value is KubeObject {
  const v = value as Partial<KubeObject> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    typeof v.apiVersion === "string" &&
    typeof v.kind === "string" &&
    typeof v.metadata === "object" &&
    v.metadata !== null &&
    !Array.isArray(v.metadata)
  );
}

/** A deep, mutable copy. Stored objects are frozen; copy one to change it. */
export function cloneObject<T extends KubeObject>(object: T): T {
  return cloneJson(object);
}

/**
 * A deep copy of a JSON value. Stored objects are plain JSON, and copying them is the store's
 * hottest path: a direct walk is several times faster than structuredClone.
 */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneJson(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = cloneJson((value as Record<string, unknown>)[key]);
  return out as T;
}

/**
 * A copy whose top level and metadata may be changed, sharing every other (frozen) part with the
 * original: what a write needs when it replaces only some top-level fields.
 */
export function shallowCopy(object: KubeObject): KubeObject {
  return { ...object, metadata: { ...object.metadata } };
}

/** Freezes a JSON value all the way down, so readers can share stored objects safely. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}

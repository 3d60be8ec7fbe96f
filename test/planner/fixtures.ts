// Small builders for planner tests, and a fake diff so these tests do not depend on src/diff.
import type { FieldChange } from "../../src/diff/field-change.js";
import { parseApiVersion, type ResourceKey } from "../../src/manifests/resource-key.js";
import type { DesiredResource, DiffContext, InventoryEntry, LiveObject, PlannerOptions } from "../../src/planner/index.js";

export interface ObjectSpec {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  annotations?: Record<string, string>;
  body?: Record<string, unknown>;
}

export function object(spec: ObjectSpec): LiveObject {
  const metadata: LiveObject["metadata"] = { name: spec.name };
  if (spec.namespace !== undefined) metadata.namespace = spec.namespace;
  if (spec.annotations !== undefined) metadata.annotations = spec.annotations;
  return { apiVersion: spec.apiVersion, kind: spec.kind, metadata, ...spec.body };
}

export function keyOf(spec: ObjectSpec): ResourceKey {
  const key: ResourceKey = { ...parseApiVersion(spec.apiVersion), kind: spec.kind, name: spec.name };
  if (spec.namespace !== undefined) key.namespace = spec.namespace;
  return key;
}

export function desired(spec: ObjectSpec): DesiredResource {
  return { key: keyOf(spec), object: object(spec), source: `manifests/${spec.name}.yaml` };
}

export function inventoryOf(spec: ObjectSpec, owned: string[] = []): InventoryEntry {
  return { key: keyOf(spec), owned, revision: "old" };
}

/** Compares the top-level spec, data and stringData by JSON; one change per differing field. */
export function fakeDiff(desiredObject: Record<string, unknown>, live: LiveObject, context: DiffContext): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of ["spec", "data", "stringData"]) {
    if (context.ignore.includes(`/${field}`)) continue;
    const before = live[field];
    const after = desiredObject[field];
    if (JSON.stringify(before) !== JSON.stringify(after)) changes.push({ path: `/${field}`, before, after });
  }
  return changes;
}

export const OPTIONS: PlannerOptions = { diff: fakeDiff };

export const ns = (name: string, extra: Partial<ObjectSpec> = {}): ObjectSpec => ({ apiVersion: "v1", kind: "Namespace", name, ...extra });
export const deploy = (name: string, namespace: string, extra: Partial<ObjectSpec> = {}): ObjectSpec => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  name,
  namespace,
  body: { spec: { replicas: 1 } },
  ...extra,
});
export const cm = (name: string, namespace: string, extra: Partial<ObjectSpec> = {}): ObjectSpec => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  name,
  namespace,
  body: { data: { a: "1" } },
  ...extra,
});

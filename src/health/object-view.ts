// What the health rules read from an object, and small readers for it. Health takes plain JSON as
// the API server returns it (the simulated store's objects, parsed manifests, fixtures), never the
// runtime's classes, so a real-cluster backend can reuse it unchanged.
import type { ObjectMeta } from "kubernetes-types/meta/v1.js";

/** Any Kubernetes object: the runtime's KubeObject and parsed manifests both fit. */
export interface HealthInput {
  apiVersion: string;
  kind: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/** The common shape of status conditions across kinds (Deployment, Job, HPA, APIService, Pod…). */
export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** The API group of an apiVersion: `apps/v1` → `apps`, `v1` → "" (core). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

/** The conditions in a status-like value, skipping malformed entries rather than failing on them. */
export function conditionsOf(value: unknown): Condition[] {
  const conditions = (value as { conditions?: unknown } | null | undefined)?.conditions;
  if (!Array.isArray(conditions)) return [];
  return conditions.filter((c): c is Condition => typeof c === "object" && c !== null && typeof (c as Condition).type === "string");
}

export function findCondition(conditions: readonly Condition[], type: string): Condition | undefined {
  return conditions.find((c) => c.type === type);
}

/** Go's zero value for an absent count: gitops-engine compares typed structs, where a missing number is 0. */
export function count(value: number | undefined | null): number {
  return typeof value === "number" ? value : 0;
}

/** Collapses runs of whitespace (YAML-folded or multi-line messages) to one space, for one-line output. */
export function oneLine(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const collapsed = text.replace(/\s+/g, " ").trim();
  return collapsed === "" ? undefined : collapsed;
}

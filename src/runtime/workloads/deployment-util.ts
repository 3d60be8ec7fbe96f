// Deployment arithmetic and bookkeeping, after upstream's pkg/controller/deployment/util: surge and
// unavailability fenceposts, revisions and their annotations, template equality ignoring the
// pod-template-hash label, replica counts over sets of ReplicaSets, and their orderings.
import { isDeepStrictEqual } from "node:util";
import { parseTimestamp } from "../clock/timestamps.js";
import type { KubeObject } from "../store/kube-object.js";
import {
  DEPRECATED_ROLLBACK_TO_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  LAST_APPLIED_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  POD_TEMPLATE_HASH_LABEL,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  deploymentSpec,
  replicaSetSpec,
  replicaSetStatus,
  specReplicas,
  type IntOrString,
  type PodTemplate,
} from "./workload-types.js";

/** Upstream caps the revision-history annotation at this many characters. */
export const MAX_REVISION_HISTORY_CHARS = 2000;

/**
 * An int-or-percent scaled against `total` (GetScaledValueFromIntOrPercent): a percentage is rounded
 * up or down as asked. Undefined for a malformed value.
 */
export function scaledValue(value: IntOrString | undefined, total: number, roundUp: boolean): number | undefined {
  if (value === undefined) return 0;
  if (typeof value === "number") return Number.isInteger(value) ? value : undefined;
  const match = /^(-?\d+)%$/.exec(value);
  // A string must be a percentage.
  if (!match) return undefined;
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

export function isRollingUpdate(d: KubeObject): boolean {
  return (deploymentSpec(d).strategy?.type ?? "RollingUpdate") === "RollingUpdate";
}

/** ResolveFenceposts: surge rounds up, unavailability down, and both 0 becomes unavailability 1. */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? "25%", desired, true) ?? 0;
  let unavailable = scaledValue(maxUnavailable ?? "25%", desired, false) ?? 0;
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(d: KubeObject): number {
  if (!isRollingUpdate(d)) return 0;
  const rolling = deploymentSpec(d).strategy?.rollingUpdate;
  return resolveFenceposts(rolling?.maxSurge, rolling?.maxUnavailable, specReplicas(d)).surge;
}

export function maxUnavailable(d: KubeObject): number {
  const replicas = specReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const rolling = deploymentSpec(d).strategy?.rollingUpdate;
  return Math.min(resolveFenceposts(rolling?.maxSurge, rolling?.maxUnavailable, replicas).unavailable, replicas);
}

/** The revision annotation as a number; 0 when absent, undefined when malformed. */
export function revisionOf(object: KubeObject): number | undefined {
  const text = object.metadata.annotations?.[REVISION_ANNOTATION];
  if (text === undefined || text === "") return 0;
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

export function maxRevision(replicaSets: readonly KubeObject[]): number {
  let max = 0;
  for (const rs of replicaSets) max = Math.max(max, revisionOf(rs) ?? 0);
  return max;
}

/** The template without the pod-template-hash label, for comparisons (EqualIgnoreHash). */
function withoutHash(template: PodTemplate | undefined): unknown {
  const copy = structuredClone(template ?? {}) as PodTemplate;
  const labels = copy.metadata?.labels;
  if (labels) {
    delete labels[POD_TEMPLATE_HASH_LABEL];
    if (Object.keys(labels).length === 0) delete copy.metadata?.labels;
  }
  if (copy.metadata && Object.keys(copy.metadata).length === 0) delete copy.metadata;
  return copy;
}

export function equalIgnoreHash(a: PodTemplate | undefined, b: PodTemplate | undefined): boolean {
  return isDeepStrictEqual(withoutHash(a), withoutHash(b));
}

const SKIPPED_ANNOTATIONS = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  DEPRECATED_ROLLBACK_TO_ANNOTATION,
]);

/** Annotations a Deployment never copies to its ReplicaSets, and a rollback never copies back. */
export function isSkippedAnnotation(key: string): boolean {
  return SKIPPED_ANNOTATIONS.has(key);
}

/**
 * SetNewReplicaSetAnnotations: copy the Deployment's annotations, raise the revision to `newRevision`
 * when it is higher (recording the old number in revision-history: a rollback to this ReplicaSet), and
 * on creation set desired- and max-replicas. Changes `rs` in place; true when anything changed.
 */
export function setNewReplicaSetAnnotations(d: KubeObject, rs: KubeObject, newRevision: number, exists: boolean): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (isSkippedAnnotation(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  const oldText = annotations[REVISION_ANNOTATION];
  const had = oldText !== undefined;
  let old = 0;
  if (oldText !== undefined && oldText !== "") {
    if (!/^\d+$/.test(oldText)) return changed;
    old = Number(oldText);
  }
  if (old < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (had) appendRevisionHistory(annotations, oldText ?? "");
  }
  if (!exists && setReplicasAnnotations(rs, specReplicas(d), specReplicas(d) + maxSurge(d))) changed = true;
  return changed;
}

function appendRevisionHistory(annotations: Record<string, string>, oldRevision: string): void {
  const history = annotations[REVISION_HISTORY_ANNOTATION] ?? "";
  if (history === "") {
    annotations[REVISION_HISTORY_ANNOTATION] = oldRevision;
    return;
  }
  const entries = history.split(",");
  let total = history.length + oldRevision.length + 1;
  let start = 0;
  while (total > MAX_REVISION_HISTORY_CHARS && start < entries.length) {
    total -= entries[start].length + 1;
    start++;
  }
  if (total <= MAX_REVISION_HISTORY_CHARS) annotations[REVISION_HISTORY_ANNOTATION] = [...entries.slice(start), oldRevision].join(",");
}

/** Sets desired-replicas and max-replicas on `rs` in place; true when they changed. */
export function setReplicasAnnotations(rs: KubeObject, desired: number, max: number): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let changed = false;
  if (annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    annotations[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (annotations[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    annotations[MAX_REPLICAS_ANNOTATION] = String(max);
    changed = true;
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: KubeObject, desired: number, max: number): boolean {
  const annotations = rs.metadata.annotations ?? {};
  return annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || annotations[MAX_REPLICAS_ANNOTATION] !== String(max);
}

function intAnnotation(rs: KubeObject, key: string): number | undefined {
  const text = rs.metadata.annotations?.[key];
  return text !== undefined && /^-?\d+$/.test(text) ? Number(text) : undefined;
}

export function desiredReplicasAnnotation(rs: KubeObject): number | undefined {
  return intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
}

export function maxReplicasAnnotation(rs: KubeObject): number | undefined {
  return intAnnotation(rs, MAX_REPLICAS_ANNOTATION);
}

/** Σ spec.replicas */
export function specReplicaCount(replicaSets: readonly (KubeObject | undefined)[]): number {
  let sum = 0;
  for (const rs of replicaSets) if (rs) sum += replicaSetSpec(rs).replicas ?? 0;
  return sum;
}

/** Σ status.replicas */
export function actualReplicaCount(replicaSets: readonly (KubeObject | undefined)[]): number {
  let sum = 0;
  for (const rs of replicaSets) if (rs) sum += replicaSetStatus(rs).replicas ?? 0;
  return sum;
}

export function readyReplicaCount(replicaSets: readonly (KubeObject | undefined)[]): number {
  let sum = 0;
  for (const rs of replicaSets) if (rs) sum += replicaSetStatus(rs).readyReplicas ?? 0;
  return sum;
}

export function availableReplicaCount(replicaSets: readonly (KubeObject | undefined)[]): number {
  let sum = 0;
  for (const rs of replicaSets) if (rs) sum += replicaSetStatus(rs).availableReplicas ?? 0;
  return sum;
}

export function rsReplicas(rs: KubeObject): number {
  return replicaSetSpec(rs).replicas ?? 0;
}

/** ReplicaSets with spec.replicas > 0. */
export function activeReplicaSets(replicaSets: readonly (KubeObject | undefined)[]): KubeObject[] {
  return replicaSets.filter((rs): rs is KubeObject => rs !== undefined && rsReplicas(rs) > 0);
}

function created(object: KubeObject): number {
  return parseTimestamp(object.metadata.creationTimestamp ?? "") ?? 0;
}

/** Oldest first; equal timestamps by name (ReplicaSetsByCreationTimestamp). */
export function byCreation(a: KubeObject, b: KubeObject): number {
  const diff = created(a) - created(b);
  if (diff !== 0) return diff;
  const [x, y] = [a.metadata.name ?? "", b.metadata.name ?? ""];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Largest first; equal sizes newer first (ReplicaSetsBySizeNewer), for scaling up. */
export function bySizeNewer(a: KubeObject, b: KubeObject): number {
  return rsReplicas(b) - rsReplicas(a) || byCreation(b, a);
}

/** Largest first; equal sizes older first (ReplicaSetsBySizeOlder), for scaling down. */
export function bySizeOlder(a: KubeObject, b: KubeObject): number {
  return rsReplicas(b) - rsReplicas(a) || byCreation(a, b);
}

/** Lowest revision first; equal revisions by creation (ReplicaSetsByRevision). */
export function byRevision(a: KubeObject, b: KubeObject): number {
  return (revisionOf(a) ?? 0) - (revisionOf(b) ?? 0) || byCreation(a, b);
}

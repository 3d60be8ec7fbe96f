// Which pods a ReplicaSet deletes first when it scales down: upstream's ActivePodsWithRanks ordering
// (pkg/controller/controller_utils.go) with LogarithmicScaleDown, its default since v1.22. The first
// pods in the returned order are the victims.
import { parseTimestamp } from "../clock/timestamps.js";
import type { KubeObject } from "../store/kube-object.js";
import { isPodActive, isPodReady, maxRestarts, readySince } from "./pod-state.js";
import { POD_DELETION_COST_ANNOTATION, podNodeName, podStatus } from "./workload-types.js";

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

interface Ranked {
  pod: KubeObject;
  uid: string;
  assigned: boolean;
  phase: number;
  ready: boolean;
  cost: number;
  /** Active related pods on the same node: more doubled-up pods go first. */
  rank: number;
  readySince: number | undefined;
  restarts: number;
  created: number | undefined;
}

/**
 * `pods` ordered for deletion, most deletable first. `related` are the active pods of the owner and
 * its sibling ReplicaSets (same controller), which decide how doubled-up each node is.
 */
export function rankForDeletion(pods: readonly KubeObject[], related: readonly KubeObject[], now: number): KubeObject[] {
  const perNode = new Map<string, number>();
  for (const pod of related) {
    if (!isPodActive(pod)) continue;
    const node = podNodeName(pod);
    perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  const ranked: Ranked[] = pods.map((pod) => ({
    pod,
    uid: pod.metadata.uid ?? "",
    assigned: podNodeName(pod) !== "",
    phase: PHASE_ORDINAL[podStatus(pod).phase ?? ""] ?? 0,
    ready: isPodReady(pod),
    cost: deletionCost(pod),
    rank: perNode.get(podNodeName(pod)) ?? 0,
    readySince: readySince(pod),
    restarts: maxRestarts(pod),
    created: pod.metadata.creationTimestamp ? parseTimestamp(pod.metadata.creationTimestamp) : undefined,
  }));
  ranked.sort((a, b) => compare(a, b, now));
  return ranked.map((r) => r.pod);
}

/** Negative when `a` is deleted before `b`. */
function compare(a: Ranked, b: Ranked, now: number): number {
  // 1. Unassigned before assigned.
  if (a.assigned !== b.assigned) return a.assigned ? 1 : -1;
  // 2. Pending before Unknown before Running.
  if (a.phase !== b.phase) return a.phase - b.phase;
  // 3. Not ready before ready.
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  // 4. Lower pod-deletion-cost first.
  if (a.cost !== b.cost) return a.cost - b.cost;
  // 5. More doubled-up first.
  if (a.rank !== b.rank) return b.rank - a.rank;
  // 6. Ready for a shorter time first, in log2 buckets; ties in a bucket by uid.
  if (a.ready && b.ready && a.readySince !== b.readySince) {
    const byTime = newerFirst(a.readySince, b.readySince, a.uid, b.uid, now);
    if (byTime !== 0) return byTime;
  }
  // 7. Higher restart count first.
  if (a.restarts !== b.restarts) return b.restarts - a.restarts;
  // 8. Newer first, in log2 buckets; ties in a bucket by uid.
  if (a.created !== b.created) return newerFirst(a.created, b.created, a.uid, b.uid, now);
  return 0;
}

/** Upstream's afterOrZero / logarithmicRankDiff: a missing time first, then the more recent bucket. */
function newerFirst(a: number | undefined, b: number | undefined, uidA: string, uidB: string, now: number): number {
  if (a === undefined || b === undefined) return a === undefined ? (b === undefined ? 0 : -1) : 1;
  const diff = logBucket(now - a) - logBucket(now - b);
  if (diff === 0) return uidA < uidB ? -1 : uidA > uidB ? 1 : 0;
  return diff;
}

/** floor(log2(age in nanoseconds)), or -1 for an age that is not positive. */
function logBucket(ageMs: number): number {
  return ageMs > 0 ? Math.floor(Math.log2(ageMs * 1e6)) : -1;
}

/** The int32 `controller.kubernetes.io/pod-deletion-cost` annotation; 0 when absent or invalid. */
export function deletionCost(pod: KubeObject): number {
  const text = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (text === undefined || !/^[+-]?\d+$/.test(text.trim())) return 0;
  const value = Number(text.trim());
  return value >= -(2 ** 31) && value <= 2 ** 31 - 1 ? value : 0;
}

// The default profile's Score plugins that apply to simulated nodes, with upstream weights and
// normalization: NodeResourcesFit's LeastAllocated (1), NodeResourcesBalancedAllocation (1),
// TaintToleration (3) and NodeAffinity (2). Each gives 0–100 per node; integer arithmetic follows
// upstream's int64 truncation.
import { matchesTerm } from "./node-affinity.js";
import type { NodeEntry } from "./node-cache.js";
import type { PodInfo } from "./pod-info.js";
import { toleratesAny } from "./taints.js";

export const MAX_NODE_SCORE = 100;

export const WEIGHTS = { leastAllocated: 1, balancedAllocation: 1, taintToleration: 3, nodeAffinity: 2 } as const;

function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** LeastAllocated over cpu and memory (weight 1 each), counting missing requests as 100m / 200Mi. */
export function leastAllocatedScore(pod: PodInfo, entry: NodeEntry): number {
  let score = 0;
  let weights = 0;
  if (entry.allocMilliCpu > 0) {
    score += leastRequested(entry.nonZeroMilliCpu + pod.summary.nonZeroMilliCpu, entry.allocMilliCpu);
    weights++;
  }
  if (entry.allocMemory > 0) {
    score += leastRequested(entry.nonZeroMemory + pod.summary.nonZeroMemory, entry.allocMemory);
    weights++;
  }
  return weights === 0 ? 0 : Math.floor(score / weights);
}

/** BalancedAllocation: (1 − |f_cpu − f_mem| / 2) × 100 with real requests, fractions capped at 1. */
export function balancedAllocationScore(pod: PodInfo, entry: NodeEntry): number {
  // With one resource (or none) the deviation is zero.
  if (entry.allocMilliCpu === 0 || entry.allocMemory === 0) return MAX_NODE_SCORE;
  const cpu = Math.min(1, (entry.reqMilliCpu + pod.summary.requests.milliCpu) / entry.allocMilliCpu);
  const memory = Math.min(1, (entry.reqMemory + pod.summary.requests.memory) / entry.allocMemory);
  const std = Math.abs((cpu - memory) / 2);
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** TaintToleration (before normalization): PreferNoSchedule taints the pod does not tolerate. */
export function intolerablePreferNoSchedule(pod: PodInfo, entry: NodeEntry): number {
  let count = 0;
  for (const taint of entry.taints) {
    if (taint.effect === "PreferNoSchedule" && !toleratesAny(pod.preferTolerations, taint)) count++;
  }
  return count;
}

/** NodeAffinity (before normalization): the weights of the preferred terms the node matches. */
export function preferredAffinityWeight(pod: PodInfo, entry: NodeEntry): number {
  let total = 0;
  for (const term of pod.preferredTerms ?? []) if (matchesTerm(term.preference, entry.name, entry.labels)) total += term.weight;
  return total;
}

/** DefaultNormalizeScore: scales to 0–100 by the highest score; `reverse` turns fewest into best. */
export function normalizeScores(scores: number[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const scaled = Math.floor((MAX_NODE_SCORE * scores[i]) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - scaled : scaled;
  }
}

/** Total weighted scores of `nodes`, in their order. */
export function scoreNodes(pod: PodInfo, nodes: readonly NodeEntry[]): number[] {
  const n = nodes.length;
  const totals = new Array<number>(n);
  const taintCounts = new Array<number>(n);
  const affinity = pod.preferredTerms ? new Array<number>(n) : undefined;
  for (let i = 0; i < n; i++) {
    const entry = nodes[i];
    totals[i] = leastAllocatedScore(pod, entry) * WEIGHTS.leastAllocated + balancedAllocationScore(pod, entry) * WEIGHTS.balancedAllocation;
    taintCounts[i] = entry.taints.length === 0 ? 0 : intolerablePreferNoSchedule(pod, entry);
    if (affinity) affinity[i] = preferredAffinityWeight(pod, entry);
  }
  normalizeScores(taintCounts, true);
  for (let i = 0; i < n; i++) totals[i] += taintCounts[i] * WEIGHTS.taintToleration;
  if (affinity) {
    normalizeScores(affinity, false);
    for (let i = 0; i < n; i++) totals[i] += affinity[i] * WEIGHTS.nodeAffinity;
  }
  return totals;
}

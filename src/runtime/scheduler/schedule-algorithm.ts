// One scheduling attempt (schedulePod): filter nodes starting where the last attempt stopped,
// stop once enough feasible nodes are found, score them and take the best. Ties go to the node
// looked at first; the rotating start spreads equal choices across attempts.
import type { FilterFailure } from "./filters.js";
import { runFilters } from "./filters.js";
import type { NodeCache, NodeEntry } from "./node-cache.js";
import type { PodInfo } from "./pod-info.js";
import { scoreNodes } from "./scores.js";

/** minFeasibleNodesToFind and minFeasibleNodesPercentageToFind. */
const MIN_FEASIBLE_NODES = 100;
const MIN_FEASIBLE_PERCENTAGE = 5;

/** How many feasible nodes to find before scoring (adaptive percentageOfNodesToScore). */
export function numFeasibleNodesToFind(numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES) return numAllNodes;
  const percentage = Math.max(MIN_FEASIBLE_PERCENTAGE, 50 - Math.trunc(numAllNodes / 125));
  return Math.max(MIN_FEASIBLE_NODES, Math.trunc((numAllNodes * percentage) / 100));
}

export type Attempt =
  | { kind: "fit"; node: NodeEntry }
  | { kind: "noNodes" }
  | { kind: "unfit"; numAllNodes: number; statuses: Map<string, FilterFailure> };

export class ScheduleAlgorithm {
  private nextStartNodeIndex = 0;

  schedule(pod: PodInfo, cache: NodeCache): Attempt {
    const nodes = cache.nodes();
    const all = nodes.length;
    if (all === 0) return { kind: "noNodes" };
    // A pod that preempted others tries the node it made room on first.
    if (pod.nominatedNodeName) {
      const nominated = cache.get(pod.nominatedNodeName);
      if (nominated && !runFilters(pod, nominated)) return { kind: "fit", node: nominated };
    }
    const wanted = numFeasibleNodesToFind(all);
    const feasible: NodeEntry[] = [];
    let statuses: Map<string, FilterFailure> | undefined;
    let processed = 0;
    const start = this.nextStartNodeIndex % all;
    for (let i = 0, index = start; i < all; i++, index = index + 1 === all ? 0 : index + 1) {
      const entry = nodes[index];
      processed++;
      const failure = runFilters(pod, entry);
      if (failure) (statuses ??= new Map()).set(entry.name, failure);
      else if (feasible.push(entry) >= wanted) break;
    }
    this.nextStartNodeIndex = (start + processed) % all;
    if (feasible.length === 0) return { kind: "unfit", numAllNodes: all, statuses: statuses ?? new Map() };
    if (feasible.length === 1) return { kind: "fit", node: feasible[0] };
    const scores = scoreNodes(pod, feasible);
    let best = 0;
    for (let i = 1; i < scores.length; i++) if (scores[i] > scores[best]) best = i;
    return { kind: "fit", node: feasible[best] };
  }
}

// DefaultPreemption (the PostFilter plugin): when no node fits a pod, look for nodes where
// deleting lower-priority pods would make room, pick one (fewest and least important victims), and
// report why nothing could be done otherwise. Simplifications: no PodDisruptionBudgets, and pods
// nominated to a node are not counted against it when other pods are filtered.
import { fitErrorMessage } from "./fit-error.js";
import { fitFilter, type FilterFailure, type NodeLoad } from "./filters.js";
import type { AccountedPod, NodeCache, NodeEntry } from "./node-cache.js";
import type { PodInfo } from "./pod-info.js";

export const NOT_HELPFUL = "Preemption is not helpful for scheduling";
export const NO_VICTIMS = "No preemption victims found for incoming pod";

export type PreemptionOutcome =
  | { kind: "failed"; message: string }
  | { kind: "preempt"; node: string; victims: AccountedPod[] };

interface Candidate {
  node: NodeEntry;
  victims: AccountedPod[];
}

/** Higher priority first: the order victims are spared in. */
function moreImportant(a: AccountedPod, b: AccountedPod): number {
  return b.priority - a.priority;
}

function loadWithout(entry: NodeEntry, removed: readonly AccountedPod[]): NodeLoad {
  const load = { podCount: entry.pods.size, milliCpu: entry.reqMilliCpu, memory: entry.reqMemory, ephemeral: entry.reqEphemeral, scalar: new Map(entry.reqScalar) };
  for (const pod of removed) {
    const r = pod.summary.requests;
    load.podCount--;
    load.milliCpu -= r.milliCpu;
    load.memory -= r.memory;
    load.ephemeral -= r.ephemeralStorage;
    for (const [name, amount] of r.scalar ?? []) load.scalar.set(name, (load.scalar.get(name) ?? 0) - amount);
  }
  return load;
}

/** SelectVictimsOnNode: remove every lower-priority pod; if the pod then fits, spare all it can. */
function selectVictims(pod: PodInfo, entry: NodeEntry): { victims: AccountedPod[] } | { reasons: readonly string[] } {
  if (!entry.hasPodBelow(pod.priority)) return { reasons: [NO_VICTIMS] };
  const lower = [...entry.pods.values()].filter((p) => p.priority < pod.priority).sort(moreImportant);
  const failure = fitFilter(pod, entry, loadWithout(entry, lower));
  if (failure) return { reasons: failure.reasons };
  let victims = lower;
  for (const candidate of lower) {
    const without = victims.filter((v) => v !== candidate);
    if (!fitFilter(pod, entry, loadWithout(entry, without))) victims = without;
  }
  return { victims };
}

/** pickOneNodeForPreemption: lowest top victim priority, lowest priority sum, fewest victims. */
function pickCandidate(candidates: readonly Candidate[]): Candidate {
  const offset = 2 ** 31;
  const key = (c: Candidate): [number, number, number] => [
    Math.max(...c.victims.map((v) => v.priority)),
    c.victims.reduce((sum, v) => sum + v.priority + offset, 0),
    c.victims.length,
  ];
  let best = candidates[0];
  let bestKey = key(best);
  for (const candidate of candidates.slice(1)) {
    const k = key(candidate);
    if (k[0] < bestKey[0] || (k[0] === bestKey[0] && (k[1] < bestKey[1] || (k[1] === bestKey[1] && k[2] < bestKey[2])))) {
      best = candidate;
      bestKey = k;
    }
  }
  return best;
}

export function preempt(pod: PodInfo, cache: NodeCache, statuses: ReadonlyMap<string, FilterFailure>): PreemptionOutcome {
  if (pod.preemptionPolicy === "Never") return { kind: "failed", message: "preemption: not eligible due to preemptionPolicy=Never." };
  if (pod.nominatedNodeName) {
    const nominated = statuses.get(pod.nominatedNodeName);
    const entry = cache.get(pod.nominatedNodeName);
    if ((!nominated || nominated.resolvable) && entry) {
      for (const other of entry.pods.values()) {
        if (other.priority < pod.priority && other.terminating) {
          return { kind: "failed", message: "preemption: not eligible due to a terminating pod on the nominated node." };
        }
      }
    }
  }
  const nodeStatuses = new Map<string, { reasons: readonly string[] }>();
  const candidates: Candidate[] = [];
  for (const entry of cache.nodes()) {
    const status = statuses.get(entry.name);
    if (status && !status.resolvable) {
      nodeStatuses.set(entry.name, { reasons: [NOT_HELPFUL] });
      continue;
    }
    const selected = selectVictims(pod, entry);
    if ("victims" in selected) candidates.push({ node: entry, victims: selected.victims });
    else nodeStatuses.set(entry.name, selected);
  }
  if (candidates.length === 0) return { kind: "failed", message: `preemption: ${fitErrorMessage(nodeStatuses.size, nodeStatuses)}` };
  const chosen = pickCandidate(candidates);
  return { kind: "preempt", node: chosen.node.name, victims: chosen.victims };
}

// The taint-eviction controller's decision for one pod on a node with NoExecute taints
// (processPodOnNode): a taint no toleration covers evicts at once; otherwise the shortest
// tolerationSeconds among the tolerations used counts from when the taints were added, and
// tolerations without tolerationSeconds keep the pod forever.
import { parseTimestamp } from "../clock/timestamps.js";
import { toleratesTaint, type Taint, type Toleration } from "../scheduler/taints.js";

export type EvictionDecision = { kind: "now" } | { kind: "at"; at: number } | { kind: "never" };

export const TAINT_EVICTION_COMPONENT = "taint-eviction-controller";

export function evictionDecision(noExecuteTaints: readonly Taint[], tolerations: readonly Toleration[], now: number): EvictionDecision {
  if (noExecuteTaints.length === 0) return { kind: "never" };
  const used: Toleration[] = [];
  for (const taint of noExecuteTaints) {
    const match = tolerations.find((t) => toleratesTaint(t, taint));
    if (!match) return { kind: "now" };
    used.push(match);
  }
  let seconds = Number.POSITIVE_INFINITY;
  for (const toleration of used) {
    if (toleration.tolerationSeconds === undefined || toleration.tolerationSeconds === null) continue;
    if (toleration.tolerationSeconds <= 0) return { kind: "now" };
    seconds = Math.min(seconds, toleration.tolerationSeconds);
  }
  if (!Number.isFinite(seconds)) return { kind: "never" };
  // The wait started when the first of the taints appeared.
  let start = now;
  for (const taint of noExecuteTaints) {
    const added = taint.timeAdded === undefined ? undefined : parseTimestamp(taint.timeAdded);
    if (added !== undefined && added < start) start = added;
  }
  const at = start + seconds * 1000;
  return at <= now ? { kind: "now" } : { kind: "at", at };
}

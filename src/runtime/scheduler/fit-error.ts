// The message of a scheduling failure, as FitError.Error() builds it:
//   0/<all> nodes are available: <count> <reason>, <count> <reason>. <post-filter message>.
// Reasons are counted per node, printed "%v %v" and sorted with sort.Strings (so "10 …" sorts
// before "2 …"), joined by ", ".
import type { FilterFailure } from "./filters.js";

export const NO_NODES_AVAILABLE = "no nodes available to schedule pods";

export function reasonHistogram(statuses: Iterable<{ reasons: readonly string[] }>): string {
  const counts = new Map<string, number>();
  for (const status of statuses) for (const reason of status.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const parts = [...counts].map(([reason, count]) => `${count} ${reason}`);
  parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return parts.join(", ");
}

/** A PreFilter plugin rejected the pod: its message stands for every node (Diagnosis.PreFilterMsg). */
export function preFilterFitErrorMessage(numAllNodes: number, preFilterMessage: string, postFilterMessage?: string): string {
  let message = `0/${numAllNodes} nodes are available: ${preFilterMessage}.`;
  if (postFilterMessage) message += ` ${postFilterMessage}.`;
  return message;
}

export function fitErrorMessage(numAllNodes: number, statuses: ReadonlyMap<string, FilterFailure | { reasons: readonly string[] }>, postFilterMessage?: string): string {
  let message = `0/${numAllNodes} nodes are available:`;
  const histogram = reasonHistogram(statuses.values());
  if (histogram) message += ` ${histogram}.`;
  if (postFilterMessage) message += ` ${postFilterMessage}.`;
  return message;
}

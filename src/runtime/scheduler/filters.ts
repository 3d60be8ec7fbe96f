// The default profile's Filter plugins that apply to simulated nodes, in upstream order:
// NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodeResourcesFit. A node is rejected
// by the first plugin that fails, with that plugin's reasons (Fit reports every short resource).
import { matchesAnyTerm } from "./node-affinity.js";
import type { NodeEntry } from "./node-cache.js";
import type { PodInfo } from "./pod-info.js";
import { describeTaint, firstUntoleratedTaint } from "./taints.js";

export const REASON_UNSCHEDULABLE = "node(s) were unschedulable";
export const REASON_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
export const REASON_TOO_MANY_PODS = "Too many pods";

/**
 * Why a node cannot take the pod. `resolvable` is false for UnschedulableAndUnresolvable failures:
 * removing pods from the node (preemption) cannot help those.
 */
export interface FilterFailure {
  reasons: readonly string[];
  resolvable: boolean;
}

const UNSCHEDULABLE: FilterFailure = { reasons: [REASON_UNSCHEDULABLE], resolvable: false };
const AFFINITY: FilterFailure = { reasons: [REASON_AFFINITY], resolvable: false };

/** What a node already holds, as the Fit filter sees it; preemption passes a lighter view. */
export interface NodeLoad {
  podCount: number;
  milliCpu: number;
  memory: number;
  ephemeral: number;
  scalar: ReadonlyMap<string, number> | undefined;
}


/**
 * The node-only filters (everything but Fit): their outcome does not depend on the node's pods.
 * NodeName always passes here: a pod that names its node is bound already and never queued.
 */
export function staticFilters(pod: PodInfo, entry: NodeEntry): FilterFailure | undefined {
  if (entry.unschedulable && !pod.toleratesUnschedulable) return UNSCHEDULABLE;
  if (entry.taints.length > 0) {
    const taint = firstUntoleratedTaint(entry.taints, pod.tolerations);
    if (taint) return { reasons: [`node(s) had untolerated taint ${describeTaint(taint)}`], resolvable: false };
  }
  if (pod.nodeSelector) {
    for (const [key, value] of pod.nodeSelector) if (entry.labels[key] !== value) return AFFINITY;
  }
  if (pod.requiredTerms && !matchesAnyTerm(pod.requiredTerms, entry.name, entry.labels)) return AFFINITY;
  return undefined;
}

/** NodeResourcesFit: pod count, then cpu, memory, ephemeral storage and extended resources. */
export function fitFilter(pod: PodInfo, entry: NodeEntry, load?: NodeLoad): FilterFailure | undefined {
  const request = pod.summary.requests;
  // The common case, checked without building reasons: this runs for hundreds of nodes per pod.
  if (
    !load &&
    !request.scalar &&
    entry.pods.size < entry.allocPods &&
    request.milliCpu <= entry.allocMilliCpu - entry.reqMilliCpu &&
    request.memory <= entry.allocMemory - entry.reqMemory &&
    request.ephemeralStorage <= entry.allocEphemeral - entry.reqEphemeral
  ) {
    return undefined;
  }
  let reasons: string[] | undefined;
  const podCount = load ? load.podCount : entry.pods.size;
  if (podCount + 1 > entry.allocPods) (reasons ??= []).push(REASON_TOO_MANY_PODS);
  if (request.milliCpu === 0 && request.memory === 0 && request.ephemeralStorage === 0 && !request.scalar) {
    return reasons ? { reasons, resolvable: true } : undefined;
  }
  const milliCpu = load ? load.milliCpu : entry.reqMilliCpu;
  const memory = load ? load.memory : entry.reqMemory;
  const ephemeral = load ? load.ephemeral : entry.reqEphemeral;
  if (request.milliCpu > 0 && request.milliCpu > entry.allocMilliCpu - milliCpu) (reasons ??= []).push("Insufficient cpu");
  if (request.memory > 0 && request.memory > entry.allocMemory - memory) (reasons ??= []).push("Insufficient memory");
  if (request.ephemeralStorage > 0 && request.ephemeralStorage > entry.allocEphemeral - ephemeral) (reasons ??= []).push("Insufficient ephemeral-storage");
  if (request.scalar) {
    const used = load ? load.scalar : entry.reqScalar;
    for (const name of [...request.scalar.keys()].sort()) {
      const amount = request.scalar.get(name) ?? 0;
      const free = (entry.allocScalar?.get(name) ?? 0) - (used?.get(name) ?? 0);
      if (amount > free) (reasons ??= []).push(`Insufficient ${name}`);
    }
  }
  return reasons ? { reasons, resolvable: true } : undefined;
}

/** Every filter, in order (VolumeBinding after Fit); undefined when the node fits. */
export function runFilters(pod: PodInfo, entry: NodeEntry): FilterFailure | undefined {
  return staticFilters(pod, entry) ?? fitFilter(pod, entry) ?? pod.volumeFilter?.(entry);
}

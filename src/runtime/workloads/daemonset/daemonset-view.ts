// What one sync of a DaemonSet looks at: the nodes, where the set's pods are (grouped by the node
// each is for), its current revision's hash and template generation, and the pod judgements the
// controller's decisions share (updated, ready-for-long-enough, oldest first).
import type { KubeObject } from "../../store/kube-object.js";
import { CONTROLLER_REVISION_HASH_LABEL } from "../controller-revisions.js";
import { isPodAvailable } from "../pod-state.js";
import { podNodeName, podStatus } from "../workload-types.js";
import { daemonSetSpec, POD_TEMPLATE_GENERATION_LABEL, templateGeneration } from "./daemonset-types.js";
import { nodeEligibility, placementOf, targetNodeName, type Eligibility } from "./node-eligibility.js";

export interface DaemonSetView {
  daemonSet: KubeObject;
  /** Every node, by name. */
  nodes: readonly KubeObject[];
  /** Node name → whether the set's pod should run there, judged once per sync. */
  eligibility: ReadonlyMap<string, Eligibility>;
  /** The current revision's `controller-revision-hash`. */
  hash: string;
  now: number;
}

const NOWHERE: Eligibility = { shouldRun: false, shouldContinueRunning: false };

export function daemonSetView(daemonSet: KubeObject, nodes: readonly KubeObject[], hash: string, now: number): DaemonSetView {
  const placement = placementOf(daemonSet);
  const eligibility = new Map<string, Eligibility>();
  for (const node of nodes) eligibility.set(node.metadata.name ?? "", nodeEligibility(placement, node));
  return { daemonSet, nodes, eligibility, hash, now };
}

/** The node's eligibility; a node that does not exist takes no pods. */
export function eligibilityOn(view: DaemonSetView, nodeName: string): Eligibility {
  return view.eligibility.get(nodeName) ?? NOWHERE;
}

export type PodsByNode = Map<string, KubeObject[]>;

function isTerminal(pod: KubeObject): boolean {
  const phase = podStatus(pod).phase;
  return phase === "Succeeded" || phase === "Failed";
}

/**
 * The set's pods by the node each is for (getNodesToDaemonPods). Finished pods already being
 * deleted are left out unless asked for: the controller has nothing more to do with them.
 */
export function podsByNode(pods: Iterable<KubeObject>, options: { includeDeletedTerminal: boolean }): PodsByNode {
  const out: PodsByNode = new Map();
  for (const pod of pods) {
    if (!options.includeDeletedTerminal && isTerminal(pod) && pod.metadata.deletionTimestamp !== undefined) continue;
    const node = targetNodeName(pod);
    if (node === undefined) continue;
    const list = out.get(node);
    if (list) list.push(pod);
    else out.set(node, [pod]);
  }
  return out;
}

/** podByCreationTimestampAndPhase: bound pods first, then the oldest, then by name. */
export function compareDaemonPods(a: KubeObject, b: KubeObject): number {
  const boundA = podNodeName(a) !== "";
  const boundB = podNodeName(b) !== "";
  if (boundA !== boundB) return boundA ? -1 : 1;
  const createdA = a.metadata.creationTimestamp ?? "";
  const createdB = b.metadata.creationTimestamp ?? "";
  if (createdA !== createdB) return createdA < createdB ? -1 : 1;
  const nameA = a.metadata.name ?? "";
  const nameB = b.metadata.name ?? "";
  return nameA < nameB ? -1 : nameA > nameB ? 1 : 0;
}

/** IsPodUpdated: the pod carries the current revision's hash or the current template generation. */
export function isPodUpdated(view: DaemonSetView, pod: KubeObject): boolean {
  const labels = pod.metadata.labels ?? {};
  const generation = templateGeneration(view.daemonSet);
  const generationMatches = generation !== undefined && labels[POD_TEMPLATE_GENERATION_LABEL] === String(generation);
  return (view.hash !== "" && labels[CONTROLLER_REVISION_HASH_LABEL] === view.hash) || generationMatches;
}

export function isDaemonPodAvailable(view: DaemonSetView, pod: KubeObject): boolean {
  return isPodAvailable(pod, daemonSetSpec(view.daemonSet).minReadySeconds ?? 0, view.now);
}

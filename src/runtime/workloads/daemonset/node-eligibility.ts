// Which nodes a DaemonSet's pod belongs on (NodeShouldRunDaemonPod). The pod the set would make —
// its template with the automatic tolerations — must match the node's name (when the template names
// one), nodeSelector and required node affinity, and tolerate the node's NoSchedule and NoExecute
// taints. A pod already there may stay while it tolerates the NoExecute ones.
import type { KubeObject } from "../../store/kube-object.js";
import { matchesAnyTerm, type NodeSelectorTerm } from "../../scheduler/node-affinity.js";
import { taintsOf, toleratesAny, type Taint, type Toleration } from "../../scheduler/taints.js";
import { withDaemonTolerations } from "./daemon-tolerations.js";
import { daemonSetSpec } from "./daemonset-types.js";

export interface Eligibility {
  /** A daemon pod should be created here. */
  shouldRun: boolean;
  /** A daemon pod already here may keep running. */
  shouldContinueRunning: boolean;
}

const NOT_ELIGIBLE: Eligibility = { shouldRun: false, shouldContinueRunning: false };
const ELIGIBLE: Eligibility = { shouldRun: true, shouldContinueRunning: true };
const STAY_ONLY: Eligibility = { shouldRun: false, shouldContinueRunning: true };

/** What placement looks at in a DaemonSet's template, read once per sync rather than per node. */
export interface DaemonPlacement {
  nodeName: string;
  nodeSelector: ReadonlyArray<readonly [string, string]>;
  requiredTerms: readonly NodeSelectorTerm[] | undefined;
  tolerations: readonly Toleration[];
}

interface PodSpecLike {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  hostNetwork?: boolean;
  tolerations?: Toleration[];
  affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] } } };
}

export function placementOf(daemonSet: KubeObject): DaemonPlacement {
  const spec = (daemonSetSpec(daemonSet).template?.spec ?? {}) as PodSpecLike;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return {
    nodeName: spec.nodeName ?? "",
    nodeSelector: Object.entries(spec.nodeSelector ?? {}),
    // A required node selector without terms matches no node.
    requiredTerms: required ? (required.nodeSelectorTerms ?? []) : undefined,
    tolerations: withDaemonTolerations(spec),
  };
}

export function nodeEligibility(placement: DaemonPlacement, node: KubeObject): Eligibility {
  const name = node.metadata.name ?? "";
  if (placement.nodeName !== "" && placement.nodeName !== name) return NOT_ELIGIBLE;
  const labels = node.metadata.labels ?? {};
  for (const [key, value] of placement.nodeSelector) if (labels[key] !== value) return NOT_ELIGIBLE;
  if (placement.requiredTerms && !matchesAnyTerm(placement.requiredTerms, name, labels)) return NOT_ELIGIBLE;
  const taints = taintsOf(node);
  if (untolerated(taints, placement.tolerations, (t) => t.effect === "NoExecute")) return NOT_ELIGIBLE;
  if (untolerated(taints, placement.tolerations, (t) => t.effect === "NoSchedule")) return STAY_ONLY;
  return ELIGIBLE;
}

function untolerated(taints: readonly Taint[], tolerations: readonly Toleration[], applies: (taint: Taint) => boolean): boolean {
  for (const taint of taints) if (applies(taint) && !toleratesAny(tolerations, taint)) return true;
  return false;
}

/**
 * The node a daemon pod is for (GetTargetNodeName): where it is bound, or else the node its
 * `matchFields metadata.name In [<node>]` affinity names.
 */
export function targetNodeName(pod: KubeObject): string | undefined {
  const spec = (pod.spec ?? {}) as PodSpecLike;
  if (spec.nodeName) return spec.nodeName;
  for (const term of spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const requirement of term.matchFields ?? []) {
      if (requirement.key === "metadata.name" && requirement.operator === "In") return requirement.values?.length === 1 ? requirement.values[0] : undefined;
    }
  }
  return undefined;
}

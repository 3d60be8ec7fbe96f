// What the scheduler needs of a pod, read once per attempt rather than once per node.
import type { KubeObject } from "../store/kube-object.js";
import type { FilterFailure } from "./filters.js";
import type { NodeEntry } from "./node-cache.js";
import type { NodeSelectorTerm, PreferredTerm } from "./node-affinity.js";
import { podResources, type PodResourceSummary } from "./pod-requests.js";
import { TAINT_UNSCHEDULABLE, toleratesAny, tolerationsOf, type Toleration } from "./taints.js";

export interface PodInfo {
  pod: KubeObject;
  uid: string;
  namespace: string;
  name: string;
  summary: PodResourceSummary;
  priority: number;
  preemptionPolicy: string;
  tolerations: readonly Toleration[];
  /** Tolerations with an empty or PreferNoSchedule effect: what the TaintToleration score looks at. */
  preferTolerations: readonly Toleration[];
  toleratesUnschedulable: boolean;
  nodeSelector: ReadonlyArray<readonly [string, string]> | undefined;
  requiredTerms: readonly NodeSelectorTerm[] | undefined;
  preferredTerms: readonly PreferredTerm[] | undefined;
  nominatedNodeName: string | undefined;
  /** VolumeBinding's Filter for this attempt, set when the pod uses claims (after its PreFilter). */
  volumeFilter?: (entry: NodeEntry) => FilterFailure | undefined;
}

interface PodSpecLike {
  priority?: number;
  preemptionPolicy?: string;
  nodeSelector?: Record<string, string>;
  affinity?: {
    nodeAffinity?: {
      requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] };
      preferredDuringSchedulingIgnoredDuringExecution?: PreferredTerm[];
    };
  };
}

export function podInfoOf(pod: KubeObject): PodInfo {
  const spec = (pod.spec ?? {}) as PodSpecLike;
  const tolerations = tolerationsOf(pod);
  const nodeAffinity = spec.affinity?.nodeAffinity;
  const selector = spec.nodeSelector ? Object.entries(spec.nodeSelector) : [];
  const required = nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const preferred = nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.filter((t) => t.weight > 0);
  return {
    pod,
    uid: pod.metadata.uid ?? "",
    namespace: pod.metadata.namespace ?? "default",
    name: pod.metadata.name ?? "",
    summary: podResources(pod.spec as Parameters<typeof podResources>[0]),
    priority: typeof spec.priority === "number" ? spec.priority : 0,
    preemptionPolicy: spec.preemptionPolicy ?? "PreemptLowerPriority",
    tolerations,
    preferTolerations: tolerations.filter((t) => !t.effect || t.effect === "PreferNoSchedule"),
    toleratesUnschedulable: toleratesAny(tolerations, { key: TAINT_UNSCHEDULABLE, effect: "NoSchedule" }),
    nodeSelector: selector.length > 0 ? selector : undefined,
    requiredTerms: required ?? undefined,
    preferredTerms: preferred && preferred.length > 0 ? preferred : undefined,
    nominatedNodeName: (pod.status as { nominatedNodeName?: string } | undefined)?.nominatedNodeName,
  };
}

// The RollingUpdate pass of a DaemonSet sync (rollingUpdate in pkg/controller/daemon/update.go).
// maxUnavailable and maxSurge are scaled against the number of nodes that should run the pod,
// both rounding up; with both 0 the controller allows one unavailable.
//
// Without surge, old pods are deleted while fewer than maxUnavailable nodes are unavailable (an old
// pod that is unavailable anyway may always go); the placement pass then puts a new pod on each
// node once its old pod is gone. With surge, a new pod is started beside an old one on up to
// maxSurge nodes at a time (at once where the old pod is unavailable), and the old pod is deleted
// as soon as the new one is available. Nodes are considered in name order, for determinism.
import type { KubeObject } from "../../store/kube-object.js";
import type { IntOrString } from "../workload-types.js";
import { daemonSetSpec } from "./daemonset-types.js";
import { eligibilityOn, isDaemonPodAvailable, isPodUpdated, type DaemonSetView, type PodsByNode } from "./daemonset-view.js";

export interface RollingPlan {
  podsToDelete: KubeObject[];
  nodesNeedingPods: string[];
}

export interface UpdateBudget {
  maxSurge: number;
  maxUnavailable: number;
  desiredNumberScheduled: number;
}

/** GetScaledValueFromIntOrPercent: an integer as is, a percent of `total`, rounded as asked. */
export function scaledValue(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === "number") return value;
  const match = /^(\d+)%$/.exec(value);
  if (!match) return /^[+-]?\d+$/.test(value) ? Number(value) : 0;
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** surge and unavailability for this set (updatedDesiredNodeCounts); 0 and 0 unless RollingUpdate. */
export function updateBudget(view: DaemonSetView): UpdateBudget {
  let desired = 0;
  for (const eligibility of view.eligibility.values()) if (eligibility.shouldRun) desired++;
  const strategy = daemonSetSpec(view.daemonSet).updateStrategy;
  const rolling = strategy?.type === "RollingUpdate" ? strategy.rollingUpdate : undefined;
  const maxSurge = rolling ? scaledValue(rolling.maxSurge, desired, true) : 0;
  let maxUnavailable = rolling ? scaledValue(rolling.maxUnavailable, desired, true) : 0;
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable, desiredNumberScheduled: desired };
}

/** AllowsSurge: maxSurge scaled against one node is not 0. */
export function allowsSurge(daemonSet: KubeObject): boolean {
  const strategy = daemonSetSpec(daemonSet).updateStrategy;
  if (strategy?.type !== "RollingUpdate") return false;
  return scaledValue(strategy.rollingUpdate?.maxSurge, 1, true) !== 0;
}

interface NodePods {
  newPod?: KubeObject;
  oldPod?: KubeObject;
  /** More than one old or new pod: the placement pass prunes the node first. */
  excess: boolean;
}

/** findUpdatedPodsOnNode, ignoring pods being deleted. */
function splitPods(view: DaemonSetView, pods: readonly KubeObject[]): NodePods {
  const out: NodePods = { excess: false };
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    if (isPodUpdated(view, pod)) {
      if (out.newPod) return { excess: true };
      out.newPod = pod;
    } else {
      if (out.oldPod) return { excess: true };
      out.oldPod = pod;
    }
  }
  return out;
}

/** Every node that has the set's pods or should have one, by name. */
function nodesInPlay(view: DaemonSetView, pods: PodsByNode): string[] {
  const names = new Set(pods.keys());
  for (const [name, eligibility] of view.eligibility) if (eligibility.shouldRun) names.add(name);
  return [...names].sort();
}

export function planRollingUpdate(view: DaemonSetView, pods: PodsByNode): RollingPlan {
  const budget = updateBudget(view);
  return budget.maxSurge === 0 ? withoutSurge(view, pods, budget) : withSurge(view, pods, budget);
}

function withoutSurge(view: DaemonSetView, pods: PodsByNode, budget: UpdateBudget): RollingPlan {
  let unavailable = 0;
  const replacements: KubeObject[] = [];
  const candidates: KubeObject[] = [];
  for (const name of nodesInPlay(view, pods)) {
    const { newPod, oldPod, excess } = splitPods(view, pods.get(name) ?? []);
    if (excess || (!oldPod && !newPod) || (oldPod && newPod)) {
      unavailable++;
    } else if (newPod) {
      if (!isDaemonPodAvailable(view, newPod)) unavailable++;
    } else if (oldPod) {
      if (!isDaemonPodAvailable(view, oldPod)) {
        replacements.push(oldPod);
        unavailable++;
      } else if (unavailable < budget.maxUnavailable) {
        candidates.push(oldPod);
      }
    }
  }
  const remaining = Math.min(Math.max(0, budget.maxUnavailable - unavailable), candidates.length);
  return { podsToDelete: [...replacements, ...candidates.slice(0, remaining)], nodesNeedingPods: [] };
}

function withSurge(view: DaemonSetView, pods: PodsByNode, budget: UpdateBudget): RollingPlan {
  const shouldRun = (name: string): boolean => eligibilityOn(view, name).shouldRun;
  const podsToDelete: KubeObject[] = [];
  const shouldNotRun: KubeObject[] = [];
  const candidates: string[] = [];
  const allowed: string[] = [];
  let surging = 0;
  let available = 0;
  for (const name of nodesInPlay(view, pods)) {
    const { newPod, oldPod, excess } = splitPods(view, pods.get(name) ?? []);
    if (excess) {
      surging++;
      continue;
    }
    // Availability counts every node, even those the set is leaving.
    if (oldPod ? isDaemonPodAvailable(view, oldPod) : newPod !== undefined && isDaemonPodAvailable(view, newPod)) available++;
    if (!oldPod) continue;
    if (!newPod) {
      if (!isDaemonPodAvailable(view, oldPod)) {
        if (!shouldRun(name)) podsToDelete.push(oldPod);
        else allowed.push(name);
      } else if (!shouldRun(name)) {
        shouldNotRun.push(oldPod);
      } else {
        candidates.push(name);
      }
      continue;
    }
    if (!isDaemonPodAvailable(view, newPod)) {
      surging++;
      continue;
    }
    podsToDelete.push(oldPod);
  }
  // Full availability is the point of surging: a pod on a node the set is leaving goes only once
  // another node has an available pod in its place.
  const deletable = Math.min(available - budget.desiredNumberScheduled, shouldNotRun.length);
  if (deletable > 0) podsToDelete.push(...shouldNotRun.slice(0, deletable));
  const remaining = Math.min(Math.max(0, budget.maxSurge - surging), candidates.length);
  return { podsToDelete, nodesNeedingPods: [...allowed, ...candidates.slice(0, remaining)] };
}

// Taints and tolerations as core/v1 defines them (Toleration.ToleratesTaint): shared by the
// scheduler's TaintToleration plugin, the taint-eviction controller and the DefaultTolerationSeconds
// admission plugin.
import type { KubeObject } from "../store/kube-object.js";

export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

export interface Taint {
  key: string;
  value?: string;
  effect: TaintEffect;
  timeAdded?: string;
}

export interface Toleration {
  key?: string;
  operator?: "Exists" | "Equal";
  value?: string;
  effect?: TaintEffect | "";
  tolerationSeconds?: number;
}

export const TAINT_NOT_READY = "node.kubernetes.io/not-ready";
export const TAINT_UNREACHABLE = "node.kubernetes.io/unreachable";
export const TAINT_UNSCHEDULABLE = "node.kubernetes.io/unschedulable";

/** An empty effect or key matches any; an empty operator means Equal. */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? "Equal") {
    case "Equal":
      return (toleration.value ?? "") === (taint.value ?? "");
    case "Exists":
      return true;
    default:
      return false;
  }
}

export function toleratesAny(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const toleration of tolerations) if (toleratesTaint(toleration, taint)) return true;
  return false;
}

/** The first NoSchedule or NoExecute taint no toleration covers (FindMatchingUntoleratedTaint). */
export function firstUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[]): Taint | undefined {
  for (const taint of taints) {
    if (taint.effect !== "NoSchedule" && taint.effect !== "NoExecute") continue;
    if (!toleratesAny(tolerations, taint)) return taint;
  }
  return undefined;
}

export function taintsOf(node: KubeObject): Taint[] {
  const taints = (node.spec as { taints?: Taint[] } | undefined)?.taints;
  return Array.isArray(taints) ? taints : [];
}

export function tolerationsOf(pod: KubeObject): Toleration[] {
  const tolerations = (pod.spec as { tolerations?: Toleration[] } | undefined)?.tolerations;
  return Array.isArray(tolerations) ? tolerations : [];
}

/** `{key: value}` as the scheduler prints a taint in its reasons. */
export function describeTaint(taint: Taint): string {
  return `{${taint.key}: ${taint.value ?? ""}}`;
}

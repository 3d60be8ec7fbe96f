// Delete options and the API server's deletion rules: propagation policies become finalizers that
// the garbage collector acts on, and pods bound to a node are deleted gracefully (they stay, marked,
// until their kubelet confirms or the grace period is cut to zero).
import type { KubeObject } from "./kube-object.js";

export type PropagationPolicy = "Background" | "Foreground" | "Orphan";

export interface DeleteOptions {
  /** Default Background: the object goes at once and the garbage collector removes dependents. */
  propagationPolicy?: PropagationPolicy;
  /** The delete fails with a Conflict unless the object still has this uid / resourceVersion. */
  preconditions?: { uid?: string; resourceVersion?: string };
  /** Pods only: overrides spec.terminationGracePeriodSeconds; 0 deletes at once. */
  gracePeriodSeconds?: number;
}

export const FOREGROUND_FINALIZER = "foregroundDeletion";
export const ORPHAN_FINALIZER = "orphan";

/** The finalizers an object keeps after a delete with `policy` (unset: left as they are). */
export function finalizersForPolicy(finalizers: readonly string[], policy: PropagationPolicy | undefined): string[] {
  const others = finalizers.filter((f) => f !== FOREGROUND_FINALIZER && f !== ORPHAN_FINALIZER);
  switch (policy) {
    case undefined:
      return [...finalizers];
    case "Background":
      return others;
    case "Foreground":
      return [...others, FOREGROUND_FINALIZER];
    case "Orphan":
      return [...others, ORPHAN_FINALIZER];
  }
}

/**
 * Seconds the object is given to shut down. Only pods have one, and only while bound to a node and
 * not finished (the pod strategy's CheckGracefulDelete): an unscheduled or finished pod goes at once.
 */
export function gracePeriodSeconds(object: KubeObject, options: DeleteOptions): number {
  if (object.apiVersion !== "v1" || object.kind !== "Pod") return 0;
  const spec = object.spec as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
  const phase = (object.status as { phase?: string } | undefined)?.phase;
  if (!spec?.nodeName || phase === "Succeeded" || phase === "Failed") return 0;
  const requested = options.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, Math.floor(requested));
}

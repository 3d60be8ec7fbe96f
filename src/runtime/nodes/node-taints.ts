// Taints the node lifecycle controller keeps in step with a node's state (taint-by-condition and
// the NoExecute tainting pass): `unschedulable:NoSchedule` while cordoned, `unreachable` NoSchedule
// and NoExecute while Ready is Unknown, `not-ready` ones while Ready is False. Other taints are
// left alone; a taint the controller adds records when (timeAdded).
import { formatTimestamp } from "../clock/timestamps.js";
import type { KubeObject } from "../store/kube-object.js";
import { taintsOf, TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE, type Taint, type TaintEffect } from "../scheduler/taints.js";
import { readyStatus } from "./node-conditions.js";

const MANAGED: ReadonlyArray<readonly [string, TaintEffect]> = [
  [TAINT_UNSCHEDULABLE, "NoSchedule"],
  [TAINT_UNREACHABLE, "NoSchedule"],
  [TAINT_UNREACHABLE, "NoExecute"],
  [TAINT_NOT_READY, "NoSchedule"],
  [TAINT_NOT_READY, "NoExecute"],
];

function isManaged(taint: Taint): boolean {
  return MANAGED.some(([key, effect]) => taint.key === key && taint.effect === effect);
}

export function wantedTaints(node: KubeObject): Array<readonly [string, TaintEffect]> {
  const wanted: Array<readonly [string, TaintEffect]> = [];
  if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true) wanted.push([TAINT_UNSCHEDULABLE, "NoSchedule"]);
  const ready = readyStatus(node);
  if (ready === "Unknown") wanted.push([TAINT_UNREACHABLE, "NoSchedule"], [TAINT_UNREACHABLE, "NoExecute"]);
  if (ready === "False") wanted.push([TAINT_NOT_READY, "NoSchedule"], [TAINT_NOT_READY, "NoExecute"]);
  return wanted;
}

/** The node's taints as they should be, or undefined when they already are. */
export function reconciledTaints(node: KubeObject, now: number): Taint[] | undefined {
  const current = taintsOf(node);
  const wanted = wantedTaints(node);
  const isWanted = (t: Taint): boolean => wanted.some(([key, effect]) => t.key === key && t.effect === effect);
  const kept = current.filter((t) => !isManaged(t) || isWanted(t));
  const added: Taint[] = wanted
    .filter(([key, effect]) => !current.some((t) => t.key === key && t.effect === effect))
    .map(([key, effect]) => ({ key, effect, timeAdded: formatTimestamp(now) }));
  if (added.length === 0 && kept.length === current.length) return undefined;
  return [...kept, ...added];
}

export function withTaints(node: KubeObject, taints: readonly Taint[]): KubeObject {
  const spec = { ...(node.spec as Record<string, unknown> | undefined) };
  if (taints.length === 0) delete spec.taints;
  else spec.taints = taints;
  return { ...node, spec };
}

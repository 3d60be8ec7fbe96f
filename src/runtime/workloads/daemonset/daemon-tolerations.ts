// The tolerations every DaemonSet pod gets (AddOrUpdateDaemonPodTolerations): it survives the node
// lifecycle controller's not-ready and unreachable NoExecute taints forever (no tolerationSeconds),
// and ignores the NoSchedule taints of node conditions and of cordoning — network-unavailable only
// for hostNetwork pods. A toleration with the same key, operator, value and effect is replaced.
import { TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE, type Toleration } from "../../scheduler/taints.js";

export const TAINT_DISK_PRESSURE = "node.kubernetes.io/disk-pressure";
export const TAINT_MEMORY_PRESSURE = "node.kubernetes.io/memory-pressure";
export const TAINT_PID_PRESSURE = "node.kubernetes.io/pid-pressure";
export const TAINT_NETWORK_UNAVAILABLE = "node.kubernetes.io/network-unavailable";

/** The automatic tolerations, in the order upstream adds them. */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const out: Toleration[] = [
    { key: TAINT_NOT_READY, operator: "Exists", effect: "NoExecute" },
    { key: TAINT_UNREACHABLE, operator: "Exists", effect: "NoExecute" },
    { key: TAINT_DISK_PRESSURE, operator: "Exists", effect: "NoSchedule" },
    { key: TAINT_MEMORY_PRESSURE, operator: "Exists", effect: "NoSchedule" },
    { key: TAINT_PID_PRESSURE, operator: "Exists", effect: "NoSchedule" },
    { key: TAINT_UNSCHEDULABLE, operator: "Exists", effect: "NoSchedule" },
  ];
  if (hostNetwork) out.push({ key: TAINT_NETWORK_UNAVAILABLE, operator: "Exists", effect: "NoSchedule" });
  return out;
}

/** Toleration.MatchToleration: same key, effect, operator and value (tolerationSeconds aside). */
function sameToleration(a: Toleration, b: Toleration): boolean {
  return (a.key ?? "") === (b.key ?? "") && (a.effect ?? "") === (b.effect ?? "") && (a.operator ?? "") === (b.operator ?? "") && (a.value ?? "") === (b.value ?? "");
}

/** The pod spec's tolerations with the automatic ones added or put in place of their matches. */
export function withDaemonTolerations(spec: { tolerations?: Toleration[]; hostNetwork?: boolean }): Toleration[] {
  let tolerations = Array.isArray(spec.tolerations) ? [...spec.tolerations] : [];
  for (const wanted of daemonTolerations(spec.hostNetwork === true)) {
    if (tolerations.some((t) => sameToleration(t, wanted))) tolerations = tolerations.map((t) => (sameToleration(t, wanted) ? { ...wanted } : t));
    else tolerations.push({ ...wanted });
  }
  return tolerations;
}

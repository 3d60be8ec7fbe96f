// The conditions a kubelet posts for its node, and what the node lifecycle controller writes when
// the kubelet stops posting them. Upstream order: MemoryPressure, DiskPressure, PIDPressure, Ready.
import { formatTimestamp, parseTimestamp } from "../clock/timestamps.js";
import type { KubeObject } from "../store/kube-object.js";

export type ConditionStatus = "True" | "False" | "Unknown";

export interface NodeCondition {
  type: string;
  status: ConditionStatus;
  lastHeartbeatTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** The annotation `drydock node fail` sets: the node's simulated kubelet has stopped. */
export const KUBELET_ANNOTATION = "sim.drydock.dev/kubelet";
export const KUBELET_STOPPED = "stopped";

/** --node-monitor-grace-period: 50 s since v1.32 (40 s before). */
export const NODE_MONITOR_GRACE_MS = 50_000;

const HEALTHY: ReadonlyArray<Omit<NodeCondition, "lastHeartbeatTime" | "lastTransitionTime">> = [
  { type: "MemoryPressure", status: "False", reason: "KubeletHasSufficientMemory", message: "kubelet has sufficient memory available" },
  { type: "DiskPressure", status: "False", reason: "KubeletHasNoDiskPressure", message: "kubelet has no disk pressure" },
  { type: "PIDPressure", status: "False", reason: "KubeletHasSufficientPID", message: "kubelet has sufficient PID available" },
  { type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status" },
];

export const NODE_STATUS_UNKNOWN_REASON = "NodeStatusUnknown";
export const NODE_STATUS_UNKNOWN_MESSAGE = "Kubelet stopped posting node status.";

export function conditionsOf(node: KubeObject): NodeCondition[] {
  const conditions = (node.status as { conditions?: NodeCondition[] } | undefined)?.conditions;
  return Array.isArray(conditions) ? conditions : [];
}

export function readyCondition(node: KubeObject): NodeCondition | undefined {
  return conditionsOf(node).find((c) => c.type === "Ready");
}

export function readyStatus(node: KubeObject): ConditionStatus | undefined {
  return readyCondition(node)?.status;
}

export function kubeletStopped(node: KubeObject): boolean {
  return node.metadata.annotations?.[KUBELET_ANNOTATION] === KUBELET_STOPPED;
}

/** When the kubelet last posted status (Ready's lastHeartbeatTime). */
export function lastHeartbeat(node: KubeObject): number | undefined {
  const text = readyCondition(node)?.lastHeartbeatTime;
  return text === undefined ? undefined : parseTimestamp(text);
}

/**
 * The conditions a healthy kubelet posts at `now`. A condition keeps its lastTransitionTime when its
 * status does not change.
 */
export function healthyConditions(now: number, previous: readonly NodeCondition[] = []): NodeCondition[] {
  const stamp = formatTimestamp(now);
  return HEALTHY.map((c) => {
    const before = previous.find((p) => p.type === c.type);
    const transition = before && before.status === c.status ? before.lastTransitionTime : stamp;
    return { type: c.type, status: c.status, lastHeartbeatTime: stamp, lastTransitionTime: transition, reason: c.reason, message: c.message };
  });
}

/** Every condition Unknown, as the node lifecycle controller sets them; heartbeats are left alone. */
export function unknownConditions(now: number, previous: readonly NodeCondition[]): NodeCondition[] {
  const stamp = formatTimestamp(now);
  return previous.map((c) => ({
    type: c.type,
    status: "Unknown",
    lastHeartbeatTime: c.lastHeartbeatTime,
    lastTransitionTime: c.status === "Unknown" ? c.lastTransitionTime : stamp,
    reason: NODE_STATUS_UNKNOWN_REASON,
    message: NODE_STATUS_UNKNOWN_MESSAGE,
  }));
}

/** The same conditions with every heartbeat moved to `now` (the last status a kubelet posts). */
export function withHeartbeat(now: number, previous: readonly NodeCondition[]): NodeCondition[] {
  const stamp = formatTimestamp(now);
  return previous.map((c) => ({ ...c, lastHeartbeatTime: stamp }));
}

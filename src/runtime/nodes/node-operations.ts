// `drydock node list|add|remove|cordon|uncordon|fail|recover`: what a cluster operator does to
// nodes, with kubectl's messages. Each changes objects only; the node lifecycle controller, the
// scheduler and the kubelet react to the change at the same simulated instant.
import { formatTimestamp } from "../clock/timestamps.js";
import type { NodeShape, RuntimeDeps } from "../runtime-deps.js";
import type { KubeObject } from "../store/kube-object.js";
import { TAINT_UNSCHEDULABLE, taintsOf } from "../scheduler/taints.js";
import { nextNodeIndex } from "./node-addressing.js";
import { conditionsOf, KUBELET_ANNOTATION, KUBELET_STOPPED, kubeletStopped, readyStatus, withHeartbeat } from "./node-conditions.js";
import { DEFAULT_NODE_SHAPE, nodeObject } from "./node-object.js";
import { NODE, postReadyStatus } from "./node-status.js";
import { withTaints } from "./node-taints.js";

export type NodeOperationResult = { ok: true; message: string } | { ok: false; message: string };

function notFound(name: string): NodeOperationResult {
  return { ok: false, message: `nodes "${name}" not found` };
}

/** Every node, by name. */
export function listNodes(deps: RuntimeDeps): KubeObject[] {
  return deps.store.list(NODE);
}

/** Registers a node of `shape` (default: the first configured shape) with the next pod range. */
export function addNode(deps: RuntimeDeps, name: string, shape?: NodeShape): NodeOperationResult {
  const chosen = shape ?? deps.config.nodes[0] ?? DEFAULT_NODE_SHAPE;
  const node = nodeObject(name, chosen, nextNodeIndex(listNodes(deps)), deps.clock.now());
  const created = deps.store.create(node);
  return created.ok ? { ok: true, message: `node/${name} created` } : { ok: false, message: created.error.message };
}

/** Deletes the node; the pod garbage collector then deletes the pods bound to it. */
export function removeNode(deps: RuntimeDeps, name: string): NodeOperationResult {
  const deleted = deps.store.delete({ ...NODE, name });
  if (!deleted.ok) return deleted.error.reason === "NotFound" ? notFound(name) : { ok: false, message: deleted.error.message };
  return { ok: true, message: `node "${name}" deleted` };
}

/** kubectl cordon: spec.unschedulable, and the taint taint-by-condition would add for it. */
export function cordonNode(deps: RuntimeDeps, name: string): NodeOperationResult {
  return setUnschedulable(deps, name, true);
}

export function uncordonNode(deps: RuntimeDeps, name: string): NodeOperationResult {
  return setUnschedulable(deps, name, false);
}

function setUnschedulable(deps: RuntimeDeps, name: string, unschedulable: boolean): NodeOperationResult {
  const node = deps.store.get({ ...NODE, name });
  if (!node) return notFound(name);
  const verb = unschedulable ? "cordoned" : "uncordoned";
  const spec = node.spec as { unschedulable?: boolean } | undefined;
  if ((spec?.unschedulable === true) === unschedulable) return { ok: true, message: `node/${name} already ${verb}` };
  const others = taintsOf(node).filter((t) => !(t.key === TAINT_UNSCHEDULABLE && t.effect === "NoSchedule"));
  const taints = unschedulable ? [...others, { key: TAINT_UNSCHEDULABLE, effect: "NoSchedule" as const, timeAdded: formatTimestamp(deps.clock.now()) }] : others;
  const next = withTaints(node, taints);
  const nextSpec = next.spec as Record<string, unknown>;
  if (unschedulable) nextSpec.unschedulable = true;
  else delete nextSpec.unschedulable;
  const written = deps.store.update(next);
  return written.ok ? { ok: true, message: `node/${name} ${verb}` } : { ok: false, message: written.error.message };
}

/**
 * Stops the node's simulated kubelet. Its last status post is now (heartbeats are not simulated
 * while healthy), so the node controller marks it Unknown 50 s later.
 */
export function failNode(deps: RuntimeDeps, name: string): NodeOperationResult {
  const node = deps.store.get({ ...NODE, name });
  if (!node) return notFound(name);
  if (kubeletStopped(node)) return { ok: true, message: `node/${name} already failed` };
  const now = deps.clock.now();
  const outcome = deps.store.transaction((tx) => {
    const annotated = tx.update({ ...node, metadata: { ...node.metadata, annotations: { ...node.metadata.annotations, [KUBELET_ANNOTATION]: KUBELET_STOPPED } } });
    if (!annotated.ok) return;
    const current = annotated.object;
    tx.update({ ...current, status: { ...(current.status as Record<string, unknown>), conditions: withHeartbeat(now, conditionsOf(current)) } }, { subresource: "status" });
  });
  return outcome.ok ? { ok: true, message: `node/${name} failed: its kubelet stopped posting status` } : { ok: false, message: outcome.error.message };
}

/** Starts the kubelet again: it posts a Ready status; the node controller lifts the taints. */
export function recoverNode(deps: RuntimeDeps, name: string): NodeOperationResult {
  const node = deps.store.get({ ...NODE, name });
  if (!node) return notFound(name);
  if (!kubeletStopped(node) && readyStatus(node) === "True") return { ok: true, message: `node/${name} already ready` };
  const annotations = { ...node.metadata.annotations };
  delete annotations[KUBELET_ANNOTATION];
  const written = deps.store.update({ ...node, metadata: { ...node.metadata, annotations } });
  if (!written.ok) return { ok: false, message: written.error.message };
  const posted = postReadyStatus(deps.store, deps.events, written.object, deps.clock.now());
  return posted.ok ? { ok: true, message: `node/${name} recovered` } : { ok: false, message: posted.error.message };
}

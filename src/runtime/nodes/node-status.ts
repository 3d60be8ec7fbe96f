// Node status writes shared by `drydock node …` and the node lifecycle controller.
import type { EventRecorder } from "../events/event-recorder.js";
import type { KubeObject } from "../store/kube-object.js";
import type { ObjectStore } from "../store/object-store.js";
import type { StoreResult } from "../store/store-errors.js";
import { conditionsOf, healthyConditions, readyStatus } from "./node-conditions.js";

export const NODE = { group: "", kind: "Node" } as const;

/**
 * What a kubelet that starts posting again writes: every condition healthy, heartbeats now, and —
 * when Ready was not True — its `NodeReady` event.
 */
export function postReadyStatus(store: ObjectStore, events: EventRecorder, node: KubeObject, now: number): StoreResult {
  const wasReady = readyStatus(node) === "True";
  const status = { ...(node.status as Record<string, unknown>), conditions: healthyConditions(now, conditionsOf(node)) };
  const written = store.update({ ...node, status }, { subresource: "status" });
  if (written.ok && !wasReady) {
    const name = node.metadata.name ?? "";
    events.for({ component: "kubelet", host: name }).event(written.object, "Normal", "NodeReady", `Node ${name} status is now: NodeReady`);
  }
  return written;
}

// `kubectl rollout status` for a DaemonSet (DaemonSetStatusViewer): every scheduled pod updated,
// then every one available. Read from the status fields the DaemonSet controller writes.
import type { KubeObject } from "../../store/kube-object.js";
import type { RolloutStatus } from "./rollout-status.js";

interface DaemonSetView {
  spec?: { updateStrategy?: { type?: string } };
  status?: { observedGeneration?: number; desiredNumberScheduled?: number; updatedNumberScheduled?: number; numberAvailable?: number };
}

export function daemonSetRolloutStatus(daemonSet: KubeObject): RolloutStatus {
  const { spec, status = {} } = daemonSet as unknown as DaemonSetView;
  // An absent type is RollingUpdate after admission's defaults.
  if ((spec?.updateStrategy?.type ?? "RollingUpdate") !== "RollingUpdate") {
    return { done: false, failed: true, message: "error: rollout status is only available for RollingUpdate strategy type" };
  }
  if ((daemonSet.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return { done: false, failed: false, message: "Waiting for daemon set spec update to be observed..." };
  }
  const name = JSON.stringify(daemonSet.metadata.name ?? "");
  const desired = status.desiredNumberScheduled ?? 0;
  const updated = status.updatedNumberScheduled ?? 0;
  const available = status.numberAvailable ?? 0;
  const waiting = (what: string): RolloutStatus => ({ done: false, failed: false, message: `Waiting for daemon set ${name} rollout to finish: ${what}...` });
  if (updated < desired) return waiting(`${updated} out of ${desired} new pods have been updated`);
  if (available < desired) return waiting(`${available} of ${desired} updated pods are available`);
  return { done: true, failed: false, message: `daemon set ${name} successfully rolled out` };
}

// `kubectl rollout status` (polymorphichelpers/rollout_status.go): one look at the Deployment's,
// StatefulSet's or DaemonSet's status, in kubectl's words.
import type { StoreReader } from "../../store/store-api.js";
import { deploymentStatus, specReplicas } from "../workload-types.js";
import { daemonSetRolloutStatus } from "./daemonset-rollout-status.js";
import { findDeployment, findWorkload, kindOf, type RolloutRef } from "./rollout-target.js";
import { statefulSetRolloutStatus } from "./statefulset-rollout-status.js";

export interface RolloutStatus {
  /** Rolled out: nothing more to wait for. */
  done: boolean;
  /** Waiting is pointless: the progress deadline passed or the Deployment is gone. */
  failed: boolean;
  message: string;
}

export function rolloutStatus(store: StoreReader, ref: RolloutRef): RolloutStatus {
  const kind = kindOf(ref);
  if (kind !== "Deployment") {
    const found = findWorkload(store, ref);
    if (!found.ok) return { done: false, failed: true, message: found.message };
    return kind === "StatefulSet" ? statefulSetRolloutStatus(found.object) : daemonSetRolloutStatus(found.object);
  }
  const found = findDeployment(store, ref);
  if (!found.ok) return { done: false, failed: true, message: found.message };
  const d = found.deployment;
  const status = deploymentStatus(d);
  const name = JSON.stringify(ref.name);
  if ((d.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return { done: false, failed: false, message: "Waiting for deployment spec update to be observed..." };
  }
  if (status.conditions?.some((c) => c.type === "Progressing" && c.reason === "ProgressDeadlineExceeded")) {
    return { done: false, failed: true, message: `error: deployment ${name} exceeded its progress deadline` };
  }
  const waiting = (what: string): RolloutStatus => ({ done: false, failed: false, message: `Waiting for deployment ${name} rollout to finish: ${what}...` });
  const desired = specReplicas(d);
  const updated = status.updatedReplicas ?? 0;
  const replicas = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  if (updated < desired) return waiting(`${updated} out of ${desired} new replicas have been updated`);
  if (replicas > updated) return waiting(`${replicas - updated} old replicas are pending termination`);
  if (available < updated) return waiting(`${available} of ${updated} updated replicas are available`);
  return { done: true, failed: false, message: `deployment ${name} successfully rolled out` };
}

// A DaemonSet's status as updateDaemonSetStatus computes it: per node that should run the pod,
// whether it has one (the oldest counts), whether that pod is ready, available and up to date;
// pods on nodes that should not run it are misscheduled. Fields in the API's order, the optional
// ones left out at 0 as omitempty does.
import { isPodReady } from "../pod-state.js";
import { daemonSetStatus, type DaemonSetStatus } from "./daemonset-types.js";
import { compareDaemonPods, eligibilityOn, isDaemonPodAvailable, isPodUpdated, type DaemonSetView, type PodsByNode } from "./daemonset-view.js";

export function daemonSetStatusFor(view: DaemonSetView, pods: PodsByNode, options: { observe: boolean; collisionCount?: number }): DaemonSetStatus {
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let updated = 0;
  let available = 0;
  for (const node of view.nodes) {
    const name = node.metadata.name ?? "";
    const daemonPods = pods.get(name) ?? [];
    if (!eligibilityOn(view, name).shouldRun) {
      if (daemonPods.length > 0) misscheduled++;
      continue;
    }
    desired++;
    if (daemonPods.length === 0) continue;
    current++;
    const pod = [...daemonPods].sort(compareDaemonPods)[0];
    if (isPodReady(pod)) {
      ready++;
      if (isDaemonPodAvailable(view, pod)) available++;
    }
    if (isPodUpdated(view, pod)) updated++;
  }
  const previous = daemonSetStatus(view.daemonSet);
  const status: DaemonSetStatus = { currentNumberScheduled: current, numberMisscheduled: misscheduled, desiredNumberScheduled: desired, numberReady: ready };
  const generation = options.observe ? view.daemonSet.metadata.generation : previous.observedGeneration;
  if (generation !== undefined && generation > 0) status.observedGeneration = generation;
  if (updated > 0) status.updatedNumberScheduled = updated;
  if (available > 0) status.numberAvailable = available;
  if (desired - available > 0) status.numberUnavailable = desired - available;
  const collisionCount = options.collisionCount ?? previous.collisionCount;
  if (collisionCount !== undefined) status.collisionCount = collisionCount;
  if (previous.conditions !== undefined && previous.conditions.length > 0) status.conditions = previous.conditions;
  return status;
}

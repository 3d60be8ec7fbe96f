// What is wrong with one pod, in a word and a sentence: the first thing that keeps it from running,
// looked for where kubectl's STATUS column looks — pod-level failure, scheduling, init containers
// (they block the rest), then the regular containers. Used to explain a stuck workload.
import type { ContainerStatus, Pod } from "kubernetes-types/core/v1.js";
import { conditionsOf, findCondition, oneLine, type HealthInput } from "./object-view.js";
import { terminationFailure } from "./pod-health.js";

export interface PodProblem {
  /** Kubernetes' reason: ImagePullBackOff, CrashLoopBackOff, OOMKilled, Unschedulable, Evicted… */
  reason: string;
  message?: string;
}

/** Waiting reasons that are ordinary start-up, not problems. */
const STARTING = new Set(["ContainerCreating", "PodInitializing"]);

/** The problem of a pod (a core/v1 Pod as the API returns it), or undefined when it is fine or still starting normally. */
export function podProblem(object: HealthInput): PodProblem | undefined {
  const status = (object as Pod).status ?? {};
  const conditions = conditionsOf(status);
  if (status.phase === "Failed" && (status.reason || status.message)) {
    return problem(status.reason ?? "Failed", status.message);
  }
  const scheduled = findCondition(conditions, "PodScheduled");
  if (scheduled?.status === "False") return problem(scheduled.reason ?? "Unschedulable", scheduled.message);
  for (const container of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) {
    const found = containerProblem(container);
    if (found) return found;
  }
  if (status.phase === "Failed") return problem("Failed", undefined);
  // Running but never ready, with nothing crashing: usually a readiness probe that does not pass.
  const ready = findCondition(conditions, "Ready");
  if (status.phase === "Running" && ready?.status === "False" && ready.reason !== "PodCompleted") {
    return problem(ready.reason ?? "ContainersNotReady", ready.message);
  }
  return undefined;
}

function containerProblem(container: ContainerStatus): PodProblem | undefined {
  const waiting = container.state?.waiting;
  if (waiting?.reason && !STARTING.has(waiting.reason)) return problem(waiting.reason, waiting.message);
  const failure = terminationFailure(container, container.state?.terminated);
  if (failure) return problem(failure.reason, failure.message);
  return undefined;
}

function problem(reason: string, message: string | undefined): PodProblem {
  const text = oneLine(message);
  return text ? { reason, message: text } : { reason };
}

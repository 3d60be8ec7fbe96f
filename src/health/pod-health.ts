// Pod health: gitops-engine's rule (pkg/health/health_pod.go), with reasons and messages a person
// can act on. The restart policy matters: a pod that restarts forever (Always, what Deployments
// make) is Degraded as soon as a container is stuck in an error back-off, while a pod that runs to
// completion (Never / OnFailure, what Jobs and sync hooks make) stays Progressing until it ends —
// marking a hook pod Degraded on its first ImagePullBackOff would fail the sync before the image
// could appear.
import type { ContainerStatus, Pod } from "kubernetes-types/core/v1.js";
import { health, type Health } from "./health-status.js";
import { conditionsOf, findCondition, oneLine } from "./object-view.js";

/** Waiting reasons that mean the container cannot start: ErrImagePull, CreateContainerConfigError, CrashLoopBackOff… */
export function isErrorWaitingReason(reason: string | undefined): boolean {
  return reason !== undefined && (reason.startsWith("Err") || reason.endsWith("Error") || reason.endsWith("BackOff"));
}

export function podHealth(pod: Pod): Health {
  const status = pod.status ?? {};
  // The API server defaults restartPolicy to Always.
  const restartPolicy = pod.spec?.restartPolicy ?? "Always";
  const containers = status.containerStatuses ?? [];

  if (restartPolicy === "Always") {
    const stuck = containers.filter((c) => isErrorWaitingReason(c.state?.waiting?.reason));
    if (stuck.length > 0) {
      const messages = stuck.map((c) => oneLine(c.state?.waiting?.message) ?? `container "${c.name}" is waiting: ${c.state?.waiting?.reason}`);
      return health("Degraded", stuck[0].state?.waiting?.reason, messages.join(", "));
    }
  }

  const phase = status.phase ?? "Pending";
  switch (phase) {
    case "Pending": {
      // The scheduler's verdict is the useful part of a Pending pod: "0/3 nodes are available: …".
      const scheduled = findCondition(conditionsOf(status), "PodScheduled");
      if (scheduled?.status === "False") return health("Progressing", scheduled.reason ?? "Unschedulable", oneLine(scheduled.message));
      return health("Progressing", status.reason, oneLine(status.message));
    }
    case "Succeeded":
      return health("Healthy", status.reason, oneLine(status.message));
    case "Failed":
      return failedPodHealth(pod);
    case "Running":
      return runningPodHealth(pod, restartPolicy);
    default:
      return health("Unknown", status.reason, oneLine(status.message) ?? `pod phase ${phase}`);
  }
}

function failedPodHealth(pod: Pod): Health {
  const status = pod.status ?? {};
  // A pod-level message (eviction, node shutdown) explains the failure best.
  if (status.message) return health("Degraded", status.reason ?? "PodFailed", oneLine(status.message));
  for (const container of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) {
    const failure = terminationFailure(container, container.state?.terminated);
    if (failure) return health("Degraded", failure.reason, failure.message);
  }
  return health("Degraded", status.reason ?? "PodFailed", "pod failed");
}

function runningPodHealth(pod: Pod, restartPolicy: string): Health {
  const status = pod.status ?? {};
  // A Job's or hook's pod has a finite life: running is progress, not health.
  if (restartPolicy !== "Always") return health("Progressing", "PodRunning", oneLine(status.message));
  const ready = findCondition(conditionsOf(status), "Ready");
  if (ready?.status === "True") return health("Healthy", undefined, oneLine(status.message));
  // Not ready and a container has already terminated once: it is crashing, not starting.
  for (const container of status.containerStatuses ?? []) {
    const last = container.lastState?.terminated;
    if (last) {
      const failure = terminationFailure(container, last);
      return health("Degraded", failure?.reason ?? last.reason ?? "ContainerRestarted", oneLine(status.message) ?? failure?.message ?? `container "${container.name}" restarted`);
    }
  }
  return health("Progressing", ready?.reason ?? "ContainersNotReady", oneLine(ready?.message ?? status.message));
}

type Terminated = NonNullable<NonNullable<ContainerStatus["state"]>["terminated"]>;

/** Why a terminated container failed, or undefined when it ended well (exit 0, not OOM-killed). */
export function terminationFailure(container: ContainerStatus, terminated: Terminated | undefined): { reason: string; message: string } | undefined {
  if (!terminated) return undefined;
  const reason = terminated.reason ?? "Error";
  if (terminated.message) return { reason, message: oneLine(terminated.message)! };
  if (reason === "OOMKilled") return { reason, message: `container "${container.name}" was killed for exceeding its memory limit (OOMKilled)` };
  if (terminated.exitCode !== 0) return { reason, message: `container "${container.name}" failed with exit code ${terminated.exitCode}` };
  return undefined;
}

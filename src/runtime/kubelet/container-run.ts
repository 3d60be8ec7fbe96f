// One container as the simulated kubelet runs it: the status it shows (kept as the API prints it)
// and the next step of its life, each step due at an instant. The steps follow the kubelet's
// startContainer (pull the image, build the configuration, create, start), then the running
// container's plan, then the restart decision with its back-off.
import type { ConfigObjectRef } from "./config-references.js";
import type { ContainerSpec, ContainerStatus, TerminatedState } from "./pod-model.js";
import type { RunPlan } from "./run-plan.js";

export type Step =
  /** Not this container's turn yet (earlier init containers, or the sandbox, are not done). */
  | { kind: "blocked" }
  /** A start attempt due at `at`; `resumeFrom` is when an attempt already begun (before a restart) began. */
  | { kind: "attempt"; at: number; resumeFrom?: number }
  | { kind: "pulling"; since: number; due: number; canonical: string }
  /** ErrImagePull until `showAt`, then ImagePullBackOff until the retry. */
  | { kind: "pull-failed"; showAt: number; shown: boolean; retryAt: number }
  /** A start that failed for want of configuration or a usable image, tried again at `at`. */
  | { kind: "retry"; at: number }
  | { kind: "running"; plan: RunPlan; next: number }
  /** Exited; the kubelet notices and decides what to do at `decideAt`. */
  | { kind: "exited"; finishedAt: number; decideAt: number }
  | { kind: "crash-backoff"; finishedAt: number; restartAt: number }
  | { kind: "done" };

export interface ContainerRun {
  readonly spec: ContainerSpec;
  readonly init: boolean;
  /** The involved object's fieldPath of the container's events. */
  readonly fieldPath: string;
  status: ContainerStatus;
  step: Step;
  /** Instances started so far (restartCount + 1 once it has run). */
  instances: number;
  lastTerminated: TerminatedState | undefined;
  /** The ConfigMap or Secret whose absence keeps it from starting. */
  waitingOn: ConfigObjectRef | undefined;
  /** Restored waiting for its first start: an attempt may have been under way before the restart. */
  resumable: boolean;
}

export function newRun(spec: ContainerSpec, init: boolean, firstReason: "ContainerCreating" | "PodInitializing"): ContainerRun {
  return {
    spec,
    init,
    fieldPath: `spec.${init ? "initContainers" : "containers"}{${spec.name}}`,
    status: {
      name: spec.name,
      state: { waiting: { reason: firstReason } },
      lastState: {},
      ready: false,
      restartCount: 0,
      image: spec.image ?? "",
      imageID: "",
      started: false,
    },
    step: { kind: "blocked" },
    instances: 0,
    lastTerminated: undefined,
    waitingOn: undefined,
    resumable: false,
  };
}

/** Shows the container waiting (not running) for `reason`, keeping its last termination. */
export function setWaiting(run: ContainerRun, reason: string, message?: string): void {
  run.status.state = { waiting: message === undefined ? { reason } : { reason, message } };
  run.status.lastState = run.lastTerminated ? { terminated: run.lastTerminated } : {};
  run.status.ready = false;
  run.status.started = false;
}

/** When the step next needs the kubelet, if ever. */
export function stepDueAt(step: Step): number | undefined {
  switch (step.kind) {
    case "blocked":
    case "done":
      return undefined;
    case "attempt":
      return step.at;
    case "pulling":
      return step.due;
    case "pull-failed":
      return step.shown ? step.retryAt : step.showAt;
    case "retry":
      return step.at;
    case "running":
      return step.plan.items[step.next]?.at;
    case "exited":
      return step.decideAt;
    case "crash-backoff":
      return step.restartAt;
  }
}

/** The container status in the API's field order. */
export function renderContainerStatus(status: ContainerStatus): ContainerStatus {
  const out: ContainerStatus = {
    name: status.name,
    state: status.state,
    lastState: status.lastState,
    ready: status.ready,
    restartCount: status.restartCount,
    image: status.image,
    imageID: status.imageID,
  } as ContainerStatus;
  if (status.containerID !== undefined) out.containerID = status.containerID;
  out.started = status.started;
  return out;
}

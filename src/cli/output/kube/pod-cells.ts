// The cells of a pod's row in `kubectl get pods`: READY, STATUS and RESTARTS, following printPod
// in kubernetes/pkg/printers/internalversion/printers.go rule for rule.
import { parseTimestamp } from "../../../runtime/clock/timestamps.js";
import { arr, num, rec, str, type Json } from "./fields.js";
import { humanDuration } from "./human-duration.js";

export interface PodCells {
  ready: string;
  status: string;
  restarts: string;
}

const NODE_UNREACHABLE_REASON = "NodeLost";

export function podCells(pod: Json, now: number): PodCells {
  const spec = rec(pod.spec);
  const status = rec(pod.status);
  const metadata = rec(pod.metadata);
  const containers = arr(spec.containers);
  const initContainers = arr(spec.initContainers);
  const restartableInit = new Set(initContainers.filter(isRestartable).map((c) => str(c.name)));

  let restarts = 0;
  let restartableInitRestarts = 0;
  const totalContainers = containers.length + restartableInit.size;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastRestartableInitRestart: number | undefined;
  const phase = str(status.phase);
  let reason = str(status.reason) || phase;

  for (const condition of arr(status.conditions)) {
    if (condition.type === "PodScheduled" && condition.reason === "SchedulingGated") reason = "SchedulingGated";
  }

  let initializing = false;
  const initStatuses = arr(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    const restartCount = num(container.restartCount);
    restarts += restartCount;
    const finished = lastTerminationFinishedAt(container);
    if (finished !== undefined && (lastRestart === undefined || finished > lastRestart)) lastRestart = finished;
    const restartable = restartableInit.has(str(container.name));
    if (restartable) {
      restartableInitRestarts += restartCount;
      if (finished !== undefined && (lastRestartableInitRestart === undefined || finished > lastRestartableInitRestart)) lastRestartableInitRestart = finished;
    }
    const state = rec(container.state);
    const terminated = state.terminated === undefined ? undefined : rec(state.terminated);
    const waiting = state.waiting === undefined ? undefined : rec(state.waiting);
    if (terminated && num(terminated.exitCode) === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready === true) readyContainers++;
      continue;
    }
    if (terminated) {
      if (str(terminated.reason) === "") {
        reason = num(terminated.signal) !== 0 ? `Init:Signal:${num(terminated.signal)}` : `Init:ExitCode:${num(terminated.exitCode)}`;
      } else {
        reason = `Init:${str(terminated.reason)}`;
      }
    } else if (waiting && str(waiting.reason) !== "" && waiting.reason !== "PodInitializing") {
      reason = `Init:${str(waiting.reason)}`;
    } else {
      reason = `Init:${i}/${initContainers.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status, "Initialized")) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = arr(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      restarts += num(container.restartCount);
      const finished = lastTerminationFinishedAt(container);
      if (finished !== undefined && (lastRestart === undefined || finished > lastRestart)) lastRestart = finished;
      const state = rec(container.state);
      const waiting = state.waiting === undefined ? undefined : rec(state.waiting);
      const terminated = state.terminated === undefined ? undefined : rec(state.terminated);
      if (waiting && str(waiting.reason) !== "") {
        reason = str(waiting.reason);
      } else if (terminated && str(terminated.reason) !== "") {
        reason = str(terminated.reason);
      } else if (terminated) {
        reason = num(terminated.signal) !== 0 ? `Signal:${num(terminated.signal)}` : `ExitCode:${num(terminated.exitCode)}`;
      } else if (container.ready === true && state.running !== undefined) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose main container completed while a sidecar still runs is not "Completed".
    if (reason === "Completed" && hasRunning) reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
  }

  if (metadata.deletionTimestamp !== undefined && metadata.deletionTimestamp !== null) {
    if (status.reason === NODE_UNREACHABLE_REASON) reason = "Unknown";
    else if (phase !== "Succeeded" && phase !== "Failed") reason = "Terminating";
  }

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) restartsText = `${restarts} (${humanDuration(now - lastRestart)} ago)`;
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsText };
}

/** The wide columns: IP, NODE, NOMINATED NODE, READINESS GATES. */
export function podWideCells(pod: Json): string[] {
  const spec = rec(pod.spec);
  const status = rec(pod.status);
  const ips = arr(status.podIPs);
  const ip = (ips.length > 0 ? str(ips[0].ip) : "") || "<none>";
  const gates = arr(spec.readinessGates);
  let readinessGates = "<none>";
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const gate of gates) {
      const condition = arr(status.conditions).find((c) => c.type === gate.conditionType);
      if (condition?.status === "True") trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }
  return [ip, str(spec.nodeName) || "<none>", str(status.nominatedNodeName) || "<none>", readinessGates];
}

function isRestartable(container: Json): boolean {
  return container.restartPolicy === "Always";
}

function conditionTrue(status: Json, type: string): boolean {
  return arr(status.conditions).some((c) => c.type === type && c.status === "True");
}

function lastTerminationFinishedAt(container: Json): number | undefined {
  const terminated = rec(rec(container.lastState).terminated);
  return typeof terminated.finishedAt === "string" ? parseTimestamp(terminated.finishedAt) : undefined;
}

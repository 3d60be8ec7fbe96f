// What happens to a running container, worked out when it starts: when it counts as started and
// ready, when probes fail (from the probes' own timing and the simulation hints), and when it exits.
// A container runs until a hint says otherwise; an init container exits 0 at once unless its own
// `run-duration.<name>` or `crash-after.<name>` hint says otherwise.
import { durationHint, exitCodeHint } from "./sim-hints.js";
import type { ContainerSpec, ProbeSpec } from "./pod-model.js";

export type RunItem =
  | { kind: "started"; at: number }
  | { kind: "ready"; at: number }
  | { kind: "readiness-failure"; at: number; last: boolean; message: string }
  | { kind: "liveness-failure"; at: number; last: boolean; message: string }
  | { kind: "exit"; at: number; exitCode: number };

export interface RunPlan {
  startedAt: number;
  /** Sorted by time; at most one item ends the run (an exit, or the last liveness failure). */
  items: RunItem[];
  /** Whether the container is started (startup probe passed) and ready at its start instant. */
  startedAtStart: boolean;
  readyAtStart: boolean;
}

const PRIORITY: Record<RunItem["kind"], number> = { started: 0, ready: 1, "readiness-failure": 2, "liveness-failure": 3, exit: 4 };

export interface PlanInput {
  container: ContainerSpec;
  init: boolean;
  annotations: Readonly<Record<string, string>> | undefined;
  startedAt: number;
  podIP: string | undefined;
  /** How long a regular container runs before exiting 0 when no hint says (a Job's pod); default: until stopped. */
  defaultRunDuration?: number;
}

export function planRun(input: PlanInput): RunPlan {
  const { container, init, annotations, startedAt: start } = input;
  const who = { name: container.name, init };
  const items: RunItem[] = [];

  const startedTrueAt = start + (container.startupProbe ? seconds(container.startupProbe.initialDelaySeconds) : 0);
  const readyAfter = durationHint(annotations, "readyAfter", who);
  let readyAt = Math.max(startedTrueAt, start + (readyAfter ?? (container.readinessProbe ? seconds(container.readinessProbe.initialDelaySeconds) : 0)));

  const readinessFailAfter = init ? undefined : durationHint(annotations, "readinessFailAfter", who);
  if (readinessFailAfter !== undefined) {
    const failures = probeFailures(container.readinessProbe, start + readinessFailAfter, "Readiness", container, input.podIP);
    if (readyAt >= failures[0].at) readyAt = Number.POSITIVE_INFINITY;
    for (const failure of failures) items.push({ kind: "readiness-failure", ...failure });
  }
  const livenessFailAfter = init ? undefined : durationHint(annotations, "livenessFailAfter", who);
  if (livenessFailAfter !== undefined) {
    const from = Math.max(start + livenessFailAfter, startedTrueAt);
    for (const failure of probeFailures(container.livenessProbe, from, "Liveness", container, input.podIP)) items.push({ kind: "liveness-failure", ...failure });
  }
  const exit = exitOf(input, who);
  if (exit) items.push({ kind: "exit", ...exit });
  if (startedTrueAt > start) items.push({ kind: "started", at: startedTrueAt });
  if (readyAt > start && Number.isFinite(readyAt)) items.push({ kind: "ready", at: readyAt });

  items.sort((a, b) => a.at - b.at || PRIORITY[a.kind] - PRIORITY[b.kind]);
  const end = items.findIndex((item) => item.kind === "exit" || (item.kind === "liveness-failure" && item.last));
  if (end !== -1) items.length = end + 1;
  return { startedAt: start, items, startedAtStart: startedTrueAt <= start, readyAtStart: readyAt <= start };
}

function exitOf(input: PlanInput, who: { name: string; init: boolean }): { at: number; exitCode: number } | undefined {
  const crashAfter = durationHint(input.annotations, "crashAfter", who);
  const runDuration = durationHint(input.annotations, "runDuration", who);
  if (crashAfter !== undefined && (runDuration === undefined || crashAfter <= runDuration)) {
    return { at: input.startedAt + crashAfter, exitCode: exitCodeHint(input.annotations, who) };
  }
  if (runDuration !== undefined) return { at: input.startedAt + runDuration, exitCode: 0 };
  if (input.init) return { at: input.startedAt, exitCode: 0 };
  return input.defaultRunDuration === undefined ? undefined : { at: input.startedAt + input.defaultRunDuration, exitCode: 0 };
}

function probeFailures(probe: ProbeSpec | undefined, from: number, kind: "Readiness" | "Liveness", container: ContainerSpec, podIP: string | undefined) {
  const period = seconds(probe?.periodSeconds ?? 10) || 10_000;
  const threshold = Math.max(1, Math.floor(probe?.failureThreshold ?? 3));
  const message = `${kind} probe failed: ${probeOutput(probe, container, podIP)}`;
  return Array.from({ length: threshold }, (_, k) => ({ at: from + k * period, last: k === threshold - 1, message }));
}

/** What a failing probe reports, by its kind (an HTTP probe when the container has none). */
function probeOutput(probe: ProbeSpec | undefined, container: ContainerSpec, podIP: string | undefined): string {
  if (probe?.tcpSocket) return `dial tcp ${podIP ?? ""}:${resolvePort(probe.tcpSocket.port, container)}: connect: connection refused`;
  if (probe?.exec) return "";
  if (probe?.grpc) return `service unhealthy (responded with "NOT_SERVING")`;
  return "HTTP probe failed with statuscode: 500";
}

function resolvePort(port: number | string | undefined, container: ContainerSpec): string {
  if (typeof port === "string") {
    const named = container.ports?.find((p) => p.name === port)?.containerPort;
    if (named !== undefined) return String(named);
  }
  return String(port ?? "");
}

function seconds(value: number | undefined): number {
  return Math.max(0, Math.floor(value ?? 0)) * 1000;
}

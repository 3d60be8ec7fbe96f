// Simulation hints: pod annotations under `sim.drydock.dev/` that tell the simulated kubelet how the
// pod's containers behave (docs/simulation-hints.md lists them). A hint applies to every regular
// container; `<hint>.<container>` (e.g. `sim.drydock.dev/crash-after.web`) sets it for one container
// only, and is the only form init containers read. Values that do not parse are ignored.
import { parseDuration } from "../clock/duration.js";

export const HINT_PREFIX = "sim.drydock.dev/";

/** Node annotation: the node's kubelet is down (`drydock node fail`). */
export const KUBELET_STOPPED_ANNOTATION = `${HINT_PREFIX}kubelet`;
export const KUBELET_STOPPED_VALUE = "stopped";

export const HINTS = {
  /** Time an image pull takes (instead of the registry's 1–4 s). */
  pullDuration: `${HINT_PREFIX}pull-duration`,
  /** Time from container start until it is ready (instead of the readiness probe's initial delay). */
  readyAfter: `${HINT_PREFIX}ready-after`,
  /** Time from container start until the readiness probe starts failing. */
  readinessFailAfter: `${HINT_PREFIX}readiness-fail-after`,
  /** Time from container start until the liveness probe starts failing. */
  livenessFailAfter: `${HINT_PREFIX}liveness-fail-after`,
  /** Time from each container start until it exits with `exit-code`. */
  crashAfter: `${HINT_PREFIX}crash-after`,
  /** Exit code of a crash (default 1). */
  exitCode: `${HINT_PREFIX}exit-code`,
  /** Time from each container start until it exits with 0 (a Job's work). */
  runDuration: `${HINT_PREFIX}run-duration`,
  /** Time containers take to stop when the pod is deleted (capped at the grace period). */
  shutdownDuration: `${HINT_PREFIX}shutdown-duration`,
} as const;

export type HintName = keyof typeof HINTS;

type Annotations = Readonly<Record<string, string>> | undefined;

/** The raw hint for a container: its own `<hint>.<container>` first, then the pod-wide one. */
export function hintText(annotations: Annotations, hint: HintName, container: { name: string; init: boolean }): string | undefined {
  if (!annotations) return undefined;
  const key = HINTS[hint];
  const own = annotations[`${key}.${container.name}`];
  if (own !== undefined || container.init) return own;
  return annotations[key];
}

/** A duration hint in milliseconds (non-negative), or undefined when absent or invalid. */
export function durationHint(annotations: Annotations, hint: HintName, container: { name: string; init: boolean }): number | undefined {
  const text = hintText(annotations, hint, container);
  if (text === undefined) return undefined;
  const parsed = parseDuration(text);
  return parsed.ok && parsed.ms >= 0 ? parsed.ms : undefined;
}

/** A pod-wide duration hint (pull and shutdown durations). */
export function podDurationHint(annotations: Annotations, hint: HintName): number | undefined {
  const text = annotations?.[HINTS[hint]];
  if (text === undefined) return undefined;
  const parsed = parseDuration(text);
  return parsed.ok && parsed.ms >= 0 ? parsed.ms : undefined;
}

export function exitCodeHint(annotations: Annotations, container: { name: string; init: boolean }): number {
  const text = hintText(annotations, "exitCode", container);
  const code = text === undefined ? Number.NaN : Number(text);
  return Number.isInteger(code) && code >= 0 && code <= 255 ? code : 1;
}

/**
 * How long a Job's container runs when no `run-duration` or `crash-after` hint says: it exits 0 this
 * long after each start, so a Job without hints succeeds after a few seconds.
 */
export const JOB_DEFAULT_RUN_MS = 5_000;

/** The default run time of the pod's containers: JOB_DEFAULT_RUN_MS for a pod controlled by a Job. */
export function defaultRunDuration(pod: { metadata: { ownerReferences?: ReadonlyArray<{ apiVersion: string; kind: string; controller?: boolean }> } }): number | undefined {
  const owner = pod.metadata.ownerReferences?.find((ref) => ref.controller === true);
  return owner?.kind === "Job" && owner.apiVersion === "batch/v1" ? JOB_DEFAULT_RUN_MS : undefined;
}

export function isKubeletStopped(annotations: Annotations): boolean {
  return annotations?.[KUBELET_STOPPED_ANNOTATION] === KUBELET_STOPPED_VALUE;
}

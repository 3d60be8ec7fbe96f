// What the HPA controller remembers between syncs: its recent recommendations (for stabilization)
// and its recent scale changes (for the rate limits of `behavior`). Upstream keeps them in the
// controller's memory; every drydock command loads the cluster and starts the controller afresh, so
// they live on the HPA in the annotation `autoscaling.drydock.dev/history` (a drydock deviation,
// see docs/simulation-hints.md). Its absence means the controller has not synced the HPA yet.
import { formatTimestamp, parseTimestamp } from "../clock/timestamps.js";
import type { KubeObject } from "../store/kube-object.js";

export const HISTORY_ANNOTATION = "autoscaling.drydock.dev/history";

export interface Recommendation {
  at: number;
  replicas: number;
}

export interface ScaleEvent {
  at: number;
  /** Replicas added (scale-up) or removed (scale-down), always positive. */
  change: number;
}

export interface HpaHistory {
  recommendations: Recommendation[];
  scaleUp: ScaleEvent[];
  scaleDown: ScaleEvent[];
}

type Pair = [string, number];

/** The HPA's history, or undefined when it has none (or it does not parse). */
export function readHistory(hpa: KubeObject): HpaHistory | undefined {
  const text = hpa.metadata.annotations?.[HISTORY_ANNOTATION];
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return undefined;
  const fields = raw as Record<string, unknown>;
  return {
    recommendations: pairs(fields.recommendations).map(([at, replicas]) => ({ at, replicas })),
    scaleUp: pairs(fields.scaleUp).map(([at, change]) => ({ at, change })),
    scaleDown: pairs(fields.scaleDown).map(([at, change]) => ({ at, change })),
  };
}

/** The annotation's text: `{"recommendations":[["2026-01-01T00:00:15Z",2],…],"scaleUp":[…],"scaleDown":[…]}`. */
export function historyText(history: HpaHistory): string {
  return JSON.stringify({
    recommendations: history.recommendations.map((r): Pair => [instantText(r.at), r.replicas]),
    scaleUp: history.scaleUp.map((e): Pair => [instantText(e.at), e.change]),
    scaleDown: history.scaleDown.map((e): Pair => [instantText(e.at), e.change]),
  });
}

/**
 * Drops recommendations older than `recommendationsMs` and scale events older than `eventsMs`. A
 * recommendation followed by one at least as high and one at least as low can never again be the
 * highest or the lowest of a window that holds it, so it goes too.
 */
export function pruneHistory(history: HpaHistory, now: number, keep: { recommendationsMs: number; eventsMs: number }): HpaHistory {
  const recent = history.recommendations.filter((r) => r.at >= now - keep.recommendationsMs);
  const kept: Recommendation[] = [];
  let laterMax = Number.NEGATIVE_INFINITY;
  let laterMin = Number.POSITIVE_INFINITY;
  for (let i = recent.length - 1; i >= 0; i--) {
    const r = recent[i];
    if (!(laterMax >= r.replicas && laterMin <= r.replicas)) kept.push(r);
    laterMax = Math.max(laterMax, r.replicas);
    laterMin = Math.min(laterMin, r.replicas);
  }
  return {
    recommendations: kept.reverse(),
    scaleUp: history.scaleUp.filter((e) => e.at > now - keep.eventsMs),
    scaleDown: history.scaleDown.filter((e) => e.at > now - keep.eventsMs),
  };
}

// Syncs fall on whole seconds; anything else keeps its milliseconds so nothing is rounded away.
function instantText(ms: number): string {
  return ms % 1000 === 0 ? formatTimestamp(ms) : new Date(ms).toISOString();
}

function pairs(value: unknown): Array<[number, number]> {
  if (!Array.isArray(value)) return [];
  const out: Array<[number, number]> = [];
  for (const item of value) {
    if (!Array.isArray(item) || typeof item[0] !== "string" || typeof item[1] !== "number") continue;
    const at = parseTimestamp(item[0]);
    if (at !== undefined) out.push([at, item[1]]);
  }
  return out;
}

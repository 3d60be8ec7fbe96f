// One sync of one HPA (horizontal.go reconcileAutoscaler): read the target's scale, compute the
// replicas the metrics ask for, stabilize and limit them, write the target's scale, record the events,
// and write the status — conditions, current metrics, current and desired replicas — when it changed.
import { formatTimestamp } from "../clock/timestamps.js";
import type { ComponentEventRecorder, EventType } from "../events/event-recorder.js";
import { jsonEqual } from "../store/json-equal.js";
import { refOf, type KubeObject } from "../store/kube-object.js";
import type { StoreWriter } from "../store/store-api.js";
import { matchesLabelSelector, type LabelSelector } from "../../kube/label-selector.js";
import { setCondition } from "./hpa-conditions.js";
import { historyText, HISTORY_ANNOTATION, pruneHistory, readHistory, type HpaHistory } from "./hpa-history.js";
import { DOWNSCALE_STABILIZATION_MS, type HpaStatus, type MetricStatus } from "./hpa-types.js";
import { specView, statusView, storedStatus } from "./hpa-view.js";
import { computeReplicasForMetrics } from "./metric-evaluation.js";
import { getScale, updateScale } from "./scale-target.js";
import { effectiveBehavior, longestPolicyPeriodMs, normalizeLegacy, normalizeWithBehavior, recordScaleEvent, type EffectiveBehavior, type Normalization } from "./scaling-rules.js";

export interface HpaSyncEnv {
  store: StoreWriter;
  now: number;
  events: ComponentEventRecorder;
  /** The pods of a namespace (from the controller's index). */
  podsIn(namespace: string): Iterable<KubeObject>;
}

export function syncHorizontalPodAutoscaler(env: HpaSyncEnv, hpa: KubeObject): void {
  const { now } = env;
  const spec = specView(hpa);
  const status = statusView(hpa);
  const namespace = hpa.metadata.namespace ?? "default";
  const event = (type: EventType, reason: string, message: string): void => void env.events.event(hpa, type, reason, message);
  const behavior = spec.behavior ? effectiveBehavior(spec.behavior) : undefined;

  const scale = getScale(env.store, namespace, spec.scaleTargetRef);
  if (!scale.ok) {
    event("Warning", "FailedGetScale", scale.error);
    setCondition(status, { type: "AbleToScale", status: "False", reason: "FailedGetScale", message: `the HPA controller was unable to get the target's current scale: ${scale.error}` }, now);
    writeBack(env, hpa, status, readHistory(hpa), behavior);
    return;
  }
  setCondition(status, { type: "AbleToScale", status: "True", reason: "SucceededGetScale", message: "the HPA controller was able to get the target's current scale" }, now);
  const currentReplicas = scale.scale.specReplicas;
  // recordInitialRecommendation: the replicas found at the first sync count as a recommendation.
  let history: HpaHistory = readHistory(hpa) ?? { recommendations: [{ at: now, replicas: currentReplicas }], scaleUp: [], scaleDown: [] };

  const minReplicas = spec.minReplicas ?? 1;
  let desiredReplicas = 0;
  let rescaleReason = "";
  let rescale = true;
  let metricStatuses: MetricStatus[] = [];
  if (currentReplicas === 0 && minReplicas !== 0) {
    rescale = false;
    setCondition(status, { type: "ScalingActive", status: "False", reason: "ScalingDisabled", message: "scaling is disabled since the replica count of the target is zero" }, now);
  } else if (currentReplicas > spec.maxReplicas) {
    rescaleReason = "Current number of replicas above Spec.MaxReplicas";
    desiredReplicas = spec.maxReplicas;
  } else if (currentReplicas < minReplicas) {
    rescaleReason = "Current number of replicas below Spec.MinReplicas";
    desiredReplicas = minReplicas;
  } else {
    const outcome = computeReplicasForMetrics(
      {
        now,
        namespace,
        hpaAnnotations: hpa.metadata.annotations ?? {},
        specReplicas: currentReplicas,
        podsFor: (selector) => selectedPods(env.podsIn(namespace), selector),
        event,
        status,
      },
      scale.scale.selector,
      spec.metrics ?? [],
    );
    metricStatuses = outcome.statuses;
    if (outcome.error !== undefined && outcome.replicas === -1) {
      const next = withReplicas(status, { current: currentReplicas, desired: status.desiredReplicas, metrics: metricStatuses, generation: hpa.metadata.generation });
      writeBack(env, hpa, next, history, behavior);
      event("Warning", "FailedComputeMetricsReplicas", outcome.error);
      return;
    }
    let rescaleMetric = "";
    if (outcome.replicas > desiredReplicas) {
      desiredReplicas = outcome.replicas;
      rescaleMetric = outcome.metric;
    }
    if (desiredReplicas > currentReplicas) rescaleReason = `${rescaleMetric} above target`;
    if (desiredReplicas < currentReplicas) rescaleReason = "All metrics below target";
    const input = { currentReplicas, desiredReplicas, minReplicas, maxReplicas: spec.maxReplicas, now, history };
    const normalized: Normalization = behavior ? normalizeWithBehavior({ ...input, behavior }) : normalizeLegacy(input);
    setCondition(status, { type: "AbleToScale", status: "True", ...normalized.ableToScale }, now);
    setCondition(status, { type: "ScalingLimited", ...normalized.limited }, now);
    history = normalized.history;
    desiredReplicas = normalized.replicas;
    rescale = desiredReplicas !== currentReplicas;
  }

  if (rescale) {
    const updated = updateScale(env.store, scale.scale.ref, desiredReplicas);
    if (!updated.ok) {
      event("Warning", "FailedRescale", `New size: ${desiredReplicas}; reason: ${rescaleReason}; error: ${updated.error}`);
      setCondition(status, { type: "AbleToScale", status: "False", reason: "FailedUpdateScale", message: `the HPA controller was unable to update the target scale: ${updated.error}` }, now);
      const next = withReplicas(status, { current: currentReplicas, desired: status.desiredReplicas, metrics: metricStatuses, generation: hpa.metadata.generation });
      writeBack(env, hpa, next, history, behavior);
      return;
    }
    setCondition(status, { type: "AbleToScale", status: "True", reason: "SucceededRescale", message: `the HPA controller was able to update the target scale to ${desiredReplicas}` }, now);
    event("Normal", "SuccessfulRescale", `New size: ${desiredReplicas}; reason: ${rescaleReason}`);
    if (behavior) history = recordScaleEvent(history, now, currentReplicas, desiredReplicas);
  } else {
    desiredReplicas = currentReplicas;
  }
  const next = withReplicas(status, { current: currentReplicas, desired: desiredReplicas, metrics: metricStatuses, generation: hpa.metadata.generation, scaledAt: rescale ? now : undefined });
  writeBack(env, hpa, next, history, behavior);
}

/** setStatus: the status rebuilt around its conditions and last scale time. */
function withReplicas(status: HpaStatus, values: { current: number; desired: number; metrics: MetricStatus[]; generation: number | undefined; scaledAt?: number }): HpaStatus {
  // Fields in kubectl's (alphabetical) order; zero currentReplicas and no metrics are omitted.
  const next = {} as HpaStatus;
  if (status.conditions && status.conditions.length > 0) next.conditions = status.conditions;
  if (values.metrics.length > 0) next.currentMetrics = values.metrics;
  if (values.current !== 0) next.currentReplicas = values.current;
  next.desiredReplicas = values.desired;
  const lastScaleTime = values.scaledAt !== undefined ? formatTimestamp(values.scaledAt) : status.lastScaleTime;
  if (lastScaleTime !== undefined) next.lastScaleTime = lastScaleTime;
  if (values.generation !== undefined) next.observedGeneration = values.generation;
  return next;
}

function selectedPods(pods: Iterable<KubeObject>, selector: LabelSelector): KubeObject[] {
  const out: KubeObject[] = [];
  for (const pod of pods) if (matchesLabelSelector(selector, pod.metadata.labels ?? {})) out.push(pod);
  return out.sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1));
}

// Writes what changed: the annotations (history, and a v1 HPA's conditions) with a main update, the
// status with a status update (updateStatusIfNeeded).
function writeBack(env: HpaSyncEnv, hpa: KubeObject, status: HpaStatus, history: HpaHistory | undefined, behavior: EffectiveBehavior | undefined): void {
  const stored = storedStatus(hpa, status);
  const annotations: Record<string, string | undefined> = { ...stored.annotations };
  if (history) annotations[HISTORY_ANNOTATION] = historyText(pruneHistory(history, env.now, keepFor(behavior)));
  const current = hpa.metadata.annotations ?? {};
  const ref = refOf(hpa);
  if (Object.entries(annotations).some(([key, value]) => current[key] !== value)) {
    env.store.modify(ref, (object) => {
      const next = { ...object.metadata.annotations };
      for (const [key, value] of Object.entries(annotations)) {
        if (value === undefined) delete next[key];
        else next[key] = value;
      }
      object.metadata.annotations = next;
    });
  }
  if (!jsonEqual(hpa.status, stored.status)) {
    env.store.modify(
      ref,
      (object) => {
        object.status = stored.status;
      },
      { subresource: "status" },
    );
  }
}

// Recommendations matter within the longest stabilization window, scale changes within the longest
// policy period (and only with `behavior`, whose rate limits read them).
function keepFor(behavior: EffectiveBehavior | undefined): { recommendationsMs: number; eventsMs: number } {
  if (!behavior) return { recommendationsMs: DOWNSCALE_STABILIZATION_MS, eventsMs: 0 };
  const windows = Math.max(behavior.scaleUp.stabilizationWindowSeconds, behavior.scaleDown.stabilizationWindowSeconds) * 1000;
  return { recommendationsMs: Math.max(DOWNSCALE_STABILIZATION_MS, windows), eventsMs: longestPolicyPeriodMs(behavior) };
}

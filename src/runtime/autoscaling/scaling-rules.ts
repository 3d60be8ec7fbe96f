// From the metrics' recommendation to the replicas the HPA sets (horizontal.go's normalization).
// Without `behavior` the controller takes the highest recommendation of the last 300 s and limits a
// scale-up to max(2 × current, 4). With `behavior` it stabilizes within each direction's window
// (scale-up: the lowest recommendation of its window, scale-down: the highest of its window) and
// limits the change by the policies over the scale changes of their periods, choosing among the
// policies by selectPolicy (Max, Min, or Disabled). Both clamp to [minReplicas, maxReplicas].
import {
  DOWNSCALE_STABILIZATION_MS,
  SCALE_UP_LIMIT_FACTOR,
  SCALE_UP_LIMIT_MINIMUM,
  type HpaBehavior,
  type ScalingPolicy,
  type ScalingRules,
} from "./hpa-types.js";
import type { HpaHistory, ScaleEvent } from "./hpa-history.js";

export type SelectPolicy = "Max" | "Min" | "Disabled";

export interface EffectiveRules {
  stabilizationWindowSeconds: number;
  selectPolicy: SelectPolicy;
  policies: ScalingPolicy[];
}

export interface EffectiveBehavior {
  scaleUp: EffectiveRules;
  scaleDown: EffectiveRules;
}

export interface ConditionText {
  reason: string;
  message: string;
}

export interface Normalization {
  replicas: number;
  /** The AbleToScale condition (status True) this normalization leaves. */
  ableToScale: ConditionText;
  /** The ScalingLimited condition. */
  limited: ConditionText & { status: "True" | "False" };
  /** The history with this sync's recommendation recorded. */
  history: HpaHistory;
}

export interface NormalizationInput {
  currentReplicas: number;
  /** The metrics' recommendation before stabilization and limits. */
  desiredReplicas: number;
  minReplicas: number;
  maxReplicas: number;
  now: number;
  history: HpaHistory;
}

const READY_FOR_NEW_SCALE: ConditionText = { reason: "ReadyForNewScale", message: "recommended size matches current size" };
const SCALE_DOWN_STABILIZED: ConditionText = { reason: "ScaleDownStabilized", message: "recent recommendations were higher than current one, applying the highest recent recommendation" };
const SCALE_UP_STABILIZED: ConditionText = { reason: "ScaleUpStabilized", message: "recent recommendations were lower than current one, applying the lowest recent recommendation" };
const WITHIN_RANGE: ConditionText = { reason: "DesiredWithinRange", message: "the desired count is within the acceptable range" };
const SCALE_UP_LIMIT: ConditionText = { reason: "ScaleUpLimit", message: "the desired replica count is increasing faster than the maximum scale rate" };
const SCALE_DOWN_LIMIT: ConditionText = { reason: "ScaleDownLimit", message: "the desired replica count is decreasing faster than the maximum scale rate" };
const TOO_MANY: ConditionText = { reason: "TooManyReplicas", message: "the desired replica count is more than the maximum replica count" };
const TOO_FEW: ConditionText = { reason: "TooFewReplicas", message: "the desired replica count is less than the minimum replica count" };

/** GenerateHPAScaleUpRules: the API server's defaults for the parts of scaleUp left out. */
export function defaultScaleUpRules(rules: ScalingRules | undefined): ScalingRules {
  return {
    stabilizationWindowSeconds: rules?.stabilizationWindowSeconds ?? 0,
    selectPolicy: rules?.selectPolicy ?? "Max",
    policies: rules?.policies ?? [
      { type: "Pods", value: 4, periodSeconds: 15 },
      { type: "Percent", value: 100, periodSeconds: 15 },
    ],
  };
}

/** GenerateHPAScaleDownRules: as for scaleUp, but the window stays unset (the controller's flag fills it). */
export function defaultScaleDownRules(rules: ScalingRules | undefined): ScalingRules {
  const out: ScalingRules = { selectPolicy: rules?.selectPolicy ?? "Max", policies: rules?.policies ?? [{ type: "Percent", value: 100, periodSeconds: 15 }] };
  if (rules?.stabilizationWindowSeconds !== undefined) out.stabilizationWindowSeconds = rules.stabilizationWindowSeconds;
  return out;
}

/** The rules the controller applies for a `behavior`: API defaults, and a 300 s scale-down window when unset. */
export function effectiveBehavior(behavior: HpaBehavior): EffectiveBehavior {
  const up = defaultScaleUpRules(behavior.scaleUp);
  const down = defaultScaleDownRules(behavior.scaleDown);
  return {
    scaleUp: { stabilizationWindowSeconds: up.stabilizationWindowSeconds ?? 0, selectPolicy: selectPolicyOf(up.selectPolicy), policies: up.policies ?? [] },
    scaleDown: {
      stabilizationWindowSeconds: down.stabilizationWindowSeconds ?? DOWNSCALE_STABILIZATION_MS / 1000,
      selectPolicy: selectPolicyOf(down.selectPolicy),
      policies: down.policies ?? [],
    },
  };
}

function selectPolicyOf(value: string | undefined): SelectPolicy {
  return value === "Min" || value === "Disabled" ? value : "Max";
}

/** The longest policy period of either direction (ms): older scale changes no longer limit anything. */
export function longestPolicyPeriodMs(behavior: EffectiveBehavior): number {
  let longest = 0;
  for (const policy of [...behavior.scaleUp.policies, ...behavior.scaleDown.policies]) longest = Math.max(longest, policy.periodSeconds);
  return longest * 1000;
}

/** normalizeDesiredReplicas: the behaviour without `behavior`. */
export function normalizeLegacy(input: NormalizationInput): Normalization {
  const cutoff = input.now - DOWNSCALE_STABILIZATION_MS;
  let stabilized = input.desiredReplicas;
  for (const r of input.history.recommendations) if (r.at >= cutoff && r.replicas > stabilized) stabilized = r.replicas;
  const history = recordRecommendation(input.history, input.now, input.desiredReplicas);
  const ableToScale = stabilized !== input.desiredReplicas ? SCALE_DOWN_STABILIZED : READY_FOR_NEW_SCALE;

  const scaleUpLimit = Math.max(SCALE_UP_LIMIT_FACTOR * input.currentReplicas, SCALE_UP_LIMIT_MINIMUM);
  const [maximum, overMaximum] = input.maxReplicas > scaleUpLimit ? [scaleUpLimit, SCALE_UP_LIMIT] : [input.maxReplicas, TOO_MANY];
  let replicas = stabilized;
  let limit = WITHIN_RANGE;
  if (stabilized < input.minReplicas) [replicas, limit] = [input.minReplicas, TOO_FEW];
  else if (stabilized > maximum) [replicas, limit] = [maximum, overMaximum];
  return { replicas, ableToScale, limited: { status: replicas === stabilized ? "False" : "True", ...limit }, history };
}

/** normalizeDesiredReplicasWithBehaviors. */
export function normalizeWithBehavior(input: NormalizationInput & { behavior: EffectiveBehavior }): Normalization {
  const { behavior, now } = input;
  const upCutoff = now - behavior.scaleUp.stabilizationWindowSeconds * 1000;
  const downCutoff = now - behavior.scaleDown.stabilizationWindowSeconds * 1000;
  let upRecommendation = input.desiredReplicas;
  let downRecommendation = input.desiredReplicas;
  for (const r of input.history.recommendations) {
    if (r.at > upCutoff) upRecommendation = Math.min(r.replicas, upRecommendation);
    if (r.at > downCutoff) downRecommendation = Math.max(r.replicas, downRecommendation);
  }
  let stabilized = input.currentReplicas;
  if (stabilized < upRecommendation) stabilized = upRecommendation;
  if (stabilized > downRecommendation) stabilized = downRecommendation;
  const history = recordRecommendation(input.history, now, input.desiredReplicas);
  const ableToScale = stabilized === input.desiredReplicas ? READY_FOR_NEW_SCALE : input.desiredReplicas >= input.currentReplicas ? SCALE_UP_STABILIZED : SCALE_DOWN_STABILIZED;

  const { replicas, limit } = rateLimited({ ...input, desiredReplicas: stabilized });
  return { replicas, ableToScale, limited: { status: replicas === stabilized ? "False" : "True", ...limit }, history };
}

// convertDesiredReplicasWithBehaviorRate
function rateLimited(input: NormalizationInput & { behavior: EffectiveBehavior }): { replicas: number; limit: ConditionText } {
  const { currentReplicas: current, desiredReplicas: desired, history, now } = input;
  if (desired > current) {
    const scaleUpLimit = Math.max(scaleUpLimitOf(current, history, input.behavior.scaleUp, now), current);
    const [maximum, limit] = input.maxReplicas > scaleUpLimit ? [scaleUpLimit, SCALE_UP_LIMIT] : [input.maxReplicas, TOO_MANY];
    if (desired > maximum) return { replicas: maximum, limit };
  } else if (desired < current) {
    const scaleDownLimit = Math.min(scaleDownLimitOf(current, history, input.behavior.scaleDown, now), current);
    const [minimum, limit] = input.minReplicas < scaleDownLimit ? [scaleDownLimit, SCALE_DOWN_LIMIT] : [input.minReplicas, TOO_FEW];
    if (desired < minimum) return { replicas: minimum, limit };
  }
  return { replicas: desired, limit: WITHIN_RANGE };
}

// calculateScaleUpLimitWithScalingRules: each policy allows a change from the replicas at the start
// of its period; Max takes the most permissive, Min the least.
function scaleUpLimitOf(current: number, history: HpaHistory, rules: EffectiveRules, now: number): number {
  if (rules.selectPolicy === "Disabled") return current;
  let result = rules.selectPolicy === "Min" ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  for (const policy of rules.policies) {
    const start = current - changeWithin(policy.periodSeconds, history.scaleUp, now) + changeWithin(policy.periodSeconds, history.scaleDown, now);
    const proposed = policy.type === "Pods" ? start + policy.value : Math.ceil(start * (1 + policy.value / 100));
    result = rules.selectPolicy === "Min" ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

// calculateScaleDownLimitWithBehaviors: for a scale-down Max allows the lowest count, Min the highest.
function scaleDownLimitOf(current: number, history: HpaHistory, rules: EffectiveRules, now: number): number {
  if (rules.selectPolicy === "Disabled") return current;
  let result = rules.selectPolicy === "Min" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  for (const policy of rules.policies) {
    const start = current - changeWithin(policy.periodSeconds, history.scaleUp, now) + changeWithin(policy.periodSeconds, history.scaleDown, now);
    const proposed = policy.type === "Pods" ? start - policy.value : Math.trunc(start * (1 - policy.value / 100));
    result = rules.selectPolicy === "Min" ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** getReplicasChangePerPeriod: the replicas changed by events strictly within the last period. */
function changeWithin(periodSeconds: number, events: readonly ScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  let change = 0;
  for (const e of events) if (e.at > cutoff) change += e.change;
  return change;
}

function recordRecommendation(history: HpaHistory, now: number, replicas: number): HpaHistory {
  return { ...history, recommendations: [...history.recommendations, { at: now, replicas }] };
}

/** storeScaleEvent: only kept with `behavior`, whose rate limits read them. */
export function recordScaleEvent(history: HpaHistory, now: number, from: number, to: number): HpaHistory {
  if (to > from) return { ...history, scaleUp: [...history.scaleUp, { at: now, change: to - from }] };
  return { ...history, scaleDown: [...history.scaleDown, { at: now, change: from - to }] };
}

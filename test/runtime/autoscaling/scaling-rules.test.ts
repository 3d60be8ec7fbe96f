import { describe, expect, it } from "vitest";
import type { HpaHistory } from "../../../src/runtime/autoscaling/hpa-history.js";
import { pruneHistory } from "../../../src/runtime/autoscaling/hpa-history.js";
import { defaultScaleDownRules, defaultScaleUpRules, effectiveBehavior, normalizeLegacy, normalizeWithBehavior } from "../../../src/runtime/autoscaling/scaling-rules.js";

const T = 1_000_000_000;
const S = 1000;

function history(recommendations: Array<[number, number]> = [], events: { up?: Array<[number, number]>; down?: Array<[number, number]> } = {}): HpaHistory {
  return {
    recommendations: recommendations.map(([ago, replicas]) => ({ at: T - ago * S, replicas })),
    scaleUp: (events.up ?? []).map(([ago, change]) => ({ at: T - ago * S, change })),
    scaleDown: (events.down ?? []).map(([ago, change]) => ({ at: T - ago * S, change })),
  };
}

const base = { minReplicas: 1, maxReplicas: 20, now: T };

describe("without behavior", () => {
  it("limits a scale-up to max(2 × current, 4) and says so", () => {
    const up = normalizeLegacy({ ...base, currentReplicas: 2, desiredReplicas: 10, history: history() });
    expect(up.replicas).toBe(4);
    expect(up.limited).toEqual({ status: "True", reason: "ScaleUpLimit", message: "the desired replica count is increasing faster than the maximum scale rate" });
    expect(normalizeLegacy({ ...base, currentReplicas: 5, desiredReplicas: 30, history: history() }).replicas).toBe(10);
    expect(normalizeLegacy({ ...base, currentReplicas: 5, desiredReplicas: 9, history: history() }).limited.reason).toBe("DesiredWithinRange");
  });

  it("clamps to maxReplicas and minReplicas", () => {
    const tooMany = normalizeLegacy({ ...base, maxReplicas: 6, currentReplicas: 5, desiredReplicas: 9, history: history() });
    expect([tooMany.replicas, tooMany.limited.reason, tooMany.limited.message]).toEqual([6, "TooManyReplicas", "the desired replica count is more than the maximum replica count"]);
    const tooFew = normalizeLegacy({ ...base, minReplicas: 3, currentReplicas: 5, desiredReplicas: 1, history: history() });
    expect([tooFew.replicas, tooFew.limited.reason, tooFew.limited.message]).toEqual([3, "TooFewReplicas", "the desired replica count is less than the minimum replica count"]);
  });

  it("applies the highest recommendation of the last 300 s, the 300 s old one included", () => {
    const held = normalizeLegacy({ ...base, currentReplicas: 8, desiredReplicas: 2, history: history([[300, 8], [150, 5]]) });
    expect(held.replicas).toBe(8);
    expect(held.ableToScale).toEqual({ reason: "ScaleDownStabilized", message: "recent recommendations were higher than current one, applying the highest recent recommendation" });
    expect(held.history.recommendations.at(-1)).toEqual({ at: T, replicas: 2 });
    const released = normalizeLegacy({ ...base, currentReplicas: 8, desiredReplicas: 2, history: history([[301, 8], [150, 5]]) });
    expect(released.replicas).toBe(5);
    const ready = normalizeLegacy({ ...base, currentReplicas: 8, desiredReplicas: 9, history: history([[30, 8]]) });
    expect(ready.ableToScale).toEqual({ reason: "ReadyForNewScale", message: "recommended size matches current size" });
  });
});

describe("with behavior", () => {
  const defaults = effectiveBehavior({});

  it("fills the API defaults and a 300 s scale-down window", () => {
    expect(defaultScaleUpRules(undefined)).toEqual({ stabilizationWindowSeconds: 0, selectPolicy: "Max", policies: [{ type: "Pods", value: 4, periodSeconds: 15 }, { type: "Percent", value: 100, periodSeconds: 15 }] });
    expect(defaultScaleDownRules(undefined)).toEqual({ selectPolicy: "Max", policies: [{ type: "Percent", value: 100, periodSeconds: 15 }] });
    expect(defaults.scaleDown.stabilizationWindowSeconds).toBe(300);
    expect(effectiveBehavior({ scaleDown: { stabilizationWindowSeconds: 60 } }).scaleDown).toEqual({ stabilizationWindowSeconds: 60, selectPolicy: "Max", policies: [{ type: "Percent", value: 100, periodSeconds: 15 }] });
  });

  it("takes the larger of Pods 4 and Percent 100 on a scale-up (selectPolicy Max)", () => {
    expect(normalizeWithBehavior({ ...base, behavior: defaults, currentReplicas: 2, desiredReplicas: 20, history: history() }).replicas).toBe(6);
    expect(normalizeWithBehavior({ ...base, behavior: defaults, currentReplicas: 6, desiredReplicas: 20, history: history() }).replicas).toBe(12);
  });

  it("counts the changes of the last period: the replicas at its start are the base", () => {
    // 4 → 8 ten seconds ago: the period started at 4, so at most 8 now.
    const limited = normalizeWithBehavior({ ...base, behavior: defaults, currentReplicas: 8, desiredReplicas: 20, history: history([], { up: [[10, 4]] }) });
    expect([limited.replicas, limited.limited.reason]).toEqual([8, "ScaleUpLimit"]);
    // A change exactly one period ago no longer counts.
    expect(normalizeWithBehavior({ ...base, behavior: defaults, currentReplicas: 8, desiredReplicas: 20, history: history([], { up: [[15, 4]] }) }).replicas).toBe(16);
  });

  it("takes the smaller change with selectPolicy Min, none with Disabled", () => {
    const min = effectiveBehavior({ scaleUp: { selectPolicy: "Min", policies: [{ type: "Pods", value: 1, periodSeconds: 60 }, { type: "Percent", value: 50, periodSeconds: 60 }] } });
    expect(normalizeWithBehavior({ ...base, behavior: min, currentReplicas: 4, desiredReplicas: 10, history: history() }).replicas).toBe(5);
    const disabled = effectiveBehavior({ scaleDown: { selectPolicy: "Disabled", stabilizationWindowSeconds: 0 } });
    const held = normalizeWithBehavior({ ...base, behavior: disabled, currentReplicas: 4, desiredReplicas: 1, history: history() });
    expect([held.replicas, held.limited.status, held.limited.reason, held.limited.message]).toEqual([4, "True", "ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate"]);
  });

  it("limits a scale-down by its policies (Percent rounds down)", () => {
    const rules = effectiveBehavior({ scaleDown: { stabilizationWindowSeconds: 0, policies: [{ type: "Percent", value: 30, periodSeconds: 60 }] } });
    // 10 × 0.7 = 7; after removing 3 within the minute the base is still 10.
    expect(normalizeWithBehavior({ ...base, behavior: rules, currentReplicas: 10, desiredReplicas: 2, history: history() }).replicas).toBe(7);
    expect(normalizeWithBehavior({ ...base, behavior: rules, currentReplicas: 7, desiredReplicas: 2, history: history([], { down: [[30, 3]] }) }).replicas).toBe(7);
  });

  it("stabilizes a scale-up to the lowest and a scale-down to the highest recommendation of each window", () => {
    const rules = effectiveBehavior({ scaleUp: { stabilizationWindowSeconds: 60 }, scaleDown: { stabilizationWindowSeconds: 120 } });
    const up = normalizeWithBehavior({ ...base, behavior: rules, currentReplicas: 3, desiredReplicas: 9, history: history([[70, 2], [50, 5], [20, 7]]) });
    expect([up.replicas, up.ableToScale.reason, up.ableToScale.message]).toEqual([5, "ScaleUpStabilized", "recent recommendations were lower than current one, applying the lowest recent recommendation"]);
    const down = normalizeWithBehavior({ ...base, behavior: rules, currentReplicas: 8, desiredReplicas: 2, history: history([[130, 9], [100, 6], [20, 3]]) });
    expect([down.replicas, down.ableToScale.reason]).toEqual([6, "ScaleDownStabilized"]);
    // A recommendation exactly one window old no longer counts (upstream's After(cutoff)).
    expect(normalizeWithBehavior({ ...base, behavior: rules, currentReplicas: 8, desiredReplicas: 2, history: history([[120, 6]]) }).replicas).toBe(2);
  });
});

describe("history pruning", () => {
  it("keeps the recommendations of the window that can still be a window's highest or lowest", () => {
    const pruned = pruneHistory(history([[400, 9], [290, 5], [200, 7], [100, 7], [50, 3], [10, 7]]), T, { recommendationsMs: 300_000, eventsMs: 0 });
    expect(pruned.recommendations.map((r) => [(T - r.at) / S, r.replicas])).toEqual([
      [50, 3],
      [10, 7],
    ]);
    const rising = pruneHistory(history([[90, 2], [60, 4], [30, 6]]), T, { recommendationsMs: 300_000, eventsMs: 0 });
    expect(rising.recommendations.map((r) => r.replicas)).toEqual([2, 4, 6]);
  });
});

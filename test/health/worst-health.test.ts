// The order of health statuses (gitops-anchors §1c) and the worst of many.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareHealth, HEALTH_ORDER, worstHealth, type HealthStatus } from "../../src/health/index.js";

describe("worstHealth", () => {
  it("orders statuses best to worst as gitops-engine does", () => {
    expect(HEALTH_ORDER).toEqual(["Healthy", "Suspended", "Progressing", "Missing", "Degraded", "Unknown"]);
    const shuffled: HealthStatus[] = ["Unknown", "Healthy", "Degraded", "Missing", "Suspended", "Progressing"];
    expect([...shuffled].sort(compareHealth)).toEqual(HEALTH_ORDER);
  });

  it("is the worst of the parts, and Healthy for none", () => {
    expect(worstHealth([])).toBe("Healthy");
    expect(worstHealth(["Healthy", "Suspended"])).toBe("Suspended");
    expect(worstHealth(["Healthy", "Progressing", "Missing"])).toBe("Missing");
    expect(worstHealth(["Degraded", "Progressing", "Healthy"])).toBe("Degraded");
    expect(worstHealth(new Set<HealthStatus>(["Degraded", "Unknown"]))).toBe("Unknown");
  });

  it("is a member of the set, no better than any member, and independent of order", () => {
    const statuses = fc.array(fc.constantFrom(...HEALTH_ORDER), { minLength: 1 });
    fc.assert(
      fc.property(statuses, (list) => {
        const worst = worstHealth(list);
        expect(list).toContain(worst);
        for (const status of list) expect(compareHealth(status, worst)).toBeLessThanOrEqual(0);
        expect(worstHealth([...list].reverse())).toBe(worst);
      }),
    );
  });
});

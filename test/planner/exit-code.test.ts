import { describe, expect, it } from "vitest";
import { exitCodeFor, type Plan } from "../../src/planner/index.js";

const plan = (summary: Plan["summary"]): Plan => ({ revision: "r", actions: [], summary });
const none = { create: 0, update: 0, delete: 0, unchanged: 3 };

describe("exitCodeFor", () => {
  it("is 0 without --detailed-exitcode, whatever the plan", () => {
    expect(exitCodeFor(plan({ ...none, update: 1 }), { detailed: false })).toBe(0);
    expect(exitCodeFor(plan(none), { detailed: false })).toBe(0);
  });

  it("is 2 for changes and 0 for none with --detailed-exitcode", () => {
    expect(exitCodeFor(plan(none), { detailed: true })).toBe(0);
    for (const change of ["create", "update", "delete"] as const) expect(exitCodeFor(plan({ ...none, [change]: 1 }), { detailed: true })).toBe(2);
  });
});

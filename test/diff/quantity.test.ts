import { describe, expect, it } from "vitest";
import { parseQuantity, quantitiesEqual } from "../../src/diff/index.js";

describe("exact Kubernetes quantities", () => {
  it.each([
    ["1000m", "1"],
    ["1Gi", "1024Mi"],
    ["0.5", "500m"],
    ["1e3", "1k"],
    ["1E3", "1000"],
    ["1.5Gi", "1536Mi"],
    ["100n", "0.1u"],
    [1, "1"],
    [0.25, "250m"],
    ["2Ei", "2305843009213693952"],
    ["1e-3", "1m"],
    ["+1", "1"],
  ])("%s equals %s", (a, b) => {
    expect(quantitiesEqual(a, b)).toBe(true);
    expect(quantitiesEqual(b, a)).toBe(true);
  });

  it.each([
    ["1G", "1Gi"],
    ["1", "1001m"],
    ["1Mi", "1M"],
    ["100m", "0.1000001"],
  ])("%s differs from %s", (a, b) => expect(quantitiesEqual(a, b)).toBe(false));

  it("rejects malformed input (so it is compared as a plain string)", () => {
    for (const bad of ["", "abc", "1Gb", "1 Gi", "1.2.3", "Mi", "1ki", null, true, {}]) expect(parseQuantity(bad)).toBeUndefined();
    expect(quantitiesEqual("1Gb", "1Gb")).toBe(false);
  });

  it("keeps values exact beyond float precision", () => {
    expect(quantitiesEqual("9007199254740993", "9007199254740992")).toBe(false);
    expect(parseQuantity("1.5k")).toEqual({ numerator: 15000n, denominator: 10n });
  });
});

import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "../../src/runtime/clock/duration.js";

describe("parseDuration", () => {
  it.each([
    ["30s", 30_000],
    ["5m", 300_000],
    ["2h", 7_200_000],
    ["1h30m", 5_400_000],
    ["1h30m15s", 5_415_000],
    ["500ms", 500],
    ["1.5h", 5_400_000],
    [".5s", 500],
    ["0", 0],
    ["0s", 0],
    ["1500us", 2],
    ["2000000ns", 2],
    ["1m1m", 120_000],
    ["-5s", -5000],
    ["+5s", 5000],
    [" 10s ", 10_000],
  ])("%s is %d ms", (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, ms });
  });

  it.each([
    ["", "it is empty"],
    ["5", "a number has no unit"],
    ["1d", 'unknown unit "d"'],
    ["5 m", 'unknown unit " m"'],
    ["m", '"m" has no number before it'],
    ["1h30", "a number has no unit"],
    ["1.2.3s", "it is not a number followed by a unit"],
    ["abc", '"abc" has no number before it'],
  ])("refuses %j: %s", (text, why) => {
    const result = parseDuration(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(why);
  });

  it("names the input and gives examples", () => {
    expect(parseDuration("1d")).toEqual({
      ok: false,
      message: 'invalid duration "1d": unknown unit "d" (units: ns, us, ms, s, m, h) (examples: 30s, 5m, 1h30m, 500ms)',
    });
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [500, "500ms"],
    [1500, "1.5s"],
    [30_000, "30s"],
    [300_000, "5m0s"],
    [5_400_000, "1h30m0s"],
    [90_061_500, "25h1m1.5s"],
    [-2000, "-2s"],
  ])("%d ms is %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("round-trips through the parser", () => {
    for (const ms of [1, 999, 1000, 61_001, 3_600_000, 86_400_123]) {
      expect(parseDuration(formatDuration(ms))).toEqual({ ok: true, ms });
    }
  });
});

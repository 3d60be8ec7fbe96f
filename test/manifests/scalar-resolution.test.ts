import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveKubernetesScalar, resolveYaml12Scalar } from "../../src/manifests/scalar-resolution.js";
import { isCertainlyString, needsScalarReport } from "../../src/manifests/yaml-dialect.js";

describe("resolveKubernetesScalar (sigs.k8s.io/yaml's go-yaml v2 rules)", () => {
  it.each([
    ["", null],
    ["~", null],
    ["null", null],
    ["Null", null],
    ["NULL", null],
    ["nULL", "nULL"],
    ["yes", true],
    ["Yes", true],
    ["YES", true],
    ["y", true],
    ["Y", true],
    ["on", true],
    ["ON", true],
    ["true", true],
    ["True", true],
    ["no", false],
    ["n", false],
    ["N", false],
    ["off", false],
    ["Off", false],
    ["false", false],
    ["FALSE", false],
    ["yEs", "yEs"],
    ["0", 0],
    ["42", 42],
    ["-17", -17],
    ["+12", 12],
    ["0755", 493],
    ["0o755", 493],
    ["-0o17", -15],
    ["0x1F", 31],
    ["-0x1F", -31],
    ["0b101", 5],
    ["-0b101", -5],
    ["1_000", 1000],
    ["0999", 999],
    ["08", 8],
    ["1.5", 1.5],
    ["1.10", 1.1],
    ["1e3", 1000],
    ["1.", 1],
    [".5", 0.5],
    ["-.5", -0.5],
    [".inf", Number.POSITIVE_INFINITY],
    ["-.Inf", Number.NEGATIVE_INFINITY],
    [".NaN", Number.NaN],
    ["1e400", "1e400"],
    ["1:20", "1:20"],
    ["2001-12-14", "2001-12-14"],
    ["2001-12-14T21:59:43.10-05:00", "2001-12-14T21:59:43.10-05:00"],
    ["0x", "0x"],
    ["-", "-"],
    [".", "."],
    ["nginx:1.27", "nginx:1.27"],
    ["<<", "<<"],
  ])("%j → %j", (text, expected) => {
    expect(resolveKubernetesScalar(text)).toEqual(expected);
  });

  it("reads every plain decimal integer as that number", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), (n) => {
        expect(resolveKubernetesScalar(String(n))).toBe(n === 0 ? 0 : n);
      }),
    );
  });

  it("reads octal written with a leading zero as octal", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0o7777777 }), (n) => {
        expect(resolveKubernetesScalar(`0${n.toString(8)}`)).toBe(n);
      }),
    );
  });
});

describe("resolveYaml12Scalar (YAML 1.2 core schema)", () => {
  it.each([
    ["yes", "yes"],
    ["on", "on"],
    ["y", "y"],
    ["true", true],
    ["0755", 755],
    ["0o755", 493],
    ["0x1F", 31],
    ["-0x1F", "-0x1F"],
    ["1_000", "1_000"],
    ["0b101", "0b101"],
    ["~", null],
    ["", null],
  ])("%j → %j", (text, expected) => {
    expect(resolveYaml12Scalar(text)).toEqual(expected);
  });
});

describe("which scalars need a report", () => {
  it.each(["yes", "no", "on", "off", "y", "N", "0755", "1_000", "0b11", "-0x1F", ".inf", ".nan"])("%s", (text) => {
    expect(needsScalarReport(text, resolveKubernetesScalar(text))).toBe(true);
  });

  it.each(["true", "false", "null", "~", "42", "0", "1.5", "0o17", "0x1F", "nginx", "v1.2.3", "2001-12-14"])("not %s", (text) => {
    expect(needsScalarReport(text, resolveKubernetesScalar(text))).toBe(false);
  });

  it("the first-character shortcut never hides a scalar the two schemas read differently", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 8 }), (text) => {
        if (isCertainlyString(text)) {
          expect(resolveKubernetesScalar(text)).toBe(text);
          expect(resolveYaml12Scalar(text)).toBe(text);
        }
      }),
      { numRuns: 5000 },
    );
  });
});

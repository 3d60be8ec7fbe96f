// Kubernetes resource.Quantity parsed to an exact rational, so that equal amounts written differently
// ("1000m" and "1", "1Gi" and "1024Mi", "0.5" and "500m", "1e3" and "1k") compare equal without the
// rounding a float would bring ("0.1" + "0.2" style errors, or 1Ei overflowing 2^53). The existing
// src/kube/quantity.ts is float-based and fine for scheduling; a diff must never call unequal values
// equal, so it gets its own exact parser.

/** An exact value numerator / denominator, denominator > 0 (not necessarily reduced). */
export interface ExactQuantity {
  numerator: bigint;
  denominator: bigint;
}

// Same grammar as upstream's `^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$`, made strict: a decimal
// number, then one optional suffix — binary SI, decimal SI, or a decimal exponent.
const QUANTITY = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:([KMGTPE]i)|([numkMGTPE])|[eE]([+-]?[0-9]+))?$/;

const BINARY_EXPONENT: Record<string, bigint> = { Ki: 10n, Mi: 20n, Gi: 30n, Ti: 40n, Pi: 50n, Ei: 60n };
const DECIMAL_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** The exact value of a quantity given as a string or a JSON number, or undefined when malformed. */
export function parseQuantity(input: unknown): ExactQuantity | undefined {
  let text: string;
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return undefined;
    // String(1e21) is "1e+21", which the grammar accepts as an exponent.
    text = String(input);
  } else if (typeof input === "string") {
    text = input.trim();
  } else {
    return undefined;
  }
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign, digits, binary, decimal, exponent] = m;
  const [whole, fraction = ""] = digits.split(".");
  let numerator = BigInt((whole || "0") + fraction);
  let denominator = 10n ** BigInt(fraction.length);
  if (sign === "-") numerator = -numerator;
  let power10 = 0;
  if (binary) numerator *= 2n ** BINARY_EXPONENT[binary];
  else if (decimal) power10 = DECIMAL_EXPONENT[decimal];
  else if (exponent !== undefined) power10 = Number(exponent);
  if (Math.abs(power10) > 1000) return undefined; // absurd exponents: treat as malformed, not as a huge BigInt
  if (power10 >= 0) numerator *= 10n ** BigInt(power10);
  else denominator *= 10n ** BigInt(-power10);
  return { numerator, denominator };
}

/** True when both are well-formed quantities of the same value. */
export function quantitiesEqual(a: unknown, b: unknown): boolean {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  if (!x || !y) return false;
  return x.numerator * y.denominator === y.numerator * x.denominator;
}

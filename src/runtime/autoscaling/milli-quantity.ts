// Quantities as the HPA controller handles them: everything in milli-units (Quantity.MilliValue),
// and averages written back as resource.NewMilliQuantity(v, DecimalSI) prints them.
import { quantityValue } from "../../kube/quantity.js";

/** Quantity.MilliValue: the quantity in thousandths, rounded up; undefined when it does not parse. */
export function milliValue(quantity: unknown): number | undefined {
  const value = quantityValue(quantity);
  if (value === undefined) return undefined;
  const scaled = value * 1000;
  // Binary floats: 0.1 × 1000 is 100.00000000000001, which must not round up to 101.
  return Math.ceil(scaled - Math.max(1e-9, Math.abs(scaled) * 1e-12));
}

const DECIMAL_SUFFIXES = ["m", "", "k", "M", "G", "T", "P", "E"];

/** The canonical DecimalSI text of `milli` thousandths: `150m`, `2`, `1500m`, `104857600`, `100M`. */
export function milliQuantityText(milli: number): string {
  if (milli === 0) return "0";
  let mantissa = Math.trunc(milli);
  let exponent = 0;
  while (exponent < DECIMAL_SUFFIXES.length - 1 && mantissa % 1000 === 0) {
    mantissa /= 1000;
    exponent++;
  }
  return `${mantissa}${DECIMAL_SUFFIXES[exponent]}`;
}

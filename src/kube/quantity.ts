// resource.Quantity: "500m", "1.5", "128Mi", "2Gi", "1e3". Parsed to a float for comparisons; exact
// canonical forms are not needed for the checks that use this.

const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

const MULTIPLIERS: Record<string, number> = {
  "": 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

export function isQuantity(text: string): boolean {
  return QUANTITY.test(text);
}

// "100m", "128Mi": the same few quantities recur across a repository.
const parsed = new Map<string, number | undefined>();

/** The numeric value of a quantity (a JSON number or a quantity string), or undefined if malformed. */
export function quantityValue(quantity: unknown): number | undefined {
  if (typeof quantity === "number") return Number.isFinite(quantity) ? quantity : undefined;
  if (typeof quantity !== "string") return undefined;
  if (parsed.has(quantity)) return parsed.get(quantity);
  const value = parseQuantity(quantity);
  if (parsed.size < 10_000) parsed.set(quantity, value);
  return value;
}

function parseQuantity(quantity: string): number | undefined {
  const m = QUANTITY.exec(quantity);
  if (!m) return undefined;
  const [, number, suffix = ""] = m;
  const multiplier = suffix.startsWith("e") || suffix.startsWith("E") ? 10 ** Number(suffix.slice(1)) : MULTIPLIERS[suffix];
  return Number(number) * multiplier;
}

// When a desired value and a live value mean the same thing though they are written differently.
import { isPlainObject } from "./json-value.js";
import { quantitiesEqual } from "./quantity.js";

// Maps whose values are resource quantities (container resources, ResourceQuota `hard`, PV
// `capacity`, node `allocatable`, RuntimeClass/pod `overhead`, LimitRange limit items) …
const QUANTITY_MAPS = new Set(["requests", "limits", "hard", "capacity", "allocatable", "overhead", "max", "min", "default", "defaultRequest", "maxLimitRequestRatio"]);
// … and fields that are quantities themselves (emptyDir sizeLimit, PVC storage).
const QUANTITY_FIELDS = new Set(["sizeLimit", "storage"]);

/** Whether the value at `tokens` (owned-path tokens) is a known quantity field. */
export function isQuantityField(tokens: readonly string[]): boolean {
  const field = tokens[tokens.length - 1] ?? "";
  const parent = tokens[tokens.length - 2] ?? "";
  return QUANTITY_FIELDS.has(field) || QUANTITY_MAPS.has(parent);
}

/**
 * Scalar equality. Numbers compare by value (1 and 1.0 are one JSON number), but a number never
 * equals a string: int-or-string `targetPort: 80` and `"80"` differ upstream too (a string port is a
 * port *name*). Quantity fields compare by exact amount (`1000m` = `1` = 1).
 */
export function scalarsEqual(desired: unknown, live: unknown, tokens: readonly string[]): boolean {
  if (desired === live) return true;
  return isQuantityField(tokens) && quantitiesEqual(desired, live);
}

// Empty maps that mean something by being present (`emptyDir: {}` is a volume; `selector: {}`
// selects everything), so `{}` here is not the same as absence.
const PRESENT_WHEN_EMPTY = new Set(["emptyDir", "selector", "podSelector", "namespaceSelector"]);

/** Whether an empty map at `tokens` is meaningful by its presence alone. */
export function isPresentWhenEmpty(tokens: readonly string[]): boolean {
  // A volume's source (`emptyDir: {}`, tokens …/volumes/name=x/emptyDir) is the volume itself.
  return PRESENT_WHEN_EMPTY.has(tokens[tokens.length - 1] ?? "") || tokens[tokens.length - 3] === "volumes";
}

/**
 * Whether a desired value is equal to its absence on the live side. Go's `omitempty` drops zero
 * values on the way out of the API server: `false`, 0, "", empty maps and empty lists that a manifest
 * writes come back absent, and reporting them would be upstream's "OutOfSync with no diff".
 */
export function equalsAbsence(value: unknown, tokens: readonly string[]): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (!isPlainObject(value)) return false;
  if (isPresentWhenEmpty(tokens)) return false;
  return Object.entries(value).every(([key, item]) => equalsAbsence(item, [...tokens, key]));
}

// The diff engine's public surface: pure functions from (desired, live, options) to FieldChanges.
export type { FieldChange } from "./field-change.js";
export type { JsonObject } from "./json-value.js";
export { diffObject, type DiffOptions } from "./diff-object.js";
export { ownedPaths } from "./owned-paths.js";
export { withoutNulls } from "./null-values.js";
export { maskSecret, SECRET_MASK, SECRET_MASK_CHANGED } from "./secret-mask.js";
export { parseQuantity, quantitiesEqual, type ExactQuantity } from "./quantity.js";

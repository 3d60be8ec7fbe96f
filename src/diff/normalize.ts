// Puts desired and live objects in one comparable form. Pure: returns copies.
import { sortEndpoints } from "./endpoints-order.js";
import { isPlainObject, type JsonObject } from "./json-value.js";
import { withoutNulls } from "./null-values.js";
import { emptyDataValuesAsStrings, foldStringData, isSecret } from "./secret-data.js";
import { dropServerFields, withoutServerFields } from "./server-fields.js";

export interface NormalizedDesired {
  object: JsonObject;
  /** Secret keys that the manifest set through stringData (now base64 under data). */
  stringDataKeys: ReadonlySet<string>;
}

export function normalizeDesired(desired: JsonObject): NormalizedDesired {
  const object = withoutNulls(desired) as JsonObject;
  dropServerFields(object);
  const stringDataKeys = isSecret(object) ? foldStringData(object) : new Set<string>();
  if (object.kind === "Endpoints") sortEndpoints(object);
  return { object, stringDataKeys };
}

/**
 * The live object in comparable form. Shares unchanged subtrees with `live` (which the diff only
 * reads): copying a whole live object, status and defaults included, cost more than the diff.
 */
export function normalizeLive(live: JsonObject | undefined): JsonObject {
  if (!isPlainObject(live)) return {};
  const object = withoutServerFields(live);
  if (isSecret(object) && isPlainObject(object.data)) {
    object.data = { ...object.data };
    emptyDataValuesAsStrings(object);
  }
  if (object.kind === "Endpoints" && object.subsets !== undefined) {
    object.subsets = structuredClone(object.subsets);
    sortEndpoints(object);
  }
  return object;
}

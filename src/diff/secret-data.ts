// Secret `stringData` is write-only: the API server merges it into `data` as base64 (a stringData
// key wins over the same data key) and never returns it. To compare a manifest with a live Secret,
// desired stringData is folded into data the same way; the keys that came from stringData are
// remembered so that changes can be reported at `/stringData/<key>`, where the manifest has them.
import { isPlainObject, type JsonObject } from "./json-value.js";

export function isSecret(object: unknown): boolean {
  return isPlainObject(object) && object.kind === "Secret" && (object.apiVersion === "v1" || object.apiVersion === undefined);
}

/** Folds `stringData` into `data` in place; returns the keys that came from stringData. */
export function foldStringData(secret: JsonObject): Set<string> {
  const fromStringData = new Set<string>();
  const stringData = secret.stringData;
  delete secret.stringData;
  if (!isPlainObject(stringData)) return fromStringData;
  const data: JsonObject = isPlainObject(secret.data) ? secret.data : {};
  for (const [key, value] of Object.entries(stringData)) {
    if (typeof value !== "string") continue;
    data[key] = Buffer.from(value, "utf8").toString("base64");
    fromStringData.add(key);
  }
  secret.data = data;
  return fromStringData;
}

/**
 * A live Secret's empty value comes back as `null` (Go's nil []byte) where the manifest wrote "":
 * the same empty value, made "" in place.
 */
export function emptyDataValuesAsStrings(secret: JsonObject): void {
  const data = secret.data;
  if (!isPlainObject(data)) return;
  for (const key of Object.keys(data)) {
    if (data[key] === null) data[key] = "";
  }
}

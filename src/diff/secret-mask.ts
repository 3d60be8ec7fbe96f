// Secret values never leave the diff: like Argo CD's HideSecretData, values are replaced by runs of
// "+" — the same run for equal values and a longer run for a changed one, so a reader still sees
// *that* a value changed, never what it was or became (nor its base64, nor its length).
import type { FieldChange } from "./field-change.js";
import { isPlainObject, type JsonObject } from "./json-value.js";
import { isSecret } from "./secret-data.js";

export const SECRET_MASK = "++++++++";
export const SECRET_MASK_CHANGED = "+++++++++";

const SECRET_VALUE_PATH = /^\/(data|stringData)(\/|$)/;
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** Whether a change at `path` of a Secret carries Secret values (anything under data/stringData). */
export function carriesSecretValues(path: string): boolean {
  return SECRET_VALUE_PATH.test(path);
}

function maskValues(value: unknown, mask: (key: string | undefined) => string): unknown {
  if (isPlainObject(value)) return Object.fromEntries(Object.keys(value).map((key) => [key, mask(key)]));
  return mask(undefined);
}

/** The change with its values masked. Both sides are masked whole, key by key for whole maps. */
export function maskChange(change: FieldChange): FieldChange {
  const masked: FieldChange = { path: change.path };
  const before = change.before;
  if ("before" in change) masked.before = maskValues(before, () => SECRET_MASK);
  if ("after" in change) {
    masked.after = maskValues(change.after, (key) => {
      if (!("before" in change)) return SECRET_MASK;
      if (key === undefined) return SECRET_MASK_CHANGED; // a scalar change: the values differ
      const old = isPlainObject(before) ? before[key] : undefined;
      const now = isPlainObject(change.after) ? change.after[key] : undefined;
      return old === now ? SECRET_MASK : SECRET_MASK_CHANGED;
    });
  }
  masked.masked = true;
  return masked;
}

/**
 * A copy of `object` safe to render: for a core/v1 Secret, every data and stringData value, and the
 * last-applied annotation (which repeats them), is masked. Other objects come back as a plain copy.
 */
export function maskSecret<T extends JsonObject>(object: T): T {
  const copy = structuredClone(object);
  if (!isSecret(copy)) return copy;
  const record = copy as JsonObject;
  for (const field of ["data", "stringData"]) {
    if (isPlainObject(record[field])) record[field] = maskValues(record[field], () => SECRET_MASK);
  }
  const metadata = record.metadata;
  if (isPlainObject(metadata) && isPlainObject(metadata.annotations) && LAST_APPLIED in metadata.annotations) {
    metadata.annotations[LAST_APPLIED] = SECRET_MASK;
  }
  return copy;
}

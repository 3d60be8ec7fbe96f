// Admission of apps/v1 StatefulSets: the API server's defaults, then its validation, refused as
// `StatefulSet.apps "web" is invalid: <error>` (or `[<e1>, <e2>]` for several).
import type { AdmissionPlugin } from "../../store/admission.js";
import { refOf } from "../../store/kube-object.js";
import { errorDetails, qualifiedKind, storeError } from "../../store/store-errors.js";
import { defaultStatefulSet } from "./statefulset-defaults.js";
import { isStatefulSet } from "./statefulset-types.js";
import { validateStatefulSet } from "./statefulset-validation.js";

export const statefulSetAdmission: AdmissionPlugin = (request) => {
  const object = request.object;
  if (!isStatefulSet(object)) return undefined;
  defaultStatefulSet(object);
  const errors = validateStatefulSet(object, request.current);
  if (errors.length === 0) return undefined;
  const ref = refOf(object);
  const body = errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
  return storeError("Invalid", `${qualifiedKind(ref.group, ref.kind)} "${ref.name}" is invalid: ${body}`, errorDetails(ref, request.store.kindInfo(ref.group, ref.kind)));
};

// The admission plugin of the batch API group: Jobs and CronJobs, refused with the API server's
// `<Kind>.batch "<name>" is invalid: …` message (errors in brackets when there are several).
import type { AdmissionPlugin, AdmissionRequest } from "../store/admission.js";
import { refOf } from "../store/kube-object.js";
import { errorDetails, qualifiedKind, storeError, type StoreError } from "../store/store-errors.js";
import { isCronJob, isJob } from "./batch-types.js";
import { admitCronJob } from "./cronjob-admission.js";
import { admitJob } from "./job-admission.js";

export const batchAdmission: AdmissionPlugin = (request) => {
  if (isJob(request.object)) return refuse(request, admitJob(request));
  if (isCronJob(request.object)) return refuse(request, admitCronJob(request));
  return undefined;
};

function refuse(request: AdmissionRequest, errors: string[]): StoreError | undefined {
  if (errors.length === 0) return undefined;
  const ref = refOf(request.object);
  const body = errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
  return storeError("Invalid", `${qualifiedKind(ref.group, ref.kind)} "${ref.name}" is invalid: ${body}`, errorDetails(ref, request.store.kindInfo(ref.group, ref.kind)));
}

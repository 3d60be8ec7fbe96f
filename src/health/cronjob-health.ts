// CronJob health. gitops-engine has no rule for CronJobs (Argo CD returns no health for them). Ours:
// Suspended when spec.suspend is set, otherwise Healthy. We deliberately do not look at the last
// run: a failed run is its Job's health (the Job is an object of its own, Degraded), and the
// CronJob's status records only when runs happened, not how they ended — judging the schedule by
// one bad night would keep an application Degraded until the next run.
import type { CronJob } from "kubernetes-types/batch/v1.js";
import { health, type Health } from "./health-status.js";

export function cronJobHealth(cronJob: CronJob): Health {
  if (cronJob.spec?.suspend) return health("Suspended", "CronJobSuspended", "CronJob is suspended: no new Jobs are scheduled");
  return health("Healthy");
}

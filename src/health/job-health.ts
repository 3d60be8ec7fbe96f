// Job health: gitops-engine's rule (pkg/health/health_job.go) reads the terminal conditions:
// Failed → Degraded, Suspended → Suspended, Complete → Healthy, none yet → Progressing.
// One deliberate difference: gitops-engine treats any Suspended condition as terminal, so a Job
// resumed after a suspension (Suspended=False) would read Healthy while it still runs. We only
// count conditions whose status is True, which is also how Kubernetes sets Failed and Complete.
import type { Job } from "kubernetes-types/batch/v1.js";
import { health, type Health } from "./health-status.js";
import { conditionsOf, count, oneLine } from "./object-view.js";

export function jobHealth(job: Job): Health {
  const conditions = conditionsOf(job.status).filter((c) => c.status === "True");
  const failed = conditions.find((c) => c.type === "Failed");
  if (failed) return health("Degraded", failed.reason ?? "JobFailed", oneLine(failed.message) ?? "Job failed");
  const suspended = conditions.find((c) => c.type === "Suspended");
  if (suspended) return health("Suspended", suspended.reason ?? "JobSuspended", oneLine(suspended.message) ?? "Job suspended");
  const complete = conditions.find((c) => c.type === "Complete");
  if (complete) return health("Healthy", undefined, oneLine(complete.message) ?? "Job completed");
  const status = job.status;
  // Without spec.completions (a work queue) the Job ends when any pod succeeds.
  const completions = job.spec?.completions;
  const target = completions === undefined || completions === null ? "" : ` of ${completions}`;
  return health(
    "Progressing",
    "JobRunning",
    `Waiting for Job to complete: ${count(status?.succeeded)}${target} succeeded, ${count(status?.active)} active, ${count(status?.failed)} failed`,
  );
}

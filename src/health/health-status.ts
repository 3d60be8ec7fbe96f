// The six health statuses and how they rank. The order is gitops-engine's (pkg/health/health.go),
// best to worst, so that the health of a group of objects is simply its worst member: one Degraded
// Deployment makes an application Degraded however many Services around it are Healthy.

export type HealthStatus = "Healthy" | "Suspended" | "Progressing" | "Missing" | "Degraded" | "Unknown";

/** Best to worst. Unknown is last: when we cannot tell, we must not report better than the worst we know. */
export const HEALTH_ORDER: readonly HealthStatus[] = ["Healthy", "Suspended", "Progressing", "Missing", "Degraded", "Unknown"];

/**
 * The health of one object. `reason` is a stable CamelCase cause a program can match on (for
 * Kubernetes-reported causes it is Kubernetes' own reason, e.g. `ProgressDeadlineExceeded`,
 * `ImagePullBackOff`); `message` is the sentence a person reads to act on it.
 */
export interface Health {
  status: HealthStatus;
  reason?: string;
  message?: string;
}

const RANK: Readonly<Record<HealthStatus, number>> = {
  Healthy: 0,
  Suspended: 1,
  Progressing: 2,
  Missing: 3,
  Degraded: 4,
  Unknown: 5,
};

/** Negative when `a` is better than `b`; a comparator for sorting best first. */
export function compareHealth(a: HealthStatus, b: HealthStatus): number {
  return RANK[a] - RANK[b];
}

/**
 * The worst of the parts: the overall health of an application or a plan. An empty set is Healthy —
 * nothing to wait for.
 */
export function worstHealth(statuses: Iterable<HealthStatus>): HealthStatus {
  let worst: HealthStatus = "Healthy";
  for (const status of statuses) if (RANK[status] > RANK[worst]) worst = status;
  return worst;
}

/** A Health without absent fields, so results compare cleanly and serialise without `undefined`s. */
export function health(status: HealthStatus, reason?: string, message?: string): Health {
  const result: Health = { status };
  if (reason) result.reason = reason;
  if (message) result.message = message;
  return result;
}

// explainWorkload: why a workload is unhealthy, in terms of its pods. A Deployment's own status
// only says "ProgressDeadlineExceeded"; what a person needs next is what its pods are doing —
// "2 pods ImagePullBackOff (Back-off pulling image "nginx:1.91")". Pure: the caller finds the
// workload's pods (by owner or selector) and passes them in.
import type { Health } from "./health-status.js";
import { healthOf } from "./health-of.js";
import type { HealthInput } from "./object-view.js";
import { podProblem, type PodProblem } from "./pod-problem.js";

/** Pods that share a problem reason. `message` and `example` come from the first such pod by name. */
export interface PodProblemGroup {
  reason: string;
  count: number;
  message?: string;
  /** Name of the pod the message is from, to point `kubectl describe` at. */
  example: string;
  pods: string[];
}

export interface WorkloadExplanation {
  /** healthOf(workload). */
  health: Health;
  /** Problem groups, most pods first, then by reason: stable for the same input. */
  problems: PodProblemGroup[];
  /** `2 pods ImagePullBackOff (Back-off pulling image "nginx:1.91")`, groups joined by ", "; "" when no pod has a problem. */
  pods: string;
  /** `Degraded: ProgressDeadlineExceeded — 2 pods ImagePullBackOff (…)`: the health, then the pods' story. */
  summary: string;
}

export function explainWorkload(workload: HealthInput | undefined, pods: readonly HealthInput[]): WorkloadExplanation {
  const workloadHealth = healthOf(workload);
  const problems = groupProblems(pods);
  const podText = problems.map(formatGroup).join(", ");
  const head = workloadHealth.reason ? `${workloadHealth.status}: ${workloadHealth.reason}` : workloadHealth.status;
  return { health: workloadHealth, problems, pods: podText, summary: podText ? `${head} — ${podText}` : head };
}

export function groupProblems(pods: readonly HealthInput[]): PodProblemGroup[] {
  const byReason = new Map<string, PodProblemGroup>();
  // By name, so "the first message" does not depend on the order the caller listed pods in.
  const sorted = [...pods].sort((a, b) => compareText(a.metadata?.name ?? "", b.metadata?.name ?? ""));
  for (const pod of sorted) {
    const found: PodProblem | undefined = podProblem(pod);
    if (!found) continue;
    const name = pod.metadata?.name ?? "";
    const group = byReason.get(found.reason);
    if (group) {
      group.count += 1;
      group.pods.push(name);
    } else {
      const created: PodProblemGroup = { reason: found.reason, count: 1, example: name, pods: [name] };
      if (found.message) created.message = found.message;
      byReason.set(found.reason, created);
    }
  }
  return [...byReason.values()].sort((a, b) => b.count - a.count || compareText(a.reason, b.reason));
}

function formatGroup(group: PodProblemGroup): string {
  const pods = `${group.count} ${group.count === 1 ? "pod" : "pods"} ${group.reason}`;
  return group.message ? `${pods} (${group.message})` : pods;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

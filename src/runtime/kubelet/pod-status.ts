// The pod-level status the kubelet derives from its containers: the phase (kubelet_pods.go getPhase)
// and the conditions (pkg/kubelet/status generate.go), each condition keeping its
// lastTransitionTime until its status flips.
import type { ContainerSpec, ContainerStatus, PodCondition, PodSpec } from "./pod-model.js";
import { messages } from "./kubelet-messages.js";
import { restartPolicyOf } from "./pod-model.js";

export type PodPhase = "Pending" | "Running" | "Succeeded" | "Failed";

const KUBELET_CONDITIONS = new Set(["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady"]);

export function podPhase(spec: PodSpec, init: readonly ContainerStatus[], regular: readonly ContainerStatus[]): PodPhase {
  const policy = restartPolicyOf(spec);
  let pendingInit = 0;
  let failedInit = 0;
  for (const container of spec.initContainers ?? []) {
    const status = find(init, container);
    const state = status?.state;
    if (!state || "running" in state) pendingInit++;
    else if ("terminated" in state) {
      if (state.terminated.exitCode !== 0) failedInit++;
    } else if (status.lastState.terminated) {
      if (status.lastState.terminated.exitCode !== 0) failedInit++;
    } else pendingInit++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const container of spec.containers ?? []) {
    const status = find(regular, container);
    const state = status?.state;
    if (!state) unknown++;
    else if ("running" in state) running++;
    else if ("terminated" in state) {
      stopped++;
      if (state.terminated.exitCode === 0) succeeded++;
    } else if (status.lastState.terminated) stopped++;
    else waiting++;
  }
  if (failedInit > 0 && policy === "Never") return "Failed";
  if (pendingInit > 0 || waiting > 0) return "Pending";
  if (running > 0 && unknown === 0) return "Running";
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (policy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    return policy === "Never" ? "Failed" : "Running";
  }
  return "Pending";
}

export interface ConditionFacts {
  sandboxReady: boolean;
  phase: PodPhase;
  spec: PodSpec;
  init: readonly ContainerStatus[];
  regular: readonly ContainerStatus[];
  now: string;
}

/** The kubelet's four conditions in upstream's order, then the others (PodScheduled …) as they were. */
export function podConditions(previous: readonly PodCondition[] | undefined, facts: ConditionFacts): PodCondition[] {
  const before = new Map((previous ?? []).map((c) => [c.type, c]));
  const containersReady = containersReadyCondition(facts);
  const ready = readyCondition(containersReady, facts, before);
  const mine: Array<Omit<PodCondition, "lastProbeTime" | "lastTransitionTime">> = [
    { type: "PodReadyToStartContainers", status: facts.sandboxReady ? "True" : "False" },
    initializedCondition(facts),
    ready,
    containersReady,
  ];
  const out: PodCondition[] = mine.map((c) => {
    const old = before.get(c.type);
    const condition: PodCondition = { type: c.type, status: c.status, lastProbeTime: null, lastTransitionTime: old?.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : facts.now };
    if (c.reason !== undefined) condition.reason = c.reason;
    if (c.message !== undefined) condition.message = c.message;
    return condition;
  });
  for (const condition of previous ?? []) if (!KUBELET_CONDITIONS.has(condition.type)) out.push(condition);
  return out;
}

type Draft = Omit<PodCondition, "lastProbeTime" | "lastTransitionTime">;

function initializedCondition(facts: ConditionFacts): Draft {
  const containers = facts.spec.initContainers ?? [];
  if (containers.length === 0) return { type: "Initialized", status: "True" };
  const incomplete = containers.filter((c) => !find(facts.init, c)?.ready).map((c) => c.name);
  const allKnown = containers.every((c) => find(facts.init, c));
  if (facts.phase === "Succeeded" && allKnown) return { type: "Initialized", status: "True", reason: "PodCompleted" };
  const regularStarted = facts.regular.some((s) => "running" in s.state || "terminated" in s.state || s.lastState.terminated);
  if (regularStarted || incomplete.length === 0) return { type: "Initialized", status: "True" };
  return { type: "Initialized", status: "False", reason: "ContainersNotInitialized", message: messages.containersNotInitialized(incomplete) };
}

function containersReadyCondition(facts: ConditionFacts): Draft {
  const containers = facts.spec.containers ?? [];
  const unknown = containers.filter((c) => !find(facts.regular, c)).map((c) => c.name);
  const unready = containers.filter((c) => find(facts.regular, c)?.ready === false).map((c) => c.name);
  if (facts.phase === "Succeeded" && unknown.length === 0) return { type: "ContainersReady", status: "False", reason: "PodCompleted" };
  const parts: string[] = [];
  if (unknown.length > 0) parts.push(`containers with unknown status: [${unknown.join(" ")}]`);
  if (unready.length > 0) parts.push(messages.containersNotReady(unready));
  if (parts.length > 0) return { type: "ContainersReady", status: "False", reason: "ContainersNotReady", message: parts.join(", ") };
  return { type: "ContainersReady", status: "True" };
}

function readyCondition(containersReady: Draft, facts: ConditionFacts, before: ReadonlyMap<string, PodCondition>): Draft {
  if (containersReady.status !== "True") return { ...containersReady, type: "Ready" };
  const problems: string[] = [];
  for (const gate of facts.spec.readinessGates ?? []) {
    const type = gate.conditionType ?? "";
    const condition = before.get(type);
    if (!condition) problems.push(`corresponding condition for pod readiness gate "${type}" does not exist.`);
    else if (condition.status !== "True") problems.push(`the status of pod readiness gate "${type}" is not "True", but ${condition.status}`);
  }
  if (problems.length > 0) return { type: "Ready", status: "False", reason: "ReadinessGatesNotReady", message: problems.join(", ") };
  return { type: "Ready", status: "True" };
}

function find(statuses: readonly ContainerStatus[], container: ContainerSpec): ContainerStatus | undefined {
  return statuses.find((s) => s.name === container.name);
}

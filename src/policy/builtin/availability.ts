// Whether a workload survives a pod restart, a rollout or a node drain: more than one replica, a
// PodDisruptionBudget that keeps some of them up, and autoscalers that do not scale down to one.
import type { BuiltinRule, RuleViolation } from "../builtin-rule.js";
import { podTemplateOf, runsPods } from "../pod-templates.js";
import type { PolicyResource } from "../policy-resource.js";
import { isHorizontalPodAutoscaler, scaleTargetOf, type ResourceIndex } from "../resource-index.js";
import { named } from "./describe.js";
import { asNumber, asRecord, field, numberOption } from "./fields.js";
import { formatLabels } from "./selectors.js";

/** Deployments and StatefulSets: the kinds whose replica count is the user's to choose. */
function isReplicated(resource: PolicyResource): boolean {
  const { group, kind } = resource.key;
  return (kind === "Deployment" || kind === "StatefulSet") && runsPods(group, kind);
}

interface Replicas {
  /** undefined when spec.replicas is not set, which means 1. */
  value: number | undefined;
  pointer: string;
}

/** spec.replicas, or undefined when it is there but not a number (a schema error, not a replica count). */
function replicasOf(resource: PolicyResource): Replicas | undefined {
  const raw = field(resource.object, "spec", "replicas");
  if (raw === undefined || raw === null) return { value: undefined, pointer: asRecord(resource.object.spec) ? "/spec" : "" };
  const value = asNumber(raw);
  return value === undefined ? undefined : { value, pointer: "/spec/replicas" };
}

const singleReplica: BuiltinRule = {
  id: "single-replica",
  category: "availability",
  severity: "warning",
  description: "A Deployment or StatefulSet runs one replica and no HorizontalPodAutoscaler scales it.",
  hint: "set spec.replicas to 2 or more, or let a HorizontalPodAutoscaler with minReplicas of 2 or more scale it",
  check: (resource, { index }) => {
    if (!isReplicated(resource)) return [];
    const replicas = replicasOf(resource);
    if (!replicas || (replicas.value !== undefined && replicas.value !== 1)) return [];
    if (index.horizontalPodAutoscalersTargeting(resource).length > 0) return [];
    const runs = replicas.value === undefined ? "does not set spec.replicas, so it runs a single replica" : "runs a single replica";
    return [
      {
        pointer: replicas.pointer,
        target: replicas.value === undefined ? "key" : "value",
        message: `${named(resource)} ${runs}: while that pod restarts, is rescheduled or is evicted by a node drain, nothing serves`,
      },
    ];
  },
};

/** The fewest replicas the workload runs: the HPAs' floor when they own the count, else spec.replicas. */
function replicaFloor(resource: PolicyResource, index: ResourceIndex): { count: number; because: string; pointer: string } | undefined {
  const hpas = index.horizontalPodAutoscalersTargeting(resource);
  if (hpas.length > 0) {
    const floors = hpas.map((hpa) => ({ hpa, min: asNumber(field(hpa.object, "spec", "minReplicas")) ?? 1 }));
    const highest = floors.reduce((a, b) => (b.min > a.min ? b : a));
    return { count: highest.min, because: `is scaled by ${named(highest.hpa)} to at least ${highest.min} replicas`, pointer: "/metadata/name" };
  }
  const replicas = replicasOf(resource);
  if (!replicas) return undefined;
  const count = replicas.value ?? 1;
  return { count, because: `runs ${count} replicas`, pointer: replicas.pointer };
}

const missingPdb: BuiltinRule = {
  id: "missing-pdb",
  category: "availability",
  severity: "info",
  description: "A Deployment or StatefulSet with more than one replica has no PodDisruptionBudget selecting its pods.",
  hint: "add a PodDisruptionBudget with the pods' labels as selector and maxUnavailable: 1 (or a minAvailable below the replica count)",
  check: (resource, { index }) => {
    const namespace = resource.key.namespace;
    const template = podTemplateOf(resource);
    if (!isReplicated(resource) || namespace === undefined || !template) return [];
    const floor = replicaFloor(resource, index);
    if (!floor || floor.count <= 1) return [];
    if (index.podDisruptionBudgetsSelecting(namespace, template.labels).length > 0) return [];
    const violation: RuleViolation = {
      pointer: floor.pointer,
      message: `${named(resource)} ${floor.because}, but no PodDisruptionBudget in namespace ${JSON.stringify(namespace)} selects its pods (${formatLabels(template.labels)}): a node drain or cluster upgrade can evict them all at once`,
    };
    return [violation];
  },
};

const hpaMinReplicas: BuiltinRule = {
  id: "hpa-min-replicas",
  category: "availability",
  severity: "warning",
  description: "A HorizontalPodAutoscaler may scale its target down to fewer replicas than the minimum (2 unless configured).",
  hint: "set spec.minReplicas to 2 or more",
  defaults: { minimum: 2 },
  check: (resource, { options }) => {
    if (!isHorizontalPodAutoscaler(resource)) return [];
    const minimum = numberOption(options.minimum, 2);
    const raw = field(resource.object, "spec", "minReplicas");
    const set = raw !== undefined && raw !== null;
    const value = set ? asNumber(raw) : 1;
    if (value === undefined || value >= minimum) return [];
    const target = scaleTargetOf(resource);
    const of = target ? ` ${target.kind} ${JSON.stringify(target.name)}` : " its target";
    const why = set ? `minReplicas is ${value}` : "minReplicas is not set and defaults to 1";
    return [
      {
        pointer: set ? "/spec/minReplicas" : asRecord(resource.object.spec) ? "/spec" : "",
        target: set ? "value" : "key",
        hint: `set spec.minReplicas to ${minimum} or more`,
        message: `${named(resource)} can scale${of} down to ${value} ${value === 1 ? "replica" : "replicas"} (${why}; at least ${minimum} required): when traffic is low, one pod failing or being evicted takes the service down`,
      },
    ];
  },
};

export const AVAILABILITY_RULES: readonly BuiltinRule[] = [singleReplica, missingPdb, hpaMinReplicas];

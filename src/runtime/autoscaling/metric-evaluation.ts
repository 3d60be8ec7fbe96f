// computeReplicasForMetrics: a replica proposal from each metric of the HPA, the highest winning, with
// the status of each metric and the ScalingActive condition. Resource and ContainerResource metrics
// come from the simulated metrics API (pod-metrics.ts); the cluster has no custom or external
// metrics API, so Pods, Object and External metrics fail as they do upstream without an adapter.
import type { LabelSelector } from "../../kube/label-selector.js";
import type { EventType } from "../events/event-recorder.js";
import type { KubeObject } from "../store/kube-object.js";
import { formatLabelSelector } from "../store/label-selector-syntax.js";
import { setCondition, unableToComputeCondition, type ConditionUpdate } from "./hpa-conditions.js";
import type { HpaStatus, MetricSpec, MetricStatus, MetricTarget, MetricValueStatus } from "./hpa-types.js";
import { milliQuantityText, milliValue } from "./milli-quantity.js";
import { resourceMetrics } from "./pod-metrics.js";
import { podRequests, podSample } from "./pod-samples.js";
import { averageValueReplicas, utilizationReplicas } from "./replica-calculator.js";

export interface MetricsEnv {
  now: number;
  namespace: string;
  /** The HPA's annotations: its metric hints override the pods'. */
  hpaAnnotations: Record<string, string>;
  /** The target's replicas as its scale reports them. */
  specReplicas: number;
  /** Pods of the HPA's namespace that a selector picks, in name order. */
  podsFor(selector: LabelSelector): KubeObject[];
  event(type: EventType, reason: string, message: string): void;
  /** The status being computed; conditions are set on it. */
  status: HpaStatus;
}

/** `replicas` is -1 when no proposal can be used; `error` tells why, or which metrics failed. */
export interface MetricsOutcome {
  replicas: number;
  metric: string;
  statuses: MetricStatus[];
  error?: string;
}

type Proposal = { ok: true; replicas: number; metric: string; status: MetricStatus } | { ok: false; condition: ConditionUpdate; error: string };

const NO_CUSTOM_METRICS = "unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered";

export function computeReplicasForMetrics(env: MetricsEnv, selector: LabelSelector | undefined, specs: readonly MetricSpec[]): MetricsOutcome {
  if (selector === undefined) {
    const error = "selector is required";
    env.event("Warning", "SelectorRequired", error);
    setCondition(env.status, { type: "ScalingActive", status: "False", reason: "InvalidSelector", message: "the HPA target's scale is missing a selector" }, env.now);
    return { replicas: -1, metric: "", statuses: [], error };
  }
  const pods = env.podsFor(selector);
  // A metric that fails leaves an empty status in its place, as upstream's status array does.
  const statuses: MetricStatus[] = specs.map(() => ({ type: "" }));
  let replicas = 0;
  let metric = "";
  let invalid = 0;
  let firstError: { condition: ConditionUpdate; error: string } | undefined;
  specs.forEach((spec, i) => {
    const proposal = computeReplicasForMetric(env, spec, pods);
    if (!proposal.ok) {
      if (invalid === 0) firstError = proposal;
      invalid++;
      return;
    }
    statuses[i] = proposal.status;
    if (replicas === 0 || proposal.replicas > replicas) {
      replicas = proposal.replicas;
      metric = proposal.metric;
    }
  });
  const error = firstError ? `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstError.error}` : undefined;
  // Every metric failed, or some did and the others would scale down: no proposal is trusted.
  if (firstError && (invalid >= specs.length || replicas < env.specReplicas)) {
    setCondition(env.status, firstError.condition, env.now);
    return { replicas: -1, metric: "", statuses, error };
  }
  setCondition(env.status, { type: "ScalingActive", status: "True", reason: "ValidMetricFound", message: `the HPA was able to successfully calculate a replica count from ${metric}` }, env.now);
  return error === undefined ? { replicas, metric, statuses } : { replicas, metric, statuses, error };
}

function computeReplicasForMetric(env: MetricsEnv, spec: MetricSpec, pods: KubeObject[]): Proposal {
  switch (spec.type) {
    case "Resource": {
      const source = spec.resource;
      const name = source?.name ?? "";
      const result = resourceProposal(env, pods, { resource: name, target: source?.target ?? { type: "" } });
      if (!result.ok) return failed(env, "FailedGetResourceMetric", result.error, `failed to get ${name} resource metric value: ${result.error}`);
      return { ok: true, replicas: result.replicas, metric: result.metric, status: { resource: { current: result.current, name }, type: "Resource" } };
    }
    case "ContainerResource": {
      const source = spec.containerResource;
      const name = source?.name ?? "";
      const container = source?.container ?? "";
      const result = resourceProposal(env, pods, { resource: name, target: source?.target ?? { type: "" }, container });
      if (!result.ok) return failed(env, "FailedGetContainerResourceMetric", result.error, `failed to get ${container} container metric value: ${result.error}`);
      return { ok: true, replicas: result.replicas, metric: result.metric, status: { containerResource: { container, current: result.current, name }, type: "ContainerResource" } };
    }
    case "Pods": {
      const error = `unable to get metric ${spec.pods?.metric.name ?? ""}: ${NO_CUSTOM_METRICS}`;
      return failed(env, "FailedGetPodsMetric", error, `failed to get pods metric value: ${error}`);
    }
    case "Object": {
      const object = spec.object;
      const described = object?.describedObject;
      const error = `unable to get metric ${object?.metric.name ?? ""}: ${NO_CUSTOM_METRICS} on ${described?.kind ?? ""} ${env.namespace}/${described?.name ?? ""}`;
      return failed(env, "FailedGetObjectMetric", error, `failed to get object metric value: ${error}`);
    }
    case "External": {
      const name = spec.external?.metric.name ?? "";
      const selectorText = formatLabelSelector(spec.external?.metric.selector as LabelSelector | undefined);
      const error = `unable to get external metric ${env.namespace}/${name}/${selectorText === "<none>" ? "" : selectorText}: unable to fetch metrics from external metrics API: the server could not find the requested resource (get ${name}.external.metrics.k8s.io)`;
      return failed(env, "FailedGetExternalMetric", error, `failed to get ${name} external metric value: ${error}`);
    }
    default: {
      const error = `unknown metric source type ${JSON.stringify(spec.type)}`;
      return failed(env, "InvalidMetricSourceType", error, error);
    }
  }
}

// getUnableComputeReplicaCountCondition: a Warning event with the metric's error, and the condition.
function failed(env: MetricsEnv, reason: string, error: string, wrapped: string): Proposal {
  env.event("Warning", reason, error);
  return { ok: false, condition: unableToComputeCondition(reason, error), error: wrapped };
}

type ResourceProposal = { ok: true; replicas: number; metric: string; current: MetricValueStatus } | { ok: false; error: string };

// computeStatusForResourceMetricGeneric: an average-value target or a utilization target.
function resourceProposal(env: MetricsEnv, pods: KubeObject[], metric: { resource: string; target: MetricTarget; container?: string }): ResourceProposal {
  const { resource, target, container } = metric;
  const common = {
    currentReplicas: env.specReplicas,
    resource,
    pods: pods.map(podSample),
    metrics: resourceMetrics(pods, resource, { hpaAnnotations: env.hpaAnnotations, now: env.now, container }),
    now: env.now,
  };
  if (target.averageValue !== undefined) {
    const result = averageValueReplicas({ ...common, targetUsage: milliValue(target.averageValue) ?? 0 });
    if (!result.ok) return { ok: false, error: `failed to get ${resource} usage: ${result.error}` };
    return { ok: true, replicas: result.replicas, metric: `${resource} resource`, current: { averageValue: milliQuantityText(result.usage) } };
  }
  if (target.averageUtilization === undefined) {
    return { ok: false, error: "invalid resource metric source: neither an average utilization target nor an average value (usage) target was set" };
  }
  const result = utilizationReplicas({ ...common, targetUtilization: target.averageUtilization, requests: podRequests(pods, resource, container) });
  if (!result.ok) return { ok: false, error: `failed to get ${resource} utilization: ${result.error}` };
  const name = container === undefined ? `${resource} resource utilization (percentage of request)` : `${resource} container resource utilization (percentage of request)`;
  return { ok: true, replicas: result.replicas, metric: name, current: { averageUtilization: result.utilization, averageValue: milliQuantityText(result.rawAverage) } };
}

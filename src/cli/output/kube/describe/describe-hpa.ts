// `kubectl describe hpa` (describeHorizontalPodAutoscalerV2): the reference, each metric as
// `current / target`, the replica bounds, the behavior when set, the target's current and desired
// pods, the conditions and the events. An autoscaling/v1 HPA is described through its v2 form, as
// kubectl does. The controller's bookkeeping annotations are left out.
import { HISTORY_ANNOTATION } from "../../../../runtime/autoscaling/hpa-history.js";
import type { HpaStatus, MetricSpec, MetricStatus, ScalingRules } from "../../../../runtime/autoscaling/hpa-types.js";
import { specView, statusView, V1_CONDITIONS_ANNOTATION } from "../../../../runtime/autoscaling/hpa-view.js";
import type { KubeObject } from "../../../../runtime/store/kube-object.js";
import { intOrString, stringMap, type Json } from "../fields.js";
import { annotationsMultiline, creationTimestamp, describeEvents, labelsMultiline, nameAndNamespace } from "./describe-common.js";
import { eventsFor, type DescribeSource } from "./describe-source.js";
import { DescribeWriter } from "./describe-writer.js";

const HIDDEN_ANNOTATIONS = new Set([HISTORY_ANNOTATION, V1_CONDITIONS_ANNOTATION]);

export function describeHorizontalPodAutoscaler(hpa: KubeObject, source: DescribeSource, now: number): string {
  const o = hpa as unknown as Json;
  const spec = specView(hpa);
  const status = statusView(hpa);
  const w = new DescribeWriter();
  nameAndNamespace(w, o);
  labelsMultiline(w, "Labels", stringMap(hpa.metadata.labels));
  const annotations = Object.fromEntries(Object.entries(stringMap(hpa.metadata.annotations)).filter(([key]) => !HIDDEN_ANNOTATIONS.has(key)));
  annotationsMultiline(w, "Annotations", annotations);
  creationTimestamp(w, o);
  w.write(0, `Reference:\t${spec.scaleTargetRef.kind}/${spec.scaleTargetRef.name}\n`);
  w.write(0, "Metrics:\t( current / target )\n");
  (spec.metrics ?? []).forEach((metric, i) => metricLine(w, metric, status.currentMetrics?.[i]));
  w.write(0, `Min replicas:\t${spec.minReplicas === undefined ? "<unset>" : spec.minReplicas}\n`);
  w.write(0, `Max replicas:\t${spec.maxReplicas}\n`);
  if (spec.behavior) {
    w.write(0, "Behavior:\n");
    directionBehavior(w, "Scale Up", spec.behavior.scaleUp);
    directionBehavior(w, "Scale Down", spec.behavior.scaleDown);
  }
  w.write(0, `${spec.scaleTargetRef.kind} pods:\t${status.currentReplicas ?? 0} current / ${status.desiredReplicas} desired\n`);
  conditions(w, status);
  describeEvents(w, eventsFor(source, hpa) as unknown as Json[], now);
  return w.toString();
}

function metricLine(w: DescribeWriter, metric: MetricSpec, current: MetricStatus | undefined): void {
  const unknown = "<unknown>";
  switch (metric.type) {
    case "External": {
      const external = metric.external;
      const name = JSON.stringify(external?.metric.name ?? "");
      if (external?.target.averageValue !== undefined) {
        const value = current?.external?.current.averageValue;
        w.write(1, `${name} (target average value):\t${value === undefined ? unknown : intOrString(value)} / ${intOrString(external.target.averageValue)}\n`);
      } else {
        const value = current?.external?.current.value;
        w.write(1, `${name} (target value):\t${value === undefined ? unknown : intOrString(value)} / ${intOrString(external?.target.value)}\n`);
      }
      return;
    }
    case "Pods": {
      const value = current?.pods?.current.averageValue;
      w.write(1, `${JSON.stringify(metric.pods?.metric.name ?? "")} on pods:\t${value === undefined ? unknown : intOrString(value)} / ${intOrString(metric.pods?.target.averageValue)}\n`);
      return;
    }
    case "Object": {
      const object = metric.object;
      w.write(1, `"${object?.metric.name ?? ""}" on ${object?.describedObject.kind ?? ""}/${object?.describedObject.name ?? ""} `);
      if (object?.target.type === "AverageValue") {
        const value = current?.object?.current.averageValue;
        w.write(0, `(target average value):\t${value === undefined ? unknown : intOrString(value)} / ${intOrString(object.target.averageValue)}\n`);
      } else {
        const value = current?.object?.current.value;
        w.write(0, `(target value):\t${value === undefined ? unknown : intOrString(value)} / ${intOrString(object?.target.value)}\n`);
      }
      return;
    }
    case "Resource":
    case "ContainerResource": {
      const resource = metric.type === "Resource" ? metric.resource : metric.containerResource;
      const value = metric.type === "Resource" ? current?.resource?.current : current?.containerResource?.current;
      w.write(1, metric.type === "Resource" ? `resource ${resource?.name ?? ""} on pods` : `resource ${resource?.name ?? ""} of container "${metric.containerResource?.container ?? ""}" on pods`);
      const target = resource?.target;
      if (target?.averageValue !== undefined) {
        w.write(0, `:\t${value?.averageValue === undefined ? unknown : intOrString(value.averageValue)} / ${intOrString(target.averageValue)}\n`);
        return;
      }
      const currentText = value?.averageUtilization === undefined ? unknown : `${value.averageUtilization}% (${intOrString(value.averageValue)})`;
      const targetText = target?.averageUtilization === undefined ? "<auto>" : `${target.averageUtilization}%`;
      w.write(1, `(as a percentage of request):\t${currentText} / ${targetText}\n`);
      return;
    }
    default:
      w.write(1, `<unknown metric type ${JSON.stringify(metric.type)}>\n`);
  }
}

// printDirectionBehavior
function directionBehavior(w: DescribeWriter, direction: string, rules: ScalingRules | undefined): void {
  if (!rules) return;
  w.write(1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined) w.write(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  const policies = rules.policies ?? [];
  if (policies.length === 0) return;
  w.write(2, `Select Policy: ${rules.selectPolicy ?? "Max"}\n`);
  w.write(2, "Policies:\n");
  for (const p of policies) w.write(3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
}

function conditions(w: DescribeWriter, status: HpaStatus): void {
  const list = status.conditions ?? [];
  if (list.length === 0) return;
  w.write(0, "Conditions:\n");
  w.write(1, "Type\tStatus\tReason\tMessage\n");
  w.write(1, "----\t------\t------\t-------\n");
  for (const c of list) w.write(1, `${c.type}\t${c.status}\t${c.reason ?? ""}\t${c.message ?? ""}\n`);
}

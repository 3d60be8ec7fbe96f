// `kubectl describe daemonset` (describeDaemonSet): name, selectors, labels and annotations, the
// five node counts of the status, the pods by phase, the pod template and the events. The count
// lines hold no tab, so they break the alignment block as they do in kubectl's output.
import type { KubeObject } from "../../../../runtime/store/kube-object.js";
import { formatLabels, num, rec, stringMap, type Json } from "../fields.js";
import { selectorString } from "../kind-tables.js";
import { describeEvents, labelsAndAnnotations, podTemplate } from "./describe-common.js";
import { eventsFor, type DescribeSource } from "./describe-source.js";
import { DescribeWriter } from "./describe-writer.js";
import { podsStatus } from "./describe-workloads.js";

export function describeDaemonSet(daemonSet: KubeObject, source: DescribeSource, now: number): string {
  const o = daemonSet as unknown as Json;
  const spec = rec(o.spec);
  const status = rec(o.status);
  const template = rec(spec.template);
  const w = new DescribeWriter();
  w.write(0, `Name:\t${daemonSet.metadata.name ?? ""}\n`);
  w.write(0, `Namespace:\t${daemonSet.metadata.namespace ?? ""}\n`);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(stringMap(rec(template.spec).nodeSelector))}\n`);
  labelsAndAnnotations(w, o);
  w.write(0, `Desired Number of Nodes Scheduled: ${num(status.desiredNumberScheduled)}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${num(status.currentNumberScheduled)}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${num(status.updatedNumberScheduled)}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${num(status.numberAvailable)}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${num(status.numberMisscheduled)}\n`);
  podsStatus(w, daemonSet, source);
  podTemplate(w, template);
  describeEvents(w, eventsFor(source, daemonSet) as unknown as Json[], now);
  return w.toString();
}

// `kubectl describe statefulset` (describeStatefulSet, describeVolumeClaimTemplates), plus one
// drydock section kubectl does not print: `Pod DNS Names`, the stable names the members get from
// the governing Service (`web-0.nginx.default.svc.cluster.local`), placed just before Events.
import type { KubeObject } from "../../../../runtime/store/kube-object.js";
import { podDnsName, startOrdinal } from "../../../../runtime/workloads/statefulset/statefulset-types.js";
import { arr, intOrString, num, rec, str, stringMap, strings, type Json } from "../fields.js";
import { selectorString } from "../kind-tables.js";
import { creationTimestamp, describeEvents, labelsAndAnnotations, labelsMultiline, nameAndNamespace, podTemplate } from "./describe-common.js";
import { eventsFor, type DescribeSource } from "./describe-source.js";
import { DescribeWriter } from "./describe-writer.js";
import { podsStatus } from "./describe-workloads.js";

const STORAGE_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

export function describeStatefulSet(set: KubeObject, source: DescribeSource, now: number): string {
  const o = set as unknown as Json;
  const spec = rec(o.spec);
  const status = rec(o.status);
  const w = new DescribeWriter();
  nameAndNamespace(w, o);
  creationTimestamp(w, o);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  labelsAndAnnotations(w, o);
  const desired = typeof spec.replicas === "number" ? spec.replicas : 1;
  w.write(0, `Replicas:\t${desired} desired | ${num(status.replicas)} total\n`);
  const strategy = rec(spec.updateStrategy);
  w.write(0, `Update Strategy:\t${str(strategy.type)}\n`);
  const rolling = strategy.rollingUpdate === undefined ? undefined : rec(strategy.rollingUpdate);
  if (rolling && typeof rolling.partition === "number") {
    w.write(1, `Partition:\t${rolling.partition}\n`);
    if (rolling.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${intOrString(rolling.maxUnavailable)}\n`);
  }
  podsStatus(w, set, source);
  podTemplate(w, rec(spec.template));
  volumeClaims(w, arr(spec.volumeClaimTemplates));
  dnsNames(w, set, desired);
  describeEvents(w, eventsFor(source, set) as unknown as Json[], now);
  return w.toString();
}

function volumeClaims(w: DescribeWriter, templates: Json[]): void {
  if (templates.length === 0) {
    w.write(0, "Volume Claims:\t<none>\n");
    return;
  }
  w.write(0, "Volume Claims:\n");
  for (const claim of templates) {
    const metadata = rec(claim.metadata);
    const claimSpec = rec(claim.spec);
    const annotations = stringMap(metadata.annotations);
    w.write(1, `Name:\t${str(metadata.name)}\n`);
    w.write(1, `StorageClass:\t${annotations[STORAGE_CLASS_ANNOTATION] ?? str(claimSpec.storageClassName)}\n`);
    labelsMultiline(w, "Labels", stringMap(metadata.labels), "  ");
    labelsMultiline(w, "Annotations", annotations, "  ");
    const storage = rec(rec(claimSpec.resources).requests).storage;
    w.write(1, `Capacity:\t${storage === undefined ? "<default>" : intOrString(storage)}\n`);
    w.write(1, `Access Modes:\t[${strings(claimSpec.accessModes).join(" ")}]\n`);
  }
}

/** drydock's addition: each member's DNS name under the governing Service, or `<none>` without one. */
function dnsNames(w: DescribeWriter, set: KubeObject, replicas: number): void {
  const start = startOrdinal(set);
  const names: string[] = [];
  for (let ordinal = start; ordinal < start + replicas; ordinal++) {
    const name = podDnsName(set, ordinal);
    if (name) names.push(name);
  }
  if (names.length === 0) {
    w.write(0, "Pod DNS Names:\t<none>\n");
    return;
  }
  names.forEach((name, i) => w.write(0, `${i === 0 ? "Pod DNS Names:" : ""}\t${name}\n`));
}

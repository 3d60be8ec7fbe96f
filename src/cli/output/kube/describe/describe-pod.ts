// `kubectl describe pod` (describePod).
import type { KubeObject } from "../../../../runtime/store/kube-object.js";
import { arr, num, rec, str, stringMap, type Json } from "../fields.js";
import { rfc1123z, since } from "../human-duration.js";
import { containers, controlledBy, describeEvents, labelsMultiline, nameAndNamespace, resources, tolerationsMultiline, volumes, labelsAndAnnotations } from "./describe-common.js";
import { eventsFor, type DescribeSource } from "./describe-source.js";
import { DescribeWriter } from "./describe-writer.js";

export function describePod(pod: KubeObject, source: DescribeSource, now: number): string {
  const o = pod as unknown as Json;
  const metadata = rec(o.metadata);
  const spec = rec(o.spec);
  const status = rec(o.status);
  const w = new DescribeWriter();
  nameAndNamespace(w, o);
  if (typeof spec.priority === "number") w.write(0, `Priority:\t${spec.priority}\n`);
  if (str(spec.priorityClassName) !== "") w.write(0, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
  if (str(spec.runtimeClassName) !== "") w.write(0, `Runtime Class Name:\t${str(spec.runtimeClassName)}\n`);
  if (str(spec.serviceAccountName) !== "") w.write(0, `Service Account:\t${str(spec.serviceAccountName)}\n`);
  w.write(0, str(spec.nodeName) === "" ? "Node:\t<none>\n" : `Node:\t${str(spec.nodeName)}/${str(status.hostIP)}\n`);
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  labelsAndAnnotations(w, o);
  const phase = str(status.phase);
  if (metadata.deletionTimestamp && phase !== "Failed" && phase !== "Succeeded") {
    w.write(0, `Status:\tTerminating (lasts ${since(metadata.deletionTimestamp, now)})\n`);
    w.write(0, `Termination Grace Period:\t${num(metadata.deletionGracePeriodSeconds)}s\n`);
  } else {
    w.write(0, `Status:\t${phase}\n`);
  }
  if (str(status.reason) !== "") w.write(0, `Reason:\t${str(status.reason)}\n`);
  if (str(status.message) !== "") w.write(0, `Message:\t${str(status.message)}\n`);
  const seccomp = rec(rec(spec.securityContext).seccompProfile);
  if (str(seccomp.type) !== "") {
    w.write(0, `SeccompProfile:\t${str(seccomp.type)}\n`);
    if (seccomp.type === "Localhost") w.write(0, `LocalhostProfile:\t${str(seccomp.localhostProfile)}\n`);
  }
  w.write(0, `IP:\t${str(status.podIP)}\n`);
  const ips = arr(status.podIPs);
  if (ips.length === 0) w.write(0, "IPs:\t<none>\n");
  else {
    w.write(0, "IPs:\n");
    for (const ip of ips) w.write(1, `IP:\t${str(ip.ip)}\n`);
  }
  controlledBy(w, o);
  if (str(status.nominatedNodeName) !== "") w.write(0, `NominatedNodeName:\t${str(status.nominatedNodeName)}\n`);
  if (spec.resources) {
    w.write(0, "Resources:\n");
    resources(w, rec(spec.resources), 1);
  }
  if (arr(spec.initContainers).length > 0) containers(w, "Init Containers", arr(spec.initContainers), arr(status.initContainerStatuses), "");
  containers(w, "Containers", arr(spec.containers), arr(status.containerStatuses), "");
  const gates = arr(spec.readinessGates);
  if (gates.length > 0) {
    w.write(0, "Readiness Gates:\n  Type\tStatus\n");
    for (const gate of gates) {
      const condition = arr(status.conditions).find((c) => c.type === gate.conditionType);
      w.write(1, `${str(gate.conditionType)} \t${condition ? str(condition.status) : "<none>"} \n`);
    }
  }
  const conditions = arr(status.conditions);
  if (conditions.length > 0) {
    w.write(0, "Conditions:\n  Type\tStatus\n");
    for (const c of conditions) w.write(1, `${str(c.type)} \t${str(c.status)} \n`);
  }
  volumes(w, arr(spec.volumes), "");
  w.write(0, `QoS Class:\t${str(status.qosClass) || qosClass(spec)}\n`);
  labelsMultiline(w, "Node-Selectors", stringMap(spec.nodeSelector));
  tolerationsMultiline(w, "Tolerations", arr(spec.tolerations));
  describeEvents(w, eventsFor(source, pod) as unknown as Json[], now);
  return w.toString();
}

/** qos.GetPodQOS for pods saved before admission set status.qosClass. */
function qosClass(spec: Json): string {
  const all = [...arr(spec.containers), ...arr(spec.initContainers)];
  let any = false;
  let guaranteed = all.length > 0;
  for (const c of all) {
    const r = rec(c.resources);
    const requests = rec(r.requests);
    const limits = rec(r.limits);
    if (Object.keys(requests).length > 0 || Object.keys(limits).length > 0) any = true;
    for (const name of ["cpu", "memory"]) {
      const limit = limits[name];
      const request = requests[name] ?? limit;
      if (limit === undefined || String(request) !== String(limit)) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

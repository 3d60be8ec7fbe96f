// `kubectl describe node` (describeNode, describeNodeResource).
import type { KubeObject } from "../../../../runtime/store/kube-object.js";
import { quantityValue } from "../../../../kube/quantity.js";
import { arr, compareStrings, intOrString, rec, str, strings, type Json } from "../fields.js";
import { rfc1123z, since } from "../human-duration.js";
import { nodeRoles } from "../kind-tables.js";
import { formatQuantity, podRequestsAndLimits, type QuantitySum } from "../quantities.js";
import { describeEvents, labelsAndAnnotations, taintsMultiline } from "./describe-common.js";
import { eventsFor, type DescribeSource } from "./describe-source.js";
import { DescribeWriter } from "./describe-writer.js";

export function describeNode(node: KubeObject, source: DescribeSource, now: number): string {
  const o = node as unknown as Json;
  const spec = rec(o.spec);
  const status = rec(o.status);
  const name = node.metadata.name ?? "";
  const w = new DescribeWriter();
  w.write(0, `Name:\t${name}\n`);
  const roles = nodeRoles(o);
  w.write(0, `Roles:\t${roles.length > 0 ? roles.join(",") : "<none>"}\n`);
  labelsAndAnnotations(w, o);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  taintsMultiline(w, "Taints", arr(spec.taints));
  w.write(0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  const lease = source.list({ group: "coordination.k8s.io", kind: "Lease", namespace: "kube-node-lease" }).find((l) => l.metadata.name === name);
  if (lease) {
    const leaseSpec = rec((lease as unknown as Json).spec);
    w.write(0, "Lease:\n");
    w.write(1, `HolderIdentity:\t${str(leaseSpec.holderIdentity) || "<unset>"}\n`);
    w.write(1, `AcquireTime:\t${leaseSpec.acquireTime ? rfc1123z(leaseSpec.acquireTime) : "<unset>"}\n`);
    w.write(1, `RenewTime:\t${leaseSpec.renewTime ? rfc1123z(leaseSpec.renewTime) : "<unset>"}\n`);
  }
  const conditions = arr(status.conditions);
  if (conditions.length > 0) {
    w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const c of conditions) {
      w.write(1, `${str(c.type)} \t${str(c.status)} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${str(c.reason)} \t${str(c.message)}\n`);
    }
  }
  w.write(0, "Addresses:\n");
  for (const address of arr(status.addresses)) w.write(1, `${str(address.type)}:\t${str(address.address)}\n`);
  for (const [title, field] of [
    ["Capacity", "capacity"],
    ["Allocatable", "allocatable"],
  ] as const) {
    const list = rec(status[field]);
    const names = Object.keys(list).sort(compareStrings);
    if (names.length === 0) continue;
    w.write(0, `${title}:\n`);
    for (const resource of names) w.write(0, `  ${resource}:\t${intOrString(list[resource])}\n`);
  }
  const info = rec(status.nodeInfo);
  w.write(0, "System Info:\n");
  for (const [label, field] of [
    ["Machine ID", "machineID"],
    ["System UUID", "systemUUID"],
    ["Boot ID", "bootID"],
    ["Kernel Version", "kernelVersion"],
    ["OS Image", "osImage"],
    ["Operating System", "operatingSystem"],
    ["Architecture", "architecture"],
    ["Container Runtime Version", "containerRuntimeVersion"],
    ["Kubelet Version", "kubeletVersion"],
    ["Kube-Proxy Version", "kubeProxyVersion"],
  ] as const) {
    w.write(0, `  ${label}:\t${str(info[field])}\n`);
  }
  if (str(spec.podCIDR) !== "") w.write(0, `PodCIDR:\t${str(spec.podCIDR)}\n`);
  if (strings(spec.podCIDRs).length > 0) w.write(0, `PodCIDRs:\t${strings(spec.podCIDRs).join(",")}\n`);
  if (str(spec.providerID) !== "") w.write(0, `ProviderID:\t${str(spec.providerID)}\n`);
  // The node's non-terminated pods, as describe selects them: spec.nodeName and the phase.
  const pods = source.list({
    group: "",
    kind: "Pod",
    fieldSelector: {
      requirements: [
        { field: "spec.nodeName", operator: "=", value: name },
        { field: "status.phase", operator: "!=", value: "Succeeded" },
        { field: "status.phase", operator: "!=", value: "Failed" },
      ],
    },
  });
  nodeResources(w, o, pods as unknown as Json[], now);
  describeEvents(w, eventsFor(source, node) as unknown as Json[], now);
  return w.toString();
}

function nodeResources(w: DescribeWriter, node: Json, pods: Json[], now: number): void {
  const status = rec(node.status);
  const allocatable = Object.keys(rec(status.allocatable)).length > 0 ? rec(status.allocatable) : rec(status.capacity);
  const cpuMilli = (quantityValue(allocatable.cpu) ?? 0) * 1000;
  const memory = quantityValue(allocatable.memory) ?? 0;
  const storage = quantityValue(allocatable["ephemeral-storage"]) ?? 0;
  const percent = (value: number | undefined, of: number): number => (of === 0 ? 0 : Math.trunc(((value ?? 0) / of) * 100));

  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  const totals = { requests: new Map<string, QuantitySum>(), limits: new Map<string, QuantitySum>() };
  for (const pod of pods) {
    const { requests, limits } = podRequestsAndLimits(pod);
    for (const [kind, map] of [
      ["requests", requests],
      ["limits", limits],
    ] as const) {
      for (const [resource, sum] of map) {
        const current = totals[kind].get(resource);
        totals[kind].set(resource, current ? { value: current.value + sum.value, binary: current.binary } : { ...sum });
      }
    }
    const metadata = rec(pod.metadata);
    const cell = (map: Map<string, QuantitySum>, resource: string, of: number): string => `${formatQuantity(map.get(resource), resource)} (${percent(map.get(resource)?.value, of)}%)`;
    w.write(1, `${str(metadata.namespace)}\t${str(metadata.name)}\t\t${cell(requests, "cpu", cpuMilli)}\t${cell(limits, "cpu", cpuMilli)}\t${cell(requests, "memory", memory)}\t${cell(limits, "memory", memory)}\t${since(metadata.creationTimestamp, now)}\n`);
  }
  w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(1, "Resource\tRequests\tLimits\n");
  w.write(1, "--------\t--------\t------\n");
  for (const [resource, of] of [
    ["cpu", cpuMilli],
    ["memory", memory],
    ["ephemeral-storage", storage],
  ] as const) {
    const req = totals.requests.get(resource);
    const lim = totals.limits.get(resource);
    w.write(1, `${resource}\t${formatQuantity(req, resource)} (${percent(req?.value, of)}%)\t${formatQuantity(lim, resource)} (${percent(lim?.value, of)}%)\n`);
  }
}

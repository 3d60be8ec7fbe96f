// `kubectl describe service` and `kubectl describe endpoints` (describeService, describeEndpoints).
// A Service's Endpoints line lists its ready endpoints from its EndpointSlices, or from its
// Endpoints object when the cluster keeps no slices.
import type { KubeObject } from "../../../../runtime/store/kube-object.js";
import { arr, formatLabels, intOrString, num, rec, str, stringMap, strings, type Json } from "../fields.js";
import { formatEndpointSubsets, joinHostPort } from "../kind-tables.js";
import { describeEvents, labelsAndAnnotations, nameAndNamespace } from "./describe-common.js";
import { eventsFor, type DescribeSource } from "./describe-source.js";
import { DescribeWriter } from "./describe-writer.js";

export function describeService(service: KubeObject, source: DescribeSource, now: number): string {
  const o = service as unknown as Json;
  const spec = rec(o.spec);
  const w = new DescribeWriter();
  nameAndNamespace(w, o);
  labelsAndAnnotations(w, o);
  w.write(0, `Selector:\t${formatLabels(stringMap(spec.selector))}\n`);
  w.write(0, `Type:\t${str(spec.type) || "ClusterIP"}\n`);
  if (str(spec.ipFamilyPolicy) !== "") w.write(0, `IP Family Policy:\t${str(spec.ipFamilyPolicy)}\n`);
  const families = strings(spec.ipFamilies);
  w.write(0, `IP Families:\t${families.length > 0 ? families.join(",") : "<none>"}\n`);
  w.write(0, `IP:\t${str(spec.clusterIP)}\n`);
  const clusterIPs = strings(spec.clusterIPs);
  w.write(0, `IPs:\t${clusterIPs.length > 0 ? clusterIPs.join(",") : "<none>"}\n`);
  if (strings(spec.externalIPs).length > 0) w.write(0, `External IPs:\t${strings(spec.externalIPs).join(",")}\n`);
  if (str(spec.loadBalancerIP) !== "") w.write(0, `Desired LoadBalancer IP:\t${str(spec.loadBalancerIP)}\n`);
  if (str(spec.externalName) !== "") w.write(0, `External Name:\t${str(spec.externalName)}\n`);
  const ingress = arr(rec(rec(o.status).loadBalancer).ingress);
  if (ingress.length > 0) w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => str(i.ip) || str(i.hostname)).join(", ")}\n`);
  const endpoints = endpointsOf(service, source);
  for (const port of arr(spec.ports)) {
    const name = str(port.name) || "<unset>";
    const protocol = str(port.protocol) || "TCP";
    w.write(0, `Port:\t${name}\t${num(port.port)}/${protocol}\n`);
    w.write(0, `TargetPort:\t${intOrString(port.targetPort ?? port.port)}/${protocol}\n`);
    if (num(port.nodePort) !== 0) w.write(0, `NodePort:\t${name}\t${num(port.nodePort)}/${protocol}\n`);
    w.write(0, `Endpoints:\t${endpoints(str(port.name))}\n`);
  }
  w.write(0, `Session Affinity:\t${str(spec.sessionAffinity) || "None"}\n`);
  if (str(spec.externalTrafficPolicy) !== "") w.write(0, `External Traffic Policy:\t${str(spec.externalTrafficPolicy)}\n`);
  if (str(spec.internalTrafficPolicy) !== "") w.write(0, `Internal Traffic Policy:\t${str(spec.internalTrafficPolicy)}\n`);
  if (num(spec.healthCheckNodePort) !== 0) w.write(0, `HealthCheck NodePort:\t${num(spec.healthCheckNodePort)}\n`);
  describeEvents(w, eventsFor(source, service) as unknown as Json[], now);
  return w.toString();
}

export function describeEndpoints(endpoints: KubeObject, source: DescribeSource, now: number): string {
  const o = endpoints as unknown as Json;
  const w = new DescribeWriter();
  nameAndNamespace(w, o);
  labelsAndAnnotations(w, o);
  w.write(0, "Subsets:\n");
  for (const subset of arr(o.subsets)) {
    const ready = arr(subset.addresses).map((a) => str(a.ip)).join(",");
    const notReady = arr(subset.notReadyAddresses).map((a) => str(a.ip)).join(",");
    w.write(1, `Addresses:\t${ready || "<none>"}\n`);
    w.write(1, `NotReadyAddresses:\t${notReady || "<none>"}\n`);
    const ports = arr(subset.ports);
    if (ports.length > 0) {
      w.write(1, "Ports:\n");
      w.write(2, "Name\tPort\tProtocol\n");
      w.write(2, "----\t----\t--------\n");
      for (const port of ports) w.write(2, `${str(port.name) || "<unset>"}\t${num(port.port)}\t${str(port.protocol) || "TCP"}\n`);
    }
    w.write(0, "\n");
  }
  describeEvents(w, eventsFor(source, endpoints) as unknown as Json[], now);
  return w.toString();
}

/** For a service port name, its ready endpoints: up to three `ip:port`, then `+ N more...`. */
function endpointsOf(service: KubeObject, source: DescribeSource): (portName: string) => string {
  const namespace = service.metadata.namespace;
  const name = service.metadata.name ?? "";
  const slices = source.list({ group: "discovery.k8s.io", kind: "EndpointSlice", namespace }).filter((s) => s.metadata.labels?.["kubernetes.io/service-name"] === name);
  if (slices.length > 0) return (portName) => formatSlices(slices as unknown as Json[], portName);
  const endpoints = source.list({ group: "", kind: "Endpoints", namespace }).find((e) => e.metadata.name === name);
  return (portName) => formatEndpointSubsets(endpoints ? arr((endpoints as unknown as Json).subsets) : [], portName);
}

function formatSlices(slices: Json[], portName: string): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const slice of slices) {
    const ports = arr(slice.ports);
    const endpoints = arr(slice.endpoints);
    const candidates = ports.length === 0 ? [undefined] : ports.filter((p) => str(p.name) === portName);
    for (const port of candidates) {
      for (const endpoint of endpoints) {
        if (list.length === max) more = true;
        const ready = rec(endpoint.conditions).ready;
        if (ready === false) continue;
        if (!more) {
          const address = strings(endpoint.addresses)[0] ?? "";
          list.push(port === undefined ? address : joinHostPort(address, num(port.port)));
        }
        count++;
      }
    }
  }
  if (slices.length === 0) return "<none>";
  const text = list.join(",");
  return more ? `${text} + ${count - max} more...` : text;
}


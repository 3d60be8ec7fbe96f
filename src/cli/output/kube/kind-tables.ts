// The columns `kubectl get` prints per kind and how each cell is computed (printers.go in
// kubernetes/pkg/printers/internalversion). Columns marked Priority 1 upstream are the `-o wide`
// extras. Kinds without a table here print NAME and AGE, as kubectl does for kinds the server has
// no printer for.
import { formatLabelSelector } from "../../../runtime/store/label-selector-syntax.js";
import type { LabelSelector } from "../../../kube/label-selector.js";
import { arr, conditionOf, formatLabels, intOrString, num, rec, str, stringMap, strings, type Json } from "./fields.js";
import { humanDuration, since } from "./human-duration.js";
import { parseTimestamp } from "../../../runtime/clock/timestamps.js";
import { podCells, podWideCells } from "./pod-cells.js";

export interface KindTable {
  /** Headers, NAME first. */
  columns: string[];
  wideColumns: string[];
  /** All cells after NAME. */
  cells(object: Json, now: number): string[];
  wideCells(object: Json, now: number): string[];
  /** The NAME cell, when it is more than the object's name (a default StorageClass's ` (default)`). */
  name?(object: Json): string;
}

const none = (): string[] => [];

const TABLES: Record<string, KindTable> = {
  "/Pod": {
    columns: ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
    wideColumns: ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
    cells: (o, now) => {
      const c = podCells(o, now);
      return [c.ready, c.status, c.restarts, age(o, now)];
    },
    wideCells: (o) => podWideCells(o),
  },
  "apps/Deployment": {
    columns: ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
    wideColumns: ["CONTAINERS", "IMAGES", "SELECTOR"],
    cells: (o, now) => {
      const status = rec(o.status);
      return [`${num(status.readyReplicas)}/${replicas(o)}`, String(num(status.updatedReplicas)), String(num(status.availableReplicas)), age(o, now)];
    },
    wideCells: (o) => [...containerCells(o), selectorString(rec(o.spec).selector)],
  },
  "apps/ReplicaSet": {
    columns: ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
    wideColumns: ["CONTAINERS", "IMAGES", "SELECTOR"],
    cells: (o, now) => {
      const status = rec(o.status);
      return [String(replicas(o)), String(num(status.replicas)), String(num(status.readyReplicas)), age(o, now)];
    },
    wideCells: (o) => [...containerCells(o), selectorString(rec(o.spec).selector)],
  },
  "/ReplicationController": {
    columns: ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
    wideColumns: ["CONTAINERS", "IMAGES", "SELECTOR"],
    cells: (o, now) => {
      const status = rec(o.status);
      return [String(replicas(o)), String(num(status.replicas)), String(num(status.readyReplicas)), age(o, now)];
    },
    wideCells: (o) => [...containerCells(o), formatLabels(stringMap(rec(o.spec).selector))],
  },
  "apps/StatefulSet": {
    columns: ["NAME", "READY", "AGE"],
    wideColumns: ["CONTAINERS", "IMAGES"],
    cells: (o, now) => [`${num(rec(o.status).readyReplicas)}/${replicas(o)}`, age(o, now)],
    wideCells: (o) => containerCells(o),
  },
  "apps/ControllerRevision": {
    columns: ["NAME", "CONTROLLER", "REVISION", "AGE"],
    wideColumns: [],
    cells: (o, now) => [controllerRevisionOwner(o), String(num(o.revision)), age(o, now)],
    wideCells: none,
  },
  "apps/DaemonSet": {
    columns: ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"],
    wideColumns: ["CONTAINERS", "IMAGES", "SELECTOR"],
    cells: (o, now) => {
      const s = rec(o.status);
      const nodeSelector = stringMap(rec(rec(rec(o.spec).template).spec).nodeSelector);
      return [s.desiredNumberScheduled, s.currentNumberScheduled, s.numberReady, s.updatedNumberScheduled, s.numberAvailable].map((v) => String(num(v))).concat(formatLabels(nodeSelector), age(o, now));
    },
    wideCells: (o) => [...containerCells(o), selectorString(rec(o.spec).selector)],
  },
  "batch/Job": {
    columns: ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"],
    wideColumns: ["CONTAINERS", "IMAGES", "SELECTOR"],
    cells: (o, now) => [jobStatus(o), jobCompletions(o), jobDuration(o, now), age(o, now)],
    wideCells: (o) => [...containerCells(o), selectorString(rec(o.spec).selector)],
  },
  "batch/CronJob": {
    columns: ["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"],
    wideColumns: ["CONTAINERS", "IMAGES", "SELECTOR"],
    cells: (o, now) => {
      const spec = rec(o.spec);
      const status = rec(o.status);
      const suspend = typeof spec.suspend === "boolean" ? (spec.suspend ? "True" : "False") : "<unset>";
      const last = status.lastScheduleTime === undefined ? "<none>" : since(status.lastScheduleTime, now);
      return [str(spec.schedule), str(spec.timeZone) || "<none>", suspend, String(arr(status.active).length), last, age(o, now)];
    },
    wideCells: (o) => {
      const jobSpec = rec(rec(rec(o.spec).jobTemplate).spec);
      return [...layoutContainers(arr(rec(rec(jobSpec.template).spec).containers)), selectorString(jobSpec.selector)];
    },
  },
  "/Service": {
    columns: ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
    wideColumns: ["SELECTOR"],
    cells: (o, now) => {
      const spec = rec(o.spec);
      const clusterIPs = strings(spec.clusterIPs);
      const internalIP = clusterIPs[0] ?? (str(spec.clusterIP) || "<none>");
      return [str(spec.type) || "ClusterIP", internalIP, serviceExternalIP(o, false), servicePorts(arr(spec.ports)) || "<none>", age(o, now)];
    },
    wideCells: (o) => [formatLabels(stringMap(rec(o.spec).selector))],
  },
  "/Endpoints": {
    columns: ["NAME", "ENDPOINTS", "AGE"],
    wideColumns: [],
    cells: (o, now) => [formatEndpoints(o), age(o, now)],
    wideCells: none,
  },
  "discovery.k8s.io/EndpointSlice": {
    columns: ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"],
    wideColumns: [],
    cells: (o, now) => [str(o.addressType), discoveryPorts(arr(o.ports)), discoveryEndpoints(arr(o.endpoints)), age(o, now)],
    wideCells: none,
  },
  "networking.k8s.io/Ingress": {
    columns: ["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"],
    wideColumns: [],
    cells: (o, now) => {
      const spec = rec(o.spec);
      const address = [...new Set(arr(rec(rec(o.status).loadBalancer).ingress).map((i) => str(i.ip) || str(i.hostname)).filter((a) => a !== ""))].sort().join(",");
      return [str(spec.ingressClassName) || "<none>", ingressHosts(arr(spec.rules)), address, arr(spec.tls).length > 0 ? "80, 443" : "80", age(o, now)];
    },
    wideCells: none,
  },
  "/Node": {
    columns: ["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
    wideColumns: ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"],
    cells: (o, now) => [nodeStatus(o), nodeRoles(o).join(",") || "<none>", age(o, now), str(rec(rec(o.status).nodeInfo).kubeletVersion)],
    wideCells: (o) => {
      const status = rec(o.status);
      const info = rec(status.nodeInfo);
      const address = (type: string): string => str(arr(status.addresses).find((a) => a.type === type)?.address) || "<none>";
      return [address("InternalIP"), address("ExternalIP"), str(info.osImage) || "<unknown>", str(info.kernelVersion) || "<unknown>", str(info.containerRuntimeVersion) || "<unknown>"];
    },
  },
  "/Namespace": {
    columns: ["NAME", "STATUS", "AGE"],
    wideColumns: [],
    cells: (o, now) => [str(rec(o.status).phase), age(o, now)],
    wideCells: none,
  },
  "/ConfigMap": {
    columns: ["NAME", "DATA", "AGE"],
    wideColumns: [],
    cells: (o, now) => [String(Object.keys(rec(o.data)).length + Object.keys(rec(o.binaryData)).length), age(o, now)],
    wideCells: none,
  },
  "/Secret": {
    columns: ["NAME", "TYPE", "DATA", "AGE"],
    wideColumns: [],
    cells: (o, now) => [str(o.type) || "Opaque", String(Object.keys(rec(o.data)).length + Object.keys(rec(o.stringData)).length), age(o, now)],
    wideCells: none,
  },
  "/ServiceAccount": {
    columns: ["NAME", "SECRETS", "AGE"],
    wideColumns: [],
    cells: (o, now) => [String(arr(o.secrets).length), age(o, now)],
    wideCells: none,
  },
  "/PersistentVolumeClaim": {
    columns: ["NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE"],
    wideColumns: ["VOLUMEMODE"],
    cells: (o, now) => {
      const spec = rec(o.spec);
      const status = rec(o.status);
      const bound = str(spec.volumeName) !== "";
      const phase = rec(o.metadata).deletionTimestamp ? "Terminating" : str(status.phase);
      return [phase, str(spec.volumeName), bound ? str(rec(status.capacity).storage) : "", bound ? accessModes(strings(status.accessModes)) : "", storageClassOf(o), str(spec.volumeAttributesClassName) || "<unset>", age(o, now)];
    },
    wideCells: (o) => [str(rec(o.spec).volumeMode) || "<unset>"],
  },
  "/PersistentVolume": {
    columns: ["NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "REASON", "AGE"],
    wideColumns: ["VOLUMEMODE"],
    cells: (o, now) => {
      const spec = rec(o.spec);
      const status = rec(o.status);
      const claim = rec(spec.claimRef);
      const claimText = claim.name === undefined ? "" : `${str(claim.namespace)}/${str(claim.name)}`;
      const phase = rec(o.metadata).deletionTimestamp ? "Terminating" : str(status.phase);
      return [str(rec(spec.capacity).storage), accessModes(strings(spec.accessModes)), str(spec.persistentVolumeReclaimPolicy), phase, claimText, storageClassOf(o), str(spec.volumeAttributesClassName) || "<unset>", str(status.reason), age(o, now)];
    },
    wideCells: (o) => [str(rec(o.spec).volumeMode) || "<unset>"],
  },
  "storage.k8s.io/StorageClass": {
    columns: ["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"],
    wideColumns: [],
    name: (o) => {
      const annotations = stringMap(rec(o.metadata).annotations);
      const isDefault = annotations["storageclass.kubernetes.io/is-default-class"] === "true" || annotations["storageclass.beta.kubernetes.io/is-default-class"] === "true";
      return `${str(rec(o.metadata).name)}${isDefault ? " (default)" : ""}`;
    },
    cells: (o, now) => [str(o.provisioner), str(o.reclaimPolicy) || "Delete", str(o.volumeBindingMode) || "Immediate", o.allowVolumeExpansion === true ? "true" : "false", age(o, now)],
    wideCells: none,
  },
  "autoscaling/HorizontalPodAutoscaler": {
    columns: ["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"],
    wideColumns: [],
    cells: (o, now) => {
      const spec = rec(o.spec);
      const target = rec(spec.scaleTargetRef);
      const minPods = typeof spec.minReplicas === "number" ? String(spec.minReplicas) : "<unset>";
      return [`${str(target.kind)}/${str(target.name)}`, hpaTargets(o), minPods, String(num(spec.maxReplicas)), String(num(rec(o.status).currentReplicas)), age(o, now)];
    },
    wideCells: none,
  },
  "coordination.k8s.io/Lease": {
    columns: ["NAME", "HOLDER", "AGE"],
    wideColumns: [],
    cells: (o, now) => [str(rec(o.spec).holderIdentity), age(o, now)],
    wideCells: none,
  },
  "rbac.authorization.k8s.io/RoleBinding": {
    columns: ["NAME", "ROLE", "AGE"],
    wideColumns: [],
    cells: (o, now) => [`${str(rec(o.roleRef).kind)}/${str(rec(o.roleRef).name)}`, age(o, now)],
    wideCells: none,
  },
  "rbac.authorization.k8s.io/ClusterRoleBinding": {
    columns: ["NAME", "ROLE", "AGE"],
    wideColumns: [],
    cells: (o, now) => [`${str(rec(o.roleRef).kind)}/${str(rec(o.roleRef).name)}`, age(o, now)],
    wideCells: none,
  },
  "rbac.authorization.k8s.io/Role": createdAtTable(),
  "rbac.authorization.k8s.io/ClusterRole": createdAtTable(),
  "apiextensions.k8s.io/CustomResourceDefinition": createdAtTable(),
  "scheduling.k8s.io/PriorityClass": {
    columns: ["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY"],
    wideColumns: [],
    cells: (o, now) => [String(num(o.value)), o.globalDefault === true ? "true" : "false", age(o, now), str(o.preemptionPolicy) || "PreemptLowerPriority"],
    wideCells: none,
  },
};

const GENERIC: KindTable = {
  columns: ["NAME", "AGE"],
  wideColumns: [],
  cells: (o, now) => [age(o, now)],
  wideCells: none,
};

/** The table of a kind (its group and Kind). */
export function tableFor(group: string, kind: string): KindTable {
  return TABLES[`${group}/${kind}`] ?? GENERIC;
}

/** The columns of `kubectl get events`, which has no NAME column, normal and wide. */
export const EVENT_COLUMNS = ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"];
export const EVENT_WIDE_COLUMNS = ["LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME"];

/** The cells of one event row (printEvent). */
export function eventCells(event: Json, now: number, wide: boolean): string[] {
  const first = event.firstTimestamp ? since(event.firstTimestamp, now) : since(event.eventTime, now);
  const last = event.lastTimestamp ? since(event.lastTimestamp, now) : first;
  const involved = rec(event.involvedObject);
  const target = str(involved.name) === "" ? str(involved.kind).toLowerCase() : `${str(involved.kind).toLowerCase()}/${str(involved.name)}`;
  if (!wide) return [last, str(event.type), str(event.reason), target, str(event.message)];
  return [last, str(event.type), str(event.reason), target, str(involved.fieldPath), eventSource(event), str(event.message), first, String(num(event.count)), str(rec(event.metadata).name)];
}

/** `component, host` (formatEventSource), falling back to the reporting controller and instance. */
export function eventSource(event: Json): string {
  const source = rec(event.source);
  const component = str(source.component) || str(event.reportingController) || str(event.reportingComponent);
  const instance = str(source.host) || str(event.reportingInstance);
  return instance === "" ? component : `${component}, ${instance}`;
}

export function age(object: Json, now: number): string {
  return since(rec(object.metadata).creationTimestamp, now);
}

/** ROLES: `node-role.kubernetes.io/<role>` labels and the `kubernetes.io/role` label, sorted. */
export function nodeRoles(node: Json): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(stringMap(rec(node.metadata).labels))) {
    if (key.startsWith("node-role.kubernetes.io/")) {
      const role = key.slice("node-role.kubernetes.io/".length);
      if (role !== "") roles.add(role);
    } else if (key === "kubernetes.io/role" && value !== "") {
      roles.add(value);
    }
  }
  return [...roles].sort();
}

/** `Ready`, `NotReady` (False or Unknown), `Unknown` (no Ready condition), plus `,SchedulingDisabled`. */
export function nodeStatus(node: Json): string {
  const ready = conditionOf(node, "Ready");
  const status = [ready === undefined ? "Unknown" : ready.status === "True" ? "Ready" : "NotReady"];
  if (rec(node.spec).unschedulable === true) status.push("SchedulingDisabled");
  return status.join(",");
}

/** `80/TCP`, `80:30080/TCP`, comma-joined (makePortString). */
export function servicePorts(ports: Json[]): string {
  return ports
    .map((p) => {
      const protocol = str(p.protocol) || "TCP";
      return num(p.nodePort) > 0 ? `${num(p.port)}:${num(p.nodePort)}/${protocol}` : `${num(p.port)}/${protocol}`;
    })
    .join(",");
}

export function serviceExternalIP(service: Json, wide: boolean): string {
  const spec = rec(service.spec);
  const externalIPs = strings(spec.externalIPs);
  switch (str(spec.type) || "ClusterIP") {
    case "ClusterIP":
    case "NodePort":
      return externalIPs.length > 0 ? externalIPs.join(",") : "<none>";
    case "LoadBalancer": {
      let lb = [...new Set(arr(rec(rec(service.status).loadBalancer).ingress).map((i) => str(i.ip) || str(i.hostname)).filter((a) => a !== ""))].join(",");
      if (!wide && lb.length > 16) lb = `${lb.slice(0, 13)}...`;
      if (externalIPs.length > 0) return [...(lb === "" ? [] : lb.split(",")), ...externalIPs].join(",");
      return lb === "" ? "<pending>" : lb;
    }
    case "ExternalName":
      return str(spec.externalName);
    default:
      return "<unknown>";
  }
}

/** ENDPOINTS of an Endpoints object: up to three `ip:port`, then `+ N more...` (formatEndpoints). */
export function formatEndpoints(endpoints: Json): string {
  return formatEndpointSubsets(arr(endpoints.subsets)) || "<none>";
}

/**
 * kubectl's formatEndpoints over Endpoints subsets: the first three `ip:port` (of the ports named
 * `portName` when given; bare IPs for a subset without ports), then `+ N more...` counting them all.
 */
export function formatEndpointSubsets(subsets: Json[], portName?: string): string {
  if (subsets.length === 0) return "<none>";
  const list: string[] = [];
  const max = 3;
  let count = 0;
  for (const subset of subsets) {
    const addresses = arr(subset.addresses);
    const ports = arr(subset.ports);
    const candidates = ports.length === 0 ? [undefined] : portName === undefined ? ports : ports.filter((p) => str(p.name) === portName);
    for (const port of candidates) {
      for (const address of addresses) {
        if (list.length < max) list.push(port === undefined ? str(address.ip) : joinHostPort(str(address.ip), num(port.port)));
        count++;
      }
    }
  }
  const text = list.join(",");
  return count > max ? `${text} + ${count - max} more...` : text;
}

export function joinHostPort(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

export function containerCells(workload: Json): string[] {
  return layoutContainers(arr(rec(rec(rec(workload.spec).template).spec).containers));
}

function layoutContainers(containers: Json[]): string[] {
  return [containers.map((c) => str(c.name)).join(","), containers.map((c) => str(c.image)).join(",")];
}

/** labels.Selector.String() of a metav1.LabelSelector: `app=web`; empty for an empty selector. */
export function selectorString(selector: unknown): string {
  const text = formatLabelSelector(rec(selector) as LabelSelector);
  return text === "<none>" ? "" : text;
}

function replicas(workload: Json): number {
  const spec = rec(workload.spec);
  return typeof spec.replicas === "number" ? spec.replicas : 1;
}

function jobStatus(job: Json): string {
  const has = (type: string): boolean => conditionOf(job, type)?.status === "True";
  if (has("Complete")) return "Complete";
  if (has("Failed")) return "Failed";
  if (rec(job.metadata).deletionTimestamp) return "Terminating";
  if (has("Suspended")) return "Suspended";
  if (has("FailureTarget")) return "FailureTarget";
  return "Running";
}

function jobCompletions(job: Json): string {
  const spec = rec(job.spec);
  const succeeded = num(rec(job.status).succeeded);
  if (typeof spec.completions === "number") return `${succeeded}/${spec.completions}`;
  const parallelism = num(spec.parallelism);
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** The controller as `statefulset.apps/web` (kind lower-cased, then the group), `<none>` without one. */
function controllerRevisionOwner(revision: Json): string {
  const owner = arr(rec(revision.metadata).ownerReferences).find((ref) => ref.controller === true);
  if (!owner) return "<none>";
  const apiVersion = str(owner.apiVersion);
  const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
  const kind = str(owner.kind).toLowerCase();
  return `${group === "" ? kind : `${kind}.${group}`}/${str(owner.name)}`;
}

function jobDuration(job: Json, now: number): string {
  const status = rec(job.status);
  const start = typeof status.startTime === "string" ? parseTimestamp(status.startTime) : undefined;
  if (start === undefined) return "";
  const end = typeof status.completionTime === "string" ? parseTimestamp(status.completionTime) : undefined;
  return humanDuration((end ?? now) - start);
}

/** GetPersistentVolumeClaimClass / GetPersistentVolumeClass: the beta annotation wins over the field. */
export function storageClassOf(object: Json): string {
  const beta = stringMap(rec(object.metadata).annotations)["volume.beta.kubernetes.io/storage-class"];
  return beta ?? str(rec(object.spec).storageClassName);
}

export function accessModes(modes: string[]): string {
  const short: Record<string, string> = { ReadWriteOnce: "RWO", ReadOnlyMany: "ROX", ReadWriteMany: "RWX", ReadWriteOncePod: "RWOP" };
  const order = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"];
  return order.filter((m) => modes.includes(m)).map((m) => short[m]).join(",");
}

function ingressHosts(rules: Json[]): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const rule of rules) {
    if (list.length === max) more = true;
    if (!more && str(rule.host) !== "") list.push(str(rule.host));
  }
  if (list.length === 0) return "*";
  return more ? `${list.join(",")} + ${rules.length - max} more...` : list.join(",");
}

function discoveryPorts(ports: Json[]): string {
  if (ports.length === 0) return "<unset>";
  const shown = ports.slice(0, 3).map((p) => (typeof p.port === "number" ? String(p.port) : "<unset>"));
  return ports.length > 3 ? `${shown.join(",")} + ${ports.length - 3} more...` : shown.join(",");
}

function discoveryEndpoints(endpoints: Json[]): string {
  const addresses = endpoints.flatMap((e) => strings(e.addresses));
  if (addresses.length === 0) return "<unset>";
  return addresses.length > 3 ? `${addresses.slice(0, 3).join(",")} + ${addresses.length - 3} more...` : addresses.join(",");
}

function hpaTargets(hpa: Json): string {
  const spec = rec(hpa.spec);
  const status = rec(hpa.status);
  // autoscaling/v1
  if (typeof spec.targetCPUUtilizationPercentage === "number") {
    const current = typeof status.currentCPUUtilizationPercentage === "number" ? `${status.currentCPUUtilizationPercentage}%` : "<unknown>";
    return `cpu: ${current}/${spec.targetCPUUtilizationPercentage}%`;
  }
  const metrics = arr(spec.metrics);
  if (metrics.length === 0) return "<none>";
  const currents = arr(status.currentMetrics);
  const list = metrics.map((metric, i) => {
    if (metric.type !== "Resource" && metric.type !== "ContainerResource") return hpaOtherTarget(metric, rec(currents[i]));
    const field = metric.type === "Resource" ? "resource" : "containerResource";
    const resource = rec(metric[field]);
    const target = rec(resource.target);
    const current = rec(rec(currents[i])[field]).current;
    const name = str(resource.name);
    if (typeof target.averageUtilization === "number") {
      const value = typeof rec(current).averageUtilization === "number" ? `${rec(current).averageUtilization}%` : "<unknown>";
      return `${name}: ${value}/${target.averageUtilization}%`;
    }
    const value = rec(current).averageValue === undefined ? "<unknown>" : intOrString(rec(current).averageValue);
    return `${name}: ${value}/${intOrString(target.averageValue ?? target.value)}`;
  });
  return list.length > 2 ? `${list.slice(0, 2).join(", ")} + ${list.length - 2} more...` : list.join(", ");
}

// formatHPAMetrics for Pods, Object and External metrics: `current/target`, `(avg)` for an
// External average value.
function hpaOtherTarget(metric: Json, status: Json): string {
  const quantity = (value: unknown): string => (value === undefined ? "<unknown>" : intOrString(value));
  switch (metric.type) {
    case "Pods":
      return `${quantity(rec(rec(status.pods).current).averageValue)}/${intOrString(rec(rec(metric.pods).target).averageValue)}`;
    case "Object": {
      const target = rec(rec(metric.object).target);
      const current = rec(rec(status.object).current);
      return target.averageValue !== undefined ? `${quantity(current.averageValue)}/${intOrString(target.averageValue)} (avg)` : `${quantity(current.value)}/${intOrString(target.value)}`;
    }
    case "External": {
      const target = rec(rec(metric.external).target);
      const current = rec(rec(status.external).current);
      return target.averageValue !== undefined ? `${quantity(current.averageValue)}/${intOrString(target.averageValue)} (avg)` : `${quantity(current.value)}/${intOrString(target.value)}`;
    }
    default:
      return "<unknown type>";
  }
}

function createdAtTable(): KindTable {
  return {
    columns: ["NAME", "CREATED AT"],
    wideColumns: [],
    cells: (o) => [str(rec(o.metadata).creationTimestamp)],
    wideCells: none,
  };
}

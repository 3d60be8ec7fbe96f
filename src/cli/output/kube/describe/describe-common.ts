// The blocks describe output shares between kinds (kubectl/pkg/describe/describe.go): multi-line
// labels, annotations, taints and tolerations, the pod template with its containers and volumes,
// and the Events table.
import { parseTimestamp } from "../../../../runtime/clock/timestamps.js";
import { arr, compareStrings, intOrString, num, rec, str, stringMap, strings, type Json } from "../fields.js";
import { rfc1123z, since } from "../human-duration.js";
import type { DescribeWriter } from "./describe-writer.js";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
const MAX_ANNOTATION_LENGTH = 140;

/** `Labels:  a=b` then one `k=v` per line aligned under the first; `<none>` when empty. */
export function labelsMultiline(w: DescribeWriter, title: string, labels: Record<string, string>, initialIndent = ""): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels).sort(compareStrings);
  if (keys.length === 0) {
    w.write(0, "<none>\n");
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    w.write(0, `${key}=${labels[key]}\n`);
  });
}

/** `Annotations:  k: v`, long or multi-line values on their own lines, shortened at 140 characters. */
export function annotationsMultiline(w: DescribeWriter, title: string, annotations: Record<string, string>): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations)
    .filter((k) => k !== LAST_APPLIED)
    .sort(compareStrings);
  if (keys.length === 0) {
    w.write(0, "<none>\n");
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, "\t");
    const value = annotations[key].replace(/\n$/, "");
    if (value.length + key.length + 2 > MAX_ANNOTATION_LENGTH || value.includes("\n")) {
      w.write(0, `${key}:\n`);
      for (const line of value.split("\n")) w.write(0, `\t  ${line.length > MAX_ANNOTATION_LENGTH - 2 ? `${line.slice(0, MAX_ANNOTATION_LENGTH - 2)}...` : line}\n`);
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

/** Taint.ToString: `key=value:Effect`, `key:Effect`. */
export function taintText(taint: Json): string {
  const key = str(taint.key);
  const value = str(taint.value);
  const effect = str(taint.effect);
  if (effect === "") return value === "" ? key : `${key}=${value}:`;
  return value === "" ? `${key}:${effect}` : `${key}=${value}:${effect}`;
}

export function taintsMultiline(w: DescribeWriter, title: string, taints: Json[]): void {
  w.write(0, `${title}:\t`);
  if (taints.length === 0) {
    w.write(0, "<none>\n");
    return;
  }
  const sorted = [...taints].sort((a, b) => compareStrings(`${str(a.effect)},${str(a.key)}`, `${str(b.effect)},${str(b.key)}`));
  sorted.forEach((taint, i) => {
    if (i !== 0) w.write(0, "\t");
    w.write(0, `${taintText(taint)}\n`);
  });
}

/** `key=value:Effect op=Exists for 300s`, sorted by key. */
export function tolerationsMultiline(w: DescribeWriter, title: string, tolerations: Json[], initialIndent = ""): void {
  w.write(0, `${initialIndent}${title}:\t`);
  if (tolerations.length === 0) {
    w.write(0, "<none>\n");
    return;
  }
  const sorted = [...tolerations].sort((a, b) => compareStrings(str(a.key), str(b.key)));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    let text = str(t.key);
    if (str(t.value) !== "") text += `=${str(t.value)}`;
    if (str(t.effect) !== "") text += `:${str(t.effect)}`;
    if (t.operator === "Exists" && str(t.value) === "") text += str(t.key) !== "" || str(t.effect) !== "" ? " op=Exists" : "op=Exists";
    if (typeof t.tolerationSeconds === "number") text += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${text}\n`);
  });
}

/** The Events block: oldest first, `Age` as `<last> (x<count> over <first>)`, `Events:  <none>` when empty. */
export function describeEvents(w: DescribeWriter, events: readonly Json[], now: number): void {
  if (events.length === 0) {
    w.write(0, "Events:\t<none>\n");
    return;
  }
  w.flush();
  w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(1, "----\t------\t----\t----\t-------\n");
  for (const e of sortEvents(events)) {
    const first = e.eventTime && !e.firstTimestamp ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    const series = rec(e.series);
    let interval = first;
    if (e.series !== undefined && e.series !== null) interval = `${since(series.lastObservedTime, now)} (x${num(series.count)} over ${first})`;
    else if (num(e.count) > 1) interval = `${since(e.lastTimestamp, now)} (x${num(e.count)} over ${first})`;
    const source = str(rec(e.source).component) || str(e.reportingController) || str(e.reportingComponent);
    w.write(1, `${str(e.type)}\t${str(e.reason)}\t${interval}\t${source}\t${str(e.message).trim()}\n`);
  }
}

/** SortableEvents: by the last time each event was seen; ties in the order they were last written. */
export function sortEvents<T extends Json>(events: readonly T[]): T[] {
  const last = (e: Json): number => {
    const series = rec(e.series);
    const text = e.series ? series.lastObservedTime : e.lastTimestamp || e.eventTime;
    return (typeof text === "string" ? parseTimestamp(text) : undefined) ?? 0;
  };
  const version = (e: Json): number => Number(rec(e.metadata).resourceVersion ?? 0);
  return [...events].sort((a, b) => last(a) - last(b) || version(a) - version(b));
}

export function podTemplate(w: DescribeWriter, template: Json | undefined): void {
  w.write(0, "Pod Template:\n");
  if (!template) {
    w.write(1, "<unset>");
    return;
  }
  const metadata = rec(template.metadata);
  const spec = rec(template.spec);
  labelsMultiline(w, "  Labels", stringMap(metadata.labels));
  const annotations = stringMap(metadata.annotations);
  if (Object.keys(annotations).length > 0) annotationsMultiline(w, "  Annotations", annotations);
  if (str(spec.serviceAccountName) !== "") w.write(1, `Service Account:\t${str(spec.serviceAccountName)}\n`);
  if (arr(spec.initContainers).length > 0) containers(w, "Init Containers", arr(spec.initContainers), undefined, "  ");
  containers(w, "Containers", arr(spec.containers), undefined, "  ");
  volumes(w, arr(spec.volumes), "  ");
  if (str(spec.priorityClassName) !== "") w.write(1, `Priority Class Name:\t${str(spec.priorityClassName)}\n`);
  labelsMultiline(w, "  Node-Selectors", stringMap(spec.nodeSelector));
  tolerationsMultiline(w, "Tolerations", arr(spec.tolerations), "  ");
}

/** A Containers section; `statuses` (a pod's containerStatuses) adds IDs and State. */
export function containers(w: DescribeWriter, label: string, list: Json[], statuses: Json[] | undefined, space: string): void {
  w.write(0, `${space}${label}:${list.length === 0 ? " <none>" : ""}\n`);
  const byName = new Map((statuses ?? []).map((s) => [str(s.name), s]));
  for (const container of list) {
    const status = byName.get(str(container.name));
    w.write(1, `${space === "" ? "" : " "}${str(container.name)}:\n`);
    if (status) w.write(2, `Container ID:\t${str(status.containerID)}\n`);
    w.write(2, `Image:\t${str(container.image)}\n`);
    if (status) w.write(2, `Image ID:\t${str(status.imageID)}\n`);
    const ports = arr(container.ports);
    const portText = ports.map((p) => `${num(p.containerPort)}/${str(p.protocol) || "TCP"}`).join(", ");
    const hostPortText = ports.map((p) => `${num(p.hostPort)}/${str(p.protocol) || "TCP"}`).join(", ");
    w.write(2, portText.includes(",") ? `Ports:\t${portText}\n` : `Port:\t${portText || "<none>"}\n`);
    w.write(2, hostPortText.includes(",") ? `Host Ports:\t${hostPortText}\n` : `Host Port:\t${hostPortText || "<none>"}\n`);
    commandLines(w, "Command", strings(container.command));
    commandLines(w, "Args", strings(container.args));
    if (status) {
      containerState(w, "State", rec(status.state));
      if (rec(status.lastState).terminated) containerState(w, "Last State", rec(status.lastState));
      w.write(2, `Ready:\t${status.ready === true ? "True" : "False"}\n`);
      w.write(2, `Restart Count:\t${num(status.restartCount)}\n`);
    }
    resources(w, rec(container.resources), 2);
    for (const [title, field] of [
      ["Liveness", "livenessProbe"],
      ["Readiness", "readinessProbe"],
      ["Startup", "startupProbe"],
    ] as const) {
      if (container[field]) w.write(2, `${title}:\t${probeText(rec(container[field]))}\n`);
    }
    envFrom(w, arr(container.envFrom));
    environment(w, arr(container.env));
    mounts(w, arr(container.volumeMounts));
  }
}

export function resources(w: DescribeWriter, requirements: Json, level: number): void {
  for (const [title, field] of [
    ["Limits", "limits"],
    ["Requests", "requests"],
  ] as const) {
    const list = rec(requirements[field]);
    const names = Object.keys(list).sort(compareStrings);
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${intOrString(list[name])}\n`);
  }
}

function commandLines(w: DescribeWriter, title: string, parts: string[]): void {
  if (parts.length === 0) return;
  w.write(2, `${title}:\n`);
  for (const part of parts) for (const line of part.split("\n")) w.write(3, `${line}\n`);
}

function containerState(w: DescribeWriter, title: string, state: Json): void {
  if (state.running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(rec(state.running).startedAt)}\n`);
  } else if (state.waiting) {
    w.write(2, `${title}:\tWaiting\n`);
    if (str(rec(state.waiting).reason) !== "") w.write(3, `Reason:\t${str(rec(state.waiting).reason)}\n`);
  } else if (state.terminated) {
    const t = rec(state.terminated);
    w.write(2, `${title}:\tTerminated\n`);
    if (str(t.reason) !== "") w.write(3, `Reason:\t${str(t.reason)}\n`);
    if (str(t.message) !== "") w.write(3, `Message:\t${str(t.message)}\n`);
    w.write(3, `Exit Code:\t${num(t.exitCode)}\n`);
    if (num(t.signal) > 0) w.write(3, `Signal:\t${num(t.signal)}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${title}:\tWaiting\n`);
  }
}

/** DescribeProbe: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function probeText(probe: Json): string {
  const attrs = `delay=${num(probe.initialDelaySeconds)}s timeout=${num(probe.timeoutSeconds)}s period=${num(probe.periodSeconds)}s #success=${num(probe.successThreshold)} #failure=${num(probe.failureThreshold)}`;
  if (probe.exec) return `exec [${strings(rec(probe.exec).command).join(" ")}] ${attrs}`;
  if (probe.httpGet) {
    const h = rec(probe.httpGet);
    const scheme = (str(h.scheme) || "HTTP").toLowerCase();
    const port = intOrString(h.port);
    const host = str(h.host);
    const hostPort = port === "" ? host : host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
    return `http-get ${scheme}://${hostPort}${str(h.path)} ${attrs}`;
  }
  if (probe.tcpSocket) return `tcp-socket ${str(rec(probe.tcpSocket).host)}:${intOrString(rec(probe.tcpSocket).port)} ${attrs}`;
  if (probe.grpc) return `grpc <pod>:${num(rec(probe.grpc).port)} ${str(rec(probe.grpc).service)} ${attrs}`;
  return `unknown ${attrs}`;
}

function envFrom(w: DescribeWriter, sources: Json[]): void {
  if (sources.length === 0) return;
  w.write(2, "Environment Variables from:\n");
  for (const source of sources) {
    const ref = source.configMapRef ? rec(source.configMapRef) : rec(source.secretRef);
    const from = source.configMapRef ? "ConfigMap" : source.secretRef ? "Secret" : "";
    const optional = ref.optional === true;
    const prefix = str(source.prefix);
    w.write(3, prefix === "" ? `${str(ref.name)}\t${from}\tOptional: ${optional}\n` : `${str(ref.name)}\t${from} with prefix '${prefix}'\tOptional: ${optional}\n`);
  }
}

function environment(w: DescribeWriter, env: Json[]): void {
  w.write(2, `Environment:${env.length === 0 ? "\t<none>" : ""}\n`);
  for (const e of env) {
    const name = str(e.name);
    if (!e.valueFrom) {
      str(e.value)
        .split("\n")
        .forEach((line, i) => w.write(3, i === 0 ? `${name}:\t${line}\n` : `\t${line}\n`));
      continue;
    }
    const from = rec(e.valueFrom);
    if (from.fieldRef) {
      const ref = rec(from.fieldRef);
      w.write(3, `${name}:\t (${str(ref.apiVersion) || "v1"}:${str(ref.fieldPath)})\n`);
    } else if (from.resourceFieldRef) {
      w.write(3, `${name}:\t (${str(rec(from.resourceFieldRef).resource)})\n`);
    } else if (from.secretKeyRef) {
      const ref = rec(from.secretKeyRef);
      w.write(3, `${name}:\t<set to the key '${str(ref.key)}' in secret '${str(ref.name)}'>\tOptional: ${ref.optional === true}\n`);
    } else if (from.configMapKeyRef) {
      const ref = rec(from.configMapKeyRef);
      w.write(3, `${name}:\t<set to the key '${str(ref.key)}' of config map '${str(ref.name)}'>\tOptional: ${ref.optional === true}\n`);
    }
  }
}

function mounts(w: DescribeWriter, list: Json[]): void {
  w.write(2, `Mounts:${list.length === 0 ? "\t<none>" : ""}\n`);
  for (const mount of [...list].sort((a, b) => compareStrings(str(a.mountPath), str(b.mountPath)))) {
    const flags = [mount.readOnly === true ? "ro" : "rw"];
    if (str(mount.subPath) !== "") flags.push(`path=${JSON.stringify(str(mount.subPath))}`);
    w.write(3, `${str(mount.mountPath)} from ${str(mount.name)} (${flags.join(",")})\n`);
  }
}

export function volumes(w: DescribeWriter, list: Json[], space: string): void {
  if (list.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const volume of list) {
    w.write(1, `${space === "" ? "" : " "}${str(volume.name)}:\n`);
    volumeSource(w, volume);
  }
}

function volumeSource(w: DescribeWriter, volume: Json): void {
  const line = (text: string): void => w.write(2, text);
  if (volume.emptyDir) {
    const v = rec(volume.emptyDir);
    line(`Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${str(v.medium)}\n    SizeLimit:\t${v.sizeLimit === undefined ? "<unset>" : intOrString(v.sizeLimit)}\n`);
  } else if (volume.configMap) {
    const v = rec(volume.configMap);
    line(`Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${str(v.name)}\n    Optional:\t${v.optional === true}\n`);
  } else if (volume.secret) {
    const v = rec(volume.secret);
    line(`Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${str(v.secretName)}\n    Optional:\t${v.optional === true}\n`);
  } else if (volume.persistentVolumeClaim) {
    const v = rec(volume.persistentVolumeClaim);
    line(`Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${str(v.claimName)}\n    ReadOnly:\t${v.readOnly === true}\n`);
  } else if (volume.hostPath) {
    const v = rec(volume.hostPath);
    line(`Type:\tHostPath (bare host directory volume)\n    Path:\t${str(v.path)}\n    HostPathType:\t${str(v.type) || "<none>"}\n`);
  } else if (volume.downwardAPI) {
    line("Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
    for (const item of arr(rec(volume.downwardAPI).items)) {
      if (item.fieldRef) w.write(3, `${str(rec(item.fieldRef).fieldPath)} -> ${str(item.path)}\n`);
      if (item.resourceFieldRef) w.write(3, `${str(rec(item.resourceFieldRef).resource)} -> ${str(item.path)}\n`);
    }
  } else if (volume.projected) {
    line("Type:\tProjected (a volume that contains injected data from multiple sources)\n");
    for (const source of arr(rec(volume.projected).sources)) {
      if (source.secret) line(`SecretName:\t${str(rec(source.secret).name)}\n    Optional:\t${rec(source.secret).optional === true}\n`);
      else if (source.downwardAPI) line("DownwardAPI:\ttrue\n");
      else if (source.configMap) line(`ConfigMapName:\t${str(rec(source.configMap).name)}\n    Optional:\t${rec(source.configMap).optional === true}\n`);
      else if (source.serviceAccountToken) line(`TokenExpirationSeconds:\t${num(rec(source.serviceAccountToken).expirationSeconds)}\n`);
    }
  } else if (volume.nfs) {
    const v = rec(volume.nfs);
    line(`Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${str(v.server)}\n    Path:\t${str(v.path)}\n    ReadOnly:\t${v.readOnly === true}\n`);
  } else {
    w.write(1, "<unknown>\n");
  }
}

/** `Controlled By:` with the Kind/Name of the object's controller; nothing without one. */
export function controlledBy(w: DescribeWriter, object: Json): void {
  const owner = arr(rec(object.metadata).ownerReferences).find((r) => r.controller === true);
  if (owner) w.write(0, `Controlled By:\t${str(owner.kind)}/${str(owner.name)}\n`);
}

/** The first lines every describer prints. */
export function nameAndNamespace(w: DescribeWriter, object: Json): void {
  const metadata = rec(object.metadata);
  w.write(0, `Name:\t${str(metadata.name)}\n`);
  w.write(0, `Namespace:\t${str(metadata.namespace)}\n`);
}

export function creationTimestamp(w: DescribeWriter, object: Json): void {
  w.write(0, `CreationTimestamp:\t${rfc1123z(rec(object.metadata).creationTimestamp)}\n`);
}

export function labelsAndAnnotations(w: DescribeWriter, object: Json): void {
  const metadata = rec(object.metadata);
  labelsMultiline(w, "Labels", stringMap(metadata.labels));
  annotationsMultiline(w, "Annotations", stringMap(metadata.annotations));
}

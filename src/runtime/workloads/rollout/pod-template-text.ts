// A pod template as `kubectl rollout history --revision N` prints it: kubectl's DescribePodTemplate
// written through a plain PrefixWriter, so the tabs stay tabs (no tabwriter aligns them).
import type { PodTemplate } from "../workload-types.js";

type Json = Record<string, any>;

const indent = (level: number) => "  ".repeat(level);

export function describePodTemplate(template: PodTemplate): string {
  const out: string[] = ["Pod Template:\n"];
  const spec = (template.spec ?? {}) as Json;
  out.push(multiline("  Labels", template.metadata?.labels, (k, v) => `${k}=${v}`));
  const annotations = template.metadata?.annotations;
  if (annotations && Object.keys(annotations).length > 0) out.push(multiline("  Annotations", annotations, (k, v) => `${k}: ${v}`));
  if (spec.serviceAccountName) out.push(`${indent(1)}Service Account:\t${spec.serviceAccountName}\n`);
  if (Array.isArray(spec.initContainers) && spec.initContainers.length > 0) out.push(containers("Init Containers", spec.initContainers));
  out.push(containers("Containers", Array.isArray(spec.containers) ? spec.containers : []));
  out.push(volumes(Array.isArray(spec.volumes) ? spec.volumes : []));
  if (spec.priorityClassName) out.push(`${indent(1)}Priority Class Name:\t${spec.priorityClassName}\n`);
  out.push(multiline("  Node-Selectors", spec.nodeSelector, (k, v) => `${k}=${v}`));
  out.push(tolerations(Array.isArray(spec.tolerations) ? spec.tolerations : []));
  return out.join("");
}

/** printLabelsMultiline: the first entry after the title, the others on lines of their own after a tab. */
function multiline(title: string, map: Record<string, string> | undefined, show: (key: string, value: string) => string): string {
  const keys = Object.keys(map ?? {}).sort();
  if (keys.length === 0) return `${title}:\t<none>\n`;
  return keys.map((key, i) => `${i === 0 ? `${title}:\t` : "\t"}${show(key, (map ?? {})[key])}\n`).join("");
}

function containers(label: string, list: Json[]): string {
  const out = [`  ${label}:\n`];
  for (const c of list) {
    out.push(`${indent(1)} ${c.name}:\n`);
    out.push(`${indent(2)}Image:\t${c.image ?? ""}\n`);
    const ports: Json[] = Array.isArray(c.ports) ? c.ports : [];
    const portText = ports.map((p) => `${p.containerPort ?? 0}/${p.protocol ?? "TCP"}`).join(", ");
    const hostText = ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? "TCP"}`).join(", ");
    out.push(portText.includes(",") ? `${indent(2)}Ports:\t${portText}\n` : `${indent(2)}Port:\t${portText || "<none>"}\n`);
    out.push(hostText.includes(",") ? `${indent(2)}Host Ports:\t${hostText}\n` : `${indent(2)}Host Port:\t${hostText || "<none>"}\n`);
    for (const [key, title] of [
      ["command", "Command"],
      ["args", "Args"],
    ] as const) {
      if (Array.isArray(c[key]) && c[key].length > 0) {
        out.push(`${indent(2)}${title}:\n`);
        for (const part of c[key] as string[]) for (const line of String(part).split("\n")) out.push(`${indent(3)}${line}\n`);
      }
    }
    for (const [key, title] of [
      ["limits", "Limits"],
      ["requests", "Requests"],
    ] as const) {
      const values = (c.resources ?? {})[key] as Record<string, string | number> | undefined;
      if (values && Object.keys(values).length > 0) {
        out.push(`${indent(2)}${title}:\n`);
        for (const name of Object.keys(values).sort()) out.push(`${indent(3)}${name}:\t${values[name]}\n`);
      }
    }
    for (const [key, title] of [
      ["livenessProbe", "Liveness"],
      ["readinessProbe", "Readiness"],
      ["startupProbe", "Startup"],
    ] as const) {
      if (c[key]) out.push(`${indent(2)}${title}:\t${probe(c[key])}\n`);
    }
    const env: Json[] = Array.isArray(c.env) ? c.env : [];
    out.push(`${indent(2)}Environment:${env.length === 0 ? "\t<none>" : ""}\n`);
    for (const e of env) out.push(`${indent(3)}${e.name}:\t${e.valueFrom ? envSource(e.valueFrom) : String(e.value ?? "").split("\n").join(`\n${indent(3)}\t`)}\n`);
    const mounts: Json[] = Array.isArray(c.volumeMounts) ? [...c.volumeMounts].sort((a, b) => String(a.mountPath).localeCompare(String(b.mountPath))) : [];
    out.push(`${indent(2)}Mounts:${mounts.length === 0 ? "\t<none>" : ""}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? "ro" : "rw", ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])];
      out.push(`${indent(3)}${m.mountPath} from ${m.name} (${flags.join(",")})\n`);
    }
  }
  return out.join("");
}

function probe(p: Json): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(" ")}] ${attrs}`;
  if (p.httpGet) {
    const port = p.httpGet.port === undefined ? "" : String(p.httpGet.port);
    const host = port ? `${p.httpGet.host ?? ""}:${port}` : (p.httpGet.host ?? "");
    return `http-get ${String(p.httpGet.scheme ?? "HTTP").toLowerCase()}://${host}${p.httpGet.path ?? ""} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ""}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ""} ${attrs}`;
  return `unknown ${attrs}`;
}

function envSource(from: Json): string {
  if (from.fieldRef) return `(${from.fieldRef.apiVersion ?? "v1"}:${from.fieldRef.fieldPath})`;
  if (from.resourceFieldRef) return `${from.resourceFieldRef.resource}`;
  if (from.secretKeyRef) return `<set to the key '${from.secretKeyRef.key}' in secret '${from.secretKeyRef.name}'>\tOptional: ${from.secretKeyRef.optional === true}`;
  if (from.configMapKeyRef) return `<set to the key '${from.configMapKeyRef.key}' of config map '${from.configMapKeyRef.name}'>\tOptional: ${from.configMapKeyRef.optional === true}`;
  return "";
}

function volumes(list: Json[]): string {
  if (list.length === 0) return "  Volumes:\t<none>\n";
  const out = ["  Volumes:\n"];
  for (const v of list) {
    out.push(`${indent(1)} ${v.name}:\n`);
    const at = indent(2);
    if (v.emptyDir) out.push(`${at}Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n${at}Medium:\t${v.emptyDir.medium ?? ""}\n${at}SizeLimit:\t${v.emptyDir.sizeLimit ?? "<unset>"}\n`);
    else if (v.configMap) out.push(`${at}Type:\tConfigMap (a volume populated by a ConfigMap)\n${at}Name:\t${v.configMap.name}\n${at}Optional:\t${v.configMap.optional === true}\n`);
    else if (v.secret) out.push(`${at}Type:\tSecret (a volume populated by a Secret)\n${at}SecretName:\t${v.secret.secretName}\n${at}Optional:\t${v.secret.optional === true}\n`);
    else if (v.persistentVolumeClaim)
      out.push(`${at}Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n${at}ClaimName:\t${v.persistentVolumeClaim.claimName}\n${at}ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`);
    else if (v.hostPath) out.push(`${at}Type:\tHostPath (bare host directory volume)\n${at}Path:\t${v.hostPath.path}\n${at}HostPathType:\t${v.hostPath.type ?? ""}\n`);
    else out.push(`${at}<unknown>\n`);
  }
  return out.join("");
}

function tolerations(list: Json[]): string {
  if (list.length === 0) return "  Tolerations:\t<none>\n";
  return list
    .map((t, i) => {
      let text = t.key ?? "";
      if (t.value) text += `=${t.value}`;
      if (t.operator === "Exists" && !t.key) text = "op=Exists";
      if (t.effect) text += `:${t.effect}`;
      if (t.operator === "Exists" && t.key) text += " op=Exists";
      if (t.tolerationSeconds !== undefined) text += ` for ${t.tolerationSeconds}s`;
      return `${i === 0 ? "  Tolerations:\t" : "\t"}${text}\n`;
    })
    .join("");
}

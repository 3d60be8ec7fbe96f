// The backends of an Ingress, in both shapes: networking.k8s.io/v1 `service: {name, port}` and the
// older `serviceName` / `servicePort`, which removed API versions used and some v1 manifests still carry.
import type { PolicyResource } from "../policy-resource.js";
import { asArray, asName, asNumber, asRecord, field } from "./fields.js";

export interface Backend {
  service: string;
  namePointer: string;
  port?: number | string;
  portPointer?: string;
  /** Which route uses it, for messages. */
  route: string;
}

/** networking.k8s.io/v1 `service: {name, port: {number | name}}`, or the v1beta1 `serviceName` and `servicePort`. */
function backendOf(value: unknown, pointer: string, route: string): Backend | undefined {
  const backend = asRecord(value);
  if (!backend) return undefined;
  const service = asRecord(backend.service);
  if (service) {
    const name = asName(service.name);
    if (name === undefined) return undefined;
    const port = asRecord(service.port);
    const number = asNumber(port?.number);
    const portName = asName(port?.name);
    const portField = number !== undefined ? "number" : portName !== undefined ? "name" : undefined;
    return {
      service: name,
      namePointer: `${pointer}/service/name`,
      port: number ?? portName,
      portPointer: portField && `${pointer}/service/port/${portField}`,
      route,
    };
  }
  const legacyName = asName(backend.serviceName);
  if (legacyName === undefined) return undefined;
  const legacyPort = backend.servicePort;
  const port = typeof legacyPort === "number" || (typeof legacyPort === "string" && legacyPort !== "") ? legacyPort : undefined;
  return { service: legacyName, namePointer: `${pointer}/serviceName`, port, portPointer: port === undefined ? undefined : `${pointer}/servicePort`, route };
}

export function ingressBackends(ingress: PolicyResource): Backend[] {
  const out: Backend[] = [];
  const spec = asRecord(ingress.object.spec);
  if (!spec) return out;
  for (const key of ["defaultBackend", "backend"]) {
    const backend = backendOf(spec[key], `/spec/${key}`, "the default backend");
    if (backend) out.push(backend);
  }
  asArray(spec.rules).forEach((rule, i) => {
    const host = asName(field(rule, "host"));
    asArray(field(rule, "http", "paths")).forEach((path, j) => {
      const pathText = asName(field(path, "path")) ?? "/";
      const route = `path ${JSON.stringify(pathText)}${host === undefined ? "" : ` of host ${JSON.stringify(host)}`}`;
      const backend = backendOf(field(path, "backend"), `/spec/rules/${i}/http/paths/${j}/backend`, route);
      if (backend) out.push(backend);
    });
  });
  return out;
}

export function servicePorts(service: PolicyResource): Array<{ port?: number; name?: string }> {
  return asArray(field(service.object, "spec", "ports")).flatMap((value) => {
    const port = asRecord(value);
    return port ? [{ port: asNumber(port.port), name: asName(port.name) }] : [];
  });
}

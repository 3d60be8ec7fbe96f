// Service rules beyond the schema: port ranges, named ports when there are several, target ports,
// node ports and the type they need.
import { fieldPath } from "../../manifests/field-path.js";
import { asArray, asRecord, asString, type Report } from "./check-context.js";
import { checkLabels } from "./metadata-checks.js";
import { dns1123Label, ianaServiceName } from "./name-syntax.js";
import { checkPortNumber } from "./pod-spec-checks.js";

// The API server's default --service-node-port-range; clusters can change it.
const NODE_PORT_RANGE = { min: 30000, max: 32767 };

export function checkService(object: Record<string, unknown>, report: Report): void {
  const spec = asRecord(object.spec);
  const type = asString(spec?.type) ?? "ClusterIP";
  if (asArray(spec?.ports).length === 0 && spec?.clusterIP !== "None" && type !== "ExternalName") {
    report({
      rule: "k8s/required",
      pointer: spec ? "/spec" : "",
      target: spec ? "key" : "value",
      message: "spec.ports is required: a Service needs at least one port unless it is headless (clusterIP: None) or of type ExternalName",
      hint: "add a port, e.g. ports: [{port: 80, targetPort: 8080}]",
    });
  }
  if (!spec) return;
  if (type === "ExternalName" && !asString(spec.externalName)) {
    report({ rule: "k8s/required", pointer: "/spec", target: "key", message: "spec.externalName is required when spec.type is ExternalName" });
  }
  checkLabels(spec.selector, "/spec/selector", report);
  const ports = asArray(spec.ports);
  const names = new Map<string, string>();
  const portProtocols = new Map<string, string>();
  ports.forEach((value, i) => {
    const port = asRecord(value);
    if (!port) return;
    const at = `/spec/ports/${i}`;
    checkPortNumber(port.port, `${at}/port`, { min: 1 }, report);
    checkTargetPort(port.targetPort, `${at}/targetPort`, report);
    checkNodePort(port.nodePort, `${at}/nodePort`, type, report);
    const name = asString(port.name);
    if (name === undefined || name === "") {
      if (ports.length > 1) {
        report({ rule: "k8s/required", pointer: at, message: `${fieldPath(at)}.name is required when a Service has more than one port` });
      }
    } else {
      const problem = dns1123Label(name);
      if (problem) report({ rule: "k8s/invalid-name", pointer: `${at}/name`, message: `port name ${JSON.stringify(name)} ${problem}` });
      const first = names.get(name);
      if (first !== undefined) report({ rule: "k8s/duplicate-name", pointer: `${at}/name`, message: `port name ${JSON.stringify(name)} is already used by ${fieldPath(first)}` });
      else names.set(name, at);
    }
    if (typeof port.port === "number") {
      const key = `${port.port}/${asString(port.protocol) ?? "TCP"}`;
      const first = portProtocols.get(key);
      if (first !== undefined) report({ rule: "k8s/duplicate-port", pointer: `${at}/port`, message: `port ${key} is already exposed by ${fieldPath(first)}` });
      else portProtocols.set(key, at);
    }
  });
}

function checkTargetPort(value: unknown, pointer: string, report: Report): void {
  if (typeof value === "number") {
    checkPortNumber(value, pointer, { min: 1 }, report);
  } else if (typeof value === "string") {
    // A numeric string is a port number written as a string; the server treats it as a name.
    const problem = ianaServiceName(value);
    if (problem) {
      report({
        rule: "k8s/invalid-name",
        pointer,
        message: `${fieldPath(pointer)} ${JSON.stringify(value)} is not a valid port name: it ${problem}`,
        hint: /^\d+$/.test(value) ? `write the number without quotes: ${value}` : undefined,
      });
    }
  }
}

function checkNodePort(value: unknown, pointer: string, type: string, report: Report): void {
  if (typeof value !== "number" || value === 0) return;
  if (type !== "NodePort" && type !== "LoadBalancer") {
    report({ rule: "k8s/node-port", pointer, message: `${fieldPath(pointer)} may not be set when spec.type is ${type}` });
    return;
  }
  if (value < 1 || value > 65535) {
    checkPortNumber(value, pointer, { min: 1 }, report);
  } else if (value < NODE_PORT_RANGE.min || value > NODE_PORT_RANGE.max) {
    report({
      rule: "k8s/node-port",
      severity: "warning",
      pointer,
      message: `${fieldPath(pointer)} ${value} is outside the default node port range ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`,
      hint: "the API server rejects it unless the cluster's --service-node-port-range includes it",
    });
  }
}

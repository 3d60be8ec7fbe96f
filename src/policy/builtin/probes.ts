// Probes tell Kubernetes when a container can take traffic and when it has hung. Without them a
// rollout sends requests to pods that are still starting, and a deadlocked process is never restarted.
import type { BuiltinRule, RuleViolation } from "../builtin-rule.js";
import { containersOf, type ContainerRef } from "../pod-templates.js";
import { named } from "./describe.js";
import { asArray, asName, asNumber, asRecord, asString, field } from "./fields.js";
import { checkContainers, checkPod } from "./pod-checks.js";

function hasProbe(container: ContainerRef, probe: ProbeField): boolean {
  const value = container.container[probe];
  return value !== undefined && value !== null;
}

const readinessProbeMissing: BuiltinRule = {
  id: "readiness-probe-missing",
  category: "probes",
  severity: "warning",
  description: "A Service sends traffic to long-running pods none of whose containers has a readiness probe.",
  hint: "add a readinessProbe (httpGet, tcpSocket or grpc) to the container that serves the Service's traffic",
  check: (resource, { index }) =>
    checkPod(resource, (template) => {
      const namespace = resource.key.namespace;
      if (!template.longRunning || namespace === undefined) return undefined;
      const containers = containersOf(template, { init: false });
      // A pod is ready when all its containers are, so one probe on the serving container is enough.
      if (containers.length === 0 || containers.some((c) => hasProbe(c, "readinessProbe"))) return undefined;
      const services = index.servicesSelecting(namespace, template.labels);
      if (services.length === 0) return undefined;
      const which = services.length === 1 ? `${named(services[0])} sends` : `Services ${services.map((s) => JSON.stringify(s.key.name)).join(", ")} send`;
      return {
        pointer: containers[0].pointer,
        message: `${which} traffic to these pods, but no container has a readiness probe: requests reach ${containers[0].label} as soon as it starts, before it is ready, and keep coming while it cannot serve`,
      };
    }),
};

const livenessProbeMissing: BuiltinRule = {
  id: "liveness-probe-missing",
  category: "probes",
  severity: "warning",
  description: "A container of a long-running pod has no liveness probe.",
  hint: "add a livenessProbe that fails when the process is stuck (not merely busy), with a generous failureThreshold",
  check: (resource) =>
    checkContainers(resource, { init: false }, (container, template) => {
      if (!template.longRunning || hasProbe(container, "livenessProbe")) return undefined;
      return { pointer: container.pointer, message: `${container.label} has no liveness probe: if it hangs, Kubernetes will not restart it` };
    }),
};

type ProbeField = "livenessProbe" | "readinessProbe" | "startupProbe";
const PROBES: ReadonlyArray<[ProbeField, string]> = [
  ["livenessProbe", "liveness probe"],
  ["readinessProbe", "readiness probe"],
  ["startupProbe", "startup probe"],
];
// Every probe that names a port connects over TCP.
const HANDLERS = ["httpGet", "tcpSocket", "grpc"] as const;

interface DeclaredPort {
  name?: string;
  number?: number;
  protocol: string;
}

function declaredPorts(container: ContainerRef): DeclaredPort[] {
  return asArray(container.container.ports).flatMap((value) => {
    const port = asRecord(value);
    if (!port) return [];
    return [{ name: asName(port.name), number: asNumber(port.containerPort), protocol: asString(port.protocol) ?? "TCP" }];
  });
}

function describePorts(ports: readonly DeclaredPort[]): string {
  return ports.map((p) => `${p.number ?? "?"}${p.name ? ` (${p.name})` : ""}${p.protocol === "TCP" ? "" : `/${p.protocol}`}`).join(", ");
}

/** What is wrong with the port a probe targets, if anything; the kubelet resolves it against the container's own ports. */
function portProblem(port: unknown, ports: readonly DeclaredPort[]): string | undefined {
  // A quoted number is a schema error; read it as the number that was meant rather than as a name.
  const asNumeral = typeof port === "string" && /^[0-9]+$/.test(port) ? Number(port) : port;
  if (typeof asNumeral === "number") {
    if (ports.length === 0) return undefined;
    const matching = ports.filter((p) => p.number === asNumeral);
    if (matching.length === 0) return `port ${asNumeral}, which the container does not declare (it declares ${describePorts(ports)})`;
    if (!matching.some((p) => p.protocol === "TCP")) return `port ${asNumeral}, which the container declares as ${matching[0].protocol}, but probes connect over TCP`;
    return undefined;
  }
  const name = asName(asNumeral);
  if (name === undefined) return undefined;
  const matching = ports.filter((p) => p.name === name);
  if (matching.length === 0) {
    const names = ports.flatMap((p) => (p.name ? [p.name] : []));
    return `port ${JSON.stringify(name)}, but the container has no port of that name (${names.length === 0 ? "it names none" : `its named ports: ${names.join(", ")}`})`;
  }
  if (!matching.some((p) => p.protocol === "TCP")) return `port ${JSON.stringify(name)}, which is a ${matching[0].protocol} port, but probes connect over TCP`;
  return undefined;
}

const probePortNotExposed: BuiltinRule = {
  id: "probe-port-not-exposed",
  category: "probes",
  severity: "error",
  description: "A probe targets a port name or number that its container does not declare, so the probe always fails.",
  hint: "point the probe at one of the container's ports, or declare the port under the container's ports",
  check: (resource) =>
    checkContainers(resource, {}, (container) => {
      const out: RuleViolation[] = [];
      const ports = declaredPorts(container);
      for (const [probe, probeLabel] of PROBES) {
        for (const handler of HANDLERS) {
          const port = field(container.container, probe, handler, "port");
          const problem = portProblem(port, ports);
          if (problem === undefined) continue;
          out.push({ pointer: `${container.pointer}/${probe}/${handler}/port`, message: `the ${probeLabel} (${handler}) of ${container.label} checks ${problem}` });
        }
      }
      return out;
    }),
};

export const PROBE_RULES: readonly BuiltinRule[] = [readinessProbeMissing, livenessProbeMissing, probePortNotExposed];

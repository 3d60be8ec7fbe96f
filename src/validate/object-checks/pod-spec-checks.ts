// PodSpec rules the API server applies beyond the schema: container, port and volume names, port
// ranges, images, volume mounts that name real volumes, requests within limits.
import { quantityValue } from "../../kube/quantity.js";
import { fieldPath } from "../../manifests/field-path.js";
import { joinPointer } from "../../manifests/json-pointer.js";
import { asArray, asRecord, asString, type Report } from "./check-context.js";
import { dns1123Label, envVarName, ianaServiceName, memoized } from "./name-syntax.js";

const containerOrVolumeName = memoized(dns1123Label);
const environmentName = memoized(envVarName);
const portName = memoized(ianaServiceName);

const CONTAINER_LISTS = ["initContainers", "containers", "ephemeralContainers"] as const;

/** `claimTemplates`: a StatefulSet's volumeClaimTemplates, which its pods mount like volumes. */
export function checkPodSpec(spec: unknown, pointer: string, report: Report, options: { claimTemplates?: readonly string[] } = {}): void {
  const podSpec = asRecord(spec);
  // A missing spec or an empty list passes the schema; a missing `containers` key is the schema's to report.
  if (!podSpec || (Array.isArray(podSpec.containers) && podSpec.containers.length === 0)) {
    report({
      rule: "k8s/required",
      pointer: podSpec ? `${pointer}/containers` : parentPointer(pointer),
      target: podSpec ? "value" : "key",
      message: `${fieldPath(pointer)}.containers is required: a pod needs at least one container`,
    });
  }
  if (!podSpec) return;
  const volumes = checkVolumes(podSpec, pointer, report);
  for (const name of options.claimTemplates ?? []) volumes.add(name);
  const containerNames = new Map<string, string>();
  for (const list of CONTAINER_LISTS) {
    asArray(podSpec[list]).forEach((container, i) => {
      checkContainer(container, `${pointer}/${list}/${i}`, { containerNames, volumes, report });
    });
  }
}

function checkVolumes(podSpec: Record<string, unknown>, pointer: string, report: Report): Set<string> {
  const names = new Map<string, string>();
  asArray(podSpec.volumes).forEach((volume, i) => {
    const name = asString(asRecord(volume)?.name);
    if (name === undefined) return;
    const at = `${pointer}/volumes/${i}/name`;
    const problem = containerOrVolumeName(name);
    if (problem) report({ rule: "k8s/invalid-name", pointer: at, message: `volume name ${JSON.stringify(name)} ${problem}` });
    const first = names.get(name);
    if (first !== undefined) {
      report({ rule: "k8s/duplicate-name", pointer: at, message: `volume name ${JSON.stringify(name)} is already used by ${fieldPath(first)}` });
    } else {
      names.set(name, `${pointer}/volumes/${i}`);
    }
  });
  return new Set(names.keys());
}

interface ContainerContext {
  containerNames: Map<string, string>;
  volumes: Set<string>;
  report: Report;
}

function checkContainer(value: unknown, pointer: string, ctx: ContainerContext): void {
  const container = asRecord(value);
  if (!container) return;
  const { report } = ctx;
  const name = asString(container.name);
  if (name !== undefined) {
    const problem = containerOrVolumeName(name);
    if (problem) report({ rule: "k8s/invalid-name", pointer: `${pointer}/name`, message: `container name ${JSON.stringify(name)} ${problem}` });
    const first = ctx.containerNames.get(name);
    if (first !== undefined) {
      report({
        rule: "k8s/duplicate-name",
        pointer: `${pointer}/name`,
        message: `container name ${JSON.stringify(name)} is already used by ${fieldPath(first)}; container names must be unique within a pod`,
      });
    } else {
      ctx.containerNames.set(name, pointer);
    }
  }
  if (container.image === undefined || container.image === null || container.image === "") {
    report({
      rule: "k8s/required",
      pointer: container.image === undefined ? pointer : `${pointer}/image`,
      target: "key",
      message: `${fieldPath(pointer)}.image is required`,
      hint: "set the container image, e.g. image: nginx:1.27",
    });
  }
  checkContainerPorts(container, pointer, report);
  asArray(container.env).forEach((env, i) => {
    const envName = asString(asRecord(env)?.name);
    const problem = envName === undefined ? undefined : environmentName(envName);
    if (problem) report({ rule: "k8s/invalid-name", pointer: `${pointer}/env/${i}/name`, message: `environment variable name ${JSON.stringify(envName)} ${problem}` });
  });
  asArray(container.volumeMounts).forEach((mount, i) => {
    const volume = asString(asRecord(mount)?.name);
    if (volume !== undefined && !ctx.volumes.has(volume)) {
      const known = [...ctx.volumes];
      report({
        rule: "k8s/unknown-volume",
        pointer: `${pointer}/volumeMounts/${i}/name`,
        message: `volume mount ${JSON.stringify(volume)} names no volume of this pod`,
        hint: known.length > 0 ? `the pod's volumes are: ${known.join(", ")}` : "add it under the pod's volumes",
      });
    }
  });
  checkRequestsWithinLimits(container, pointer, report);
}

function checkContainerPorts(container: Record<string, unknown>, pointer: string, report: Report): void {
  const portNames = new Map<string, string>();
  asArray(container.ports).forEach((value, i) => {
    const port = asRecord(value);
    if (!port) return;
    const at = `${pointer}/ports/${i}`;
    checkPortNumber(port.containerPort, `${at}/containerPort`, { min: 1 }, report);
    if (port.hostPort !== 0) checkPortNumber(port.hostPort, `${at}/hostPort`, { min: 1 }, report);
    const name = asString(port.name);
    if (name === undefined) return;
    const problem = portName(name);
    if (problem) report({ rule: "k8s/invalid-name", pointer: `${at}/name`, message: `port name ${JSON.stringify(name)} ${problem}` });
    const first = portNames.get(name);
    if (first !== undefined) {
      report({ rule: "k8s/duplicate-name", pointer: `${at}/name`, message: `port name ${JSON.stringify(name)} is already used by ${fieldPath(first)}` });
    } else {
      portNames.set(name, at);
    }
  });
}

export function checkPortNumber(value: unknown, pointer: string, range: { min: number }, report: Report): void {
  if (typeof value !== "number" || !Number.isInteger(value)) return;
  if (value < range.min || value > 65535) {
    report({ rule: "k8s/port-range", pointer, message: `${fieldPath(pointer)} ${value} is out of range: must be between ${range.min} and 65535, inclusive` });
  }
}

function checkRequestsWithinLimits(container: Record<string, unknown>, pointer: string, report: Report): void {
  const resources = asRecord(container.resources);
  if (!resources) return;
  const requests = asRecord(resources.requests) ?? {};
  const limits = asRecord(resources.limits) ?? {};
  for (const [section, values] of [["requests", requests], ["limits", limits]] as const) {
    for (const [resource, quantity] of Object.entries(values)) {
      const amount = quantityValue(quantity);
      if (amount !== undefined && amount < 0) {
        report({
          rule: "k8s/invalid-resources",
          pointer: joinPointer(pointer, "resources", section, resource),
          message: `${section}.${resource} ${String(quantity)} must be greater than or equal to 0`,
        });
      }
    }
  }
  for (const [resource, request] of Object.entries(requests)) {
    if (!(resource in limits)) continue;
    const requested = quantityValue(request);
    const limit = quantityValue(limits[resource]);
    if (requested !== undefined && limit !== undefined && requested > limit) {
      report({
        rule: "k8s/invalid-resources",
        pointer: joinPointer(pointer, "resources", "requests", resource),
        message: `requests.${resource} ${String(request)} must be less than or equal to limits.${resource} ${String(limits[resource])}`,
      });
    }
  }
}

function parentPointer(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf("/"));
}

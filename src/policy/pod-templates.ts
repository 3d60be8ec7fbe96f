// The pod a resource runs: where its PodSpec and pod labels are, and its containers. Policies check
// Pods, their controllers and CronJobs alike through this one view.
import { asArray, asName, asRecord, field, stringMap, type Mapping } from "./builtin/fields.js";
import type { PolicyResource } from "./policy-resource.js";

export interface PodTemplate {
  /** The PodSpec; an empty mapping when the manifest has none, so rules need no second check. */
  spec: Mapping;
  /** JSON pointer to the PodSpec, e.g. `/spec/template/spec`. */
  pointer: string;
  /** The pods' labels, which Services, PodDisruptionBudgets and HPAs select on. */
  labels: Readonly<Record<string, string>>;
  /** JSON pointer to the labels mapping (it may be absent). */
  labelsPointer: string;
  /** Pods meant to run until stopped, as opposed to Jobs' pods, which run to completion. */
  longRunning: boolean;
}

interface WorkloadShape {
  /** API groups of the kind. The core group "" is accepted for every kind too: it is an apiVersion typo the schema check reports, and the policies should still see what was meant. */
  groups: readonly string[];
  /** Path to the pod template (metadata + spec); empty for a Pod, which is its own template. */
  template: readonly string[];
  runsToCompletion?: boolean;
}

const POD_TEMPLATE = ["spec", "template"];

// OpenShift DeploymentConfigs and Argo Rollouts are Deployments in all but name and are common in
// GitOps repositories; without them their Services would look dangling.
const WORKLOADS: Readonly<Record<string, WorkloadShape>> = {
  Pod: { groups: [""], template: [] },
  Deployment: { groups: ["apps", "extensions"], template: POD_TEMPLATE },
  ReplicaSet: { groups: ["apps", "extensions"], template: POD_TEMPLATE },
  StatefulSet: { groups: ["apps"], template: POD_TEMPLATE },
  DaemonSet: { groups: ["apps", "extensions"], template: POD_TEMPLATE },
  ReplicationController: { groups: [""], template: POD_TEMPLATE },
  Job: { groups: ["batch"], template: POD_TEMPLATE, runsToCompletion: true },
  CronJob: { groups: ["batch"], template: ["spec", "jobTemplate", "spec", "template"], runsToCompletion: true },
  DeploymentConfig: { groups: ["apps.openshift.io"], template: POD_TEMPLATE },
  Rollout: { groups: ["argoproj.io"], template: POD_TEMPLATE },
};

const EMPTY: Mapping = Object.freeze({});

function workloadShape(group: string, kind: string): WorkloadShape | undefined {
  const shape = Object.prototype.hasOwnProperty.call(WORKLOADS, kind) ? WORKLOADS[kind] : undefined;
  return shape && (group === "" || shape.groups.includes(group)) ? shape : undefined;
}

/** Whether objects of this kind run pods (a Pod, a controller of pods, a CronJob). */
export function runsPods(group: string, kind: string): boolean {
  return workloadShape(group, kind) !== undefined;
}

// Every rule asks for the template of every resource; the objects are shared and never change.
const templates = new WeakMap<PolicyResource, PodTemplate | null>();

/** The pod a resource runs, or undefined when it is not a kind that runs pods. */
export function podTemplateOf(resource: PolicyResource): PodTemplate | undefined {
  let template = templates.get(resource);
  if (template === undefined) {
    template = readPodTemplate(resource) ?? null;
    templates.set(resource, template);
  }
  return template ?? undefined;
}

function readPodTemplate(resource: PolicyResource): PodTemplate | undefined {
  const shape = workloadShape(resource.key.group, resource.key.kind);
  if (!shape) return undefined;
  const base = shape.template.length === 0 ? "" : "/" + shape.template.join("/");
  const template = shape.template.length === 0 ? resource.object : field(resource.object, ...shape.template);
  const spec = asRecord(field(template, "spec")) ?? EMPTY;
  const longRunning = !shape.runsToCompletion && (shape.template.length > 0 || isRestartedForever(spec));
  return {
    spec,
    pointer: `${base}/spec`,
    labels: stringMap(field(template, "metadata", "labels")),
    labelsPointer: `${base}/metadata/labels`,
    longRunning,
  };
}

/** A bare Pod runs until stopped only when its containers are always restarted (the default). */
function isRestartedForever(spec: Mapping): boolean {
  const policy = spec.restartPolicy;
  return policy === undefined || policy === null || policy === "Always";
}

export type ContainerList = "initContainers" | "containers" | "ephemeralContainers";

export interface ContainerRef {
  container: Mapping;
  /** JSON pointer to the container, e.g. `/spec/template/spec/containers/0`. */
  pointer: string;
  list: ContainerList;
  index: number;
  name?: string;
  /** How messages name it: `container "web"`, `init container "migrate"`, `container at containers[1]`. */
  label: string;
}

export interface ContainerSelection {
  /** Include initContainers (default true). */
  init?: boolean;
  /** Include ephemeralContainers (default false): they are added by `kubectl debug`, not by manifests. */
  ephemeral?: boolean;
}

const LIST_WORDS: Readonly<Record<ContainerList, string>> = {
  initContainers: "init container",
  containers: "container",
  ephemeralContainers: "ephemeral container",
};

/** The containers of a pod, in PodSpec order; entries that are not mappings are skipped. */
export function containersOf(template: PodTemplate, selection: ContainerSelection = {}): ContainerRef[] {
  const lists: ContainerList[] = [];
  if (selection.init ?? true) lists.push("initContainers");
  lists.push("containers");
  if (selection.ephemeral ?? false) lists.push("ephemeralContainers");
  const out: ContainerRef[] = [];
  for (const list of lists) {
    asArray(template.spec[list]).forEach((value, index) => {
      const container = asRecord(value);
      if (!container) return;
      const name = asName(container.name);
      const label = name === undefined ? `${LIST_WORDS[list]} at ${list}[${index}]` : `${LIST_WORDS[list]} ${JSON.stringify(name)}`;
      out.push({ container, pointer: `${template.pointer}/${list}/${index}`, list, index, name, label });
    });
  }
  return out;
}

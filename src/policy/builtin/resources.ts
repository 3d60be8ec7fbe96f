// Requests tell the scheduler what a container needs; a memory limit keeps one container's leak from
// taking the node down with it.
import type { BuiltinRule, RuleViolation } from "../builtin-rule.js";
import type { ContainerRef } from "../pod-templates.js";
import type { PolicyResource } from "../policy-resource.js";
import type { ResourceIndex } from "../resource-index.js";
import { field } from "./fields.js";
import { checkContainers } from "./pod-checks.js";

type Section = "requests" | "limits";

function isSet(container: ContainerRef, section: Section, resource: string): boolean {
  const value = field(container.container, "resources", section, resource);
  return value !== undefined && value !== null && value !== "";
}

/** The container's `resources` when it has one, so that the finding lands where the fix goes. */
function resourcesPointer(container: ContainerRef): string {
  return Object.prototype.hasOwnProperty.call(container.container, "resources") ? `${container.pointer}/resources` : container.pointer;
}

interface Requirement {
  section: Section;
  resource: "cpu" | "memory";
  /** Also satisfied by these, as the API server fills them in (a request defaults to the limit). */
  alsoBy?: { section: Section; resource: "cpu" | "memory" };
  message: (label: string) => string;
}

function missing(requirement: Requirement, resource: PolicyResource, index: ResourceIndex): RuleViolation[] {
  const namespace = resource.key.namespace;
  const defaults = namespace === undefined ? undefined : index.containerDefaultsIn(namespace);
  // A LimitRange in the namespace fills the value in at admission.
  if (defaults && defaults[requirement.section].has(requirement.resource)) return [];
  return checkContainers(resource, {}, (container) => {
    if (isSet(container, requirement.section, requirement.resource)) return undefined;
    const { alsoBy } = requirement;
    if (alsoBy && isSet(container, alsoBy.section, alsoBy.resource)) return undefined;
    return { pointer: resourcesPointer(container), message: requirement.message(container.label) };
  });
}

const cpuRequests: Requirement = {
  section: "requests",
  resource: "cpu",
  alsoBy: { section: "limits", resource: "cpu" },
  message: (label) => `${label} has no CPU request: the scheduler places it as if it needed no CPU, and it is starved first when the node is busy`,
};

const memoryRequests: Requirement = {
  section: "requests",
  resource: "memory",
  alsoBy: { section: "limits", resource: "memory" },
  message: (label) => `${label} has no memory request: the scheduler places it as if it needed no memory, and the node can run out`,
};

const memoryLimit: Requirement = {
  section: "limits",
  resource: "memory",
  message: (label) => `${label} has no memory limit: a leak can use up the node's memory and get other pods killed`,
};

export const RESOURCE_RULES: readonly BuiltinRule[] = [
  {
    id: "cpu-requests-missing",
    category: "resources",
    severity: "warning",
    description: "A container sets neither a CPU request nor a CPU limit (which the request defaults to).",
    hint: "set resources.requests.cpu to what the container uses when busy, e.g. 250m",
    check: (resource, { index }) => missing(cpuRequests, resource, index),
  },
  {
    id: "memory-requests-missing",
    category: "resources",
    severity: "warning",
    description: "A container sets neither a memory request nor a memory limit (which the request defaults to).",
    hint: "set resources.requests.memory to the container's working set, e.g. 256Mi",
    check: (resource, { index }) => missing(memoryRequests, resource, index),
  },
  {
    id: "memory-limit-missing",
    category: "resources",
    severity: "warning",
    description: "A container has no memory limit.",
    hint: "set resources.limits.memory, e.g. to 1.5 times the memory request",
    check: (resource, { index }) => missing(memoryLimit, resource, index),
  },
];

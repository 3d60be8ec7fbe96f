// References by name between objects: a Service that selects no pods, a pod that mounts a ConfigMap
// nobody defines, an Ingress that routes to nothing. Each breaks the workload in a real cluster. Live
// objects count as existing: a Secret created by hand in the cluster satisfies a reference to it.
import type { LabelSelector } from "../../kube/label-selector.js";
import type { BuiltinRule, RuleViolation } from "../builtin-rule.js";
import type { PolicyResource } from "../policy-resource.js";
import { isPodDisruptionBudget, isService, pdbSelectorOf, scaleTargetOf, type ResourceIndex } from "../resource-index.js";
import { named, nowhere, objectInNamespace } from "./describe.js";
import { asName, asRecord, field, stringListOption, type Mapping } from "./fields.js";
import { ingressBackends, servicePorts, type Backend } from "./ingress-backends.js";
import { checkPod } from "./pod-checks.js";
import { podReferences, type PodReference, type ReferencedKind } from "./pod-references.js";
import { formatLabels, formatSelector, serviceSelectorOf } from "./selectors.js";

/** Objects the control plane creates in every namespace. */
const BUILT_IN: Readonly<Record<ReferencedKind, readonly string[]>> = {
  ServiceAccount: ["default"],
  ConfigMap: ["kube-root-ca.crt"],
  Secret: [],
  PersistentVolumeClaim: [],
};

/** The keys a ConfigMap or Secret holds. */
function dataKeys(object: Mapping, kind: ReferencedKind): Set<string> {
  const sections = kind === "Secret" ? ["data", "stringData"] : ["data", "binaryData"];
  return new Set(sections.flatMap((section) => Object.keys(asRecord(object[section]) ?? {})));
}

function referenceViolations(ref: PodReference, namespace: string, index: ResourceIndex): RuleViolation[] {
  if (ref.optional || BUILT_IN[ref.kind].includes(ref.name)) return [];
  const target = objectInNamespace(ref.kind, ref.name, namespace);
  const found = index.find("", ref.kind, namespace, ref.name);
  if (!found) {
    // Made by a controller from an object in the index (a SealedSecret's Secret): its keys are unknown.
    if (index.exists("", ref.kind, namespace, ref.name)) return [];
    return [{ pointer: ref.pointer, message: `${ref.via} refers to ${target}, which ${nowhere(index)}: ${ref.effect}` }];
  }
  if (ref.keys.length === 0) return [];
  const keys = dataKeys(found.object, ref.kind);
  return ref.keys
    .filter((k) => !keys.has(k.key))
    .map((k) => ({
      pointer: k.pointer,
      message: `${ref.via} reads key ${JSON.stringify(k.key)} of ${target}, which has no such key (${keys.size === 0 ? "it has no keys" : `its keys: ${[...keys].join(", ")}`}): ${ref.effect}`,
    }));
}

function missingReference(kind: ReferencedKind, id: string, description: string, hint: string): BuiltinRule {
  return {
    id,
    category: "references",
    severity: "error",
    description,
    hint,
    check: (resource, { index }) =>
      checkPod(resource, (template) => {
        const namespace = resource.key.namespace;
        if (namespace === undefined) return undefined;
        return podReferences(template)
          .filter((ref) => ref.kind === kind)
          .flatMap((ref) => referenceViolations(ref, namespace, index));
      }),
  };
}

const missingConfigMap = missingReference(
  "ConfigMap",
  "missing-configmap",
  "A pod refers to a ConfigMap, or a key of one, that does not exist in its namespace.",
  "define the ConfigMap in the pod's namespace, fix the name or key, or mark the reference optional: true",
);
const missingSecret = missingReference(
  "Secret",
  "missing-secret",
  "A pod refers to a Secret, or a key of one, that does not exist in its namespace (a SealedSecret, ExternalSecret or Certificate that produces it counts).",
  "define the Secret (or the SealedSecret or ExternalSecret that produces it) in the pod's namespace, fix the name or key, or mark the reference optional: true",
);
const missingPvc = missingReference(
  "PersistentVolumeClaim",
  "missing-pvc",
  "A pod mounts a PersistentVolumeClaim that does not exist in its namespace.",
  "define the PersistentVolumeClaim in the pod's namespace, or fix claimName",
);
const missingServiceAccount = missingReference(
  "ServiceAccount",
  "missing-service-account",
  "A pod runs as a ServiceAccount that does not exist in its namespace.",
  "define the ServiceAccount in the pod's namespace, or fix serviceAccountName",
);

/** For a selector that matches nothing: the workload of the namespace sharing most of its labels. */
function closestWorkload(index: ResourceIndex, namespace: string, selector: Readonly<Record<string, string>>): string {
  let best: { score: number; text: string } | undefined;
  for (const { resource, template } of index.workloadsIn(namespace)) {
    const score = Object.entries(selector).filter(([k, v]) => template.labels[k] === v).length;
    const sharesKey = Object.keys(selector).some((k) => k in template.labels);
    if ((score > 0 || sharesKey) && (!best || score > best.score)) {
      best = { score, text: `; closest: ${named(resource)}, whose pods have ${formatLabels(template.labels)}` };
    }
  }
  return best?.text ?? "";
}

const danglingService: BuiltinRule = {
  id: "dangling-service",
  category: "references",
  severity: "error",
  description: "A Service's selector matches the pods of no workload in its namespace, so it has no endpoints.",
  hint: "make spec.selector equal to (a subset of) the pod template labels of the workload the Service fronts",
  check: (resource, { index }) => {
    const namespace = resource.key.namespace;
    const selector = isService(resource) ? serviceSelectorOf(resource.object) : undefined;
    if (namespace === undefined || !selector) return [];
    if (index.workloadsMatching(namespace, { matchLabels: { ...selector } }).length > 0) return [];
    return [
      {
        pointer: "/spec/selector",
        message: `${named(resource)} selects pods with ${formatLabels(selector)}, but no workload in namespace ${JSON.stringify(namespace)} runs pods with these labels: the Service has no endpoints, and connections to it fail${closestWorkload(index, namespace, selector)}`,
      },
    ];
  },
};

const danglingHpa: BuiltinRule = {
  id: "dangling-hpa",
  category: "references",
  severity: "error",
  description: "A HorizontalPodAutoscaler's scaleTargetRef names nothing in its namespace.",
  hint: "fix spec.scaleTargetRef (kind and name) to name the Deployment or StatefulSet to scale",
  check: (resource, { index }) => {
    const namespace = resource.key.namespace;
    const target = resource.key.group === "autoscaling" && resource.key.kind === "HorizontalPodAutoscaler" ? scaleTargetOf(resource) : undefined;
    if (namespace === undefined || !target) return [];
    // The group is not compared: a target may name an older apiVersion of the same kind (extensions/v1beta1).
    if (index.findByKind(target.kind, namespace, target.name)) return [];
    return [
      {
        pointer: "/spec/scaleTargetRef/name",
        message: `${named(resource)} scales ${objectInNamespace(target.kind, target.name, namespace)}, which ${nowhere(index)}: the autoscaler does nothing`,
      },
    ];
  },
};

const danglingPdb: BuiltinRule = {
  id: "dangling-pdb",
  category: "references",
  severity: "error",
  description: "A PodDisruptionBudget's selector matches the pods of no workload in its namespace.",
  hint: "make spec.selector match the pod template labels of the workload to protect",
  check: (resource, { index }) => {
    const namespace = resource.key.namespace;
    const selector: LabelSelector | undefined = isPodDisruptionBudget(resource) ? pdbSelectorOf(resource) : undefined;
    if (namespace === undefined || !selector) return [];
    if (index.workloadsMatching(namespace, selector).length > 0) return [];
    return [
      {
        pointer: "/spec/selector",
        message: `${named(resource)} selects pods with ${formatSelector(selector)}, but no workload in namespace ${JSON.stringify(namespace)} runs pods with these labels: it protects nothing`,
      },
    ];
  },
};

function backendViolation(backend: Backend, ingress: PolicyResource, namespace: string, index: ResourceIndex): RuleViolation | undefined {
  const service = index.find("", "Service", namespace, backend.service);
  const prefix = `${backend.route} of ${named(ingress)} routes to`;
  if (!service) {
    return { pointer: backend.namePointer, message: `${prefix} ${objectInNamespace("Service", backend.service, namespace)}, which ${nowhere(index)}: those requests fail` };
  }
  // An ExternalName Service forwards to a DNS name; its ports are informational.
  if (backend.port === undefined || backend.portPointer === undefined || field(service.object, "spec", "type") === "ExternalName") return undefined;
  const ports = servicePorts(service);
  const found = typeof backend.port === "number" ? ports.some((p) => p.port === backend.port) : ports.some((p) => p.name === backend.port);
  if (found) return undefined;
  const exposes = ports.length === 0 ? "exposes no ports" : `exposes ${ports.map((p) => `${p.port ?? "?"}${p.name ? ` (${p.name})` : ""}`).join(", ")}`;
  const port = typeof backend.port === "number" ? `port ${backend.port}` : `the port named ${JSON.stringify(backend.port)}`;
  return { pointer: backend.portPointer, message: `${prefix} ${port} of ${named(service)}, which ${exposes}: those requests fail` };
}

const ingressMissingService: BuiltinRule = {
  id: "ingress-missing-service",
  category: "references",
  severity: "error",
  description: "An Ingress routes to a Service, or a Service port, that does not exist in its namespace.",
  hint: "fix the backend's service name and port to those of an existing Service",
  check: (resource, { index }) => {
    const namespace = resource.key.namespace;
    const isIngress = resource.key.kind === "Ingress" && (resource.key.group === "networking.k8s.io" || resource.key.group === "extensions");
    if (!isIngress || namespace === undefined) return [];
    return ingressBackends(resource).flatMap((backend) => backendViolation(backend, resource, namespace, index) ?? []);
  },
};

const unknownNamespace: BuiltinRule = {
  id: "unknown-namespace",
  category: "references",
  severity: "error",
  description: "A namespaced object is in a namespace that no Namespace object defines and that clusters do not have by default.",
  hint: "add the Namespace to the manifests, fix metadata.namespace, or list the namespace under this rule's `namespaces` option if the cluster already has it",
  defaults: { namespaces: [] },
  check: (resource, { index, options }) => {
    const namespace = resource.key.namespace;
    if (namespace === undefined || index.namespaceExists(namespace)) return [];
    if (stringListOption(options.namespaces, []).includes(namespace)) return [];
    const failure = `creating it fails with: namespaces ${JSON.stringify(namespace)} not found`;
    if (asName(field(resource.object, "metadata", "namespace")) !== undefined) {
      return [{ pointer: "/metadata/namespace", message: `namespace ${JSON.stringify(namespace)} of ${named(resource)} ${nowhere(index)}: ${failure}` }];
    }
    // No namespace written: the finding goes on metadata, where the namespace would be set.
    return [
      {
        pointer: asRecord(resource.object.metadata) ? "/metadata" : "",
        target: "key",
        message: `${named(resource)} sets no namespace, so it goes to the default namespace ${JSON.stringify(namespace)}, which ${nowhere(index)}: ${failure}`,
      },
    ];
  },
};

export const REFERENCE_RULES: readonly BuiltinRule[] = [
  danglingService,
  missingConfigMap,
  missingSecret,
  missingPvc,
  missingServiceAccount,
  danglingHpa,
  danglingPdb,
  ingressMissingService,
  unknownNamespace,
];

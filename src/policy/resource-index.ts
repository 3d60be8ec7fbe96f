// What cross-resource rules look up: objects by identity, the pods of a namespace, and the Services,
// PodDisruptionBudgets and HPAs that point at them. Maps are built once, so that a rule costs O(1) or
// one namespace's selector matches per resource even with tens of thousands of resources.
import { matchesLabelSelector, type LabelSelector } from "../kube/label-selector.js";
import { objectIdentity } from "../manifests/resource-key.js";
import { asArray, asName, asRecord, field } from "./builtin/fields.js";
import type { ResourceKey } from "../manifests/resource-key.js";
import { producedObjects } from "./builtin/produced-objects.js";
import { labelSelectorOf, serviceSelectorOf } from "./builtin/selectors.js";
import type { PolicyResource } from "./policy-resource.js";
import { podTemplateOf, type PodTemplate } from "./pod-templates.js";

/** Namespaces every cluster has, whether or not the manifests define them. */
export const WELL_KNOWN_NAMESPACES: readonly string[] = ["default", "kube-system", "kube-public", "kube-node-lease"];

/** A resource that runs pods, with its pod template. */
export interface Workload {
  resource: PolicyResource;
  template: PodTemplate;
}

/** What an HPA scales: `spec.scaleTargetRef`. */
export interface ScaleTarget {
  apiVersion?: string;
  kind: string;
  name: string;
}

export function scaleTargetOf(hpa: PolicyResource): ScaleTarget | undefined {
  const ref = field(hpa.object, "spec", "scaleTargetRef");
  const kind = asName(field(ref, "kind"));
  const name = asName(field(ref, "name"));
  if (kind === undefined || name === undefined) return undefined;
  return { apiVersion: asName(field(ref, "apiVersion")), kind, name };
}

/**
 * A PodDisruptionBudget's selector. policy/v1 reads an empty selector as "every pod in the
 * namespace"; policy/v1beta1 read it as "no pod".
 */
export function pdbSelectorOf(pdb: PolicyResource): LabelSelector | undefined {
  const selector = labelSelectorOf(field(pdb.object, "spec", "selector"));
  if (!selector) return undefined;
  const empty = Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
  return empty && pdb.apiVersion === "policy/v1beta1" ? undefined : selector;
}

export function isService(r: PolicyResource): boolean {
  return r.key.group === "" && r.key.kind === "Service";
}

export function isPodDisruptionBudget(r: PolicyResource): boolean {
  return r.key.group === "policy" && r.key.kind === "PodDisruptionBudget";
}

export function isHorizontalPodAutoscaler(r: PolicyResource): boolean {
  return r.key.group === "autoscaling" && r.key.kind === "HorizontalPodAutoscaler";
}

/** Names of the resources (`cpu`, `memory`) a LimitRange sets when a container leaves them out. */
export interface ContainerDefaults {
  requests: ReadonlySet<string>;
  limits: ReadonlySet<string>;
}

const NO_DEFAULTS: ContainerDefaults = { requests: new Set(), limits: new Set() };

export class ResourceIndex {
  /** Whether a live cluster's objects were given: messages then say "nor in the cluster". */
  readonly hasLive: boolean;
  private readonly byIdentity = new Map<string, PolicyResource>();
  private readonly byKindAndName = new Map<string, PolicyResource>();
  private readonly produced = new Set<string>();
  private readonly namespaceNames = new Set<string>(WELL_KNOWN_NAMESPACES);
  private readonly workloadsByNamespace = new Map<string, Workload[]>();
  private readonly workloadsByLabel = new Map<string, Workload[]>();
  private readonly servicesByNamespace = new Map<string, PolicyResource[]>();
  private readonly pdbsByNamespace = new Map<string, PolicyResource[]>();
  private readonly hpasByNamespace = new Map<string, PolicyResource[]>();
  private readonly hpasByTarget = new Map<string, PolicyResource[]>();
  private readonly containerDefaults = new Map<string, { requests: Set<string>; limits: Set<string> }>();
  private readonly serviceSelectors = new SelectorBuckets<PolicyResource>();
  private readonly pdbSelectors = new SelectorBuckets<PolicyResource>();

  /**
   * `generated` are objects a tool makes from files that are not objects themselves (kustomize's
   * configMapGenerator): they exist, with keys unknown.
   */
  constructor(desired: readonly PolicyResource[], live: readonly PolicyResource[] = [], generated: readonly ResourceKey[] = []) {
    this.hasLive = live.length > 0;
    // Desired objects first: where the repository and the cluster both hold an object, the
    // repository's version is the one that will be there after the sync.
    for (const resource of desired) this.add(resource);
    for (const resource of live) this.add(resource);
    for (const key of generated) this.produced.add(objectIdentity(key));
  }

  private add(resource: PolicyResource): void {
    const identity = objectIdentity(resource.key);
    if (this.byIdentity.has(identity)) return;
    this.byIdentity.set(identity, resource);
    const { kind, namespace, name } = resource.key;
    const byKind = kindKey(kind, namespace, name);
    if (!this.byKindAndName.has(byKind)) this.byKindAndName.set(byKind, resource);
    for (const key of producedObjects(resource)) this.produced.add(objectIdentity(key));
    if (resource.key.group === "" && kind === "Namespace") this.namespaceNames.add(name);
    if (namespace === undefined) return;

    const template = podTemplateOf(resource);
    if (template) {
      const workload: Workload = { resource, template };
      push(this.workloadsByNamespace, namespace, workload);
      for (const [k, v] of Object.entries(template.labels)) push(this.workloadsByLabel, labelKey(namespace, k, v), workload);
    } else if (isService(resource)) {
      push(this.servicesByNamespace, namespace, resource);
      const selector = serviceSelectorOf(resource.object);
      if (selector) this.serviceSelectors.add(namespace, { matchLabels: { ...selector } }, resource);
    } else if (isPodDisruptionBudget(resource)) {
      push(this.pdbsByNamespace, namespace, resource);
      const selector = pdbSelectorOf(resource);
      if (selector) this.pdbSelectors.add(namespace, selector, resource);
    } else if (isHorizontalPodAutoscaler(resource)) {
      push(this.hpasByNamespace, namespace, resource);
      const target = scaleTargetOf(resource);
      if (target) push(this.hpasByTarget, kindKey(target.kind, namespace, target.name), resource);
    } else if (resource.key.group === "" && kind === "LimitRange") {
      this.addLimitRange(namespace, resource);
    }
  }

  private addLimitRange(namespace: string, limitRange: PolicyResource): void {
    const defaults = this.containerDefaults.get(namespace) ?? { requests: new Set<string>(), limits: new Set<string>() };
    this.containerDefaults.set(namespace, defaults);
    for (const entry of asArray(field(limitRange.object, "spec", "limits"))) {
      if (field(entry, "type") !== "Container") continue;
      const limits = Object.keys(asRecord(field(entry, "default")) ?? {});
      const requests = Object.keys(asRecord(field(entry, "defaultRequest")) ?? {});
      // The admission plugin also uses a default limit as the default request.
      for (const name of limits) {
        defaults.limits.add(name);
        defaults.requests.add(name);
      }
      for (const name of requests) defaults.requests.add(name);
    }
  }

  /** The object with this identity, desired before live. `namespace` is undefined for cluster-scoped kinds. */
  find(group: string, kind: string, namespace: string | undefined, name: string): PolicyResource | undefined {
    return this.byIdentity.get(objectIdentity({ group, version: "", kind, namespace, name }));
  }

  /** Whether the object is in the index or will be created by a controller of an object in it. */
  exists(group: string, kind: string, namespace: string | undefined, name: string): boolean {
    const identity = objectIdentity({ group, version: "", kind, namespace, name });
    return this.byIdentity.has(identity) || this.produced.has(identity);
  }

  /** An object of this kind in any API group: references such as scaleTargetRef may name an older group of the same kind. */
  findByKind(kind: string, namespace: string | undefined, name: string): PolicyResource | undefined {
    return this.byKindAndName.get(kindKey(kind, namespace, name));
  }

  /** Defined as a Namespace object (desired or live) or one every cluster has. */
  namespaceExists(name: string): boolean {
    return this.namespaceNames.has(name);
  }

  get namespaces(): ReadonlySet<string> {
    return this.namespaceNames;
  }

  /** The resources that run pods in a namespace. */
  workloadsIn(namespace: string): readonly Workload[] {
    return this.workloadsByNamespace.get(namespace) ?? [];
  }

  /** The workloads of a namespace whose pod labels a selector matches. */
  workloadsMatching(namespace: string, selector: LabelSelector): Workload[] {
    const [pivot] = Object.entries(selector.matchLabels ?? {});
    // Every match carries the selector's first label, so only the workloads with it need a look.
    const candidates = pivot ? (this.workloadsByLabel.get(labelKey(namespace, pivot[0], pivot[1])) ?? []) : this.workloadsIn(namespace);
    return candidates.filter((w) => matchesLabelSelector(selector, w.template.labels));
  }

  servicesIn(namespace: string): readonly PolicyResource[] {
    return this.servicesByNamespace.get(namespace) ?? [];
  }

  /** The Services of a namespace whose selector matches these pod labels. */
  servicesSelecting(namespace: string, labels: Readonly<Record<string, string>>): PolicyResource[] {
    return this.serviceSelectors.matching(namespace, labels);
  }

  podDisruptionBudgetsIn(namespace: string): readonly PolicyResource[] {
    return this.pdbsByNamespace.get(namespace) ?? [];
  }

  /** The PodDisruptionBudgets of a namespace whose selector matches these pod labels. */
  podDisruptionBudgetsSelecting(namespace: string, labels: Readonly<Record<string, string>>): PolicyResource[] {
    return this.pdbSelectors.matching(namespace, labels);
  }

  horizontalPodAutoscalersIn(namespace: string): readonly PolicyResource[] {
    return this.hpasByNamespace.get(namespace) ?? [];
  }

  /** Resources (cpu, memory) that a LimitRange of the namespace fills in for containers that do not set them. */
  containerDefaultsIn(namespace: string): ContainerDefaults {
    return this.containerDefaults.get(namespace) ?? NO_DEFAULTS;
  }

  /** The HPAs in the resource's namespace whose scaleTargetRef names it (by kind and name). */
  horizontalPodAutoscalersTargeting(resource: PolicyResource): readonly PolicyResource[] {
    const { kind, namespace, name } = resource.key;
    if (namespace === undefined) return [];
    return this.hpasByTarget.get(kindKey(kind, namespace, name)) ?? [];
  }
}

/**
 * Selectors of one kind of object, bucketed by namespace and by one label they require, so that
 * finding the selectors that match a pod looks at few of them.
 */
class SelectorBuckets<T> {
  private readonly byLabel = new Map<string, Array<{ selector: LabelSelector; item: T }>>();
  private readonly unpivoted = new Map<string, Array<{ selector: LabelSelector; item: T }>>();

  add(namespace: string, selector: LabelSelector, item: T): void {
    const [pivot] = Object.entries(selector.matchLabels ?? {});
    if (pivot) push(this.byLabel, labelKey(namespace, pivot[0], pivot[1]), { selector, item });
    else push(this.unpivoted, namespace, { selector, item });
  }

  matching(namespace: string, labels: Readonly<Record<string, string>>): T[] {
    const out: T[] = [];
    // Each selector sits in exactly one bucket, so nothing is found twice.
    for (const [k, v] of Object.entries(labels)) {
      for (const entry of this.byLabel.get(labelKey(namespace, k, v)) ?? []) {
        if (matchesLabelSelector(entry.selector, labels)) out.push(entry.item);
      }
    }
    for (const entry of this.unpivoted.get(namespace) ?? []) {
      if (matchesLabelSelector(entry.selector, labels)) out.push(entry.item);
    }
    return out;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// NUL cannot occur in names or labels, so these keys are unambiguous.
function kindKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\0${namespace ?? ""}\0${name}`;
}

function labelKey(namespace: string, key: string, value: string): string {
  return `${namespace}\0${key}\0${value}`;
}

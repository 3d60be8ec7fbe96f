// The resource names kubectl accepts on its command line — `po`, `pods`, `Pod`, `deploy`,
// `deployments.apps`, `deployments.v1.apps`, `hpa` — resolved to a kind of the simulated cluster.
// Built-in kinds come from the schema index validation uses (schemas/kubernetes/v1.30/index.json),
// with kubectl's discovery short names; custom kinds from the CustomResourceDefinitions stored in the
// cluster (their plural, singular, kind and shortNames).
import { builtinKinds } from "../validate/builtin-schemas.js";
import type { KubeObject } from "../runtime/store/kube-object.js";

export interface ResolvedKind {
  group: string;
  /** The preferred version of the group for this kind (what `kind.version.group` would name). */
  version: string;
  kind: string;
  /** Plural lower-case resource name, e.g. `deployments`. */
  resource: string;
  namespaced: boolean;
}

export type KindResolution = { ok: true; kind: ResolvedKind } | { ok: false; message: string };

// Short names as the API server's discovery documents list them (kubectl api-resources).
const SHORT_NAMES: Readonly<Record<string, readonly string[]>> = {
  "/Pod": ["po"],
  "/Service": ["svc"],
  "/Endpoints": ["ep"],
  "/Node": ["no"],
  "/Namespace": ["ns"],
  "/ConfigMap": ["cm"],
  "/Event": ["ev"],
  "/PersistentVolumeClaim": ["pvc"],
  "/PersistentVolume": ["pv"],
  "/ServiceAccount": ["sa"],
  "/ReplicationController": ["rc"],
  "/LimitRange": ["limits"],
  "/ResourceQuota": ["quota"],
  "/ComponentStatus": ["cs"],
  "apps/Deployment": ["deploy"],
  "apps/ReplicaSet": ["rs"],
  "apps/StatefulSet": ["sts"],
  "apps/DaemonSet": ["ds"],
  "batch/CronJob": ["cj"],
  "autoscaling/HorizontalPodAutoscaler": ["hpa"],
  "networking.k8s.io/Ingress": ["ing"],
  "networking.k8s.io/NetworkPolicy": ["netpol"],
  "policy/PodDisruptionBudget": ["pdb"],
  "scheduling.k8s.io/PriorityClass": ["pc"],
  "storage.k8s.io/StorageClass": ["sc"],
  "apiextensions.k8s.io/CustomResourceDefinition": ["crd", "crds"],
  "certificates.k8s.io/CertificateSigningRequest": ["csr"],
  "events.k8s.io/Event": ["ev"],
};

// Kinds that exist only as request bodies or subresources: nothing to get or list.
const NOT_LISTABLE = new Set([
  "/Binding",
  "autoscaling/Scale",
  "policy/Eviction",
  "authentication.k8s.io/TokenRequest",
  "authentication.k8s.io/TokenReview",
  "authentication.k8s.io/SelfSubjectReview",
  "authorization.k8s.io/LocalSubjectAccessReview",
  "authorization.k8s.io/SelfSubjectAccessReview",
  "authorization.k8s.io/SelfSubjectRulesReview",
  "authorization.k8s.io/SubjectAccessReview",
]);

// When a name fits kinds of several groups, kubectl prefers the core group, then the groups of its
// built-in priority list (so `ev` is core/v1 Event, not events.k8s.io).
const GROUP_PRIORITY = ["", "apps", "batch", "autoscaling", "networking.k8s.io", "policy", "discovery.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io"];

interface KindEntry extends ResolvedKind {
  names: Set<string>;
}

let builtinEntries: KindEntry[] | undefined;

/** Resolves one resource name (no commas, no `/NAME`). `crds` are the cluster's CustomResourceDefinitions. */
export function resolveKind(name: string, crds: Iterable<KubeObject> = []): KindResolution {
  const text = name.trim();
  const lower = text.toLowerCase();
  const entries = [...builtins(), ...crdEntries(crds)];
  const unknown: KindResolution = { ok: false, message: `the server doesn't have a resource type "${text}"` };
  if (lower === "") return unknown;

  const exact = pick(entries.filter((e) => e.names.has(lower)));
  if (exact) return { ok: true, kind: exact };
  const dot = lower.indexOf(".");
  if (dot > 0) {
    const resource = lower.slice(0, dot);
    const rest = lower.slice(dot + 1);
    // `deployments.apps` or `deployments.v1.apps`
    const candidates = entries.filter((e) => e.names.has(resource) && (e.group === rest || `${e.version}.${e.group}` === rest || (e.group === "" && rest === e.version)));
    const found = pick(candidates);
    if (found) return { ok: true, kind: found };
  }
  return unknown;
}

/** kubectl's type name in `-o name` and in messages: `deployment.apps`, `pod`. */
export function typeName(kind: { group: string; kind: string }): string {
  const lower = kind.kind.toLowerCase();
  return kind.group === "" ? lower : `${lower}.${kind.group}`;
}

/** The resource as API-server messages name it: `deployments.apps`, `pods`. */
export function qualifiedResourceName(kind: ResolvedKind): string {
  return kind.group === "" ? kind.resource : `${kind.resource}.${kind.group}`;
}

/** The resolved kind of an object, from its own apiVersion and kind. */
export function kindOfObject(object: KubeObject, crds: Iterable<KubeObject> = []): ResolvedKind {
  const slash = object.apiVersion.indexOf("/");
  const group = slash < 0 ? "" : object.apiVersion.slice(0, slash);
  const version = slash < 0 ? object.apiVersion : object.apiVersion.slice(slash + 1);
  const entry = [...builtins(), ...crdEntries(crds)].find((e) => e.group === group && e.kind === object.kind);
  return entry ? { group, version: entry.version, kind: entry.kind, resource: entry.resource, namespaced: entry.namespaced } : { group, version, kind: object.kind, resource: guessResource(object.kind), namespaced: object.metadata.namespace !== undefined };
}

function pick(candidates: KindEntry[]): ResolvedKind | undefined {
  if (candidates.length === 0) return undefined;
  const rank = (e: KindEntry): number => {
    const i = GROUP_PRIORITY.indexOf(e.group);
    return i < 0 ? GROUP_PRIORITY.length : i;
  };
  const best = [...candidates].sort((a, b) => rank(a) - rank(b) || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0))[0];
  return { group: best.group, version: best.version, kind: best.kind, resource: best.resource, namespaced: best.namespaced };
}

function builtins(): KindEntry[] {
  if (!builtinEntries) {
    const byKind = new Map<string, KindEntry>();
    for (const k of builtinKinds()) {
      const key = `${k.group}/${k.kind}`;
      if (NOT_LISTABLE.has(key)) continue;
      const known = byKind.get(key);
      if (known && versionRank(known.version) >= versionRank(k.version)) continue;
      const resource = guessResource(k.kind);
      byKind.set(key, {
        group: k.group,
        version: k.version,
        kind: k.kind,
        resource,
        namespaced: k.namespaced,
        names: new Set([resource, k.kind.toLowerCase(), ...(SHORT_NAMES[key] ?? [])]),
      });
    }
    builtinEntries = [...byKind.values()];
  }
  return builtinEntries;
}

function crdEntries(crds: Iterable<KubeObject>): KindEntry[] {
  const out: KindEntry[] = [];
  for (const crd of crds) {
    const spec = crd.spec as
      | { group?: string; scope?: string; names?: { kind?: string; plural?: string; singular?: string; shortNames?: string[] }; versions?: Array<{ name?: string; storage?: boolean }> }
      | undefined;
    const kind = spec?.names?.kind;
    if (!spec?.group || !kind) continue;
    const plural = (spec.names?.plural ?? guessResource(kind)).toLowerCase();
    const version = spec.versions?.find((v) => v.storage)?.name ?? spec.versions?.[0]?.name ?? "v1";
    out.push({
      group: spec.group,
      version,
      kind,
      resource: plural,
      namespaced: spec.scope !== "Cluster",
      names: new Set([plural, (spec.names?.singular ?? kind).toLowerCase(), kind.toLowerCase(), ...(spec.names?.shortNames ?? []).map((s) => s.toLowerCase())]),
    });
  }
  return out;
}

// v1 > v1beta2 > v1beta1 > v1alpha1; higher major first.
function versionRank(version: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
  if (!m) return 0;
  const stage = m[2] === "alpha" ? 0 : m[2] === "beta" ? 1 : 2;
  return Number(m[1]) * 10_000 + stage * 1000 + Number(m[3] ?? 0);
}

// meta.UnsafeGuessKindToResource, plus the built-in kind it gets wrong.
function guessResource(kind: string): string {
  const singular = kind.toLowerCase();
  if (singular === "endpoints") return singular;
  if (singular.endsWith("s")) return `${singular}es`;
  if (singular.endsWith("y")) return `${singular.slice(0, -1)}ies`;
  return `${singular}s`;
}

// What the store must know about a kind: its scope (namespaced or cluster-wide) and its resource
// name (for API-server-style messages). Built-in kinds come from the same generated index that
// validation uses (schemas/kubernetes/v1.30/index.json); custom kinds from CustomResourceDefinitions
// stored in the cluster. Kinds nobody describes are treated as namespaced, like validation does.
import { builtinKinds } from "../../validate/builtin-schemas.js";
import { kindKeyOf, type KubeObject } from "./kube-object.js";

export interface KindInfo {
  namespaced: boolean;
  /** Plural lower-case resource name, e.g. `deployments`. */
  resource: string;
}

export const CRD_GROUP = "apiextensions.k8s.io";
export const CRD_KIND = "CustomResourceDefinition";

let builtins: Map<string, boolean> | undefined;

function builtinScopes(): Map<string, boolean> {
  builtins ??= new Map(builtinKinds().map((k) => [kindKeyOf(k.group, k.kind), k.namespaced]));
  return builtins;
}

/**
 * Scope and resource of a kind. `crds` lists the stored CustomResourceDefinitions; they are consulted
 * only for kinds that are not built in (a CRD cannot redefine a built-in kind).
 */
export function kindInfo(group: string, kind: string, crds: Iterable<KubeObject>): KindInfo {
  const builtin = builtinScopes().get(kindKeyOf(group, kind));
  if (builtin !== undefined) return { namespaced: builtin, resource: guessResource(kind) };
  for (const crd of crds) {
    const spec = crd.spec as { group?: unknown; scope?: unknown; names?: { kind?: unknown; plural?: unknown } } | undefined;
    if (spec?.group === group && spec.names?.kind === kind) {
      return {
        namespaced: spec.scope !== "Cluster",
        resource: typeof spec.names.plural === "string" ? spec.names.plural : guessResource(kind),
      };
    }
  }
  return { namespaced: true, resource: guessResource(kind) };
}

/** `deployments.apps`, `pods`: how API-server messages name a resource. */
export function qualifiedResource(group: string, info: KindInfo): string {
  return group === "" ? info.resource : `${info.resource}.${group}`;
}

// meta.UnsafeGuessKindToResource, plus the one built-in kind it gets wrong.
function guessResource(kind: string): string {
  const singular = kind.toLowerCase();
  if (singular === "endpoints") return singular;
  if (singular.endsWith("s")) return `${singular}es`;
  if (singular.endsWith("y")) return `${singular.slice(0, -1)}ies`;
  return `${singular}s`;
}

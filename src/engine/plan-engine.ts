// `plan` in the engine: the desired set (validated manifests at a revision, or files), the live
// set (the saved cluster), the inventory → a Plan. Validation errors block planning: the caller
// gets the report to show instead. The diff is src/diff's, with namespaces defaulted first.
import { readFileSync } from "node:fs";
import { withDefaults, type DrydockConfig } from "../config/drydock-config.js";
import { diffObject, type JsonObject } from "../diff/index.js";
import type { CommitInfo } from "../git/revisions.js";
import type { DiscoveredFile } from "../manifests/discover-files.js";
import { DEFAULT_MAX_FILE_BYTES } from "../manifests/file-content.js";
import { loadManifestFile } from "../manifests/load-manifest-file.js";
import { parseApiVersion, type ResourceKey } from "../manifests/resource-key.js";
import { buildPlan, type DesiredResource, type DiffFunction, type InventoryEntry, type LiveLookup, type Plan } from "../planner/index.js";
import type { StoreReader } from "../runtime/store/store-api.js";
import { cloneObject, type KubeObject } from "../runtime/store/kube-object.js";
import type { Finding } from "../findings/finding.js";

export const diffForPlan: DiffFunction = (desired, live, context) =>
  diffObject(desired as JsonObject, live as unknown as JsonObject, { owned: context.owned, ignore: context.ignore });

/** Whether a kind is namespaced; unknown kinds (custom resources whose CRD is not there yet) count as namespaced. */
export type ScopeOf = (group: string, kind: string) => boolean;

export function scopeFrom(store: StoreReader): ScopeOf {
  return (group, kind) => {
    try {
      return store.kindInfo(group, kind).namespaced;
    } catch {
      return true;
    }
  };
}

/** The objects of the files, as an apply would write them: status dropped, namespace defaulted. */
export function desiredFromFiles(files: readonly DiscoveredFile[], scope: ScopeOf, defaultNamespace: string): DesiredResource[] {
  const out: DesiredResource[] = [];
  for (const file of files) {
    if (file.listedBy) continue;
    const bytes = file.content ?? readFileSync(file.path);
    const loaded = loadManifestFile(file.display, bytes, { maxBytes: DEFAULT_MAX_FILE_BYTES });
    for (const manifest of loaded.manifests) {
      const object = cloneObject(manifest.object as unknown as KubeObject) as unknown as Record<string, unknown> & { metadata: { namespace?: string } };
      delete object.status;
      const gv = parseApiVersion(manifest.apiVersion);
      const namespaced = scope(gv.group, manifest.key.kind);
      if (namespaced) object.metadata.namespace ??= defaultNamespace;
      else delete object.metadata.namespace;
      const key: ResourceKey = { group: gv.group, version: gv.version, kind: manifest.key.kind, name: manifest.key.name, ...(namespaced ? { namespace: object.metadata.namespace } : {}) };
      out.push({ key, object, source: file.display });
    }
  }
  return out;
}

export function liveLookupOf(store: StoreReader): LiveLookup {
  return (key) => store.get({ group: key.group, kind: key.kind, namespace: key.namespace, name: key.name });
}

export interface PlanInputs {
  revision: string;
  desired: readonly DesiredResource[];
  live: LiveLookup;
  inventory: readonly InventoryEntry[];
  config: DrydockConfig;
}

export function planFor(inputs: PlanInputs): { plan: Plan; findings: Finding[] } {
  return buildPlan(
    { revision: inputs.revision, desired: inputs.desired, live: inputs.live, inventory: inputs.inventory },
    { diff: diffForPlan, prune: inputs.config.sync.prune, ignoreDifferences: inputs.config.sync.ignoreDifferences },
  );
}

/** What the CLI knows about the revision it planned. */
export interface PlannedRevision {
  revision: string;
  commit?: CommitInfo;
}

export const DEFAULT_DRYDOCK_CONFIG = withDefaults(undefined);

/** Desired objects read against a store (for kind scopes), planned against it and the inventory. */
export function planAgainstStore(
  files: readonly DiscoveredFile[],
  store: StoreReader,
  inventory: readonly InventoryEntry[],
  config: DrydockConfig,
  revision: string,
): { plan: Plan; findings: Finding[]; desired: DesiredResource[] } {
  const desired = desiredFromFiles(files, scopeFrom(store), config.validation.defaultNamespace);
  const { plan, findings } = planFor({ revision, desired, live: liveLookupOf(store), inventory, config });
  return { plan, findings, desired };
}

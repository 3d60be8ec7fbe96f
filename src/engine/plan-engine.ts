// `plan` in the engine: the desired set (validated manifests at a revision, or files), the live
// set (the saved cluster), the inventory → a Plan. Validation errors block planning: the caller
// gets the report to show instead. The diff is src/diff's, with namespaces defaulted first.
import { readFileSync } from "node:fs";
import { withDefaults, type DrydockConfig } from "../config/drydock-config.js";
import { diffObject, withoutNulls, type JsonObject } from "../diff/index.js";
import type { CommitInfo } from "../git/revisions.js";
import type { DiscoveredFile } from "../manifests/discover-files.js";
import { DEFAULT_MAX_FILE_BYTES } from "../manifests/file-content.js";
import { loadManifestFile } from "../manifests/load-manifest-file.js";
import type { SourceFile } from "../manifests/source-file.js";
import { objectIdentity, parseApiVersion, type ResourceKey } from "../manifests/resource-key.js";
import { buildPlan, type DesiredResource, type DiffFunction, type InventoryEntry, type LiveLookup, type Plan, type PositionFinding } from "../planner/index.js";
import type { StoreReader } from "../runtime/store/store-api.js";
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

/** The desired objects, and how to put a planner finding about one of them on its line and column. */
export interface DesiredSet {
  desired: DesiredResource[];
  position: PositionFinding;
}

/**
 * The objects of the files, as an apply would write them: status dropped, null fields dropped
 * (kubectl and server-side apply treat `key: null` as unset), namespace defaulted.
 */
export function desiredFromFiles(files: readonly DiscoveredFile[], scope: ScopeOf, defaultNamespace: string): DesiredSet {
  const desired: DesiredResource[] = [];
  const sources = new Map<string, SourceFile>();
  for (const file of files) {
    if (file.listedBy) continue;
    const bytes = file.content ?? readFileSync(file.path);
    const loaded = loadManifestFile(file.display, bytes, { maxBytes: DEFAULT_MAX_FILE_BYTES });
    if (loaded.source) sources.set(file.display, loaded.source);
    for (const manifest of loaded.manifests) {
      const object = withoutNulls(manifest.object) as Record<string, unknown> & { metadata: { namespace?: string } };
      delete object.status;
      const gv = parseApiVersion(manifest.apiVersion);
      const namespaced = scope(gv.group, manifest.key.kind);
      if (namespaced) object.metadata.namespace ??= defaultNamespace;
      else delete object.metadata.namespace;
      const key: ResourceKey = { group: gv.group, version: gv.version, kind: manifest.key.kind, name: manifest.key.name, ...(namespaced ? { namespace: object.metadata.namespace } : {}) };
      desired.push({ key, object, source: file.display, origin: { documentIndex: manifest.source.documentIndex, pointer: manifest.source.pointer } });
    }
  }
  return { desired, position: positionIn(sources) };
}

// Planner findings point into a desired object; the file's text turns that into a line and column,
// as validate's findings are positioned.
function positionIn(sources: ReadonlyMap<string, SourceFile>): PositionFinding {
  return (finding, resource) => {
    const source = sources.get(resource.source);
    if (!source || !resource.origin) return finding;
    const { file: _file, line: _line, column: _column, endLine: _endLine, endColumn: _endColumn, snippet: _snippet, ...rest } = finding;
    const pointer = `${resource.origin.pointer}${finding.pointer ?? ""}`;
    return source.position({ ...rest, location: { kind: "node", documentIndex: resource.origin.documentIndex, pointer, target: "value" } });
  };
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
  position?: PositionFinding;
}

export function planFor(inputs: PlanInputs): { plan: Plan; findings: Finding[] } {
  return buildPlan(
    { revision: inputs.revision, desired: inputs.desired, live: inputs.live, inventory: inputs.inventory },
    { diff: diffForPlan, prune: inputs.config.sync.prune, ignoreDifferences: inputs.config.sync.ignoreDifferences, position: inputs.position },
  );
}

/** What the CLI knows about the revision it planned. */
export interface PlannedRevision {
  revision: string;
  commit?: CommitInfo;
}

export const DEFAULT_DRYDOCK_CONFIG = withDefaults(undefined);

/** The revision label of desired state given as -f files. */
export const FILES_REVISION = "files";

export interface PlanScope {
  /**
   * The files name only some objects (-f): inventory entries of other objects are neither pruned nor
   * shown, as `kubectl apply -f` without --prune leaves everything else alone.
   */
  partial?: boolean;
}

/** Desired objects read against a store (for kind scopes), planned against it and the inventory. */
export function planAgainstStore(
  files: readonly DiscoveredFile[],
  store: StoreReader,
  inventory: readonly InventoryEntry[],
  config: DrydockConfig,
  revision: string,
  scope: PlanScope = {},
): { plan: Plan; findings: Finding[]; desired: DesiredResource[] } {
  const { desired, position } = desiredFromFiles(files, scopeFrom(store), config.validation.defaultNamespace);
  const { plan, findings } = planFor({ revision, desired, live: liveLookupOf(store), inventory: prunable(desired, inventory, scope), config, position });
  return { plan, findings, desired };
}

// The inventory the planner sees: every entry of a desired object (its owned fields), plus the
// entries it may prune. Objects last applied with -f are left alone by every plan until a full
// source applies them: -f neither prunes nor is pruned.
function prunable(desired: readonly DesiredResource[], inventory: readonly InventoryEntry[], scope: PlanScope): InventoryEntry[] {
  const ids = new Set(desired.map((d) => objectIdentity(d.key)));
  return inventory.filter((e) => ids.has(objectIdentity(e.key)) || (!scope.partial && e.revision !== FILES_REVISION));
}

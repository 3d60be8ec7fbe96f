// The planner's data: what goes in (desired objects, a view of the live cluster, the inventory of
// what drydock applied before) and what comes out (a Plan of ordered Actions). Plain data only, so
// the CLI, the engine and the dashboard can render or apply the same plan.

import type { FieldChange } from "../diff/field-change.js";
import type { Finding } from "../findings/finding.js";
import type { ResourceKey } from "../manifests/resource-key.js";
import type { KubeObject } from "../runtime/store/kube-object.js";

/** An object as read from Git; `key.namespace` must already be the effective one (defaults applied). */
export interface DesiredResource {
  key: ResourceKey;
  object: Record<string, unknown>;
  /** The file it came from, for findings. */
  source: string;
  /** Where in that file: the YAML document, and the object's place in it ("" or "/items/3" of a List). */
  origin?: { documentIndex: number; pointer: string };
}

/** Any cluster object, simulated or real: plain JSON as the API server returns it. */
export type LiveObject = KubeObject;

/** Reads the live object for a key (version-independent), or undefined when it does not exist. */
export type LiveLookup = (key: ResourceKey) => LiveObject | undefined;

/** One object drydock applied before, as recorded in the state's inventory. */
export interface InventoryEntry {
  key: ResourceKey;
  /** JSON pointers of the fields drydock set, so the diff leaves fields of other managers alone. */
  owned: readonly string[];
  /** The revision that last applied it. */
  revision: string;
}

/** What the diff is told about one object besides the two versions of it. */
export interface DiffContext {
  /** Fields drydock owns from a previous apply; undefined when drydock never applied the object. */
  owned: readonly string[] | undefined;
  /** JSON pointers to leave out (drydock.yaml sync.ignoreDifferences). */
  ignore: readonly string[];
}

/** Injected so the planner does not depend on how the diff is computed. */
export type DiffFunction = (desired: Record<string, unknown>, live: LiveObject, context: DiffContext) => FieldChange[];

/** drydock.yaml sync.ignoreDifferences: unset selectors match everything. */
export interface IgnoreRule {
  group?: string;
  kind: string;
  name?: string;
  namespace?: string;
  jsonPointers: readonly string[];
}

/** Gives a finding about a desired object its line and column; injected because only the caller has the file text. */
export type PositionFinding = (finding: Finding, resource: DesiredResource) => Finding;

export interface PlannerOptions {
  /** drydock.yaml sync.prune; default true. */
  prune?: boolean;
  diff: DiffFunction;
  ignoreDifferences?: readonly IgnoreRule[];
  position?: PositionFinding;
}

export interface PlanInput {
  revision: string;
  desired: readonly DesiredResource[];
  live: LiveLookup;
  inventory: readonly InventoryEntry[];
}

export type ActionKind = "create" | "update" | "delete" | "unchanged";

/** Why an object that left the desired set stays in the cluster. */
export type KeptReason = "prune-disabled" | "prune-annotation";

interface ActionBase {
  /** kubectl form: `deployment.apps/web -n shop`. */
  resource: string;
  key: ResourceKey;
  /** The sync wave the action runs in (after Namespaces and CRDs took their dependents' wave). */
  wave: number;
  changes: FieldChange[];
  /** The desired object's file; absent for deletes and kept objects. */
  source?: string;
}

export interface CreateAction extends ActionBase {
  action: "create";
  /** How many leaf fields the new object sets: shown instead of values, which may be secret. */
  fields: number;
}

export interface UpdateAction extends ActionBase {
  action: "update";
}

export interface DeleteAction extends ActionBase {
  action: "delete";
}

export interface UnchangedAction extends ActionBase {
  action: "unchanged";
  /** Set when the object left the desired set but pruning was turned off for it. */
  kept?: KeptReason;
}

export type Action = CreateAction | UpdateAction | DeleteAction | UnchangedAction;

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  unchanged: number;
}

/** Applies first (in order), then deletes (reverse order). */
export interface Plan {
  revision: string;
  actions: Action[];
  summary: PlanSummary;
}

// desired + live + inventory → Plan. Pure: the live cluster is read through a lookup function and
// the diff is injected, so the same planner serves the simulated cluster, a real one and tests.

import type { Finding } from "../findings/finding.js";
import { formatResourceKey, objectIdentity } from "../manifests/resource-key.js";
import { countFields } from "./count-fields.js";
import { ignoredPointers } from "./ignore-rules.js";
import { orderForApply, type Orderable } from "./order-actions.js";
import type { Action, DesiredResource, InventoryEntry, Plan, PlanInput, PlannerOptions } from "./plan-types.js";
import { decidePrune } from "./prune.js";
import { maskSecretChanges } from "./secret-masking.js";
import { summarize } from "./summarize.js";
import { readSyncWave, SYNC_WAVE_ANNOTATION } from "./sync-wave.js";

export interface PlanResult {
  plan: Plan;
  /** Problems in the desired set (bad sync waves, duplicates); errors should block an apply. */
  findings: Finding[];
}

/** Holds an action while it is ordered; `wave` may be moved by the dependency adjustment. */
interface Pending extends Orderable {
  build: (wave: number) => Action;
}

export function buildPlan(input: PlanInput, options: PlannerOptions): PlanResult {
  const findings: Finding[] = [];
  const inventory = new Map(input.inventory.map((entry) => [objectIdentity(entry.key), entry]));
  const desiredIds = new Set<string>();
  const applies: Pending[] = [];

  for (const resource of input.desired) {
    const id = objectIdentity(resource.key);
    if (desiredIds.has(id)) {
      findings.push(positioned(duplicateFinding(resource), resource, options));
      continue;
    }
    desiredIds.add(id);
    applies.push(planApply(resource, inventory.get(id), input, options, findings));
  }

  // Objects that left Git: only those drydock applied (inventory) and that still exist.
  const removals: Pending[] = [];
  for (const entry of input.inventory) {
    if (desiredIds.has(objectIdentity(entry.key))) continue;
    const live = input.live(entry.key);
    if (live === undefined) continue;
    const wave = readSyncWave(live);
    const decision = decidePrune(live, { prune: options.prune ?? true });
    const base = { resource: formatResourceKey(entry.key), key: entry.key };
    removals.push({
      key: entry.key,
      wave: wave.ok ? wave.wave : 0,
      object: live,
      build: (w) =>
        decision.kind === "delete"
          ? { action: "delete", ...base, wave: w, changes: [] }
          : { action: "unchanged", ...base, wave: w, changes: [], kept: decision.reason },
    });
  }

  // Deletes run after every apply, in the reverse of apply order: dependents before the
  // Namespaces and CRDs they live in.
  const actions = [...orderForApply(applies), ...orderForApply(removals).reverse()].map((p) => p.build(p.wave));
  return { plan: { revision: input.revision, actions, summary: summarize(actions) }, findings };
}

function planApply(resource: DesiredResource, entry: InventoryEntry | undefined, input: PlanInput, options: PlannerOptions, findings: Finding[]): Pending {
  const { key, object, source } = resource;
  const resourceName = formatResourceKey(key);
  const wave = readSyncWave(object);
  if (!wave.ok) findings.push(positioned(invalidWaveFinding(resource, wave.value), resource, options));
  const live = input.live(key);
  const base = { resource: resourceName, key };
  let build: Pending["build"];
  if (live === undefined) {
    const fields = countFields(object);
    build = (w) => ({ action: "create", ...base, wave: w, changes: [], fields, source });
  } else {
    const ignore = ignoredPointers(options.ignoreDifferences ?? [], key);
    const changes = maskSecretChanges(key, options.diff(object, live, { owned: entry?.owned, ignore }));
    build = (w) =>
      changes.length > 0 ? { action: "update", ...base, wave: w, changes, source } : { action: "unchanged", ...base, wave: w, changes, source };
  }
  return { key, wave: wave.ok ? wave.wave : 0, object, build };
}

function positioned(finding: Finding, resource: DesiredResource, options: PlannerOptions): Finding {
  return options.position ? options.position(finding, resource) : finding;
}

function invalidWaveFinding(resource: DesiredResource, value: unknown): Finding {
  return {
    severity: "error",
    rule: "plan/invalid-sync-wave",
    message: `${SYNC_WAVE_ANNOTATION} must be an integer, not ${JSON.stringify(value)}.`,
    file: resource.source,
    pointer: `/metadata/annotations/${SYNC_WAVE_ANNOTATION.replaceAll("~", "~0").replaceAll("/", "~1")}`,
    resource: formatResourceKey(resource.key),
    hint: `Write a whole number in quotes, e.g. ${SYNC_WAVE_ANNOTATION}: "1".`,
  };
}

function duplicateFinding(resource: DesiredResource): Finding {
  return {
    severity: "error",
    rule: "plan/duplicate-resource",
    message: `${formatResourceKey(resource.key)} is defined more than once; the first definition is planned.`,
    file: resource.source,
    resource: formatResourceKey(resource.key),
  };
}

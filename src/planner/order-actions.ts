// Apply order: wave, then kind (KIND_ORDER), then namespace, then name — gitops-engine's sort
// (pkg/sync/sync_tasks.go `Less`) with namespace added for a stable order across namespaces. The
// sort alone cannot see that a Namespace in wave 2 is needed by a Deployment in wave 0, or that a
// custom resource needs its CRD, so `adjustDependencies` then moves each Namespace and each CRD
// just before the first object that needs it, into that object's wave (gitops-engine `adjustDeps`).

import { compareStrings } from "../findings/finding.js";
import type { ResourceKey } from "../manifests/resource-key.js";
import { kindRank } from "./kind-order.js";

/** One object to order: its key, its wave, and the object (CRDs name the kind they define in it). */
export interface Orderable {
  key: ResourceKey;
  wave: number;
  object: Record<string, unknown> | undefined;
}

export function compareOrderables(a: Orderable, b: Orderable): number {
  return (
    a.wave - b.wave ||
    kindRank(a.key.kind) - kindRank(b.key.kind) ||
    // Unknown kinds share one rank; their names keep the order stable.
    compareStrings(a.key.kind, b.key.kind) ||
    compareStrings(a.key.group, b.key.group) ||
    compareStrings(a.key.namespace ?? "", b.key.namespace ?? "") ||
    compareStrings(a.key.name, b.key.name)
  );
}

/** Sorted copy, with Namespaces and CRDs moved ahead of what needs them (a moved item's `wave` is set in place). */
export function orderForApply<T extends Orderable>(items: readonly T[]): T[] {
  const sorted = [...items].sort(compareOrderables);
  adjustDependencies(sorted, namespaceProvided, namespaceNeeded);
  adjustDependencies(sorted, crdProvided, customResourceNeeded);
  return sorted;
}

/** The dependency an object provides ("namespace shop"), or undefined when it provides none. */
type Provides = (item: Orderable) => string | undefined;
/** The dependency an object needs, or undefined. */
type Needs = (item: Orderable) => string | undefined;

/**
 * In place: each provider found after the first item that needs it moves to that item's position
 * and takes its wave. Providers already ahead of their dependents stay where they are.
 */
export function adjustDependencies<T extends Orderable>(items: T[], provides: Provides, needs: Needs): void {
  const firstNeeder = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const provided = provides(item);
    if (provided !== undefined) {
      const index = firstNeeder.get(provided);
      if (index === undefined) continue;
      item.wave = items[index].wave;
      items.splice(i, 1);
      items.splice(index, 0, item);
      // Everything from `index` on moved one place down, the recorded first needers included.
      for (const [dep, at] of firstNeeder) if (at >= index) firstNeeder.set(dep, at + 1);
      continue;
    }
    const needed = needs(item);
    if (needed !== undefined && !firstNeeder.has(needed)) firstNeeder.set(needed, i);
  }
}

function namespaceProvided(item: Orderable): string | undefined {
  return item.key.group === "" && item.key.kind === "Namespace" ? item.key.name : undefined;
}

function namespaceNeeded(item: Orderable): string | undefined {
  return item.key.namespace;
}

function crdProvided(item: Orderable): string | undefined {
  if (item.key.group !== "apiextensions.k8s.io" || item.key.kind !== "CustomResourceDefinition") return undefined;
  const spec = asRecord(item.object?.["spec"]);
  const group = spec?.["group"];
  const kind = asRecord(spec?.["names"])?.["kind"];
  return typeof group === "string" && typeof kind === "string" ? `${group}/${kind}` : undefined;
}

function customResourceNeeded(item: Orderable): string | undefined {
  return `${item.key.group}/${item.key.kind}`;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

// What happens to an object drydock applied before that is no longer in Git. Only inventory
// entries get here: objects drydock did not create are never deleted (DESIGN "Own only what you
// applied"). Pruning can be turned off for the whole repository (sync.prune: false) or per object
// with the annotation `drydock.dev/prune: "false"` on the live object (Argo CD's Prune=false).

import type { KeptReason, LiveObject } from "./plan-types.js";
import { annotationsOf } from "./sync-wave.js";

export const PRUNE_ANNOTATION = "drydock.dev/prune";

export type PruneDecision = { kind: "delete" } | { kind: "keep"; reason: KeptReason };

export function decidePrune(live: LiveObject, options: { prune: boolean }): PruneDecision {
  if (!options.prune) return { kind: "keep", reason: "prune-disabled" };
  if (annotationsOf(live)?.[PRUNE_ANNOTATION] === "false") return { kind: "keep", reason: "prune-annotation" };
  return { kind: "delete" };
}

/** The sentence renderers show for a kept object. */
export function keptMessage(reason: KeptReason): string {
  switch (reason) {
    case "prune-disabled":
      return "not pruned: sync.prune is false";
    case "prune-annotation":
      return `not pruned: annotation ${PRUNE_ANNOTATION}: "false"`;
    default:
      return assertNever(reason);
  }
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}

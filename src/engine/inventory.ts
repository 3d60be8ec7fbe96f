// The inventory: what drydock applied, per object its key, the fields it set (owned paths, see
// src/diff/owned-paths.ts) and the revision that applied it. The planner prunes only these objects
// and diffs only these fields; apply rewrites it. One JSON file in the state dir, written atomically.
import { join } from "node:path";
import type { ResourceKey } from "../manifests/resource-key.js";
import { objectIdentity } from "../manifests/resource-key.js";
import type { InventoryEntry } from "../planner/plan-types.js";
import { readStateFile, writeStateFile } from "../state/state-files.js";

export const INVENTORY_FILE = "inventory.json";
export const INVENTORY_FORMAT = "drydock.inventory/v1";

export function inventoryPath(stateDir: string): string {
  return join(stateDir, INVENTORY_FILE);
}

/** The saved inventory; empty when drydock never applied anything here. */
export function readInventory(stateDir: string): InventoryEntry[] {
  return readStateFile(inventoryPath(stateDir), INVENTORY_FORMAT, isInventory) ?? [];
}

export function writeInventory(stateDir: string, entries: readonly InventoryEntry[]): void {
  const sorted = [...entries].sort((a, b) => (objectIdentity(a.key) < objectIdentity(b.key) ? -1 : objectIdentity(a.key) > objectIdentity(b.key) ? 1 : 0));
  writeStateFile(inventoryPath(stateDir), INVENTORY_FORMAT, sorted);
}

/** The inventory after an apply: `applied` entries replace or add, `removed` keys go. Pure. */
export function updatedInventory(previous: readonly InventoryEntry[], applied: readonly InventoryEntry[], removed: readonly ResourceKey[]): InventoryEntry[] {
  const byId = new Map(previous.map((e) => [objectIdentity(e.key), e]));
  for (const key of removed) byId.delete(objectIdentity(key));
  for (const entry of applied) byId.set(objectIdentity(entry.key), entry);
  return [...byId.values()];
}

function isInventory(data: unknown): data is InventoryEntry[] {
  return (
    Array.isArray(data) &&
    data.every(
      (e) =>
        e !== null &&
        typeof e === "object" &&
        typeof (e as InventoryEntry).revision === "string" &&
        Array.isArray((e as InventoryEntry).owned) &&
        typeof (e as InventoryEntry).key?.kind === "string" &&
        typeof (e as InventoryEntry).key?.name === "string",
    )
  );
}

// Sync history: one record per `drydock apply` of a plan, most recent last, kept in the state dir
// (atomic writes). Times and durations are the simulated clock's.
import { join } from "node:path";
import { readStateFile, writeStateFile } from "../state/state-files.js";
import type { HealthStatus } from "../health/index.js";

export const HISTORY_FILE = "history.json";
export const HISTORY_FORMAT = "drydock.history/v1";
/** Older records are dropped beyond this many. */
export const HISTORY_LIMIT = 1000;

export type SyncResult = "Succeeded" | "Failed";

export interface SyncRecord {
  /** The full commit sha, WORKTREE, or `files` for `apply -f`. */
  revision: string;
  /** The commit's subject line; for `apply -f`, the files given (`-f web.yaml`). */
  subject: string;
  /** Simulated time the sync started, ISO 8601. */
  startedAt: string;
  /** Simulated milliseconds from start to end. */
  durationMs: number;
  result: SyncResult;
  /** Overall health of the applied objects at the end. */
  health: HealthStatus;
  summary: { create: number; update: number; delete: number; unchanged: number };
  /** Why it failed, one line. */
  message?: string;
}

export function historyPath(stateDir: string): string {
  return join(stateDir, HISTORY_FILE);
}

export function readHistory(stateDir: string): SyncRecord[] {
  return readStateFile(historyPath(stateDir), HISTORY_FORMAT, isHistory) ?? [];
}

export function appendHistory(stateDir: string, record: SyncRecord): void {
  const records = [...readHistory(stateDir), record].slice(-HISTORY_LIMIT);
  writeStateFile(historyPath(stateDir), HISTORY_FORMAT, records);
}

function isHistory(data: unknown): data is SyncRecord[] {
  return Array.isArray(data) && data.every((r) => r !== null && typeof r === "object" && typeof (r as SyncRecord).revision === "string" && typeof (r as SyncRecord).result === "string");
}

// One drydock process at a time changes a state dir's cluster: a proper-lockfile lock
// (<state>/cluster.json.lock, a directory whose creation is atomic) is held for the whole
// read-modify-write of a command. A process that waits too long fails with one clear sentence.
// A lock left by a killed process is recovered once it is stale (not refreshed for `staleMs`;
// the holder refreshes it every staleMs/2). Beside the lock, <state>/cluster.lock-owner.json names
// the holder's pid so the message can say who holds it.
import { hostname } from "node:os";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { readStateFile, writeStateFile } from "../../state/state-files.js";
import { rmSync } from "node:fs";
import { clusterFilePath } from "./cluster-file.js";

export const LOCK_DIR = "cluster.json.lock";
export const LOCK_OWNER_FILE = "cluster.lock-owner.json";
const OWNER_FORMAT = "drydock/cluster-lock-owner@1";

export const DEFAULT_LOCK_WAIT_MS = 5_000;
export const DEFAULT_LOCK_STALE_MS = 10_000;

export interface StateLockOptions {
  /** How long to wait for another process's lock before failing; default 5 s. */
  waitMs?: number;
  /** When an unrefreshed lock counts as abandoned (proper-lockfile's `stale`, at least 2 s); default 10 s. */
  staleMs?: number;
}

export interface LockOwner {
  pid: number;
  hostname: string;
}

/** Another process holds the state lock (the CLI maps this to exit code 2). */
export class StateLockedError extends Error {
  constructor(
    readonly stateDir: string,
    readonly owner: LockOwner | undefined,
    staleMs: number,
  ) {
    super(`the cluster state in ${stateDir} is locked by another drydock process (${describeOwner(owner, staleMs)}); try again when it has finished`);
  }
}

/** The lock was taken over while this process worked (it stalled past the stale time): nothing was saved. */
export class StateLockLostError extends Error {
  constructor(readonly stateDir: string) {
    super(`the lock on the cluster state in ${stateDir} was lost while this drydock process worked (it stalled long enough for another process to take it over), so its changes were not saved`);
  }
}

export interface StateLock {
  readonly stateDir: string;
  /** Throws StateLockLostError if the lock is no longer ours. */
  assertHeld(): void;
  release(): Promise<void>;
}

export async function lockState(stateDir: string, options: StateLockOptions = {}): Promise<StateLock> {
  const waitMs = Math.max(0, options.waitMs ?? DEFAULT_LOCK_WAIT_MS);
  const staleMs = Math.max(2_000, options.staleMs ?? DEFAULT_LOCK_STALE_MS);
  const pollMs = Math.min(100, Math.max(10, Math.floor(waitMs / 20)));
  let lost = false;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(clusterFilePath(stateDir), {
      realpath: false,
      lockfilePath: join(stateDir, LOCK_DIR),
      stale: staleMs,
      retries: { retries: Math.ceil(waitMs / pollMs), factor: 1, minTimeout: pollMs, maxTimeout: pollMs, randomize: false },
      onCompromised: () => {
        lost = true;
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") throw new StateLockedError(stateDir, readOwner(stateDir), staleMs);
    throw new Error(`cannot lock the cluster state in ${stateDir}: ${(error as Error).message}`);
  }
  writeStateFile(join(stateDir, LOCK_OWNER_FILE), OWNER_FORMAT, { pid: process.pid, hostname: hostname() } satisfies LockOwner);
  return {
    stateDir,
    assertHeld() {
      if (lost) throw new StateLockLostError(stateDir);
    },
    async release() {
      if (lost) return;
      if (readOwner(stateDir)?.pid === process.pid) rmSync(join(stateDir, LOCK_OWNER_FILE), { force: true });
      await release();
    },
  };
}

function readOwner(stateDir: string): LockOwner | undefined {
  try {
    return readStateFile(join(stateDir, LOCK_OWNER_FILE), OWNER_FORMAT, isLockOwner);
  } catch {
    // The owner file only improves the message; a damaged one must not hide the real problem.
    return undefined;
  }
}

function isLockOwner(value: unknown): value is LockOwner {
  const v = value as Partial<LockOwner> | null;
  return typeof v === "object" && v !== null && Number.isInteger(v.pid) && typeof v.hostname === "string";
}

function describeOwner(owner: LockOwner | undefined, staleMs: number): string {
  if (!owner) return "pid unknown";
  if (owner.hostname !== hostname()) return `pid ${owner.pid} on ${owner.hostname}`;
  if (!isRunning(owner.pid)) return `pid ${owner.pid}, no longer running: its lock is taken over ${staleMs / 1000} s after its last refresh`;
  return `pid ${owner.pid}`;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

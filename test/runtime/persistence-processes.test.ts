// Persistence under real processes: killed writers, concurrent writers, and a held lock. Children
// run the TypeScript sources through tsx, as `node --import tsx`.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LOCK_DIR, StateLockedError } from "../../src/runtime/persistence/state-lock.js";
import type { KubeObject } from "../../src/runtime/store/kube-object.js";
import { readBareCluster, withBareCluster } from "./runtime-helpers.js";
import { ROOT, tempDir } from "../helpers.js";

const FIXTURES = join(ROOT, "test", "runtime", "fixtures");
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

interface Child {
  process: ChildProcess;
  /** Resolves once stdout has printed `count` lines matching `pattern`; gives all lines so far. */
  lines(pattern: RegExp, count: number): Promise<string[]>;
  exit(): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function start(script: string, args: string[]): Child {
  const child = spawn(process.execPath, ["--import", "tsx", join(FIXTURES, script), ...args], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
  children.push(child);
  const lines: string[] = [];
  const waiters: { pattern: RegExp; count: number; resolve: (l: string[]) => void }[] = [];
  let stderr = "";
  let buffer = "";
  const check = () => {
    for (const w of [...waiters]) {
      if (lines.filter((l) => w.pattern.test(l)).length >= w.count) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve([...lines]);
      }
    }
  };
  child.stdout?.setEncoding("utf8").on("data", (text: string) => {
    buffer += text;
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    lines.push(...parts);
    check();
  });
  child.stderr?.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stderr })),
  );
  return {
    process: child,
    lines: (pattern, count) =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, count, resolve });
        check();
        void exited.then(({ code, signal }) => reject(new Error(`child exited (${code ?? signal}) before printing ${count} × ${pattern}: ${stderr}`)));
      }),
    exit: () => exited,
  };
}

/** Makes a lock left by a killed process look as old as one nobody refreshed for a minute. */
function ageLock(state: string): void {
  const lockDir = join(state, LOCK_DIR);
  if (!existsSync(lockDir)) return;
  const aMinuteAgo = new Date(Date.now() - 60_000);
  utimesSync(lockDir, aMinuteAgo, aMinuteAgo);
}

function configMaps(state: string): KubeObject[] {
  return readBareCluster(state).store.list({ kind: "ConfigMap" });
}

/** Batches in the saved state; fails unless they are whole and numbered 0..n-1 without a gap. */
function savedBatches(state: string, batchSize: number): number {
  const byBatch = new Map<number, number>();
  for (const object of configMaps(state)) {
    const batch = Number(object.metadata.labels?.batch);
    byBatch.set(batch, (byBatch.get(batch) ?? 0) + 1);
  }
  const batches = [...byBatch.keys()].sort((a, b) => a - b);
  expect([...byBatch.values()].every((n) => n === batchSize)).toBe(true);
  expect(batches).toEqual(batches.map((_, i) => i));
  return batches.length;
}

describe("a writer killed with SIGKILL", () => {
  it.each([
    ["halfway through writing the bytes", "mid-write", 1, 0],
    ["halfway through writing a later save", "mid-write", 3, 2],
    ["after writing, before the rename", "before-rename", 2, 1],
    ["right after the rename", "after-rename", 2, 2],
  ] as const)("%s leaves the last committed state, whole", async (_, point, save, added) => {
    const state = tempDir();
    const batchSize = 40;
    const warmup = start("cluster-writer.ts", [JSON.stringify({ mode: "batches", stateDir: state, batchSize })]);
    await warmup.lines(/^committed /, 2);
    warmup.process.kill("SIGKILL");
    await warmup.exit();
    const before = savedBatches(state, batchSize);
    ageLock(state);

    const writer = start("cluster-writer.ts", [JSON.stringify({ mode: "batches", stateDir: state, batchSize, crash: { point, save } })]);
    expect((await writer.exit()).signal).toBe("SIGKILL");
    expect(savedBatches(state, batchSize)).toBe(before + added);
    // The next process recovers the lock and cleans up after the crash.
    ageLock(state);
    await withBareCluster(state, () => undefined, { lock: { waitMs: 0 } });
    expect(savedBatches(state, batchSize)).toBe(before + added);
  });

  it("at arbitrary moments always leaves a loadable state holding a prefix of its committed batches", async () => {
    const state = tempDir();
    const batchSize = 40;
    let committedSoFar = 0;
    // Kill after seeing 1, 3, 2, 5 and 1 further commits: the process is then somewhere in its next
    // step — waiting for the lock, loading, changing, writing the temporary file, or renaming it.
    for (const commits of [1, 3, 2, 5, 1]) {
      const writer = start("cluster-writer.ts", [JSON.stringify({ mode: "batches", stateDir: state, batchSize })]);
      const lines = await writer.lines(/^committed /, commits);
      writer.process.kill("SIGKILL");
      const { signal } = await writer.exit();
      expect(signal).toBe("SIGKILL");
      const lastReported = Math.max(...lines.filter((l) => l.startsWith("committed ")).map((l) => Number(l.slice(10))));
      // Every batch reported committed is there, and only whole batches.
      const saved = savedBatches(state, batchSize);
      expect(saved).toBeGreaterThanOrEqual(lastReported + 1);
      expect(saved).toBeGreaterThan(committedSoFar);
      committedSoFar = saved;
      ageLock(state);
    }
  });
});

describe("two writers at once", () => {
  it("serialize on the lock: every object is kept and resourceVersions stay unique and increasing", async () => {
    const state = tempDir();
    const count = 25;
    const writers = ["left", "right"].map((name) => start("cluster-writer.ts", [JSON.stringify({ mode: "singles", stateDir: state, name, count, waitMs: 30_000 })]));
    const results = await Promise.all(writers.map((w) => w.exit()));
    for (const result of results) expect(result).toEqual({ code: 0, signal: null, stderr: "" });

    const cluster = readBareCluster(state);
    const objects = cluster.store.list({ kind: "ConfigMap" });
    expect(objects).toHaveLength(2 * count);
    const versions = objects.map((o) => Number(o.metadata.resourceVersion));
    expect(new Set(versions).size).toBe(versions.length);
    expect(Math.max(...versions)).toBe(cluster.store.resourceVersion);
    for (const name of ["left", "right"]) {
      const own = Array.from({ length: count }, (_, i) => Number(cluster.store.get({ group: "", kind: "ConfigMap", name: `${name}-${i}` })?.metadata.resourceVersion));
      expect(own.every((v, i) => i === 0 || v > own[i - 1])).toBe(true);
    }
    const uids = objects.map((o) => o.metadata.uid);
    expect(new Set(uids).size).toBe(uids.length);
  });
});

describe("a lock held by another process", () => {
  it("makes this process fail after its wait with a sentence naming the holder's pid", async () => {
    const state = tempDir();
    const holder = start("lock-holder.ts", [state]);
    await holder.lines(/^locked$/, 1);
    const attempt = withBareCluster(state, () => "ran", { lock: { waitMs: 300 } });
    await expect(attempt).rejects.toBeInstanceOf(StateLockedError);
    await expect(withBareCluster(state, () => "ran", { lock: { waitMs: 0 } })).rejects.toThrow(
      `the cluster state in ${state} is locked by another drydock process (pid ${holder.process.pid}); try again when it has finished`,
    );
    holder.process.stdin?.write("release\n");
    expect((await holder.exit()).code).toBe(0);
    await expect(withBareCluster(state, () => "ran", { lock: { waitMs: 0 } })).resolves.toBe("ran");
  });

  it("is taken over once stale after the holder is killed", async () => {
    const state = tempDir();
    const holder = start("lock-holder.ts", [state]);
    await holder.lines(/^locked$/, 1);
    holder.process.kill("SIGKILL");
    await holder.exit();
    // Freshly abandoned: still counts as held, and the message says the holder is gone.
    await expect(withBareCluster(state, () => "ran", { lock: { waitMs: 0 } })).rejects.toThrow(
      `(pid ${holder.process.pid}, no longer running: its lock is taken over 10 s after its last refresh)`,
    );
    ageLock(state);
    await expect(withBareCluster(state, () => "ran", { lock: { waitMs: 0 } })).resolves.toBe("ran");
  });
});

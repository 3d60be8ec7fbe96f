import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StateFileError } from "../../src/state/state-files.js";
import { clusterFilePath } from "../../src/runtime/persistence/cluster-file.js";
import { LOCK_DIR, lockState, StateLockedError } from "../../src/runtime/persistence/state-lock.js";
import { tempDir } from "../helpers.js";
import { createBareCluster, readBareCluster, withBareCluster } from "./runtime-helpers.js";
import { configMap, create, deployment, names, replicaSet } from "./runtime-helpers.js";

describe("withCluster", () => {
  it("creates the state dir and cluster.json, and gives the next command what the last one saved", async () => {
    const state = join(tempDir(), ".drydock");
    const uid = await withBareCluster(state, (cluster) => create(cluster, configMap("a")).metadata.uid);
    expect(existsSync(join(state, ".gitignore"))).toBe(true);
    const saved = JSON.parse(readFileSync(clusterFilePath(state), "utf8"));
    expect(saved.format).toBe("drydock/cluster@1");
    expect(Object.keys(saved.data)).toEqual(["clock", "ids", "store"]);
    const found = await withBareCluster(state, (cluster) => cluster.store.get({ group: "", kind: "ConfigMap", name: "a" })?.metadata.uid);
    expect(found).toBe(uid);
    expect(existsSync(join(state, LOCK_DIR))).toBe(false);
  });

  it("saves the clock and continues the id sequence", async () => {
    const state = tempDir();
    await withBareCluster(state, (cluster) => {
      create(cluster, configMap("a"));
      cluster.clock.advance(90_000);
    });
    const straight = createBareCluster();
    create(straight, configMap("a"));
    straight.clock.advance(90_000);
    const expected = create(straight, configMap("b"));
    const second = await withBareCluster(state, (cluster) => create(cluster, configMap("b")));
    expect(second).toEqual(expected);
    expect(second.metadata.creationTimestamp).toBe("2026-01-01T00:01:30Z");
  });

  it("runs work due at the current instant before saving", async () => {
    const state = tempDir();
    await withBareCluster(state, (cluster) => {
      const web = create(cluster, deployment("web"));
      create(cluster, replicaSet("web-1", web));
    });
    await withBareCluster(state, (cluster) => void cluster.store.delete({ group: "apps", kind: "Deployment", name: "web" }));
    expect(names(readBareCluster(state))).toEqual([]);
  });

  it("saves nothing when the work throws, and releases the lock", async () => {
    const state = tempDir();
    await withBareCluster(state, (cluster) => void create(cluster, configMap("a")));
    const before = readFileSync(clusterFilePath(state), "utf8");
    await expect(
      withBareCluster(state, (cluster) => {
        create(cluster, configMap("b"));
        throw new Error("command failed");
      }),
    ).rejects.toThrow("command failed");
    expect(readFileSync(clusterFilePath(state), "utf8")).toBe(before);
    await withBareCluster(state, () => undefined, { lock: { waitMs: 0 } });
  });

  it("does not rewrite the file when nothing changed", async () => {
    const state = tempDir();
    await withBareCluster(state, (cluster) => void create(cluster, configMap("a")));
    const before = statSync(clusterFilePath(state)).ino;
    await withBareCluster(state, (cluster) => cluster.store.list());
    expect(statSync(clusterFilePath(state)).ino).toBe(before);
  });

  it("refuses a corrupt or foreign cluster.json, naming it", async () => {
    const state = tempDir({ "cluster.json": "{ not json" });
    await expect(withBareCluster(state, () => undefined)).rejects.toThrow(StateFileError);
    await expect(withBareCluster(state, () => undefined)).rejects.toThrow(
      `state file ${join(state, "cluster.json")} is not valid JSON (a crash cannot cause this: writes are atomic); delete it to start afresh`,
    );
    writeFileSync(join(state, "cluster.json"), JSON.stringify({ format: "drydock/cluster@99", data: {} }));
    await expect(withBareCluster(state, () => undefined)).rejects.toThrow('has format "drydock/cluster@99", and this drydock reads "drydock/cluster@1"');
    writeFileSync(join(state, "cluster.json"), JSON.stringify({ format: "drydock/cluster@1", data: { clock: {} } }));
    await expect(withBareCluster(state, () => undefined)).rejects.toThrow('does not hold what format "drydock/cluster@1" describes');
    expect(() => readBareCluster(state)).toThrow(StateFileError);
  });

  it("removes temporary files left by an interrupted save", async () => {
    const state = tempDir({ "cluster.json.123456789": "partial", "keep.json": "{}" });
    await withBareCluster(state, () => undefined);
    expect(existsSync(join(state, "cluster.json.123456789"))).toBe(false);
    expect(existsSync(join(state, "keep.json"))).toBe(true);
  });

  it("reads without the lock, seeing the last committed state", async () => {
    const state = tempDir();
    await withBareCluster(state, (cluster) => void create(cluster, configMap("a")));
    const lock = await lockState(state);
    try {
      expect(names(readBareCluster(state))).toEqual(["ConfigMap/default/a"]);
    } finally {
      await lock.release();
    }
  });
});

describe("state lock", () => {
  it("makes a second holder wait, then fail with one sentence naming the holder", async () => {
    const state = tempDir();
    const lock = await lockState(state);
    try {
      const attempt = withBareCluster(state, () => undefined, { lock: { waitMs: 200 } });
      await expect(attempt).rejects.toThrow(StateLockedError);
      await expect(withBareCluster(state, () => undefined, { lock: { waitMs: 0 } })).rejects.toThrow(
        `the cluster state in ${state} is locked by another drydock process (pid ${process.pid}); try again when it has finished`,
      );
    } finally {
      await lock.release();
    }
    await withBareCluster(state, () => undefined, { lock: { waitMs: 0 } });
  });

  it("takes over a stale lock left by a process that died", async () => {
    const state = tempDir();
    // What a killed process leaves behind: the lock directory, last refreshed a minute ago.
    mkdirSync(join(state, LOCK_DIR));
    const aMinuteAgo = new Date(Date.now() - 60_000);
    utimesSync(join(state, LOCK_DIR), aMinuteAgo, aMinuteAgo);
    await withBareCluster(state, (cluster) => void create(cluster, configMap("a")), { lock: { waitMs: 0 } });
    expect(names(readBareCluster(state))).toEqual(["ConfigMap/default/a"]);
  });

  it("says the holder is unknown when no owner file names it", async () => {
    const state = tempDir();
    mkdirSync(join(state, LOCK_DIR));
    await expect(withBareCluster(state, () => undefined, { lock: { waitMs: 0 } })).rejects.toThrow(
      `the cluster state in ${state} is locked by another drydock process (pid unknown); try again when it has finished`,
    );
  });
});

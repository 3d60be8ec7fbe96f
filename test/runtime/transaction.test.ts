import { describe, expect, it } from "vitest";
import { storeError } from "../../src/runtime/store/store-errors.js";
import { configMap, create, names, newCluster } from "./runtime-helpers.js";

describe("transactions", () => {
  it("apply several writes at once and emit their events after commit", () => {
    const cluster = newCluster();
    const seen: string[] = [];
    cluster.store.watch({}, (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
    const result = cluster.store.transaction((tx) => {
      const a = tx.create(configMap("a"));
      tx.create(configMap("b"));
      // Later operations see earlier ones.
      expect(tx.get({ group: "", kind: "ConfigMap", name: "a" })).toBeDefined();
      expect(seen).toEqual([]);
      return a.ok ? a.object.metadata.uid : undefined;
    });
    expect(result).toEqual({ ok: true, value: expect.any(String) });
    expect(seen).toEqual(["ADDED a", "ADDED b"]);
  });

  it("apply nothing when one operation fails, and return its error", () => {
    const cluster = newCluster();
    create(cluster, configMap("existing"));
    const before = JSON.stringify(cluster.store.snapshot());
    const idsBefore = cluster.ids.state();
    const seen: string[] = [];
    cluster.store.watch({}, (e) => seen.push(e.type));
    const result = cluster.store.transaction((tx) => {
      tx.create(configMap("a"));
      tx.modify({ group: "", kind: "ConfigMap", name: "existing" }, (o) => void (o.data = { changed: "yes" }));
      tx.create(configMap("existing"));
      tx.create(configMap("after-failure"));
    });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ reason: "AlreadyExists", message: 'configmaps "existing" already exists' }) });
    expect(JSON.stringify(cluster.store.snapshot())).toBe(before);
    expect(cluster.ids.state()).toEqual(idsBefore);
    expect(seen).toEqual([]);
  });

  it("roll back deletes and re-creations of the same object", () => {
    const cluster = newCluster();
    create(cluster, configMap("a"));
    const before = JSON.stringify(cluster.store.snapshot());
    cluster.store.transaction((tx) => {
      tx.delete({ group: "", kind: "ConfigMap", name: "a" });
      tx.create(configMap("a", { data: { new: "1" } }));
      tx.abort(storeError("BadRequest", "changed my mind"));
    });
    expect(JSON.stringify(cluster.store.snapshot())).toBe(before);
    const uid = cluster.store.get({ group: "", kind: "ConfigMap", name: "a" })?.metadata.uid;
    expect(cluster.store.getByUid(uid ?? "")?.metadata.name).toBe("a");
  });

  it("roll back when the work throws, and rethrow", () => {
    const cluster = newCluster();
    expect(() =>
      cluster.store.transaction((tx) => {
        tx.create(configMap("a"));
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(names(cluster)).toEqual([]);
    expect(cluster.store.resourceVersion).toBe(4);
  });

  it("must be synchronous", () => {
    const cluster = newCluster();
    expect(() => cluster.store.transaction(async (tx) => tx.create(configMap("a")))).toThrow("a store transaction must be synchronous");
    expect(names(cluster)).toEqual([]);
  });

  it("cannot be mixed with direct writes to the store", () => {
    const cluster = newCluster();
    expect(() => cluster.store.transaction(() => cluster.store.create(configMap("a")))).toThrow(/already open/);
    expect(names(cluster)).toEqual([]);
  });

  it("reuse the ids a rolled-back transaction drew, so failures leave no trace", () => {
    const a = newCluster();
    const b = newCluster();
    a.store.transaction((tx) => {
      tx.create(configMap("x"));
      tx.abort(storeError("BadRequest", "no"));
    });
    expect(create(a, configMap("y")).metadata.uid).toBe(create(b, configMap("y")).metadata.uid);
  });
});

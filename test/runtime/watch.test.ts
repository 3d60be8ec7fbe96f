import { describe, expect, it } from "vitest";
import type { WatchEvent } from "../../src/runtime/store/watch-event.js";
import { expectOk } from "../../src/runtime/store/store-errors.js";
import { configMap, create, newCluster } from "./runtime-helpers.js";

const describeEvent = (e: WatchEvent) => `${e.type} ${e.object.kind}/${e.object.metadata.namespace ?? "-"}/${e.object.metadata.name}@${e.object.metadata.resourceVersion}`;

describe("watch", () => {
  it("delivers ADDED, MODIFIED and DELETED in resourceVersion order, with the previous state", () => {
    const cluster = newCluster();
    const seen: WatchEvent[] = [];
    cluster.store.watch({}, (e) => seen.push(e));
    const ref = { group: "", kind: "ConfigMap", name: "a" };
    create(cluster, configMap("a"));
    expectOk(cluster.store.modify(ref, (o) => void (o.data = { v: "2" })));
    cluster.store.delete(ref);
    expect(seen.map(describeEvent)).toEqual(["ADDED ConfigMap/default/a@5", "MODIFIED ConfigMap/default/a@6", "DELETED ConfigMap/default/a@7"]);
    const modified = seen[1];
    expect(modified.type === "MODIFIED" && modified.previous.data).toEqual({ key: "a" });
  });

  it("filters by kind and namespace", () => {
    const cluster = newCluster();
    const seen: string[] = [];
    cluster.store.watch({ kind: "ConfigMap", namespace: "kube-system" }, (e) => seen.push(describeEvent(e)));
    create(cluster, configMap("a"));
    create(cluster, configMap("b", { namespace: "kube-system" }));
    create(cluster, { apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "kube-system" } });
    expect(seen).toEqual(["ADDED ConfigMap/kube-system/b@6"]);
  });

  it("filters by group", () => {
    const cluster = newCluster();
    const seen: string[] = [];
    cluster.store.watch({ group: "apps" }, (e) => seen.push(`${e.type} ${e.object.kind}/${e.object.metadata.name}`));
    create(cluster, configMap("a"));
    create(cluster, { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: {} });
    expect(seen).toEqual(["ADDED Deployment/web"]);
  });

  it("turns objects entering or leaving a label selector into ADDED and DELETED", () => {
    const cluster = newCluster();
    const seen: string[] = [];
    cluster.store.watch({ kind: "ConfigMap", labelSelector: { matchLabels: { app: "web" } } }, (e) => seen.push(describeEvent(e)));
    const ref = { group: "", kind: "ConfigMap", name: "a" };
    create(cluster, configMap("a"));
    expectOk(cluster.store.modify(ref, (o) => void (o.metadata.labels = { app: "web" })));
    expectOk(cluster.store.modify(ref, (o) => void (o.data = { v: "1" })));
    expectOk(cluster.store.modify(ref, (o) => void (o.metadata.labels = { app: "api" })));
    expect(seen).toEqual(["ADDED ConfigMap/default/a@6", "MODIFIED ConfigMap/default/a@7", "DELETED ConfigMap/default/a@8"]);
  });

  it("can start with the objects that already exist", () => {
    const cluster = newCluster();
    create(cluster, configMap("b"));
    create(cluster, configMap("a"));
    const seen: string[] = [];
    cluster.store.watch({ kind: "ConfigMap" }, (e) => seen.push(describeEvent(e)), { sendInitialEvents: true });
    create(cluster, configMap("c"));
    expect(seen).toEqual(["ADDED ConfigMap/default/a@6", "ADDED ConfigMap/default/b@5", "ADDED ConfigMap/default/c@7"]);
  });

  it("stops when unsubscribed", () => {
    const cluster = newCluster();
    const seen: string[] = [];
    const stop = cluster.store.watch({}, (e) => seen.push(describeEvent(e)));
    create(cluster, configMap("a"));
    stop();
    create(cluster, configMap("b"));
    expect(seen).toEqual(["ADDED ConfigMap/default/a@5"]);
  });

  it("queues writes made by listeners so every listener sees every event in order", () => {
    const cluster = newCluster();
    const first: string[] = [];
    const second: string[] = [];
    cluster.store.watch({}, (e) => {
      first.push(describeEvent(e));
      if (e.type === "ADDED" && e.object.metadata.name === "a") create(cluster, configMap("from-listener"));
    });
    cluster.store.watch({}, (e) => second.push(describeEvent(e)));
    cluster.store.transaction((tx) => {
      tx.create(configMap("a"));
      tx.create(configMap("b"));
    });
    const expected = ["ADDED ConfigMap/default/a@5", "ADDED ConfigMap/default/b@6", "ADDED ConfigMap/default/from-listener@7"];
    expect(first).toEqual(expected);
    expect(second).toEqual(expected);
  });

  it("delivers to every listener even if one throws, then reports the error", () => {
    const cluster = newCluster();
    const seen: string[] = [];
    cluster.store.watch({}, () => {
      throw new Error("listener broke");
    });
    cluster.store.watch({}, (e) => seen.push(describeEvent(e)));
    expect(() => create(cluster, configMap("a"))).toThrow("listener broke");
    expect(seen).toEqual(["ADDED ConfigMap/default/a@5"]);
    expect(cluster.store.get({ group: "", kind: "ConfigMap", name: "a" })).toBeDefined();
  });

  it("a watch opened by a listener does not replay events queued before it", () => {
    const cluster = newCluster();
    const late: string[] = [];
    cluster.store.watch({}, (e) => {
      if (e.object.metadata.name === "a") cluster.store.watch({}, (l) => late.push(describeEvent(l)), { sendInitialEvents: true });
    });
    cluster.store.transaction((tx) => {
      tx.create(configMap("a"));
      tx.create(configMap("b"));
    });
    create(cluster, configMap("c"));
    expect(late.filter((e) => e.includes("ConfigMap"))).toEqual(["ADDED ConfigMap/default/a@5", "ADDED ConfigMap/default/b@6", "ADDED ConfigMap/default/c@7"]);
  });
});

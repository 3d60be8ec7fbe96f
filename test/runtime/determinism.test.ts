import { describe, expect, it } from "vitest";
import { snapshotCluster, type Cluster } from "../../src/runtime/cluster.js";
import { expectOk } from "../../src/runtime/store/store-errors.js";
import { createBareCluster } from "./runtime-helpers.js";
import { configMap, create, deployment, ownerRef, pod, replicaSet } from "./runtime-helpers.js";

/** A scripted session touching every part: names, uids, events, time, GC, namespaces. */
function firstHalf(cluster: Cluster): void {
  create(cluster, { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } });
  const web = create(cluster, deployment("web", { namespace: "shop" }));
  const rs = create(cluster, { ...replicaSet("", web, { namespace: "shop" }), metadata: { generateName: "web-", namespace: "shop", ownerReferences: [ownerRef(web, { controller: true, blockOwnerDeletion: true })] } });
  for (let i = 0; i < 3; i++) {
    const p = create(cluster, { ...pod("", { namespace: "shop" }), metadata: { generateName: `${rs.metadata.name}-`, namespace: "shop", ownerReferences: [ownerRef(rs, { controller: true, blockOwnerDeletion: true })] } });
    cluster.events.for({ component: "replicaset-controller" }).event(rs, "Normal", "SuccessfulCreate", `Created pod: ${p.metadata.name}`);
  }
  cluster.clock.advance(12_345);
}

function secondHalf(cluster: Cluster): void {
  create(cluster, configMap("settings", { namespace: "shop" }));
  cluster.events.for({ component: "replicaset-controller" }).event({ kind: "ReplicaSet", namespace: "shop", name: "x" }, "Normal", "R", "m");
  cluster.events.for({ component: "replicaset-controller" }).event({ kind: "ReplicaSet", namespace: "shop", name: "x" }, "Normal", "R", "m");
  expectOk(cluster.store.modify({ group: "apps", kind: "Deployment", namespace: "shop", name: "web" }, (o) => void ((o.spec as { replicas: number }).replicas = 5)));
  cluster.store.delete({ group: "apps", kind: "Deployment", namespace: "shop", name: "web" }, { propagationPolicy: "Foreground" });
  cluster.clock.advance(60_000);
  create(cluster, { apiVersion: "v1", kind: "Namespace", metadata: { name: "tmp" } });
  create(cluster, configMap("x", { namespace: "tmp" }));
  cluster.store.delete({ group: "", kind: "Namespace", name: "tmp" });
  cluster.clock.advance(1000);
}

const reload = (cluster: Cluster): Cluster => createBareCluster({}, JSON.parse(JSON.stringify(snapshotCluster(cluster))));

describe("determinism", () => {
  it("the same operations give byte-identical state", () => {
    const a = createBareCluster();
    const b = createBareCluster();
    for (const cluster of [a, b]) {
      firstHalf(cluster);
      secondHalf(cluster);
    }
    expect(JSON.stringify(snapshotCluster(a))).toBe(JSON.stringify(snapshotCluster(b)));
    expect(snapshotCluster(a).store.objects.length).toBeGreaterThan(5);
  });

  it("saving and loading between operations changes nothing", () => {
    const straight = createBareCluster();
    firstHalf(straight);
    secondHalf(straight);
    let split = createBareCluster();
    firstHalf(split);
    split = reload(split);
    secondHalf(split);
    expect(JSON.stringify(snapshotCluster(split))).toBe(JSON.stringify(snapshotCluster(straight)));
  });

  it("another seed gives other uids and names", () => {
    const a = createBareCluster({ seed: "one" });
    const b = createBareCluster({ seed: "two" });
    firstHalf(a);
    firstHalf(b);
    const names = (c: Cluster) => c.store.list({ kind: "Pod" }).map((p) => p.metadata.name);
    expect(names(a)).not.toEqual(names(b));
  });
});

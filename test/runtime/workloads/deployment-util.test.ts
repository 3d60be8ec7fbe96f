import { afterEach, describe, expect, it } from "vitest";
import { computeTemplateHash } from "../../../src/runtime/ids/template-hash.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { equalIgnoreHash, resolveFenceposts, setNewReplicaSetAnnotations } from "../../../src/runtime/workloads/deployment-util.js";
import { rolloutResume } from "../../../src/runtime/workloads/rollout/index.js";
import { deploymentObject, getDeployment, replicaSetsOf, settle, workloadCluster, type Harness } from "./workload-harness.js";

let harness: Harness | undefined;
afterEach(() => harness?.stop());

describe("ResolveFenceposts", () => {
  it("rounds surge up and unavailability down, and never lets both be 0", () => {
    const defaults = (replicas: number) => resolveFenceposts("25%", "25%", replicas);
    expect([1, 3, 4, 10].map(defaults)).toEqual([
      { surge: 1, unavailable: 0 },
      { surge: 1, unavailable: 0 },
      { surge: 1, unavailable: 1 },
      { surge: 3, unavailable: 2 },
    ]);
    expect(resolveFenceposts(0, "25%", 3)).toEqual({ surge: 0, unavailable: 1 });
    expect(resolveFenceposts("25%", "25%", 0)).toEqual({ surge: 0, unavailable: 1 });
    expect(resolveFenceposts(3, 2, 10)).toEqual({ surge: 3, unavailable: 2 });
  });
});

describe("revision annotations", () => {
  const d: KubeObject = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", annotations: { "kubernetes.io/change-cause": "why", "deployment.kubernetes.io/revision": "9" } }, spec: { replicas: 4 } };

  it("a new ReplicaSet gets the Deployment's annotations (not its revision), the new revision and the replica counts", () => {
    const rs: KubeObject = { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web-1" } };
    expect(setNewReplicaSetAnnotations(d, rs, 3, false)).toBe(true);
    expect(rs.metadata.annotations).toEqual({
      "kubernetes.io/change-cause": "why",
      "deployment.kubernetes.io/revision": "3",
      "deployment.kubernetes.io/desired-replicas": "4",
      "deployment.kubernetes.io/max-replicas": "5",
    });
  });

  it("a reused ReplicaSet keeps its old numbers in revision-history", () => {
    const rs: KubeObject = { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web-1", annotations: { "deployment.kubernetes.io/revision": "2", "deployment.kubernetes.io/revision-history": "1" } } };
    expect(setNewReplicaSetAnnotations(d, rs, 5, true)).toBe(true);
    expect(rs.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("5");
    expect(rs.metadata.annotations?.["deployment.kubernetes.io/revision-history"]).toBe("1,2");
    // A lower revision never replaces a higher one.
    expect(setNewReplicaSetAnnotations(d, rs, 4, true)).toBe(false);
    expect(rs.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("5");
  });
});

describe("EqualIgnoreHash", () => {
  it("ignores only the pod-template-hash label", () => {
    const a = { metadata: { labels: { app: "web", "pod-template-hash": "abc" } }, spec: { containers: [{ name: "c", image: "x" }] } };
    expect(equalIgnoreHash(a, { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "x" }] } })).toBe(true);
    expect(equalIgnoreHash(a, { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "y" }] } })).toBe(false);
    expect(equalIgnoreHash({ metadata: { labels: { "pod-template-hash": "abc" } } }, {})).toBe(true);
  });
});

describe("hash collisions", () => {
  it("a name taken by a ReplicaSet with another template bumps status.collisionCount and hashes again", () => {
    harness = workloadCluster();
    const { cluster } = harness;
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 1, paused: true })));
    settle(cluster);
    const template = (getDeployment(cluster, "web").spec as any).template;
    const hash = computeTemplateHash(template);
    expectOk(
      cluster.store.create({
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: { name: `web-${hash}`, namespace: "default", labels: { app: "squatter" } },
        spec: { replicas: 0, selector: { matchLabels: { app: "squatter" } }, template: { metadata: { labels: { app: "squatter" } }, spec: { containers: [{ name: "c", image: "busybox" }] } } },
      }),
    );
    rolloutResume(cluster.store, { namespace: "default", name: "web" });
    settle(cluster);
    expect(getDeployment(cluster, "web").status).toMatchObject({ collisionCount: 1, availableReplicas: 1 });
    expect(replicaSetsOf(cluster, "web").map((rs) => rs.metadata.name)).toEqual([`web-${computeTemplateHash(template, 1)}`]);
  });
});

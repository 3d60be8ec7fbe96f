import { describe, expect, it } from "vitest";
import {
  CONTROLLER_REVISION_HASH_LABEL,
  ensureRevision,
  ownedRevisions,
  revisionHash,
  revisionNumber,
  templateOfRevision,
  truncateHistory,
} from "../../../src/runtime/workloads/controller-revisions.js";
import type { PodTemplate } from "../../../src/runtime/workloads/workload-types.js";
import { create, newCluster } from "../runtime-helpers.js";

function template(image: string): PodTemplate {
  return { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image }] } };
}

function statefulSet() {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "web", annotations: { "kubernetes.io/change-cause": "first" } },
    spec: { selector: { matchLabels: { app: "web" } }, serviceName: "nginx", template: template("nginx:1.9.1") },
  };
}

describe("controller revisions", () => {
  it("stores the template as a replace patch, named and labelled by its hash", () => {
    const cluster = newCluster();
    const owner = create(cluster, statefulSet());
    const result = ensureRevision(cluster.store, owner, template("nginx:1.9.1"));
    if (!result.ok) throw new Error(result.error.message);
    const hash = revisionHash(template("nginx:1.9.1"));
    expect(result).toMatchObject({ created: true, collisionCount: 0 });
    expect(result.revision.metadata.name).toBe(`web-${hash}`);
    expect(result.revision.metadata.labels).toEqual({ app: "web", [CONTROLLER_REVISION_HASH_LABEL]: hash });
    expect(result.revision.metadata.ownerReferences).toEqual([{ apiVersion: "apps/v1", kind: "StatefulSet", name: "web", uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(result.revision.data).toEqual({ spec: { template: { ...template("nginx:1.9.1"), $patch: "replace" } } });
    expect(result.revision.revision).toBe(1);
    expect(result.revision.metadata.annotations).toEqual({ "kubernetes.io/change-cause": "first" });
    expect(templateOfRevision(result.revision)).toEqual(template("nginx:1.9.1"));
  });

  it("reuses an equal revision, and renumbers an older one that becomes current again", () => {
    const cluster = newCluster();
    const owner = create(cluster, statefulSet());
    const first = ensureRevision(cluster.store, owner, template("nginx:1.9.1"));
    const again = ensureRevision(cluster.store, owner, template("nginx:1.9.1"));
    expect(again.ok && !again.created && again.revision.metadata.name).toBe(first.ok && first.revision.metadata.name);
    ensureRevision(cluster.store, owner, template("nginx:1.10"));
    const back = ensureRevision(cluster.store, owner, template("nginx:1.9.1"));
    expect(back.ok && back.revision.metadata.name).toBe(first.ok && first.revision.metadata.name);
    expect(ownedRevisions(cluster.store, owner).map((r) => [templateOfRevision(r).spec?.containers, revisionNumber(r)])).toEqual([
      [[{ name: "nginx", image: "nginx:1.10" }], 2],
      [[{ name: "nginx", image: "nginx:1.9.1" }], 3],
    ]);
  });

  it("counts a collision when the name is taken by other data", () => {
    const cluster = newCluster();
    const owner = create(cluster, statefulSet());
    const hash = revisionHash(template("nginx:1.9.1"));
    create(cluster, { apiVersion: "apps/v1", kind: "ControllerRevision", metadata: { name: `web-${hash}` }, data: { other: true }, revision: 1 });
    const result = ensureRevision(cluster.store, owner, template("nginx:1.9.1"));
    expect(result.ok && [result.collisionCount, result.revision.metadata.name]).toEqual([1, `web-${revisionHash(template("nginx:1.9.1"), 1)}`]);
  });

  it("truncates the oldest revisions beyond the limit, keeping live ones", () => {
    const cluster = newCluster();
    const owner = create(cluster, statefulSet());
    const names = ["1", "2", "3", "4"].map((v) => {
      const result = ensureRevision(cluster.store, owner, template(`nginx:${v}`));
      return result.ok ? (result.revision.metadata.name ?? "") : "";
    });
    expect(truncateHistory(cluster.store, owner, 1, new Set([names[0], names[3]]))).toEqual([names[1]]);
    expect(ownedRevisions(cluster.store, owner).map((r) => r.metadata.name)).toEqual([names[0], names[2], names[3]]);
  });
});

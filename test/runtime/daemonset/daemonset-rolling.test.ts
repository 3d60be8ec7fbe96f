// DaemonSet updates on the whole simulated cluster (three workers): RollingUpdate with
// maxUnavailable (an integer or a percent rounded up), maxSurge and minReadySeconds, OnDelete, and
// the ControllerRevision history.
import { describe, expect, it } from "vitest";
import { createCluster, type Cluster } from "../../../src/runtime/cluster.js";
import { refOf, type KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { CONTROLLER_REVISION_HASH_LABEL, templateOfRevision } from "../../../src/runtime/workloads/controller-revisions.js";
import { daemonPods, DS_REF, dsEvents, dsStatus, isReady, logAgent, nodeOf, placement, settle, setImage, watchUnavailable } from "./daemonset-helpers.js";

const NODES = ["worker-1", "worker-2", "worker-3"];
/** How long the simulated registry takes to pull fluentd:v1.17 (fixed per image). */
const PULL_V117 = 3_735;

interface Step {
  after: number;
  change: "created" | "deleted";
  node: string;
  image: string;
}

/** Records when daemon pods appear and are marked for deletion, relative to now. */
function recordSteps(cluster: Cluster): { steps: Step[]; stop: () => void } {
  const start = cluster.clock.now();
  const steps: Step[] = [];
  const image = (pod: KubeObject) => (pod.spec as { containers: Array<{ image: string }> }).containers[0].image;
  const target = (pod: KubeObject) => JSON.stringify(pod.spec).match(/"values":\["(worker-\d)"\]/)?.[1] ?? "";
  const stop = cluster.store.watch({ group: "", kind: "Pod" }, (e) => {
    if (e.type === "ADDED") steps.push({ after: cluster.clock.now() - start, change: "created", node: target(e.object), image: image(e.object) });
    if (e.type === "MODIFIED" && e.previous.metadata.deletionTimestamp === undefined && e.object.metadata.deletionTimestamp !== undefined) {
      steps.push({ after: cluster.clock.now() - start, change: "deleted", node: nodeOf(e.object), image: image(e.object) });
    }
  });
  return { steps, stop };
}

function revisions(cluster: Cluster): KubeObject[] {
  return cluster.store.list({ group: "apps", kind: "ControllerRevision", namespace: "default" }).sort((a, b) => (a.revision as number) - (b.revision as number));
}

function started(spec: Record<string, unknown> = {}): Cluster {
  const cluster = createCluster();
  expectOk(cluster.store.create(logAgent({ spec })));
  settle(cluster);
  return cluster;
}

describe("DaemonSet RollingUpdate", () => {
  it("replaces the pods one node at a time, never more than maxUnavailable (1) down, each step when the last new pod is ready", () => {
    const cluster = started();
    const oldHash = daemonPods(cluster)[0].metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
    const unavailable = watchUnavailable(cluster, NODES);
    const { steps, stop } = recordSteps(cluster);
    const eventsBefore = dsEvents(cluster).length;
    setImage(cluster, "fluentd:v1.17");
    settle(cluster);
    stop();
    unavailable.stop();
    expect(unavailable.max()).toBe(1);
    expect(steps).toEqual([
      { after: 0, change: "deleted", node: "worker-1", image: "fluentd:v1.16" },
      { after: 0, change: "created", node: "worker-1", image: "fluentd:v1.17" },
      { after: PULL_V117, change: "deleted", node: "worker-2", image: "fluentd:v1.16" },
      { after: PULL_V117, change: "created", node: "worker-2", image: "fluentd:v1.17" },
      { after: 2 * PULL_V117, change: "deleted", node: "worker-3", image: "fluentd:v1.16" },
      { after: 2 * PULL_V117, change: "created", node: "worker-3", image: "fluentd:v1.17" },
    ]);
    expect(dsEvents(cluster).slice(eventsBefore).map((e) => e.reason)).toEqual(["SuccessfulDelete", "SuccessfulCreate", "SuccessfulDelete", "SuccessfulCreate", "SuccessfulDelete", "SuccessfulCreate"]);

    const pods = daemonPods(cluster);
    const newHash = revisions(cluster)[1].metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
    expect(newHash).not.toBe(oldHash);
    expect(pods.map((p) => p.metadata.labels)).toEqual(NODES.map(() => ({ app: "log-agent", "pod-template-generation": "2", [CONTROLLER_REVISION_HASH_LABEL]: newHash })));
    expect(pods.every(isReady)).toBe(true);
    expect(cluster.store.get(DS_REF())?.metadata.annotations?.["deprecated.daemonset.template.generation"]).toBe("2");
    expect(dsStatus(cluster)).toMatchObject({ desiredNumberScheduled: 3, numberReady: 3, observedGeneration: 2, updatedNumberScheduled: 3, numberAvailable: 3 });
  });

  it("takes down ceil(50% of 3) = 2 nodes at once with maxUnavailable 50%", () => {
    const cluster = started({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "50%" } } });
    const unavailable = watchUnavailable(cluster, NODES);
    const { steps, stop } = recordSteps(cluster);
    setImage(cluster, "fluentd:v1.17");
    settle(cluster);
    stop();
    expect(unavailable.max()).toBe(2);
    expect(steps.filter((s) => s.change === "deleted")).toEqual([
      { after: 0, change: "deleted", node: "worker-1", image: "fluentd:v1.16" },
      { after: 0, change: "deleted", node: "worker-2", image: "fluentd:v1.16" },
      { after: PULL_V117, change: "deleted", node: "worker-3", image: "fluentd:v1.16" },
    ]);
    expect(dsStatus(cluster)).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3 });
  });

  it("with maxSurge 1 starts each new pod beside the old one and deletes the old one once the new is available", () => {
    const cluster = started({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } });
    const unavailable = watchUnavailable(cluster, NODES);
    const { steps, stop } = recordSteps(cluster);
    let mostOnOneNode = 0;
    const stopCount = cluster.store.watch({ group: "", kind: "Pod" }, () => {
      const perNode = placement(cluster);
      mostOnOneNode = Math.max(mostOnOneNode, ...Object.values(perNode));
    });
    setImage(cluster, "fluentd:v1.17");
    settle(cluster);
    stop();
    stopCount();
    expect(unavailable.max()).toBe(0);
    expect(mostOnOneNode).toBe(2);
    expect(steps).toEqual([
      { after: 0, change: "created", node: "worker-1", image: "fluentd:v1.17" },
      { after: PULL_V117, change: "deleted", node: "worker-1", image: "fluentd:v1.16" },
      { after: PULL_V117, change: "created", node: "worker-2", image: "fluentd:v1.17" },
      { after: 2 * PULL_V117, change: "deleted", node: "worker-2", image: "fluentd:v1.16" },
      { after: 2 * PULL_V117, change: "created", node: "worker-3", image: "fluentd:v1.17" },
      { after: 3 * PULL_V117, change: "deleted", node: "worker-3", image: "fluentd:v1.16" },
    ]);
    expect(placement(cluster)).toEqual({ "worker-1": 1, "worker-2": 1, "worker-3": 1 });
    expect(dsStatus(cluster)).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3 });
  });

  it("waits minReadySeconds after each new pod is ready before the next node, and counts it available only then", () => {
    const cluster = started({ minReadySeconds: 10 });
    const start = cluster.clock.now();
    const { steps, stop } = recordSteps(cluster);
    setImage(cluster, "fluentd:v1.17");
    cluster.clock.advance(PULL_V117 + 5_000);
    // Ready on worker-1 for 5 s: ready, not yet available.
    expect(dsStatus(cluster)).toMatchObject({ numberReady: 3, numberAvailable: 2, numberUnavailable: 1, updatedNumberScheduled: 1 });
    settle(cluster);
    stop();
    // Each next node goes 10 s after the previous node's new pod turned Ready (a time in whole seconds).
    const readyAt = (node: string) => {
      const pod = daemonPods(cluster).find((p) => nodeOf(p) === node)!;
      const ready = (pod.status as { conditions: Array<{ type: string; lastTransitionTime: string }> }).conditions.find((c) => c.type === "Ready")!;
      return Date.parse(ready.lastTransitionTime) - start;
    };
    expect(steps.filter((s) => s.change === "deleted").map((s) => [s.after, s.node])).toEqual([
      [0, "worker-1"],
      [readyAt("worker-1") + 10_000, "worker-2"],
      [readyAt("worker-2") + 10_000, "worker-3"],
    ]);
    expect(readyAt("worker-1")).toBeGreaterThan(PULL_V117 - 1_000);
    expect(readyAt("worker-1")).toBeLessThanOrEqual(PULL_V117);
    expect(dsStatus(cluster)).toMatchObject({ numberAvailable: 3, updatedNumberScheduled: 3 });
    expect(dsStatus(cluster).numberUnavailable).toBeUndefined();
  });

  it("with maxSurge and minReadySeconds deletes each old pod only when its replacement has been ready that long", () => {
    const cluster = started({ minReadySeconds: 10, updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "100%" } } });
    const start = cluster.clock.now();
    const unavailable = watchUnavailable(cluster, NODES);
    const { steps, stop } = recordSteps(cluster);
    setImage(cluster, "fluentd:v1.17");
    settle(cluster);
    stop();
    expect(unavailable.max()).toBe(0);
    // 100% of 3 nodes: all three new pods start at once, beside the old ones.
    expect(steps.filter((s) => s.change === "created").map((s) => [s.after, s.node])).toEqual(NODES.map((n) => [0, n]));
    const ready = Date.parse(
      (daemonPods(cluster)[0].status as { conditions: Array<{ type: string; lastTransitionTime: string }> }).conditions.find((c) => c.type === "Ready")!.lastTransitionTime,
    );
    expect(steps.filter((s) => s.change === "deleted").map((s) => [s.after, s.node])).toEqual(NODES.map((n) => [ready + 10_000 - start, n]));
    expect(dsStatus(cluster)).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3 });
  });

  it("rolls over a node whose old pod is not ready at once, without spending the budget on it", () => {
    const cluster = started();
    // worker-3's pod stops being ready: an unavailable old pod may always be replaced.
    const sick = daemonPods(cluster).find((p) => nodeOf(p) === "worker-3")!;
    const conditions = ((sick.status as { conditions: Array<{ type: string; status: string }> }).conditions ?? []).map((c) => (c.type === "Ready" ? { ...c, status: "False" } : c));
    expectOk(cluster.store.modify(refOf(sick), (p) => void (p.status = { ...(p.status as object), conditions }), { subresource: "status" }));
    const { steps, stop } = recordSteps(cluster);
    setImage(cluster, "fluentd:v1.17");
    cluster.clock.advance(0);
    stop();
    expect(steps.filter((s) => s.change === "deleted").map((s) => s.node)).toEqual(["worker-3"]);
  });
});

describe("DaemonSet OnDelete", () => {
  it("updates only the pods the user deletes", () => {
    const cluster = started({ updateStrategy: { type: "OnDelete" } });
    const before = daemonPods(cluster).map((p) => p.metadata.name).sort();
    setImage(cluster, "fluentd:v1.17");
    settle(cluster);
    expect(daemonPods(cluster).map((p) => p.metadata.name).sort()).toEqual(before);
    expect(dsStatus(cluster)).toMatchObject({ observedGeneration: 2, currentNumberScheduled: 3, numberAvailable: 3 });
    expect(dsStatus(cluster).updatedNumberScheduled).toBeUndefined();

    const deleted = daemonPods(cluster).find((p) => nodeOf(p) === "worker-2")!;
    expectOk(cluster.store.delete(refOf(deleted)));
    settle(cluster);
    const replacement = daemonPods(cluster).find((p) => nodeOf(p) === "worker-2")!;
    expect((replacement.spec as { containers: Array<{ image: string }> }).containers[0].image).toBe("fluentd:v1.17");
    expect(replacement.metadata.labels?.["pod-template-generation"]).toBe("2");
    expect(daemonPods(cluster).filter((p) => (p.spec as { containers: Array<{ image: string }> }).containers[0].image === "fluentd:v1.16")).toHaveLength(2);
    expect(dsStatus(cluster)).toMatchObject({ updatedNumberScheduled: 1, numberAvailable: 3 });
  });
});

describe("DaemonSet revisions", () => {
  it("keeps one ControllerRevision per template, numbered, the template stored as a replace patch", () => {
    const cluster = started();
    setImage(cluster, "fluentd:v1.17");
    settle(cluster);
    const [first, second] = revisions(cluster);
    expect([first.revision, second.revision]).toEqual([1, 2]);
    const ds = cluster.store.get(DS_REF())!;
    for (const revision of [first, second]) {
      const hash = revision.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
      expect(revision.metadata.name).toBe(`log-agent-${hash}`);
      expect(revision.metadata.labels).toEqual({ app: "log-agent", [CONTROLLER_REVISION_HASH_LABEL]: hash });
      expect(revision.metadata.ownerReferences).toEqual([{ apiVersion: "apps/v1", kind: "DaemonSet", name: "log-agent", uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect((revision.data as { spec: { template: { $patch: string } } }).spec.template.$patch).toBe("replace");
    }
    expect((templateOfRevision(second).spec as { containers: Array<{ image: string }> }).containers[0].image).toBe("fluentd:v1.17");

    // Going back to the first template reuses its revision, renumbered as the newest.
    setImage(cluster, "fluentd:v1.16");
    settle(cluster);
    expect(revisions(cluster).map((r) => [r.metadata.name, r.revision])).toEqual([
      [second.metadata.name, 2],
      [first.metadata.name, 3],
    ]);
    expect(daemonPods(cluster).every((p) => p.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === first.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL])).toBe(true);
    // The template generation still counts up: pods carry 3 now.
    expect(daemonPods(cluster).every((p) => p.metadata.labels?.["pod-template-generation"] === "3")).toBe(true);
  });

  it("truncates the history to revisionHistoryLimit old revisions, sparing those whose hash a pod still carries", () => {
    const cluster = started({ revisionHistoryLimit: 1, updateStrategy: { type: "OnDelete" } });
    const original = revisions(cluster)[0];
    for (const tag of ["v1.17", "v1.14"]) {
      setImage(cluster, `fluentd:${tag}`);
      settle(cluster);
    }
    // OnDelete: every pod still runs the first template, so its revision stays beside the newest.
    expect(revisions(cluster).map((r) => r.revision)).toEqual([1, 3]);
    expect(revisions(cluster)[0].metadata.name).toBe(original.metadata.name);

    for (const pod of daemonPods(cluster)) expectOk(cluster.store.delete(refOf(pod)));
    settle(cluster);
    setImage(cluster, "fluentd:v1.15");
    settle(cluster);
    // No pod uses revision 1 any more: one old revision (3) is kept, plus the current one (4).
    expect(revisions(cluster).map((r) => r.revision)).toEqual([3, 4]);
  });
});

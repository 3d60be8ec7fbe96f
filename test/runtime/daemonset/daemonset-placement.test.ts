// Where a DaemonSet's pods go on the whole simulated cluster (three workers): one per eligible node,
// following nodes as they are added, removed, relabelled, tainted, cordoned and failed.
import { describe, expect, it } from "vitest";
import { createCluster } from "../../../src/runtime/cluster.js";
import { addNode, cordonNode, failNode, recoverNode, removeNode } from "../../../src/runtime/nodes/node-operations.js";
import { refOf, type KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { CONTROLLER_REVISION_HASH_LABEL } from "../../../src/runtime/workloads/controller-revisions.js";
import { daemonPods, depsOf, DS_REF, dsEvents, dsStatus, isReady, logAgent, modifyNode, nodeOf, placement, settle } from "./daemonset-helpers.js";

const ALL = { "worker-1": 1, "worker-2": 1, "worker-3": 1 };

function started() {
  const cluster = createCluster();
  expectOk(cluster.store.create(logAgent()));
  settle(cluster);
  return cluster;
}

function podOn(cluster: ReturnType<typeof createCluster>, node: string): KubeObject {
  const pod = daemonPods(cluster).find((p) => nodeOf(p) === node && p.metadata.deletionTimestamp === undefined);
  if (!pod) throw new Error(`no daemon pod on ${node}`);
  return pod;
}

describe("DaemonSet placement", () => {
  it("runs one pod per node: three SuccessfulCreate events, the revision hash and generation labels, the pinned affinity and the automatic tolerations", () => {
    const cluster = createCluster();
    const t0 = cluster.clock.now();
    expectOk(cluster.store.create(logAgent()));
    settle(cluster);
    const pods = daemonPods(cluster).sort((a, b) => (nodeOf(a) < nodeOf(b) ? -1 : 1));
    expect(pods.map(nodeOf)).toEqual(["worker-1", "worker-2", "worker-3"]);
    // The controller creates them in node order, all at the first instant.
    expect(dsEvents(cluster)).toEqual(pods.map((p) => ({ type: "Normal", reason: "SuccessfulCreate", message: `Created pod: ${p.metadata.name}`, at: t0 })));
    expect(dsEvents(cluster).every((e) => e.type === "Normal")).toBe(true);

    const [revision] = cluster.store.list({ group: "apps", kind: "ControllerRevision", namespace: "default" });
    const hash = revision.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
    expect(revision.metadata.name).toBe(`log-agent-${hash}`);
    const ds = cluster.store.get(DS_REF())!;
    for (const pod of pods) {
      expect(pod.metadata.generateName).toBe("log-agent-");
      expect(pod.metadata.name).toMatch(/^log-agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.metadata.labels).toEqual({ app: "log-agent", "pod-template-generation": "1", [CONTROLLER_REVISION_HASH_LABEL]: hash });
      expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: "apps/v1", kind: "DaemonSet", name: "log-agent", uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      const spec = pod.spec as { affinity: unknown; tolerations: unknown };
      expect(spec.affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [nodeOf(pod)] }] }] } } });
      expect(spec.tolerations).toEqual([
        { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
        { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
        { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
        { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
        { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
      ]);
      expect(isReady(pod)).toBe(true);
    }
    // The default scheduler bound each pod to the node its affinity names.
    const scheduled = cluster.store
      .list({ group: "", kind: "Event", namespace: "default" })
      .filter((e) => e.reason === "Scheduled")
      .map((e) => e.message)
      .sort();
    expect(scheduled).toEqual(pods.map((p) => `Successfully assigned default/${p.metadata.name} to ${nodeOf(p)}`).sort());
    expect(ds.metadata.annotations).toEqual({ "deprecated.daemonset.template.generation": "1" });
    // Status in the API's field order; numberUnavailable (0) is left out.
    expect(Object.entries(dsStatus(cluster))).toEqual([
      ["currentNumberScheduled", 3],
      ["numberMisscheduled", 0],
      ["desiredNumberScheduled", 3],
      ["numberReady", 3],
      ["observedGeneration", 1],
      ["updatedNumberScheduled", 3],
      ["numberAvailable", 3],
    ]);
  });

  it("reports the pods as unavailable until their images are pulled and they turn ready", () => {
    const cluster = createCluster();
    expectOk(cluster.store.create(logAgent()));
    cluster.clock.advance(1_000);
    expect(Object.entries(dsStatus(cluster))).toEqual([
      ["currentNumberScheduled", 3],
      ["numberMisscheduled", 0],
      ["desiredNumberScheduled", 3],
      ["numberReady", 0],
      ["observedGeneration", 1],
      ["updatedNumberScheduled", 3],
      ["numberUnavailable", 3],
    ]);
    settle(cluster);
    expect(dsStatus(cluster)).toMatchObject({ numberReady: 3, numberAvailable: 3 });
    expect(dsStatus(cluster).numberUnavailable).toBeUndefined();
  });

  it("places pods only on nodes matching the nodeSelector, and follows relabelling both ways", () => {
    const cluster = createCluster();
    for (const name of ["worker-1", "worker-3"]) modifyNode(cluster, name, (n) => void (n.metadata.labels = { ...n.metadata.labels, disk: "ssd" }));
    expectOk(cluster.store.create(logAgent({ podSpec: { nodeSelector: { disk: "ssd" } } })));
    settle(cluster);
    expect(placement(cluster)).toEqual({ "worker-1": 1, "worker-3": 1 });
    expect(dsStatus(cluster)).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2 });

    modifyNode(cluster, "worker-2", (n) => void (n.metadata.labels = { ...n.metadata.labels, disk: "ssd" }));
    settle(cluster);
    expect(placement(cluster)).toEqual(ALL);

    const leaving = podOn(cluster, "worker-1");
    modifyNode(cluster, "worker-1", (n) => {
      const labels = { ...n.metadata.labels };
      delete labels.disk;
      n.metadata.labels = labels;
    });
    settle(cluster);
    expect(placement(cluster)).toEqual({ "worker-2": 1, "worker-3": 1 });
    expect(cluster.store.get(refOf(leaving))).toBeUndefined();
    expect(dsEvents(cluster).at(-1)).toMatchObject({ reason: "SuccessfulDelete", message: `Deleted pod: ${leaving.metadata.name}` });
    expect(dsStatus(cluster)).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 0 });
  });

  it("honours required node affinity, then pins each pod with matchFields in place of the template's terms", () => {
    const cluster = createCluster();
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "NotIn", values: ["worker-2"] }] }] } } };
    expectOk(cluster.store.create(logAgent({ podSpec: { affinity } })));
    settle(cluster);
    expect(placement(cluster)).toEqual({ "worker-1": 1, "worker-3": 1 });
    const terms = (podOn(cluster, "worker-3").spec as { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: unknown } } } }).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    expect(terms).toEqual([{ matchFields: [{ key: "metadata.name", operator: "In", values: ["worker-3"] }] }]);
  });

  it("skips a node with a NoSchedule taint it does not tolerate, and uses it with a toleration", () => {
    const cluster = createCluster();
    modifyNode(cluster, "worker-2", (n) => void ((n.spec as Record<string, unknown>).taints = [{ key: "dedicated", value: "db", effect: "NoSchedule" }]));
    expectOk(cluster.store.create(logAgent()));
    expectOk(cluster.store.create(logAgent({ name: "tolerant", podSpec: { tolerations: [{ key: "dedicated", operator: "Equal", value: "db", effect: "NoSchedule" }] } })));
    settle(cluster);
    expect(placement(cluster)).toEqual({ "worker-1": 1, "worker-3": 1 });
    expect(dsStatus(cluster)).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2 });
    expect(placement(cluster, "tolerant")).toEqual(ALL);
    // The user's toleration comes first, the automatic ones after it.
    expect((daemonPods(cluster, "tolerant")[0].spec as { tolerations: Array<{ key: string }> }).tolerations.map((t) => t.key)).toEqual([
      "dedicated",
      "node.kubernetes.io/not-ready",
      "node.kubernetes.io/unreachable",
      "node.kubernetes.io/disk-pressure",
      "node.kubernetes.io/memory-pressure",
      "node.kubernetes.io/pid-pressure",
      "node.kubernetes.io/unschedulable",
    ]);
  });

  it("keeps a running pod when its node gets a NoSchedule taint later, counting it as misscheduled", () => {
    const cluster = started();
    const kept = podOn(cluster, "worker-2");
    modifyNode(cluster, "worker-2", (n) => void ((n.spec as Record<string, unknown>).taints = [{ key: "dedicated", value: "db", effect: "NoSchedule" }]));
    settle(cluster);
    expect(placement(cluster)).toEqual(ALL);
    expect(cluster.store.get(refOf(kept))?.metadata.deletionTimestamp).toBeUndefined();
    expect(dsStatus(cluster)).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 1 });
  });

  it("loses the pod of a node tainted NoExecute, and makes no new one there", () => {
    const cluster = started();
    const evicted = podOn(cluster, "worker-2");
    modifyNode(cluster, "worker-2", (n) => void ((n.spec as Record<string, unknown>).taints = [{ key: "dedicated", value: "db", effect: "NoExecute" }]));
    settle(cluster);
    expect(cluster.store.get(refOf(evicted))).toBeUndefined();
    expect(placement(cluster)).toEqual({ "worker-1": 1, "worker-3": 1 });
    expect(dsEvents(cluster).filter((e) => e.reason === "SuccessfulCreate")).toHaveLength(3);
    expect(dsStatus(cluster)).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 0, numberAvailable: 2 });
  });

  it("gives an added node a pod, and a removed node's pod goes with it", () => {
    const cluster = started();
    expect(addNode(depsOf(cluster), "worker-4")).toEqual({ ok: true, message: "node/worker-4 created" });
    settle(cluster);
    expect(placement(cluster)).toEqual({ ...ALL, "worker-4": 1 });
    expect(dsStatus(cluster)).toMatchObject({ desiredNumberScheduled: 4, currentNumberScheduled: 4, numberReady: 4, numberAvailable: 4 });

    const lost = podOn(cluster, "worker-1");
    expect(removeNode(depsOf(cluster), "worker-1").ok).toBe(true);
    settle(cluster);
    expect(cluster.store.get(refOf(lost))).toBeUndefined();
    expect(placement(cluster)).toEqual({ "worker-2": 1, "worker-3": 1, "worker-4": 1 });
    expect(dsStatus(cluster)).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberAvailable: 3 });
    // The pod garbage collector deleted it, not the DaemonSet controller.
    expect(dsEvents(cluster).filter((e) => e.reason === "SuccessfulDelete")).toEqual([]);
  });

  it("deletes a pod that could never be bound once its node is gone", () => {
    const cluster = createCluster();
    expectOk(cluster.store.create(logAgent({ podSpec: { containers: [{ name: "agent", image: "fluentd:v1.16", resources: { requests: { cpu: "5" } } }] } })));
    settle(cluster);
    const stuck = daemonPods(cluster).find((p) => JSON.stringify(p.spec).includes('"worker-2"'))!;
    expect(nodeOf(stuck)).toBe("");
    removeNode(depsOf(cluster), "worker-2");
    settle(cluster);
    expect(cluster.store.get(refOf(stuck))).toBeUndefined();
    expect(dsEvents(cluster).at(-1)).toMatchObject({ reason: "SuccessfulDelete", message: `Deleted pod: ${stuck.metadata.name}` });
    expect(daemonPods(cluster)).toHaveLength(2);
  });

  it("keeps pods on a cordoned node and replaces a deleted one there (they tolerate unschedulable)", () => {
    const cluster = started();
    const kept = podOn(cluster, "worker-2");
    expect(cordonNode(depsOf(cluster), "worker-2").message).toBe("node/worker-2 cordoned");
    settle(cluster);
    expect(cluster.store.get(refOf(kept))?.metadata.deletionTimestamp).toBeUndefined();
    expect(dsStatus(cluster)).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberMisscheduled: 0 });

    expectOk(cluster.store.delete(refOf(kept)));
    settle(cluster);
    const replacement = podOn(cluster, "worker-2");
    expect(replacement.metadata.name).not.toBe(kept.metadata.name);
    expect(isReady(replacement)).toBe(true);
    expect(placement(cluster)).toEqual(ALL);
  });

  it("keeps its pods through a node failure while a Deployment's pods there are evicted after 350 s and replaced", () => {
    const cluster = createCluster();
    const t0 = cluster.clock.now();
    expectOk(cluster.store.create(logAgent()));
    expectOk(
      cluster.store.create({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web", namespace: "default" },
        spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.9.1" }] } } },
      }),
    );
    settle(cluster);
    const webOnWorker3 = () => cluster.store.list({ group: "", kind: "Pod", namespace: "default", labelSelector: { matchLabels: { app: "web" } } }).filter((p) => nodeOf(p) === "worker-3");
    const doomed = webOnWorker3();
    expect(doomed.length).toBeGreaterThan(0);
    const daemon = podOn(cluster, "worker-3");
    const failedAt = cluster.clock.now();
    let evictedAfter: number | undefined;
    const stop = cluster.store.watch({ group: "", kind: "Pod" }, (e) => {
      if (evictedAfter === undefined && e.object.metadata.deletionTimestamp !== undefined && doomed.some((p) => p.metadata.uid === e.object.metadata.uid)) evictedAfter = cluster.clock.now() - failedAt;
    });
    failNode(depsOf(cluster), "worker-3");
    settle(cluster, 10 * 60_000);
    stop();
    // 50 s of grace, then 300 s of the default toleration (taint times hold whole seconds).
    expect(evictedAfter).toBeGreaterThan(349_000);
    expect(evictedAfter).toBeLessThanOrEqual(350_000);
    // The Deployment's pods on the dead node are marked for deletion, and replaced elsewhere.
    for (const pod of doomed) expect(cluster.store.get(refOf(pod))?.metadata.deletionTimestamp).toBeDefined();
    const web = cluster.store.list({ group: "", kind: "Pod", namespace: "default", labelSelector: { matchLabels: { app: "web" } } }).filter((p) => p.metadata.deletionTimestamp === undefined);
    expect(web.filter(isReady).map(nodeOf).every((n) => n !== "worker-3")).toBe(true);
    expect(web.filter(isReady)).toHaveLength(3);
    // The daemon pod stays, never evicted: it tolerates not-ready and unreachable without a limit.
    const still = cluster.store.get(refOf(daemon))!;
    expect(still.metadata.deletionTimestamp).toBeUndefined();
    expect(isReady(still)).toBe(false);
    expect(cluster.store.list({ group: "", kind: "Event", namespace: "default" }).some((e) => e.reason === "TaintManagerEviction" && String(e.message).includes(daemon.metadata.name ?? ""))).toBe(false);
    // An unreachable node takes no new daemon pods (unreachable:NoSchedule), so it is not desired.
    expect(dsStatus(cluster)).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 1, numberReady: 2 });
    expect(dsEvents(cluster).filter((e) => e.at > t0)).toEqual([]);

    recoverNode(depsOf(cluster), "worker-3");
    settle(cluster);
    expect(isReady(cluster.store.get(refOf(daemon))!)).toBe(true);
    expect(dsStatus(cluster)).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberMisscheduled: 0, numberReady: 3 });
  });

  it("replaces a failed daemon pod with a FailedDaemonPod event, backing off 1 s, then 2 s, on a node that keeps failing them", () => {
    const cluster = started();
    const fail = (pod: KubeObject) =>
      expectOk(cluster.store.modify(refOf(pod), (p) => void (p.status = { ...(p.status as object), phase: "Failed", reason: "Evicted", message: "The node was low on resource: memory." }), { subresource: "status" }));
    const failures: number[] = [];
    const first = podOn(cluster, "worker-2");
    const t1 = cluster.clock.now();
    fail(first);
    cluster.clock.advance(0);
    const second = podOn(cluster, "worker-2");
    expect(second.metadata.name).not.toBe(first.metadata.name);
    expect(cluster.store.get(refOf(first))).toBeUndefined();
    expect(dsEvents(cluster).slice(-3).map((e) => [e.type, e.reason, e.message])).toEqual([
      ["Warning", "FailedDaemonPod", `Found failed daemon pod default/${first.metadata.name} on node worker-2, will try to kill it`],
      ["Normal", "SuccessfulDelete", `Deleted pod: ${first.metadata.name}`],
      ["Normal", "SuccessfulCreate", `Created pod: ${second.metadata.name}`],
    ]);
    // The replacement fails at once too: it is deleted only when the 1 s back-off is over.
    fail(second);
    cluster.clock.advance(999);
    expect(cluster.store.get(refOf(second))).toBeDefined();
    cluster.clock.advance(1);
    expect(cluster.store.get(refOf(second))).toBeUndefined();
    failures.push(cluster.clock.now() - t1);
    const third = podOn(cluster, "worker-2");
    fail(third);
    cluster.clock.advance(1_999);
    expect(cluster.store.get(refOf(third))).toBeDefined();
    cluster.clock.advance(1);
    expect(cluster.store.get(refOf(third))).toBeUndefined();
    failures.push(cluster.clock.now() - t1);
    expect(failures).toEqual([1_000, 3_000]);
    settle(cluster);
    expect(placement(cluster)).toEqual(ALL);
    expect(dsEvents(cluster).filter((e) => e.reason === "FailedDaemonPod")).toHaveLength(3);
  });

  it("adds the network-unavailable toleration for hostNetwork pods and replaces a matching toleration's seconds", () => {
    const cluster = createCluster();
    const tolerations = [{ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 60 }];
    expectOk(cluster.store.create(logAgent({ podSpec: { hostNetwork: true, tolerations } })));
    settle(cluster);
    expect((daemonPods(cluster)[0].spec as { tolerations: unknown }).tolerations).toEqual([
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
      { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
      { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
      { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
      { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
      { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
      { key: "node.kubernetes.io/network-unavailable", operator: "Exists", effect: "NoSchedule" },
    ]);
  });

  it("adopts a matching orphan pod on a node instead of creating another there", () => {
    const cluster = createCluster();
    const orphan = expectOk(
      cluster.store.create({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "stray-agent", namespace: "default", labels: { app: "log-agent" } },
        spec: { nodeName: "worker-1", containers: [{ name: "agent", image: "fluentd:v1.16" }] },
      }),
    );
    settle(cluster);
    expectOk(cluster.store.create(logAgent({ spec: { updateStrategy: { type: "OnDelete" } } })));
    settle(cluster);
    const adopted = cluster.store.get(refOf(orphan))!;
    expect(adopted.metadata.ownerReferences?.[0]).toMatchObject({ kind: "DaemonSet", name: "log-agent", controller: true });
    expect(placement(cluster)).toEqual(ALL);
    expect(dsEvents(cluster).filter((e) => e.reason === "SuccessfulCreate")).toHaveLength(2);
    // It is not of the current revision: counted as scheduled but not updated.
    expect(dsStatus(cluster)).toMatchObject({ currentNumberScheduled: 3, updatedNumberScheduled: 2 });
  });

  it("deletes the DaemonSet's pods and revisions with it (background cascade)", () => {
    const cluster = started();
    expectOk(cluster.store.delete(DS_REF()));
    settle(cluster);
    expect(daemonPods(cluster)).toEqual([]);
    expect(cluster.store.list({ group: "apps", kind: "ControllerRevision", namespace: "default" })).toEqual([]);
  });
});

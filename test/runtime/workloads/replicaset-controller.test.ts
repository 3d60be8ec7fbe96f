import { afterEach, describe, expect, it } from "vitest";
import { formatTimestamp } from "../../../src/runtime/clock/timestamps.js";
import { controllerReference } from "../../../src/runtime/controllers/owner-references.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { BURST_REPLICAS } from "../../../src/runtime/workloads/replicaset-sync.js";
import { rankForDeletion } from "../../../src/runtime/workloads/victim-ranking.js";
import { START, pods, settle, workloadCluster, type Harness } from "./workload-harness.js";

let harness: Harness | undefined;
afterEach(() => harness?.stop());

const RS = { group: "apps", kind: "ReplicaSet", namespace: "default", name: "front" };

function replicaSet(replicas: number, options: { minReadySeconds?: number; labels?: Record<string, string> } = {}): KubeObject {
  const labels = options.labels ?? { app: "front" };
  const spec: Record<string, unknown> = { replicas, selector: { matchLabels: { app: "front" } }, template: { metadata: { labels }, spec: { containers: [{ name: "c", image: "nginx:1.27" }] } } };
  if (options.minReadySeconds !== undefined) spec.minReadySeconds = options.minReadySeconds;
  return { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "front", namespace: "default" }, spec };
}

function scale(h: Harness, replicas: number): void {
  expectOk(h.cluster.store.modify(RS, (rs) => void ((rs.spec as any).replicas = replicas)));
}

const rsStatus = (h: Harness) => h.cluster.store.get(RS)?.status as Record<string, unknown>;
const live = (h: Harness) => pods(h.cluster).filter((p) => p.metadata.deletionTimestamp === undefined);

describe("ReplicaSet controller", () => {
  it("creates spec.replicas pods from the template, named <rs>-xxxxx, with a controller reference", () => {
    harness = workloadCluster({ agents: false });
    const rs = expectOk(harness.cluster.store.create(replicaSet(3)));
    harness.cluster.clock.advance(0);
    const made = pods(harness.cluster);
    expect(made).toHaveLength(3);
    for (const pod of made) {
      expect(pod.metadata.name).toMatch(/^front-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.metadata.generateName).toBe("front-");
      expect(pod.metadata.labels).toEqual({ app: "front" });
      expect(pod.metadata.ownerReferences).toEqual([controllerReference(rs)]);
      expect(pod.spec).toMatchObject({ containers: [{ name: "c", image: "nginx:1.27" }], restartPolicy: "Always" });
    }
    expect(harness.events).toEqual(made.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`).sort((a, b) => harness!.events.indexOf(a) - harness!.events.indexOf(b)));
    expect(rsStatus(harness)).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  });

  it("counts ready and available pods, and recreates a deleted pod at once (a terminating pod does not count)", () => {
    harness = workloadCluster({ terminateAfter: 30_000 });
    expectOk(harness.cluster.store.create(replicaSet(2)));
    settle(harness.cluster);
    expect(rsStatus(harness)).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
    const victim = pods(harness.cluster)[0];
    harness.events.length = 0;
    expect(harness.cluster.store.delete({ group: "", kind: "Pod", namespace: "default", name: victim.metadata.name ?? "" })).toMatchObject({ outcome: "pending" });
    harness.cluster.clock.advance(0);
    expect(live(harness)).toHaveLength(2);
    expect(pods(harness.cluster)).toHaveLength(3);
    const replacement = live(harness).find((p) => !p.status || (p.status as any).phase === "Pending");
    expect(harness.events).toEqual([`SuccessfulCreate: Created pod: ${replacement?.metadata.name}`]);
    expect(rsStatus(harness)).toMatchObject({ replicas: 2, readyReplicas: 1, availableReplicas: 1 });
    settle(harness.cluster);
    expect(pods(harness.cluster)).toHaveLength(2);
    expect(rsStatus(harness)).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
  });

  it("scales down, deleting the least useful pods first and recording SuccessfulDelete", () => {
    harness = workloadCluster({ readyAfter: (pod) => (pod.metadata.annotations?.slow ? undefined : 5_000) });
    const { cluster } = harness;
    expectOk(cluster.store.create(replicaSet(3)));
    settle(cluster);
    // One more pod that will never get ready: it is the first to go.
    expectOk(cluster.store.modify(RS, (rs) => void ((rs.spec as any).template.metadata.annotations = { slow: "yes" })));
    scale(harness, 4);
    settle(cluster);
    const slow = pods(cluster).find((p) => p.metadata.annotations?.slow);
    harness.events.length = 0;
    scale(harness, 3);
    cluster.clock.advance(0);
    expect(harness.events).toEqual([`SuccessfulDelete: Deleted pod: ${slow?.metadata.name}`]);
    expect(live(harness).map((p) => p.metadata.name)).not.toContain(slow?.metadata.name);
    scale(harness, 0);
    settle(cluster);
    expect(pods(cluster)).toEqual([]);
    expect(rsStatus(harness)).toEqual({ replicas: 0, observedGeneration: 5 });
  });

  it("creates in slow-start batches of 1, 2, 4 … and stops after the batch with the first error", () => {
    harness = workloadCluster({ agents: false });
    const { cluster } = harness;
    let allowed = 4;
    cluster.store.addAdmission(({ object, operation }) => {
      if (object.kind !== "Pod" || operation !== "create") return undefined;
      if (allowed-- > 0) return undefined;
      return { reason: "Forbidden", code: 403, message: `pods "${object.metadata.name}" is forbidden: exceeded quota: pods` };
    });
    expectOk(cluster.store.create(replicaSet(10)));
    cluster.clock.advance(0);
    // Batches 1 and 2 succeed; of the batch of 4, one succeeds and three fail; nothing more is tried.
    expect(pods(cluster)).toHaveLength(4);
    expect(harness.events.filter((e) => e.startsWith("SuccessfulCreate"))).toHaveLength(4);
    expect(harness.events.filter((e) => e.startsWith("FailedCreate"))).toHaveLength(3);
    expect(harness.events.find((e) => e.startsWith("FailedCreate"))).toMatch(/^FailedCreate: Error creating: pods "front-[a-z0-9]{5}" is forbidden: exceeded quota: pods$/);
    const status = rsStatus(harness);
    expect(status.replicas).toBe(4);
    expect((status.conditions as any[])[0]).toMatchObject({ type: "ReplicaFailure", status: "True", reason: "FailedCreate", lastTransitionTime: "2026-01-01T00:00:00Z" });
    // Once creation works again, the next change completes the set and clears the condition.
    allowed = 100;
    scale(harness, 6);
    cluster.clock.advance(0);
    expect(pods(cluster)).toHaveLength(6);
    expect(rsStatus(harness).conditions).toBeUndefined();
  });

  it(`creates at most ${BURST_REPLICAS} pods per sync, and syncs again for the rest`, () => {
    harness = workloadCluster({ agents: false });
    const { cluster } = harness;
    const batches: number[] = [];
    let inSync = 0;
    cluster.store.watch({ group: "apps", kind: "ReplicaSet" }, (event) => {
      if (event.type === "MODIFIED") batches.push(((event.object.status as any)?.replicas ?? 0) - inSync), (inSync = (event.object.status as any)?.replicas ?? 0);
    });
    expectOk(cluster.store.create(replicaSet(700)));
    cluster.clock.advance(0);
    expect(pods(cluster)).toHaveLength(700);
    expect(batches).toEqual([500, 200]);
  });

  it("adopts a matching orphan pod and releases an owned pod whose labels stop matching", () => {
    harness = workloadCluster({ agents: false });
    const { cluster } = harness;
    const orphan = expectOk(cluster.store.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "stray", namespace: "default", labels: { app: "front" } }, spec: { containers: [{ name: "c", image: "x" }] } }));
    const rs = expectOk(cluster.store.create(replicaSet(2)));
    cluster.clock.advance(0);
    expect(pods(cluster)).toHaveLength(2);
    expect(cluster.store.get({ group: "", kind: "Pod", namespace: "default", name: "stray" })?.metadata.ownerReferences).toEqual([controllerReference(rs)]);
    expect(harness.events).toHaveLength(1);
    // A pod owned by another controller is left alone, even when it matches.
    const holder = expectOk(cluster.store.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "holder", namespace: "default" } }));
    const other = expectOk(
      cluster.store.create({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "taken", namespace: "default", labels: { app: "front" }, ownerReferences: [{ apiVersion: "v1", kind: "ConfigMap", name: "holder", uid: holder.metadata.uid ?? "", controller: true }] },
        spec: { containers: [{ name: "c", image: "x" }] },
      }),
    );
    cluster.clock.advance(0);
    expect(cluster.store.get({ group: "", kind: "Pod", namespace: "default", name: "taken" })?.metadata.ownerReferences).toEqual(other.metadata.ownerReferences);
    // Relabelling the adopted pod releases it; the ReplicaSet makes a replacement.
    expectOk(cluster.store.modify({ group: "", kind: "Pod", namespace: "default", name: "stray" }, (pod) => void (pod.metadata.labels = { app: "debug" })));
    cluster.clock.advance(0);
    expect(cluster.store.get({ group: "", kind: "Pod", namespace: "default", name: "stray" })?.metadata.ownerReferences).toBeUndefined();
    expect(pods(cluster).filter((p) => p.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid)).toHaveLength(2);
    expect(orphan.metadata.uid).toBeDefined();
  });

  it("minReadySeconds: a pod is available once Ready for that long, and the status follows at that instant", () => {
    harness = workloadCluster();
    const { cluster } = harness;
    expectOk(cluster.store.create(replicaSet(1, { minReadySeconds: 30 })));
    cluster.clock.advance(5_000);
    expect(rsStatus(harness)).toMatchObject({ readyReplicas: 1 });
    expect(rsStatus(harness).availableReplicas).toBeUndefined();
    const pending = cluster.clock.pendingTasks().filter((t) => !t.background);
    expect(pending).toEqual([{ at: START + 35_000, label: "replicaset-controller min-ready", background: false }]);
    settle(cluster);
    expect(cluster.clock.now()).toBe(START + 35_000);
    expect(rsStatus(harness)).toMatchObject({ readyReplicas: 1, availableReplicas: 1 });
  });

  it("counts fullyLabeledReplicas against the template's labels", () => {
    harness = workloadCluster({ agents: false });
    const { cluster } = harness;
    expectOk(cluster.store.create(replicaSet(2, { labels: { app: "front", tier: "web" } })));
    cluster.clock.advance(0);
    const [first] = pods(cluster);
    expectOk(cluster.store.modify({ group: "", kind: "Pod", namespace: "default", name: first.metadata.name ?? "" }, (pod) => void (pod.metadata.labels = { app: "front" })));
    cluster.clock.advance(0);
    expect(rsStatus(harness)).toMatchObject({ replicas: 2, fullyLabeledReplicas: 1 });
  });
});

describe("scale-down victim ranking", () => {
  const now = START + 3_600_000;
  let n = 0;
  function podWith(options: { node?: string; phase?: string; readySince?: number; cost?: number; restarts?: number; created?: number; uid?: string } = {}): KubeObject {
    n++;
    const conditions = options.readySince === undefined ? [] : [{ type: "Ready", status: "True", lastTransitionTime: formatTimestamp(options.readySince) }];
    const metadata: KubeObject["metadata"] = { name: `p${n}`, uid: options.uid ?? `uid-${String(n).padStart(3, "0")}`, creationTimestamp: formatTimestamp(options.created ?? START) };
    if (options.cost !== undefined) metadata.annotations = { "controller.kubernetes.io/pod-deletion-cost": String(options.cost) };
    return {
      apiVersion: "v1",
      kind: "Pod",
      metadata,
      spec: options.node ? { nodeName: options.node } : {},
      status: { phase: options.phase ?? "Running", conditions, containerStatuses: [{ restartCount: options.restarts ?? 0 }] },
    };
  }
  const order = (pods: KubeObject[], related = pods) => rankForDeletion(pods, related, now).map((p) => p.metadata.name);

  it("applies the eight rules in priority order", () => {
    const ready = START;
    // 1. unassigned before assigned
    let a = podWith({ node: "n1", readySince: ready });
    let b = podWith({ readySince: ready });
    expect(order([a, b])).toEqual([b.metadata.name, a.metadata.name]);
    // 2. Pending before Unknown before Running
    a = podWith({ node: "n1", phase: "Running" });
    b = podWith({ node: "n1", phase: "Unknown" });
    let c = podWith({ node: "n1", phase: "Pending" });
    expect(order([a, b, c])).toEqual([c, b, a].map((p) => p.metadata.name));
    // 3. not ready before ready
    a = podWith({ node: "n1", readySince: ready });
    b = podWith({ node: "n1" });
    expect(order([a, b])).toEqual([b.metadata.name, a.metadata.name]);
    // 4. lower deletion cost first (and it beats readiness time)
    a = podWith({ node: "n1", readySince: now - 1000, cost: 10 });
    b = podWith({ node: "n1", readySince: ready, cost: -5 });
    expect(order([a, b])).toEqual([b.metadata.name, a.metadata.name]);
    // 5. more pods on the same node first
    a = podWith({ node: "n1", readySince: ready });
    b = podWith({ node: "n2", readySince: ready });
    c = podWith({ node: "n2", readySince: ready });
    expect(order([a, b], [a, b, c])).toEqual([b.metadata.name, a.metadata.name]);
    // 6. ready for a shorter time first (different log2 buckets)
    a = podWith({ node: "n1", readySince: now - 3_000_000 });
    b = podWith({ node: "n1", readySince: now - 10_000 });
    expect(order([a, b])).toEqual([b.metadata.name, a.metadata.name]);
    // …but within one log2 bucket, the lower uid first
    a = podWith({ node: "n1", readySince: now - 10_000, uid: "uid-b" });
    b = podWith({ node: "n1", readySince: now - 11_000, uid: "uid-a" });
    expect(order([a, b])).toEqual([b.metadata.name, a.metadata.name]);
    // 7. more restarts first
    a = podWith({ node: "n1", readySince: ready, restarts: 1 });
    b = podWith({ node: "n1", readySince: ready, restarts: 4 });
    expect(order([a, b])).toEqual([b.metadata.name, a.metadata.name]);
    // 8. newer first
    a = podWith({ node: "n1", readySince: ready, created: START });
    b = podWith({ node: "n1", readySince: ready, created: now - 60_000 });
    expect(order([a, b])).toEqual([b.metadata.name, a.metadata.name]);
  });

  it("ignores a malformed deletion cost", () => {
    const a = podWith({ node: "n1", readySince: START, cost: 3 });
    const b = podWith({ node: "n1", readySince: START });
    (b.metadata.annotations as any) = { "controller.kubernetes.io/pod-deletion-cost": "lots" };
    expect(order([a, b])).toEqual([b.metadata.name, a.metadata.name]);
  });
});

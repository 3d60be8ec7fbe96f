// `rollout status|history|undo|restart` for StatefulSets on the whole simulated cluster, and the
// status viewers of StatefulSets and DaemonSets on objects written straight into a store.
import { afterEach, describe, expect, it } from "vitest";
import type { Cluster } from "../../../src/runtime/cluster.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { ensureRevision } from "../../../src/runtime/workloads/controller-revisions.js";
import { rolloutHistory, rolloutRestart, rolloutStatus, rolloutUndo, watchRolloutStatus, type RolloutRef } from "../../../src/runtime/workloads/rollout/index.js";
import { newCluster } from "../runtime-helpers.js";
import { cluster, createSet, getPod, getSet, modifySet, settle, START, type WebOptions } from "./statefulset-fixtures.js";

let c: Cluster | undefined;
afterEach(() => c?.stop());

const WEB: RolloutRef = { namespace: "default", name: "web", workloadKind: "StatefulSet" };

function watched(cluster: Cluster): string[] {
  const messages: string[] = [];
  const outcome = watchRolloutStatus(cluster, WEB, { timeoutMs: 0, onMessage: (message) => messages.push(`${message} @${(cluster.clock.now() - START) / 1000}`) });
  messages.push(outcome);
  return messages;
}

/** web at revision 1 ("create web", nginx:1.9.1) and revision 2 ("upgrade", nginx:1.16.1), rolled out. */
function twoRevisions(options: WebOptions = {}): Cluster {
  c = cluster();
  createSet(c, { replicas: 2, annotations: { "kubernetes.io/change-cause": "create web" }, ...options });
  settle(c);
  modifySet(c, (spec, set) => {
    spec.template.spec.containers[0].image = "nginx:1.16.1";
    set.metadata.annotations = { "kubernetes.io/change-cause": "upgrade" };
  });
  settle(c);
  return c;
}

describe("rollout status of a StatefulSet", () => {
  it("follows OrderedReady creation to `partitioned roll out complete` (the default strategy has partition 0)", () => {
    c = cluster();
    createSet(c);
    expect(rolloutStatus(c.store, WEB)).toEqual({ done: false, failed: false, message: "Waiting for statefulset spec update to be observed..." });
    expect(watched(c)).toEqual([
      "Waiting for 3 pods to be ready... @0",
      "Waiting for 2 pods to be ready... @22",
      "Waiting for 1 pods to be ready... @44",
      "partitioned roll out complete: 3 new pods have been updated... @66",
      "done",
    ]);
  });

  it("counts the pods a partition leaves out", () => {
    c = cluster();
    createSet(c, { updateStrategy: { rollingUpdate: { partition: 1 } } });
    settle(c);
    modifySet(c, (spec) => (spec.template.spec.containers[0].image = "nginx:1.16.1"));
    expect(watched(c)).toEqual(["Waiting for 1 pods to be ready... @66", "partitioned roll out complete: 2 new pods have been updated... @110", "done"]);
  });

  it("reports the revision when the strategy has no rollingUpdate block", () => {
    c = cluster();
    createSet(c, { replicas: 2, updateStrategy: { type: "RollingUpdate" } });
    settle(c);
    modifySet(c, (spec) => (spec.template.spec.containers[0].image = "nginx:1.16.1"));
    const messages = watched(c);
    const revision = getSet(c).status.currentRevision;
    expect(messages).toEqual(["Waiting for 1 pods to be ready... @44", `statefulset rolling update complete 2 pods at revision ${revision}... @88`, "done"]);
  });

  it("refuses OnDelete sets and names a missing one", () => {
    c = cluster();
    createSet(c, { updateStrategy: { type: "OnDelete" } });
    expect(rolloutStatus(c.store, WEB)).toEqual({ done: false, failed: true, message: "error: rollout status is only available for RollingUpdate strategy type" });
    expect(rolloutStatus(c.store, { ...WEB, name: "db" })).toEqual({ done: false, failed: true, message: 'Error from server (NotFound): statefulsets.apps "db" not found' });
  });

  it.each([
    [{ generation: 2, status: { observedGeneration: 1 } }, "Waiting for statefulset spec update to be observed..."],
    [{ status: { readyReplicas: 1 } }, "Waiting for 2 pods to be ready..."],
    [{ partition: 1, status: { readyReplicas: 3, updatedReplicas: 1 } }, "Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated..."],
    [{ partition: 1, status: { readyReplicas: 3, updatedReplicas: 2 } }, "partitioned roll out complete: 2 new pods have been updated..."],
    [{ partition: undefined, status: { readyReplicas: 3, updatedReplicas: 1, currentRevision: "web-a", updateRevision: "web-b" } }, "waiting for statefulset rolling update to complete 1 pods at revision web-b..."],
    [{ partition: undefined, status: { readyReplicas: 3, currentReplicas: 3, currentRevision: "web-b", updateRevision: "web-b" } }, "statefulset rolling update complete 3 pods at revision web-b..."],
  ])("reads a status as kubectl does: %j", (state: { generation?: number; partition?: number; status: Record<string, unknown> }, message) => {
    c = newCluster();
    const rollingUpdate = "partition" in state ? (state.partition === undefined ? undefined : { partition: state.partition }) : { partition: 0 };
    const set: KubeObject = {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "web" },
      spec: { replicas: 3, updateStrategy: { type: "RollingUpdate", ...(rollingUpdate ? { rollingUpdate } : {}) } },
      status: { observedGeneration: 1, replicas: 3, ...state.status },
    };
    expectOk(c.store.create(set));
    // A spec change the controller has not seen yet: generation 2, observed 1.
    if (state.generation) expectOk(c.store.modify({ group: "apps", kind: "StatefulSet", namespace: "default", name: "web" }, (s: any) => (s.spec.minReadySeconds = 1)));
    expect(rolloutStatus(c.store, WEB).message).toBe(message);
  });
});

describe("rollout history and undo of a StatefulSet", () => {
  it("lists the ControllerRevisions with the change causes the set carried when each was made", () => {
    const cluster = twoRevisions();
    expect(rolloutHistory(cluster.store, WEB)).toMatchObject({
      ok: true,
      message: "statefulset.apps/web\nREVISION  CHANGE-CAUSE\n1         create web\n2         upgrade\n\n",
      rows: [
        { revision: 1, changeCause: "create web" },
        { revision: 2, changeCause: "upgrade" },
      ],
    });
  });

  it("prints one revision's pod template, and refuses an unknown one", () => {
    const cluster = twoRevisions();
    const one = rolloutHistory(cluster.store, WEB, { revision: 1 });
    expect(one.ok && one.message).toMatch(/^statefulset\.apps\/web with revision #1\nPod Template:\n {2}Labels:\tapp=nginx\n {2}Annotations:\tsim\.drydock\.dev\/pull-duration: 2s\n/);
    expect(one.message).toContain("   nginx:\n    Image:\tnginx:1.9.1\n    Port:\t80/TCP\n");
    expect(rolloutHistory(cluster.store, WEB, { revision: 7 })).toEqual({ ok: false, message: "error: unable to find the specified revision" });
  });

  it("undo restores the previous template; the controller rolls back and renumbers that revision", () => {
    const cluster = twoRevisions();
    expect(rolloutUndo(cluster.store, WEB)).toEqual({ ok: true, message: "statefulset.apps/web rolled back" });
    settle(cluster);
    expect([getPod(cluster, "web-0"), getPod(cluster, "web-1")].map((p) => p.spec.containers[0].image)).toEqual(["nginx:1.9.1", "nginx:1.9.1"]);
    expect(rolloutHistory(cluster.store, WEB).message).toBe("statefulset.apps/web\nREVISION  CHANGE-CAUSE\n2         upgrade\n3         create web\n\n");
    expect(rolloutUndo(cluster.store, WEB, { toRevision: 3 })).toEqual({ ok: true, message: "statefulset.apps/web skipped rollback (current template already matches revision 3)" });
    expect(rolloutUndo(cluster.store, WEB, { toRevision: 9 })).toEqual({ ok: false, message: "error: unable to find specified revision 9 in history" });
    expect(rolloutUndo(cluster.store, WEB, { toRevision: 2 })).toEqual({ ok: true, message: "statefulset.apps/web rolled back" });
  });

  it("undo needs a previous revision", () => {
    c = cluster();
    createSet(c, { replicas: 1 });
    settle(c);
    expect(rolloutUndo(c.store, WEB)).toEqual({ ok: false, message: "error: no last revision to roll back to" });
    expect(rolloutHistory(c.store, { ...WEB, name: "db" })).toEqual({ ok: false, message: 'Error from server (NotFound): statefulsets.apps "db" not found' });
  });

  it("restart stamps the template, which rolls every member", () => {
    c = cluster();
    createSet(c, { replicas: 2 });
    settle(c);
    const before = getPod(c, "web-0").metadata.uid;
    expect(rolloutRestart(c.store, WEB, { now: c.clock.now() })).toEqual({ ok: true, message: "statefulset.apps/web restarted" });
    expect(getSet(c).spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"]).toBe("2026-01-01T00:00:44Z");
    settle(c);
    expect(getPod(c, "web-0").metadata.uid).not.toBe(before);
    expect(getSet(c).status).toMatchObject({ updatedReplicas: 2, readyReplicas: 2 });
  });
});

describe("rollout of a DaemonSet (objects written into the store)", () => {
  const DS: RolloutRef = { namespace: "default", name: "agent", workloadKind: "DaemonSet" };

  function daemonSet(status: Record<string, unknown>, options: { generation?: number; type?: string } = {}): KubeObject {
    return {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "agent", annotations: { "kubernetes.io/change-cause": "install" } },
      spec: {
        selector: { matchLabels: { app: "agent" } },
        updateStrategy: { type: options.type ?? "RollingUpdate" },
        template: { metadata: { labels: { app: "agent" } }, spec: { containers: [{ name: "agent", image: "fluentd:v1" }] } },
      },
      status: { observedGeneration: options.generation ?? 1, ...status },
    };
  }

  it.each([
    [{ desiredNumberScheduled: 3, updatedNumberScheduled: 1, numberAvailable: 3 }, 'Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...', false],
    [{ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2 }, 'Waiting for daemon set "agent" rollout to finish: 2 of 3 updated pods are available...', false],
    [{ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 }, 'daemon set "agent" successfully rolled out', true],
  ])("status: %j", (status, message, done) => {
    c = newCluster();
    expectOk(c.store.create(daemonSet(status)));
    expect(rolloutStatus(c.store, DS)).toEqual({ done, failed: false, message });
  });

  it("status waits for the spec to be observed, refuses OnDelete, and names a missing set", () => {
    c = newCluster();
    expectOk(c.store.create(daemonSet({ desiredNumberScheduled: 3 }, { generation: 0 })));
    expect(rolloutStatus(c.store, DS).message).toBe("Waiting for daemon set spec update to be observed...");
    expectOk(c.store.modify({ group: "apps", kind: "DaemonSet", namespace: "default", name: "agent" }, (ds: any) => (ds.spec.updateStrategy = { type: "OnDelete" })));
    expect(rolloutStatus(c.store, DS)).toEqual({ done: false, failed: true, message: "error: rollout status is only available for RollingUpdate strategy type" });
    expect(rolloutStatus(c.store, { ...DS, name: "x" }).message).toBe('Error from server (NotFound): daemonsets.apps "x" not found');
  });

  it("history and undo work on its ControllerRevisions", () => {
    c = newCluster();
    // Revisions carry the DaemonSet's annotations, so its change-cause.
    const first = revisionFor(expectOk(c.store.create(daemonSet({}))));
    revisionFor(
      expectOk(
        c.store.modify({ group: "apps", kind: "DaemonSet", namespace: "default", name: "agent" }, (d: any) => {
          d.spec.template.spec.containers[0].image = "fluentd:v2";
          d.metadata.annotations = { "kubernetes.io/change-cause": "upgrade" };
        }),
      ),
    );
    expect(rolloutHistory(c.store, DS).message).toBe(`daemonset.apps/agent\nREVISION  CHANGE-CAUSE\n1         install\n2         upgrade\n\n`);
    expect(rolloutHistory(c.store, DS, { revision: 2 }).message).toContain("    Image:\tfluentd:v2\n");
    expect(rolloutUndo(c.store, DS)).toEqual({ ok: true, message: "daemonset.apps/agent rolled back" });
    expect((c.store.get({ group: "apps", kind: "DaemonSet", namespace: "default", name: "agent" })!.spec as any).template.spec.containers[0].image).toBe("fluentd:v1");
    expect(rolloutUndo(c.store, DS, { toRevision: 1 })).toEqual({ ok: true, message: "daemonset.apps/agent skipped rollback (current template already matches revision 1)" });
    expect(first).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]+$/);
  });

  it("follows the DaemonSet controller through an update and an undo", () => {
    c = cluster();
    const spec = (daemonSet({}).spec ?? {}) as Record<string, unknown>;
    expectOk(c.store.create({ apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "agent" }, spec }));
    settle(c);
    expectOk(c.store.modify({ group: "apps", kind: "DaemonSet", namespace: "default", name: "agent" }, (d: any) => (d.spec.template.spec.containers[0].image = "fluentd:v2")));
    const messages: string[] = [];
    expect(watchRolloutStatus(c, DS, { timeoutMs: 0, onMessage: (message) => messages.push(message) })).toBe("done");
    expect(messages.at(-1)).toBe('daemon set "agent" successfully rolled out');
    for (const message of messages.slice(0, -1)) expect(message).toMatch(/^Waiting for daemon set "agent" rollout to finish: \d (out of \d new pods have been updated|of \d updated pods are available)\.\.\.$/);
    expect(rolloutUndo(c.store, DS)).toEqual({ ok: true, message: "daemonset.apps/agent rolled back" });
    settle(c);
    const history = rolloutHistory(c.store, DS);
    expect(history.ok && "rows" in history && history.rows.map((row) => row.revision)).toEqual([2, 3]);
    expect(rolloutStatus(c.store, DS).message).toBe('daemon set "agent" successfully rolled out');
  });

  /** The revision a DaemonSet controller would make for the set's current template. */
  function revisionFor(ds: KubeObject): string {
    const made = ensureRevision(c!.store, ds, (ds.spec as any).template);
    if (!made.ok) throw new Error(made.error.message);
    return made.revision.metadata.name ?? "";
  }
});

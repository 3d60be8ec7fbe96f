// The scheduler's VolumeBinding plugin on the whole simulated cluster: pods with missing, unbound,
// deleting and node-bound claims, the retry when a volume appears, WaitForFirstConsumer classes and
// the ordering of a claim and its pod created at one instant.
import { describe, expect, it } from "vitest";
import { cordonNode } from "../../../src/runtime/nodes/node-operations.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { claim, create, eventLines, fullCluster, getClaim, getPod, getVolume, nodeOf, now, phaseOf, podUsing, settle, storageClass, volume, volumeNameOf } from "./storage-helpers.js";

const NOT_HELPFUL_3 = "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..";

function scheduledCondition(pod: ReturnType<typeof getPod>) {
  return ((pod?.status as { conditions?: Array<{ type: string }> } | undefined)?.conditions ?? []).find((c) => c.type === "PodScheduled");
}

describe("scheduler: VolumeBinding", () => {
  it("keeps a pod with an unbound immediate claim Pending with the upstream message, and schedules it when a matching volume appears", () => {
    const cluster = fullCluster();
    create(cluster, claim("data", { className: "" }));
    create(cluster, podUsing("app", ["data"]));
    now(cluster);
    const message = `0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. ${NOT_HELPFUL_3}`;
    expect(eventLines(cluster, "Pod", "app")).toEqual([`Warning FailedScheduling [default-scheduler]: ${message}`]);
    expect(scheduledCondition(getPod(cluster, "app"))).toMatchObject({ status: "False", reason: "Unschedulable", message });

    cluster.clock.advance(30_000);
    expect(nodeOf(getPod(cluster, "app"))).toBeUndefined();
    const createdAt = cluster.clock.now();
    create(cluster, volume("manual", { size: "5Gi", className: "" }));
    now(cluster);
    expect(volumeNameOf(getClaim(cluster, "data"))).toBe("manual");
    const pod = getPod(cluster, "app")!;
    expect(nodeOf(pod)).toBe("worker-1");
    expect(scheduledCondition(pod)).toMatchObject({ status: "True", lastTransitionTime: new Date(createdAt).toISOString().replace(".000Z", "Z") });
    expect(eventLines(cluster, "Pod", "app")[1]).toBe("Normal Scheduled [default-scheduler]: Successfully assigned default/app to worker-1");
  });

  it("reports a missing claim, and schedules the pod once the claim exists and is provisioned", () => {
    const cluster = fullCluster();
    create(cluster, podUsing("app", ["missing"]));
    now(cluster);
    expect(eventLines(cluster, "Pod", "app")).toEqual([`Warning FailedScheduling [default-scheduler]: 0/3 nodes are available: persistentvolumeclaim "missing" not found. ${NOT_HELPFUL_3}`]);
    create(cluster, claim("missing"));
    now(cluster);
    expect(phaseOf(getClaim(cluster, "missing"))).toBe("Bound");
    expect(nodeOf(getPod(cluster, "app"))).toBe("worker-1");
  });

  it("binds a claim created just before its pod at the same instant, before the scheduler tries the pod", () => {
    const cluster = fullCluster();
    const start = cluster.clock.now();
    create(cluster, claim("www-web-0"));
    create(cluster, podUsing("web-0", ["www-web-0"]));
    now(cluster);
    expect(cluster.clock.now()).toBe(start);
    expect(phaseOf(getClaim(cluster, "www-web-0"))).toBe("Bound");
    expect(eventLines(cluster, "Pod", "web-0").filter((line) => line.includes("[default-scheduler]"))).toEqual([
      "Normal Scheduled [default-scheduler]: Successfully assigned default/web-0 to worker-1",
    ]);
  });

  it("refuses a claim that is being deleted", () => {
    const cluster = fullCluster();
    create(cluster, claim("data"));
    create(cluster, podUsing("first", ["data"]));
    settle(cluster);
    expectOk(cluster.store.delete({ group: "", kind: "PersistentVolumeClaim", namespace: "default", name: "data" }));
    create(cluster, podUsing("second", ["data"]));
    now(cluster);
    expect(getClaim(cluster, "data")!.metadata.deletionTimestamp).toBeDefined();
    expect(eventLines(cluster, "Pod", "second")).toEqual([`Warning FailedScheduling [default-scheduler]: 0/3 nodes are available: persistentvolumeclaim "data" is being deleted. ${NOT_HELPFUL_3}`]);
  });

  it("keeps pods of a bound local volume on the volume's node: node(s) had volume node affinity conflict", () => {
    const cluster = fullCluster();
    create(cluster, volume("local-2", { className: "", node: "worker-2" }));
    create(cluster, claim("pinned", { className: "" }));
    create(cluster, podUsing("a", ["pinned"]));
    now(cluster);
    expect(nodeOf(getPod(cluster, "a"))).toBe("worker-2");
    cordonNode(cluster, "worker-2");
    create(cluster, podUsing("b", ["pinned"]));
    now(cluster);
    expect(eventLines(cluster, "Pod", "b")).toEqual([
      `Warning FailedScheduling [default-scheduler]: 0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) had volume node affinity conflict. ${NOT_HELPFUL_3}`,
    ]);
  });

  it("WaitForFirstConsumer: the claim waits, the scheduler picks the node, the volume is provisioned there and the pod bound at once", () => {
    const cluster = fullCluster();
    create(cluster, storageClass("lazy", { mode: "WaitForFirstConsumer" }));
    const created = create(cluster, claim("data", { className: "lazy" }));
    settle(cluster);
    expect(eventLines(cluster, "PersistentVolumeClaim", "data")).toEqual(["Normal WaitForFirstConsumer [persistentvolume-controller]: waiting for first consumer to be created before binding"]);
    const start = cluster.clock.now();
    create(cluster, podUsing("app", ["data"], { cpu: "100m" }));
    now(cluster);
    expect(cluster.clock.now()).toBe(start);
    const pod = getPod(cluster, "app")!;
    const node = nodeOf(pod)!;
    expect(node).toBe("worker-1");
    const pvc = getClaim(cluster, "data")!;
    expect(pvc.metadata.annotations?.["volume.kubernetes.io/selected-node"]).toBe(node);
    expect(phaseOf(pvc)).toBe("Bound");
    const pv = getVolume(cluster, `pvc-${created.metadata.uid}`)!;
    expect((pv.spec as { nodeAffinity: unknown }).nodeAffinity).toEqual({
      required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: [node] }] }] },
    });
    expect(eventLines(cluster, "PersistentVolumeClaim", "data").map((line) => line.split(" [")[0])).toEqual([
      "Normal WaitForFirstConsumer",
      "Normal ExternalProvisioning",
      "Normal Provisioning",
      "Normal ProvisioningSucceeded",
    ]);
    expect(eventLines(cluster, "Pod", "app")[0]).toBe("Normal Scheduled [default-scheduler]: Successfully assigned default/app to worker-1");
  });

  it("WaitForFirstConsumer with local volumes: the pod goes to the node of an Available volume, which the scheduler pre-binds", () => {
    const cluster = fullCluster();
    create(cluster, storageClass("local", { provisioner: "kubernetes.io/no-provisioner", mode: "WaitForFirstConsumer" }));
    create(cluster, volume("disk-3", { className: "local", node: "worker-3", size: "100Gi" }));
    create(cluster, claim("data", { className: "local", size: "10Gi" }));
    create(cluster, podUsing("db", ["data"]));
    now(cluster);
    expect(nodeOf(getPod(cluster, "db"))).toBe("worker-3");
    expect(volumeNameOf(getClaim(cluster, "data"))).toBe("disk-3");
    expect(getVolume(cluster, "disk-3")!.metadata.annotations).toEqual({ "pv.kubernetes.io/bound-by-controller": "yes" });
    // No other volume left: a second claim has nowhere to go.
    create(cluster, claim("more", { className: "local" }));
    create(cluster, podUsing("db-2", ["more"]));
    now(cluster);
    expect(eventLines(cluster, "Pod", "db-2")).toEqual([
      `Warning FailedScheduling [default-scheduler]: 0/3 nodes are available: 3 node(s) didn't find available persistent volumes to bind. ${NOT_HELPFUL_3}`,
    ]);
  });

  it("WaitForFirstConsumer with a provisioner drydock does not run: the pod waits for its claim, then fails PreBind after 10 minutes", () => {
    const cluster = fullCluster();
    create(cluster, storageClass("ebs", { provisioner: "ebs.csi.aws.com", mode: "WaitForFirstConsumer" }));
    create(cluster, claim("data", { className: "ebs" }));
    create(cluster, podUsing("app", ["data"]));
    now(cluster);
    expect(nodeOf(getPod(cluster, "app"))).toBeUndefined();
    expect(getClaim(cluster, "data")!.metadata.annotations?.["volume.kubernetes.io/selected-node"]).toBe("worker-1");
    expect(eventLines(cluster, "Pod", "app")).toEqual([]);
    cluster.clock.advance(5 * 60_000);
    expect(eventLines(cluster, "Pod", "app")).toEqual([]);
    cluster.clock.advance(5 * 60_000);
    expect(eventLines(cluster, "Pod", "app")).toEqual(['Warning FailedScheduling [default-scheduler]: running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded']);
  });
});

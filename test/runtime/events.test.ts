import { describe, expect, it } from "vitest";
import { snapshotCluster } from "../../src/runtime/cluster.js";
import { expectOk } from "../../src/runtime/store/store-errors.js";
import { createBareCluster } from "./runtime-helpers.js";
import { create, deployment, newCluster } from "./runtime-helpers.js";

const START = Date.UTC(2026, 0, 1);

describe("event recorder", () => {
  it("writes core/v1 Events shaped as the API server stores them", () => {
    const cluster = newCluster();
    const web = create(cluster, deployment("web"));
    const recorded = expectOk(cluster.events.for({ component: "deployment-controller" }).event(web, "Normal", "ScalingReplicaSet", "Scaled up replica set web-7d4b9c8f5 from 0 to 3"));
    expect(recorded).toEqual({
      apiVersion: "v1",
      kind: "Event",
      metadata: {
        name: "web.18867251edfa0000",
        namespace: "default",
        uid: expect.any(String),
        resourceVersion: "6",
        generation: 1,
        creationTimestamp: "2026-01-01T00:00:00Z",
      },
      involvedObject: { kind: "Deployment", namespace: "default", name: "web", uid: web.metadata.uid, apiVersion: "apps/v1", resourceVersion: "5" },
      reason: "ScalingReplicaSet",
      message: "Scaled up replica set web-7d4b9c8f5 from 0 to 3",
      source: { component: "deployment-controller" },
      firstTimestamp: "2026-01-01T00:00:00Z",
      lastTimestamp: "2026-01-01T00:00:00Z",
      count: 1,
      type: "Normal",
      eventTime: null,
      reportingComponent: "deployment-controller",
      reportingInstance: "",
    });
  });

  it("counts identical repeats on one Event, keeping its name and first timestamp", () => {
    const cluster = newCluster();
    const web = create(cluster, deployment("web"));
    const recorder = cluster.events.for({ component: "deployment-controller" });
    const first = expectOk(recorder.event(web, "Normal", "ScalingReplicaSet", "Scaled up"));
    cluster.clock.advance(90_000);
    recorder.event(web, "Normal", "ScalingReplicaSet", "Scaled up");
    cluster.clock.advance(30_000);
    const third = expectOk(recorder.event(web, "Normal", "ScalingReplicaSet", "Scaled up"));
    expect(third.metadata.name).toBe(first.metadata.name);
    expect(third).toMatchObject({ count: 3, firstTimestamp: "2026-01-01T00:00:00Z", lastTimestamp: "2026-01-01T00:02:00Z" });
    expect(cluster.store.list({ kind: "Event" })).toHaveLength(1);
  });

  it("keeps events apart that differ in message, reason, type, source or object", () => {
    const cluster = newCluster();
    const web = create(cluster, deployment("web"));
    const api = create(cluster, deployment("api"));
    const recorder = cluster.events.for({ component: "deployment-controller" });
    recorder.event(web, "Normal", "ScalingReplicaSet", "a");
    recorder.event(web, "Normal", "ScalingReplicaSet", "b");
    recorder.event(web, "Normal", "Other", "a");
    recorder.event(web, "Warning", "ScalingReplicaSet", "a");
    cluster.events.for({ component: "kubelet", host: "node-1" }).event(web, "Normal", "ScalingReplicaSet", "a");
    recorder.event(api, "Normal", "ScalingReplicaSet", "a");
    const events = cluster.store.list({ kind: "Event" });
    expect(events).toHaveLength(6);
    expect(events.every((e) => e.count === 1)).toBe(true);
    // Events at the same instant get consecutive nanosecond suffixes.
    expect(events.filter((e) => e.metadata.name?.startsWith("web.")).map((e) => e.metadata.name)).toEqual([
      "web.18867251edfa0000",
      "web.18867251edfa0001",
      "web.18867251edfa0002",
      "web.18867251edfa0003",
      "web.18867251edfa0004",
    ]);
    const kubelet = events.find((e) => (e.source as { component: string }).component === "kubelet");
    expect(kubelet).toMatchObject({ source: { component: "kubelet", host: "node-1" }, reportingComponent: "kubelet", reportingInstance: "node-1" });
  });

  it("stores events about cluster-scoped objects in the default namespace", () => {
    const cluster = newCluster();
    const node = create(cluster, { apiVersion: "v1", kind: "Node", metadata: { name: "node-1" } });
    const event = expectOk(cluster.events.for({ component: "node-controller" }).event(node, "Normal", "RegisteredNode", "Node node-1 event: Registered Node node-1 in Controller"));
    expect(event.metadata.namespace).toBe("default");
    expect(event.involvedObject).toEqual({ kind: "Node", name: "node-1", uid: node.metadata.uid, apiVersion: "v1", resourceVersion: node.metadata.resourceVersion });
  });

  it("accepts a plain object reference", () => {
    const cluster = newCluster();
    const event = expectOk(
      cluster.events.record({
        involved: { kind: "Pod", namespace: "default", name: "web-1", fieldPath: "spec.containers{c}" },
        type: "Warning",
        reason: "BackOff",
        message: "Back-off restarting failed container c",
        source: { component: "kubelet", host: "node-1" },
      }),
    );
    expect(event.involvedObject).toEqual({ kind: "Pod", namespace: "default", name: "web-1", fieldPath: "spec.containers{c}" });
  });

  it("reports, without throwing, that an event could not be recorded", () => {
    const result = newCluster().events.record({
      involved: { kind: "Pod", namespace: "gone", name: "p" },
      type: "Normal",
      reason: "Scheduled",
      message: "m",
      source: { component: "default-scheduler" },
    });
    expect(!result.ok && result.error.message).toBe('namespaces "gone" not found');
  });

  it("expires events an hour after their last update, as background work", () => {
    const cluster = newCluster();
    const web = create(cluster, deployment("web"));
    const recorder = cluster.events.for({ component: "deployment-controller" });
    recorder.event(web, "Normal", "A", "once");
    cluster.clock.advance(30 * 60_000);
    recorder.event(web, "Normal", "B", "repeated");
    expect(cluster.clock.runUntilQuiet(START + 10 * 3_600_000)).toMatchObject({ quiet: true, now: START + 30 * 60_000 });
    cluster.clock.advance(45 * 60_000);
    expect(cluster.store.list({ kind: "Event" }).map((e) => e.reason)).toEqual(["B"]);
    recorder.event(web, "Normal", "B", "repeated");
    cluster.clock.advance(59 * 60_000);
    expect(cluster.store.list({ kind: "Event" }).map((e) => e.count)).toEqual([2]);
    cluster.clock.advance(60_000);
    expect(cluster.store.list({ kind: "Event" })).toEqual([]);
  });

  it("keeps events forever when the TTL is off", () => {
    const cluster = createBareCluster({ eventTtlMs: null });
    const web = create(cluster, deployment("web"));
    cluster.events.for({ component: "x" }).event(web, "Normal", "A", "m");
    cluster.clock.advance(48 * 3_600_000);
    expect(cluster.store.list({ kind: "Event" })).toHaveLength(1);
  });

  it("continues counting and expiring after the cluster is saved and loaded", () => {
    const cluster = newCluster();
    const web = create(cluster, deployment("web"));
    cluster.events.for({ component: "deployment-controller" }).event(web, "Normal", "A", "m");
    const reloaded = createBareCluster({}, JSON.parse(JSON.stringify(snapshotCluster(cluster))));
    const again = expectOk(reloaded.events.for({ component: "deployment-controller" }).event(web, "Normal", "A", "m"));
    expect(again.count).toBe(2);
    reloaded.clock.advance(3_600_000);
    expect(reloaded.store.list({ kind: "Event" })).toEqual([]);
  });
});

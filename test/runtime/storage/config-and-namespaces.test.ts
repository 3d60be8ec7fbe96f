// Two behaviours of the whole cluster around configuration and namespaces: a changed ConfigMap does
// not restart the pods that use it (only a pod template change rolls a Deployment), and a deleted
// Namespace is Terminating while its content — pods that take time to stop, claims they hold — goes.
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { claim, create, eventLines, fullCluster, settle } from "./storage-helpers.js";

function webUsingConfig(namespace = "default", annotations: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" }, annotations },
        spec: {
          containers: [
            {
              name: "web",
              image: "nginx:1.27",
              env: [{ name: "MODE", valueFrom: { configMapKeyRef: { name: "settings", key: "mode" } } }],
              envFrom: [{ configMapRef: { name: "settings" } }],
              volumeMounts: [{ name: "config", mountPath: "/etc/web" }],
            },
          ],
          volumes: [{ name: "config", configMap: { name: "settings" } }],
        },
      },
    },
  };
}

function podsOf(cluster: ReturnType<typeof fullCluster>, namespace = "default"): KubeObject[] {
  return cluster.store.list({ group: "", kind: "Pod", namespace, labelSelector: { matchLabels: { app: "web" } } });
}

function restarts(pod: KubeObject): number {
  return ((pod.status as { containerStatuses?: Array<{ restartCount: number }> }).containerStatuses ?? []).reduce((sum, s) => sum + s.restartCount, 0);
}

describe("configuration changes", () => {
  it("does not restart pods when a ConfigMap they use (env, envFrom, volume) changes; a template change rolls the Deployment", () => {
    const cluster = fullCluster();
    create(cluster, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings" }, data: { mode: "blue" } });
    create(cluster, webUsingConfig());
    settle(cluster);
    const before = podsOf(cluster);
    expect(before.map((p) => (p.status as { phase: string }).phase)).toEqual(["Running", "Running"]);

    expectOk(cluster.store.modify({ group: "", kind: "ConfigMap", namespace: "default", name: "settings" }, (cm) => (cm.data = { mode: "green" })));
    settle(cluster);
    cluster.clock.advance(10 * 60_000);
    const after = podsOf(cluster);
    expect(after.map((p) => p.metadata.uid)).toEqual(before.map((p) => p.metadata.uid));
    expect(after.map(restarts)).toEqual([0, 0]);
    for (const pod of after) expect(eventLines(cluster, "Pod", pod.metadata.name ?? "").filter((line) => line.includes("Killing"))).toEqual([]);

    // What rolls pods is a change to the template (what `kubectl rollout restart` does).
    expectOk(
      cluster.store.modify({ group: "apps", kind: "Deployment", namespace: "default", name: "web" }, (d) => {
        ((d.spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata.annotations)["kubectl.kubernetes.io/restartedAt"] = "2026-01-01T00:20:00Z";
      }),
    );
    settle(cluster);
    const rolled = podsOf(cluster).filter((p) => p.metadata.deletionTimestamp === undefined);
    expect(rolled).toHaveLength(2);
    for (const pod of rolled) expect(before.map((p) => p.metadata.uid)).not.toContain(pod.metadata.uid);
  });
});

describe("namespace deletion", () => {
  it("shows a deleted Namespace as Terminating while its pods take their time to stop and their claims go, then removes it", () => {
    const cluster = fullCluster();
    create(cluster, { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } });
    create(cluster, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "shop" }, data: { mode: "blue" } });
    create(cluster, webUsingConfig("shop", { "sim.drydock.dev/shutdown-duration": "20s" }));
    create(cluster, claim("data", { namespace: "shop" }));
    settle(cluster);
    expect(podsOf(cluster, "shop")).toHaveLength(2);
    const pvName = (cluster.store.get({ group: "", kind: "PersistentVolumeClaim", namespace: "shop", name: "data" })!.spec as { volumeName: string }).volumeName;

    const deleted = expectOk(cluster.store.delete({ group: "", kind: "Namespace", name: "shop" }));
    expect((deleted.status as { phase: string }).phase).toBe("Terminating");
    cluster.clock.advance(10_000);
    const namespace = cluster.store.get({ group: "", kind: "Namespace", name: "shop" })!;
    expect((namespace.status as { phase: string }).phase).toBe("Terminating");
    expect(podsOf(cluster, "shop").every((p) => p.metadata.deletionTimestamp !== undefined)).toBe(true);
    expect(cluster.store.get({ group: "", kind: "PersistentVolumeClaim", namespace: "shop", name: "data" })).toBeUndefined();

    cluster.clock.advance(11_000);
    expect(cluster.store.list({ namespace: "shop" })).toEqual([]);
    expect(cluster.store.get({ group: "", kind: "Namespace", name: "shop" })).toBeUndefined();
    expect(cluster.store.get({ group: "", kind: "PersistentVolume", name: pvName })).toBeUndefined();
  });
});

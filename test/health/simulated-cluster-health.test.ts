// Health of real objects from the simulated cluster: what the kubelet and controllers write is what
// the health rules read. A missing image tag degrades a Deployment at its 600 s progress deadline,
// and explainWorkload points at the pods' ImagePullBackOff.
import { describe, expect, it } from "vitest";
import { createCluster, type Cluster } from "../../src/runtime/cluster.js";
import type { KubeObject } from "../../src/runtime/store/kube-object.js";
import { expectOk } from "../../src/runtime/store/store-errors.js";
import { explainWorkload, healthOf } from "../../src/health/index.js";

const ref = (group: string, kind: string, name: string) => ({ group, kind, namespace: "default", name });

function settle(cluster: Cluster, ms: number): void {
  cluster.clock.runUntilQuiet(cluster.clock.now() + ms);
}

function podsOf(cluster: Cluster, app: string): KubeObject[] {
  return cluster.store.list({ group: "", kind: "Pod", namespace: "default", labelSelector: { matchLabels: { app } } });
}

function web(image: string, replicas = 2): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      replicas,
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image }] } },
    },
  };
}

describe("health on the simulated cluster", () => {
  it("a Deployment of a tag the registry lacks (nginx:1.91) is Degraded past 600 s, and its pods say ImagePullBackOff", () => {
    const cluster = createCluster();
    try {
      expectOk(cluster.store.create(web("nginx:1.91")));
      settle(cluster, 60_000);
      expect(healthOf(cluster.store.get(ref("apps", "Deployment", "web"))).status).toBe("Progressing");
      expect(podsOf(cluster, "web").map((p) => healthOf(p).status)).toEqual(["Degraded", "Degraded"]);

      settle(cluster, 11 * 60_000);
      const deployment = cluster.store.get(ref("apps", "Deployment", "web"));
      expect(healthOf(deployment)).toMatchObject({ status: "Degraded", reason: "ProgressDeadlineExceeded", message: expect.stringMatching(/^ReplicaSet "web-[a-z0-9]+" has timed out progressing\.$/) });
      const explained = explainWorkload(deployment, podsOf(cluster, "web"));
      expect(explained.pods).toBe('2 pods ImagePullBackOff (Back-off pulling image "nginx:1.91")');
      expect(explained.summary).toBe('Degraded: ProgressDeadlineExceeded — 2 pods ImagePullBackOff (Back-off pulling image "nginx:1.91")');
    } finally {
      cluster.stop();
    }
  });

  it("a Deployment of nginx:1.9.1 becomes Healthy, and so do its ReplicaSet and pods", () => {
    const cluster = createCluster();
    try {
      expectOk(cluster.store.create(web("nginx:1.9.1", 3)));
      expect(healthOf(cluster.store.get(ref("apps", "Deployment", "web"))).status).toBe("Progressing");
      settle(cluster, 10 * 60_000);
      expect(healthOf(cluster.store.get(ref("apps", "Deployment", "web")))).toEqual({ status: "Healthy", message: 'deployment "web" successfully rolled out' });
      const replicaSets = cluster.store.list({ group: "apps", kind: "ReplicaSet", namespace: "default" });
      expect(replicaSets.map((rs) => healthOf(rs).status)).toEqual(["Healthy"]);
      expect(podsOf(cluster, "web").map((p) => healthOf(p).status)).toEqual(["Healthy", "Healthy", "Healthy"]);
      expect(explainWorkload(cluster.store.get(ref("apps", "Deployment", "web")), podsOf(cluster, "web")).summary).toBe("Healthy");
    } finally {
      cluster.stop();
    }
  });

  it("a Job is Progressing while it runs and Healthy once complete", () => {
    const cluster = createCluster();
    try {
      const job: KubeObject = {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: { name: "migrate" },
        spec: {
          template: {
            metadata: { annotations: { "sim.drydock.dev/run-duration": "30s" } },
            spec: { restartPolicy: "Never", containers: [{ name: "migrate", image: "busybox:1.28", command: ["sh", "-c", "true"] }] },
          },
        },
      };
      expectOk(cluster.store.create(job));
      settle(cluster, 10_000);
      expect(healthOf(cluster.store.get(ref("batch", "Job", "migrate")))).toMatchObject({ status: "Progressing", reason: "JobRunning" });
      settle(cluster, 10 * 60_000);
      expect(healthOf(cluster.store.get(ref("batch", "Job", "migrate"))).status).toBe("Healthy");
    } finally {
      cluster.stop();
    }
  });

  it("a StatefulSet is Progressing until its pods are ready, then Healthy", () => {
    const cluster = createCluster();
    try {
      const set: KubeObject = {
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        metadata: { name: "db" },
        spec: {
          replicas: 2,
          serviceName: "db",
          selector: { matchLabels: { app: "db" } },
          template: {
            metadata: { labels: { app: "db" }, annotations: { "sim.drydock.dev/ready-after": "20s" } },
            spec: { containers: [{ name: "nginx", image: "nginx:1.9.1" }] },
          },
        },
      };
      expectOk(cluster.store.create(set));
      settle(cluster, 5_000);
      expect(healthOf(cluster.store.get(ref("apps", "StatefulSet", "db"))).status).toBe("Progressing");
      settle(cluster, 10 * 60_000);
      expect(healthOf(cluster.store.get(ref("apps", "StatefulSet", "db"))).status).toBe("Healthy");
    } finally {
      cluster.stop();
    }
  });

  it("an object the cluster does not have is Missing", () => {
    const cluster = createCluster();
    try {
      expect(healthOf(cluster.store.get(ref("apps", "Deployment", "nope")))).toMatchObject({ status: "Missing" });
    } finally {
      cluster.stop();
    }
  });
});

// Objects for the describe tests, written into a bare cluster as the controllers would leave them.
import { createCluster, type Cluster } from "../../../src/runtime/cluster.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";

export function fixtureCluster(): Cluster {
  return createCluster({ bare: true });
}

export function put(cluster: Cluster, object: KubeObject, status?: Record<string, unknown>): KubeObject {
  const created = expectOk(cluster.store.create(object));
  return status ? expectOk(cluster.store.update({ ...created, status }, { subresource: "status" })) : created;
}

export const TEMPLATE = {
  metadata: { labels: { app: "web" } },
  spec: {
    containers: [
      {
        name: "nginx",
        image: "nginx:1.26",
        ports: [{ containerPort: 80, protocol: "TCP" }],
        env: [
          { name: "MODE", value: "prod" },
          { name: "PASS", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
        ],
        resources: { requests: { cpu: "250m", memory: "64Mi" }, limits: { memory: "128Mi" } },
        volumeMounts: [{ name: "cfg", mountPath: "/etc/web", readOnly: true }],
      },
    ],
    volumes: [{ name: "cfg", configMap: { name: "web-config" } }],
  },
};

export function deploymentObject(): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default", labels: { app: "web" }, annotations: { "deployment.kubernetes.io/revision": "2" } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "web" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      minReadySeconds: 0,
      template: TEMPLATE,
    },
  };
}

export function replicaSetObject(owner: KubeObject, name: string, hash: string, image: string): KubeObject {
  const template = structuredClone(TEMPLATE) as { metadata: { labels: Record<string, string> }; spec: { containers: Array<{ image: string }> } };
  template.metadata.labels["pod-template-hash"] = hash;
  template.spec.containers[0].image = image;
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name,
      namespace: "default",
      labels: { app: "web", "pod-template-hash": hash },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: owner.metadata.name ?? "", uid: owner.metadata.uid ?? "", controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas: 3, selector: { matchLabels: { app: "web", "pod-template-hash": hash } }, template },
  };
}

export function podObject(owner: KubeObject, name: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "default",
      labels: { app: "web", "pod-template-hash": "7d4b9c8f5" },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: owner.metadata.name ?? "", uid: owner.metadata.uid ?? "", controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      ...structuredClone(TEMPLATE.spec),
      nodeName: "worker-1",
      serviceAccountName: "default",
      priority: 0,
      tolerations: [
        { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      ],
    },
  };
}

export const RUNNING_POD_STATUS = {
  phase: "Running",
  conditions: [
    { type: "Initialized", status: "True" },
    { type: "Ready", status: "True" },
    { type: "ContainersReady", status: "True" },
    { type: "PodScheduled", status: "True" },
  ],
  hostIP: "172.18.0.2",
  podIP: "10.244.1.5",
  podIPs: [{ ip: "10.244.1.5" }],
  startTime: "2026-01-01T00:00:00Z",
  qosClass: "Burstable",
  containerStatuses: [
    {
      name: "nginx",
      ready: true,
      restartCount: 1,
      image: "nginx:1.26",
      imageID: "docker.io/library/nginx@sha256:abc",
      containerID: "containerd://1234",
      state: { running: { startedAt: "2026-01-01T00:01:00Z" } },
      lastState: { terminated: { exitCode: 1, reason: "Error", startedAt: "2026-01-01T00:00:05Z", finishedAt: "2026-01-01T00:00:50Z" } },
    },
  ],
};

// describe layouts: kubectl's describers, line for line, for objects as the controllers leave them.
import { beforeEach, describe, expect, it } from "vitest";
import { describeObject } from "../../../src/cli/output/kube/describe/describe.js";
import type { Cluster } from "../../../src/runtime/cluster.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { deploymentObject, fixtureCluster, podObject, put, replicaSetObject, RUNNING_POD_STATUS } from "./describe-fixtures.js";

function describeNow(cluster: Cluster, object: KubeObject): string {
  return describeObject(cluster.store.getByUid(object.metadata.uid ?? "") as KubeObject, cluster.store, cluster.clock.now());
}

describe("describe deployment, replica set and pod", () => {
  let cluster: Cluster;
  let deployment: KubeObject;
  let replicaSet: KubeObject;
  let pod: KubeObject;

  beforeEach(() => {
    cluster = fixtureCluster();
    deployment = put(cluster, deploymentObject(), {
      replicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
      readyReplicas: 3,
      conditions: [
        { type: "Available", status: "True", reason: "MinimumReplicasAvailable" },
        { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable" },
      ],
    });
    put(cluster, replicaSetObject(deployment, "web-5d5547db", "5d5547db", "nginx:1.25"), { replicas: 0 });
    replicaSet = put(cluster, replicaSetObject(deployment, "web-7d4b9c8f5", "7d4b9c8f5", "nginx:1.26"), { replicas: 3, readyReplicas: 3 });
    pod = put(cluster, podObject(replicaSet, "web-7d4b9c8f5-x2x4q"), RUNNING_POD_STATUS);
    const controller = cluster.events.for({ component: "deployment-controller" });
    controller.event(deployment, "Normal", "ScalingReplicaSet", "Scaled up replica set web-7d4b9c8f5 from 0 to 3");
    cluster.events.for({ component: "kubelet", host: "worker-1" }).event(pod, "Normal", "Started", "Started container nginx");
    cluster.clock.advance(8 * 60_000);
    controller.event(deployment, "Normal", "ScalingReplicaSet", "Scaled up replica set web-7d4b9c8f5 from 0 to 3");
    controller.event(deployment, "Warning", "ReplicaSetCreateError", 'Failed to create new replica set "web-x"');
    cluster.clock.advance(10 * 60_000);
    controller.event(deployment, "Normal", "ScalingReplicaSet", "Scaled up replica set web-7d4b9c8f5 from 0 to 3");
    cluster.clock.advance(2 * 60_000);
  });

  it("describes a deployment: replicas line, strategy, pod template, conditions, old and new replica sets, events (x3 over 20m)", () => {
    expect(describeNow(cluster, deployment)).toBe(
    [
      "Name:                   web",
      "Namespace:              default",
      "CreationTimestamp:      Thu, 01 Jan 2026 00:00:00 +0000",
      "Labels:                 app=web",
      "Annotations:            deployment.kubernetes.io/revision: 2",
      "Selector:               app=web",
      "Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable",
      "StrategyType:           RollingUpdate",
      "MinReadySeconds:        0",
      "RollingUpdateStrategy:  25% max unavailable, 25% max surge",
      "Pod Template:",
      "  Labels:  app=web",
      "  Containers:",
      "   nginx:",
      "    Image:      nginx:1.26",
      "    Port:       80/TCP",
      "    Host Port:  0/TCP",
      "    Limits:",
      "      memory:  128Mi",
      "    Requests:",
      "      cpu:     250m",
      "      memory:  64Mi",
      "    Environment:",
      "      MODE:  prod",
      "      PASS:  <set to the key 'password' in secret 'db'>  Optional: false",
      "    Mounts:",
      "      /etc/web from cfg (ro)",
      "  Volumes:",
      "   cfg:",
      "    Type:          ConfigMap (a volume populated by a ConfigMap)",
      "    Name:          web-config",
      "    Optional:      false",
      "  Node-Selectors:  <none>",
      "  Tolerations:     <none>",
      "Conditions:",
      "  Type           Status  Reason",
      "  ----           ------  ------",
      "  Available      True    MinimumReplicasAvailable",
      "  Progressing    True    NewReplicaSetAvailable",
      "OldReplicaSets:  web-5d5547db (0/3 replicas created)",
      "NewReplicaSet:   web-7d4b9c8f5 (3/3 replicas created)",
      "Events:",
      "  Type     Reason                 Age               From                   Message",
      "  ----     ------                 ----              ----                   -------",
      "  Warning  ReplicaSetCreateError  12m               deployment-controller  Failed to create new replica set \"web-x\"",
      "  Normal   ScalingReplicaSet      2m (x3 over 20m)  deployment-controller  Scaled up replica set web-7d4b9c8f5 from 0 to 3",
      "",
    ].join("\n"),
    );
  });

  it("describes a replica set: selector, controller, pods status, template", () => {
    expect(describeNow(cluster, replicaSet)).toBe(
    [
      "Name:           web-7d4b9c8f5",
      "Namespace:      default",
      "Selector:       app=web,pod-template-hash=7d4b9c8f5",
      "Labels:         app=web",
      "                pod-template-hash=7d4b9c8f5",
      "Annotations:    <none>",
      "Controlled By:  Deployment/web",
      "Replicas:       3 current / 3 desired",
      "Pods Status:    1 Running / 0 Waiting / 0 Succeeded / 0 Failed",
      "Pod Template:",
      "  Labels:  app=web",
      "           pod-template-hash=7d4b9c8f5",
      "  Containers:",
      "   nginx:",
      "    Image:      nginx:1.26",
      "    Port:       80/TCP",
      "    Host Port:  0/TCP",
      "    Limits:",
      "      memory:  128Mi",
      "    Requests:",
      "      cpu:     250m",
      "      memory:  64Mi",
      "    Environment:",
      "      MODE:  prod",
      "      PASS:  <set to the key 'password' in secret 'db'>  Optional: false",
      "    Mounts:",
      "      /etc/web from cfg (ro)",
      "  Volumes:",
      "   cfg:",
      "    Type:          ConfigMap (a volume populated by a ConfigMap)",
      "    Name:          web-config",
      "    Optional:      false",
      "  Node-Selectors:  <none>",
      "  Tolerations:     <none>",
      "Events:            <none>",
      "",
    ].join("\n"),
    );
  });

  it("describes a pod: node, IPs, controller, container state and last state, conditions, volumes, QoS, tolerations", () => {
    expect(describeNow(cluster, pod)).toBe(
    [
      "Name:             web-7d4b9c8f5-x2x4q",
      "Namespace:        default",
      "Priority:         0",
      "Service Account:  default",
      "Node:             worker-1/172.18.0.2",
      "Start Time:       Thu, 01 Jan 2026 00:00:00 +0000",
      "Labels:           app=web",
      "                  pod-template-hash=7d4b9c8f5",
      "Annotations:      <none>",
      "Status:           Running",
      "IP:               10.244.1.5",
      "IPs:",
      "  IP:           10.244.1.5",
      "Controlled By:  ReplicaSet/web-7d4b9c8f5",
      "Containers:",
      "  nginx:",
      "    Container ID:   containerd://1234",
      "    Image:          nginx:1.26",
      "    Image ID:       docker.io/library/nginx@sha256:abc",
      "    Port:           80/TCP",
      "    Host Port:      0/TCP",
      "    State:          Running",
      "      Started:      Thu, 01 Jan 2026 00:01:00 +0000",
      "    Last State:     Terminated",
      "      Reason:       Error",
      "      Exit Code:    1",
      "      Started:      Thu, 01 Jan 2026 00:00:05 +0000",
      "      Finished:     Thu, 01 Jan 2026 00:00:50 +0000",
      "    Ready:          True",
      "    Restart Count:  1",
      "    Limits:",
      "      memory:  128Mi",
      "    Requests:",
      "      cpu:     250m",
      "      memory:  64Mi",
      "    Environment:",
      "      MODE:  prod",
      "      PASS:  <set to the key 'password' in secret 'db'>  Optional: false",
      "    Mounts:",
      "      /etc/web from cfg (ro)",
      "Conditions:",
      "  Type              Status",
      "  Initialized       True ",
      "  Ready             True ",
      "  ContainersReady   True ",
      "  PodScheduled      True ",
      "Volumes:",
      "  cfg:",
      "    Type:        ConfigMap (a volume populated by a ConfigMap)",
      "    Name:        web-config",
      "    Optional:    false",
      "QoS Class:       Burstable",
      "Node-Selectors:  <none>",
      "Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s",
      "                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s",
      "Events:",
      "  Type    Reason   Age   From     Message",
      "  ----    ------   ----  ----     -------",
      "  Normal  Started  20m   kubelet  Started container nginx",
      "",
    ].join("\n"),
    );
  });

  it("prints Events:  <none> aligned with the lines above it when there are none", () => {
    const bare = fixtureCluster();
    const cm = put(bare, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "default" }, data: { "b.txt": "two", "a.conf": "x=1\ny=2" } });
    expect(describeNow(bare, cm)).toBe(
      ["Name:         cfg", "Namespace:    default", "Labels:       <none>", "Annotations:  <none>", "", "Data", "====", "a.conf:", "----", "x=1", "y=2", "", "b.txt:", "----", "two", "", "", "BinaryData", "====", "", "Events:  <none>", ""].join("\n"),
    );
  });
});

describe("describe service, endpoints, node and other kinds", () => {
  let cluster: Cluster;
  const objects: Record<string, KubeObject> = {};

  beforeEach(() => {
    cluster = fixtureCluster();
    objects.service = put(cluster, {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: "default" },
      spec: {
        type: "NodePort",
        selector: { app: "web" },
        clusterIP: "10.96.10.10",
        clusterIPs: ["10.96.10.10"],
        ipFamilies: ["IPv4"],
        ipFamilyPolicy: "SingleStack",
        ports: [
          { name: "http", port: 80, targetPort: "http", protocol: "TCP", nodePort: 30080 },
          { port: 9090, targetPort: 9090, protocol: "TCP", nodePort: 30090 },
        ],
        sessionAffinity: "None",
        externalTrafficPolicy: "Cluster",
      },
    });
    objects.endpoints = put(cluster, {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "web", namespace: "default" },
      subsets: [{ addresses: [{ ip: "10.244.1.5" }, { ip: "10.244.2.5" }], notReadyAddresses: [{ ip: "10.244.3.5" }], ports: [{ name: "http", port: 8080, protocol: "TCP" }] }],
    });
    put(cluster, {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "web-abcde", namespace: "default", labels: { "kubernetes.io/service-name": "web" } },
      addressType: "IPv4",
      ports: [{ name: "http", port: 8080, protocol: "TCP" }, { name: "", port: 9090, protocol: "TCP" }],
      endpoints: [{ addresses: ["10.244.1.5"], conditions: { ready: true } }, { addresses: ["10.244.2.5"], conditions: { ready: true } }, { addresses: ["10.244.3.5"], conditions: { ready: false } }],
    });
    objects.node = put(
      cluster,
      {
        apiVersion: "v1",
        kind: "Node",
        metadata: { name: "worker-1", labels: { "kubernetes.io/hostname": "worker-1", "node-role.kubernetes.io/worker": "" } },
        spec: {
          podCIDR: "10.244.1.0/24",
          podCIDRs: ["10.244.1.0/24"],
          unschedulable: true,
          taints: [{ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }, { key: "dedicated", value: "db", effect: "NoExecute" }],
        },
      },
      {
        capacity: { cpu: "4", memory: "16Gi", pods: "110", "ephemeral-storage": "100Gi" },
        allocatable: { cpu: "4", memory: "16Gi", pods: "110", "ephemeral-storage": "100Gi" },
        conditions: [{ type: "Ready", status: "True", lastHeartbeatTime: "2026-01-01T00:00:00Z", lastTransitionTime: "2026-01-01T00:00:00Z", reason: "KubeletReady", message: "kubelet is posting ready status" }],
        addresses: [{ type: "InternalIP", address: "172.18.0.2" }, { type: "Hostname", address: "worker-1" }],
        nodeInfo: {
          kubeletVersion: "v1.30.0",
          kubeProxyVersion: "v1.30.0",
          osImage: "Debian GNU/Linux 12 (bookworm)",
          kernelVersion: "6.1.0",
          operatingSystem: "linux",
          architecture: "amd64",
          containerRuntimeVersion: "containerd://1.7.15",
          machineID: "m",
          systemUUID: "s",
          bootID: "b",
        },
      },
    );
    const owner = { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web-7d4b9c8f5", uid: "u" } };
    put(cluster, podObject(owner, "web-1"), RUNNING_POD_STATUS);
    put(cluster, podObject(owner, "web-2"), RUNNING_POD_STATUS);
    put(cluster, podObject(owner, "done"), { ...RUNNING_POD_STATUS, phase: "Succeeded" });
    objects.pdb = put(
      cluster,
      { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "web-pdb", namespace: "default", labels: { app: "web" } }, spec: { minAvailable: 2, selector: { matchLabels: { app: "web" } } } },
      { currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, conditions: [{ type: "DisruptionAllowed", status: "True", reason: "SufficientPods" }] },
    );
    cluster.clock.advance(2 * 3_600_000);
    cluster.events.for({ component: "node-controller" }).event(objects.node, "Normal", "NodeNotSchedulable", "Node worker-1 status is now: NodeNotSchedulable");
    cluster.clock.advance(5 * 60_000);
  });

  it("describes a service: type, IPs, each port with its target, node port and ready endpoints from the slices", () => {
    expect(describeNow(cluster, objects.service)).toBe(
    [
      "Name:                     web",
      "Namespace:                default",
      "Labels:                   <none>",
      "Annotations:              <none>",
      "Selector:                 app=web",
      "Type:                     NodePort",
      "IP Family Policy:         SingleStack",
      "IP Families:              IPv4",
      "IP:                       10.96.10.10",
      "IPs:                      10.96.10.10",
      "Port:                     http  80/TCP",
      "TargetPort:               http/TCP",
      "NodePort:                 http  30080/TCP",
      "Endpoints:                10.244.1.5:8080,10.244.2.5:8080",
      "Port:                     <unset>  9090/TCP",
      "TargetPort:               9090/TCP",
      "NodePort:                 <unset>  30090/TCP",
      "Endpoints:                10.244.1.5:9090,10.244.2.5:9090",
      "Session Affinity:         None",
      "External Traffic Policy:  Cluster",
      "Events:                   <none>",
      "",
    ].join("\n"),
    );
  });

  it("describes endpoints: ready and not-ready addresses and ports per subset", () => {
    expect(describeNow(cluster, objects.endpoints)).toBe(
    [
      "Name:         web",
      "Namespace:    default",
      "Labels:       <none>",
      "Annotations:  <none>",
      "Subsets:",
      "  Addresses:          10.244.1.5,10.244.2.5",
      "  NotReadyAddresses:  10.244.3.5",
      "  Ports:",
      "    Name  Port  Protocol",
      "    ----  ----  --------",
      "    http  8080  TCP",
      "",
      "Events:  <none>",
      "",
    ].join("\n"),
    );
  });

  it("describes a node: roles, taints, conditions, capacity, system info, non-terminated pods, allocated resources, its events", () => {
    expect(describeNow(cluster, objects.node)).toBe(
    [
      "Name:               worker-1",
      "Roles:              worker",
      "Labels:             kubernetes.io/hostname=worker-1",
      "                    node-role.kubernetes.io/worker=",
      "Annotations:        <none>",
      "CreationTimestamp:  Thu, 01 Jan 2026 00:00:00 +0000",
      "Taints:             dedicated=db:NoExecute",
      "                    node.kubernetes.io/unschedulable:NoSchedule",
      "Unschedulable:      true",
      "Conditions:",
      "  Type    Status  LastHeartbeatTime                 LastTransitionTime                Reason         Message",
      "  ----    ------  -----------------                 ------------------                ------         -------",
      "  Ready   True    Thu, 01 Jan 2026 00:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletReady   kubelet is posting ready status",
      "Addresses:",
      "  InternalIP:  172.18.0.2",
      "  Hostname:    worker-1",
      "Capacity:",
      "  cpu:                4",
      "  ephemeral-storage:  100Gi",
      "  memory:             16Gi",
      "  pods:               110",
      "Allocatable:",
      "  cpu:                4",
      "  ephemeral-storage:  100Gi",
      "  memory:             16Gi",
      "  pods:               110",
      "System Info:",
      "  Machine ID:                 m",
      "  System UUID:                s",
      "  Boot ID:                    b",
      "  Kernel Version:             6.1.0",
      "  OS Image:                   Debian GNU/Linux 12 (bookworm)",
      "  Operating System:           linux",
      "  Architecture:               amd64",
      "  Container Runtime Version:  containerd://1.7.15",
      "  Kubelet Version:            v1.30.0",
      "  Kube-Proxy Version:         v1.30.0",
      "PodCIDR:                      10.244.1.0/24",
      "PodCIDRs:                     10.244.1.0/24",
      "Non-terminated Pods:          (2 in total)",
      "  Namespace                   Name     CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age",
      "  ---------                   ----     ------------  ----------  ---------------  -------------  ---",
      "  default                     web-1    250m (6%)     0 (0%)      64Mi (0%)        128Mi (0%)     125m",
      "  default                     web-2    250m (6%)     0 (0%)      64Mi (0%)        128Mi (0%)     125m",
      "Allocated resources:",
      "  (Total limits may be over 100 percent, i.e., overcommitted.)",
      "  Resource           Requests    Limits",
      "  --------           --------    ------",
      "  cpu                500m (12%)  0 (0%)",
      "  memory             128Mi (0%)  256Mi (1%)",
      "  ephemeral-storage  0 (0%)      0 (0%)",
      "Events:",
      "  Type    Reason              Age   From             Message",
      "  ----    ------              ----  ----             -------",
      "  Normal  NodeNotSchedulable  5m    node-controller  Node worker-1 status is now: NodeNotSchedulable",
      "",
    ].join("\n"),
    );
  });

  it("describes other kinds generically, every field under a smart label", () => {
    const text = describeNow(cluster, objects.pdb).replace(/(UID:\s+)\S+/, "$1<uid>").replace(/(Resource Version:\s+)\S+/, "$1<rv>");
    expect(text).toBe(
    [
      "Name:         web-pdb",
      "Namespace:    default",
      "Labels:       app=web",
      "Annotations:  <none>",
      "API Version:  policy/v1",
      "Kind:         PodDisruptionBudget",
      "Metadata:",
      "  Creation Timestamp:  2026-01-01T00:00:00Z",
      "  Generation:          1",
      "  Resource Version:    <rv>",
      "  UID:                 <uid>",
      "Spec:",
      "  Min Available:  2",
      "  Selector:",
      "    Match Labels:",
      "      App:  web",
      "Status:",
      "  Conditions:",
      "    Reason:         SufficientPods",
      "    Status:         True",
      "    Type:           DisruptionAllowed",
      "  Current Healthy:  3",
      "  Desired Healthy:  2",
      "  Expected Pods:    3",
      "Events:             <none>",
      "",
    ].join("\n"),
    );
  });

  it("lists the endpoints of a service from its Endpoints object when there are no slices", () => {
    const bare = fixtureCluster();
    const service = put(bare, { apiVersion: "v1", kind: "Service", metadata: { name: "api", namespace: "default" }, spec: { clusterIP: "None", clusterIPs: ["None"], ports: [{ port: 80, protocol: "TCP" }] } });
    const addresses = ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"].map((ip) => ({ ip }));
    put(bare, { apiVersion: "v1", kind: "Endpoints", metadata: { name: "api", namespace: "default" }, subsets: [{ addresses, ports: [{ port: 8080 }] }] });
    expect(describeNow(bare, service)).toContain("Endpoints:         10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 2 more...\n");
    expect(describeNow(bare, service)).toContain("IP:                None\n");
  });

  it("shows a terminating pod's grace period, counted from the deletion deadline as kubectl does", () => {
    const bare = fixtureCluster();
    const pod = put(bare, { ...podObject({ metadata: { name: "rs", uid: "u" } } as KubeObject, "p"), metadata: { name: "p", namespace: "default", finalizers: ["x"] } }, RUNNING_POD_STATUS);
    bare.store.delete({ group: "", kind: "Pod", namespace: "default", name: "p" }, { gracePeriodSeconds: 30 });
    // deletionTimestamp is the end of the grace period: during it kubectl prints <invalid>
    expect(describeNow(bare, pod)).toContain("Status:                    Terminating (lasts <invalid>)\n");
    bare.clock.advance(42_000);
    const text = describeNow(bare, pod);
    expect(text).toContain("Status:                    Terminating (lasts 12s)\nTermination Grace Period:  30s\n");
  });
});

// `kubectl get` tables, names, JSON and YAML, from objects built by hand.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { listOrObject, noResourcesMessage, printJson, printNames, printTables, printYaml, type TableOptions } from "../../../src/cli/output/kube/get-printer.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";

const NOW = Date.UTC(2026, 0, 1, 0, 10, 0);
const T0 = "2026-01-01T00:00:00Z";
const PLAIN: TableOptions = { wide: false, allNamespaces: false, showLabels: false, withKind: false };

function obj(apiVersion: string, kind: string, name: string, body: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace: "default", creationTimestamp: T0, ...metadata }, ...body };
}

function table(group: string, kind: string, objects: KubeObject[], options: Partial<TableOptions> = {}): string {
  return printTables([{ group, kind, objects }], { ...PLAIN, ...options }, NOW);
}

const deployment = obj("apps/v1", "Deployment", "web", {
  spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, template: { spec: { containers: [{ name: "nginx", image: "nginx:1.25" }, { name: "log", image: "busybox" }] } } },
  status: { replicas: 3, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 1 },
});

describe("get tables", () => {
  it("prints deployments: READY ready/desired, UP-TO-DATE, AVAILABLE, AGE", () => {
    expect(table("apps", "Deployment", [deployment])).toBe("NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    2/3     2            1           10m\n");
  });

  it("adds CONTAINERS, IMAGES and SELECTOR with -o wide", () => {
    expect(table("apps", "Deployment", [deployment], { wide: true })).toBe(
      "NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES               SELECTOR\nweb    2/3     2            1           10m   nginx,log    nginx:1.25,busybox   app=web\n",
    );
  });

  it("prints replica sets: DESIRED, CURRENT, READY", () => {
    const rs = obj("apps/v1", "ReplicaSet", "web-7d4b9c8f5", { spec: { replicas: 3 }, status: { replicas: 2, readyReplicas: 1 } });
    expect(table("apps", "ReplicaSet", [rs])).toBe("NAME            DESIRED   CURRENT   READY   AGE\nweb-7d4b9c8f5   3         2         1       10m\n");
  });

  it("prints pods with their status cells, and IP/NODE columns in wide", () => {
    const pod = obj("v1", "Pod", "web-1", { spec: { nodeName: "worker-1", containers: [{ name: "c", image: "x" }] }, status: { phase: "Running", podIPs: [{ ip: "10.244.1.2" }], containerStatuses: [{ name: "c", ready: true, restartCount: 0, state: { running: {} } }] } });
    expect(table("", "Pod", [pod])).toBe("NAME    READY   STATUS    RESTARTS   AGE\nweb-1   1/1     Running   0          10m\n");
    expect(table("", "Pod", [pod], { wide: true })).toBe(
      "NAME    READY   STATUS    RESTARTS   AGE   IP           NODE       NOMINATED NODE   READINESS GATES\nweb-1   1/1     Running   0          10m   10.244.1.2   worker-1   <none>           <none>\n",
    );
  });

  it("prints services: TYPE, CLUSTER-IP (None when headless), EXTERNAL-IP, PORT(S)", () => {
    const services = [
      obj("v1", "Service", "api", { spec: { type: "ClusterIP", clusterIP: "10.96.0.20", clusterIPs: ["10.96.0.20"], ports: [{ port: 80, protocol: "TCP" }, { port: 53, protocol: "UDP" }] } }),
      obj("v1", "Service", "db", { spec: { type: "ClusterIP", clusterIP: "None", clusterIPs: ["None"], ports: [{ port: 5432, protocol: "TCP" }] } }),
      obj("v1", "Service", "lb", { spec: { type: "LoadBalancer", clusterIP: "10.96.0.21", clusterIPs: ["10.96.0.21"], ports: [{ port: 80, nodePort: 30080, protocol: "TCP" }] } }),
      obj("v1", "Service", "np", { spec: { type: "NodePort", clusterIP: "10.96.0.22", clusterIPs: ["10.96.0.22"], ports: [{ port: 443, nodePort: 31443, protocol: "TCP" }], selector: { app: "np", tier: "web" } } }),
      obj("v1", "Service", "ext", { spec: { type: "ExternalName", externalName: "db.example.com" } }),
    ];
    expect(table("", "Service", services, { wide: true })).toBe(
      [
        "NAME   TYPE           CLUSTER-IP   EXTERNAL-IP      PORT(S)         AGE   SELECTOR",
        "api    ClusterIP      10.96.0.20   <none>           80/TCP,53/UDP   10m   <none>",
        "db     ClusterIP      None         <none>           5432/TCP        10m   <none>",
        "lb     LoadBalancer   10.96.0.21   <pending>        80:30080/TCP    10m   <none>",
        "np     NodePort       10.96.0.22   <none>           443:31443/TCP   10m   app=np,tier=web",
        "ext    ExternalName   <none>       db.example.com   <none>          10m   <none>",
        "",
      ].join("\n"),
    );
  });

  it("prints nodes: Ready/NotReady/Unknown, SchedulingDisabled, ROLES", () => {
    const node = (name: string, ready: string | undefined, extra: { unschedulable?: boolean; labels?: Record<string, string> } = {}): KubeObject => ({
      apiVersion: "v1",
      kind: "Node",
      metadata: { name, creationTimestamp: T0, labels: extra.labels ?? {} },
      spec: extra.unschedulable ? { unschedulable: true } : {},
      status: {
        conditions: ready === undefined ? [] : [{ type: "MemoryPressure", status: "False" }, { type: "Ready", status: ready }],
        nodeInfo: { kubeletVersion: "v1.30.0", osImage: "Debian", kernelVersion: "6.1", containerRuntimeVersion: "containerd://1.7" },
        addresses: [{ type: "InternalIP", address: "172.18.0.2" }],
      },
    });
    const nodes = [
      node("cp", "True", { labels: { "node-role.kubernetes.io/control-plane": "", "node-role.kubernetes.io/master": "" } }),
      node("w1", "True", { unschedulable: true }),
      node("w2", "False"),
      node("w3", "Unknown"),
      node("w4", undefined, { labels: { "kubernetes.io/role": "edge" } }),
    ];
    expect(table("", "Node", nodes)).toBe(
      [
        "NAME   STATUS                     ROLES                  AGE   VERSION",
        "cp     Ready                      control-plane,master   10m   v1.30.0",
        "w1     Ready,SchedulingDisabled   <none>                 10m   v1.30.0",
        "w2     NotReady                   <none>                 10m   v1.30.0",
        "w3     NotReady                   <none>                 10m   v1.30.0",
        "w4     Unknown                    edge                   10m   v1.30.0",
        "",
      ].join("\n"),
    );
    expect(table("", "Node", [nodes[0]], { wide: true }).split("\n")[1]).toBe("cp     Ready    control-plane,master   10m   v1.30.0   172.18.0.2    <none>        Debian     6.1              containerd://1.7");
  });

  it("prints endpoints as up to three ip:port then + N more...", () => {
    const addresses = ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"].map((ip) => ({ ip }));
    const many = obj("v1", "Endpoints", "web", { subsets: [{ addresses, ports: [{ port: 8080 }] }] });
    const empty = obj("v1", "Endpoints", "idle", {});
    expect(table("", "Endpoints", [empty, many])).toBe("NAME   ENDPOINTS                                               AGE\nidle   <none>                                                  10m\nweb    10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 1 more...   10m\n");
  });

  it("prints namespaces, config maps and secrets", () => {
    expect(table("", "Namespace", [obj("v1", "Namespace", "shop", { status: { phase: "Active" } }, { namespace: undefined })])).toBe("NAME   STATUS   AGE\nshop   Active   10m\n");
    expect(table("", "ConfigMap", [obj("v1", "ConfigMap", "cfg", { data: { a: "1", b: "2" }, binaryData: { c: "AA==" } })])).toBe("NAME   DATA   AGE\ncfg    3      10m\n");
    expect(table("", "Secret", [obj("v1", "Secret", "tls", { type: "kubernetes.io/tls", data: { "tls.crt": "", "tls.key": "" } })])).toBe("NAME   TYPE                DATA   AGE\ntls    kubernetes.io/tls   2      10m\n");
  });

  it("prints jobs, cron jobs, stateful sets and daemon sets with their own columns", () => {
    const job = obj("batch/v1", "Job", "backup", { spec: { completions: 3 }, status: { succeeded: 3, startTime: "2026-01-01T00:01:00Z", completionTime: "2026-01-01T00:03:30Z", conditions: [{ type: "Complete", status: "True" }] } });
    expect(table("batch", "Job", [job])).toBe("NAME     STATUS     COMPLETIONS   DURATION   AGE\nbackup   Complete   3/3           2m30s      10m\n");
    const cron = obj("batch/v1", "CronJob", "nightly", { spec: { schedule: "0 3 * * *", suspend: false }, status: { active: [{}], lastScheduleTime: "2026-01-01T00:05:00Z" } });
    expect(table("batch", "CronJob", [cron])).toBe("NAME      SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nnightly   0 3 * * *   <none>     False     1        5m              10m\n");
    const sts = obj("apps/v1", "StatefulSet", "db", { spec: { replicas: 3 }, status: { readyReplicas: 2 } });
    expect(table("apps", "StatefulSet", [sts])).toBe("NAME   READY   AGE\ndb     2/3     10m\n");
    const ds = obj("apps/v1", "DaemonSet", "agent", { spec: { template: { spec: { nodeSelector: { "kubernetes.io/os": "linux" } } } }, status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 } });
    expect(table("apps", "DaemonSet", [ds])).toBe("NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\nagent   3         3         2       3            2           kubernetes.io/os=linux   10m\n");
  });

  it("prints NAME and AGE for kinds without a table", () => {
    expect(table("policy", "PodDisruptionBudget", [obj("policy/v1", "PodDisruptionBudget", "web-pdb")])).toBe("NAME      AGE\nweb-pdb   10m\n");
  });

  it("prints events as LAST SEEN, TYPE, REASON, object/name, MESSAGE", () => {
    const event = obj("v1", "Event", "web.1", { involvedObject: { kind: "Deployment", name: "web" }, type: "Normal", reason: "ScalingReplicaSet", message: "Scaled up replica set web-1 from 0 to 3", count: 3, firstTimestamp: T0, lastTimestamp: "2026-01-01T00:08:00Z", source: { component: "deployment-controller" } });
    expect(table("", "Event", [event])).toBe("LAST SEEN   TYPE     REASON              OBJECT           MESSAGE\n2m          Normal   ScalingReplicaSet   deployment/web   Scaled up replica set web-1 from 0 to 3\n");
    expect(table("", "Event", [event], { wide: true }).split("\n")[1]).toBe("2m          Normal   ScalingReplicaSet   deployment/web               deployment-controller   Scaled up replica set web-1 from 0 to 3   10m          3       web.1");
  });

  it("adds NAMESPACE first with -A, LABELS last with --show-labels, kind/ names for several kinds", () => {
    const cm = obj("v1", "ConfigMap", "cfg", { data: {} }, { namespace: "shop", labels: { tier: "web", app: "shop" } });
    expect(table("", "ConfigMap", [cm], { allNamespaces: true, showLabels: true, withKind: true })).toBe("NAMESPACE   NAME            DATA   AGE   LABELS\nshop        configmap/cfg   0      10m   app=shop,tier=web\n");
    expect(table("", "ConfigMap", [obj("v1", "ConfigMap", "bare", { data: {} })], { showLabels: true })).toBe("NAME   DATA   AGE   LABELS\nbare   0      10m   <none>\n");
  });

  it("separates the tables of several kinds with a blank line and skips empty ones", () => {
    const text = printTables(
      [
        { group: "apps", kind: "Deployment", objects: [deployment] },
        { group: "", kind: "Pod", objects: [] },
        { group: "", kind: "ConfigMap", objects: [obj("v1", "ConfigMap", "cfg", { data: {} })] },
      ],
      { ...PLAIN, withKind: true },
      NOW,
    );
    expect(text).toBe("NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/web   2/3     2            1           10m\n\nNAME            DATA   AGE\nconfigmap/cfg   0      10m\n");
  });

  it("says there is nothing as kubectl does", () => {
    expect(noResourcesMessage("default")).toBe("No resources found in default namespace.\n");
    expect(noResourcesMessage(undefined)).toBe("No resources found\n");
  });
});

describe("get -o name, json, yaml", () => {
  const pod = obj("v1", "Pod", "web-x", { spec: { containers: [] } });
  const cm = obj("v1", "ConfigMap", "cfg", { data: { html: "<b>&</b>" } });

  it("names objects type/name with the group", () => {
    expect(printNames([deployment, pod])).toBe("deployment.apps/web\npod/web-x\n");
  });

  it("prints a v1 List with 4-space indent and keys sorted, or the single object asked for by name", () => {
    const list = printJson(listOrObject([pod], false));
    expect(list.startsWith('{\n    "apiVersion": "v1",\n    "items": [\n        {\n            "apiVersion": "v1",\n            "kind": "Pod",\n            "metadata": {\n                "creationTimestamp"')).toBe(true);
    expect(list.endsWith('    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n')).toBe(true);
    expect(JSON.parse(printJson(listOrObject([pod], true)))).toEqual(pod);
    expect(JSON.parse(printJson(listOrObject([], false)))).toEqual({ apiVersion: "v1", items: [], kind: "List", metadata: { resourceVersion: "" } });
  });

  it("escapes <, > and & as Go's encoder does, which JSON readers undo", () => {
    const text = printJson(cm);
    expect(text).toContain('"html": "\\u003cb\\u003e\\u0026\\u003c/b\\u003e"');
    expect(JSON.parse(text).data.html).toBe("<b>&</b>");
  });

  it("prints YAML with sorted keys, unindented sequences and quoted look-alike strings", () => {
    const yaml = printYaml(obj("v1", "ConfigMap", "cfg", { data: { n: "1", yes: "yes", multi: "a\nb\n" } }));
    expect(yaml).toBe(
      ['apiVersion: v1', "data:", "  multi: |", "    a", "    b", '  "n": "1"', '  "yes": "yes"', "kind: ConfigMap", "metadata:", '  creationTimestamp: "2026-01-01T00:00:00Z"', "  name: cfg", "  namespace: default", ""].join("\n"),
    );
    const list = printYaml(listOrObject([pod, cm], false));
    expect(list.split("\n").slice(0, 3)).toEqual(["apiVersion: v1", "items:", "- apiVersion: v1"]);
    expect(parse(list).items).toHaveLength(2);
    expect(list.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
  });
});

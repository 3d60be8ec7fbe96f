// A log-agent DaemonSet from a shell, each command a separate process: apply puts one pod on each
// of the three workers, get and describe show kubectl's layout, and a node added later gets its own
// pod. The CLI reads dist/, so `npm run build` comes first (npm test's pretest does it).
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applied, runCli, tempDir } from "../helpers.js";

const FLUENTD = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd-elasticsearch
  namespace: kube-system
  labels:
    k8s-app: fluentd-logging
spec:
  selector:
    matchLabels:
      name: fluentd-elasticsearch
  template:
    metadata:
      labels:
        name: fluentd-elasticsearch
    spec:
      tolerations:
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      containers:
      - name: fluentd-elasticsearch
        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
        resources:
          limits:
            memory: 200Mi
          requests:
            cpu: 100m
            memory: 200Mi
        volumeMounts:
        - name: varlog
          mountPath: /var/log
      terminationGracePeriodSeconds: 30
      volumes:
      - name: varlog
        hostPath:
          path: /var/log
`;

describe("drydock with a DaemonSet", () => {
  it("applies a log agent: one pod per node, kubectl's get and describe, and a pod for an added node", () => {
    const dir = tempDir({ "fluentd.yaml": FLUENTD });
    const cli = (...args: string[]) => runCli([...args, "--state", join(dir, "state")], { cwd: dir });

    expect(applied(cli("apply", "--yes", "-f", "fluentd.yaml"))).toEqual({ status: 0, results: ["daemonset.apps/fluentd-elasticsearch -n kube-system created"] });

    const table = cli("get", "daemonsets", "-n", "kube-system");
    expect(table.status).toBe(0);
    const [header, row] = table.stdout.trimEnd().split("\n");
    expect(header).toBe("NAME                    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE");
    expect(row).toMatch(/^fluentd-elasticsearch {3}3 {9}3 {9}3 {7}3 {12}3 {11}<none> {10}\d+s$/);
    const wide = cli("get", "ds", "-n", "kube-system", "-o", "wide").stdout.split("\n");
    expect(wide[0]).toMatch(/ AGE {3}CONTAINERS {14}IMAGES +SELECTOR$/);
    expect(wide[1]).toMatch(/ fluentd-elasticsearch {3}quay\.io\/fluentd_elasticsearch\/fluentd:v2\.5\.2 {3}name=fluentd-elasticsearch$/);

    const pods = cli("get", "pods", "-n", "kube-system", "-o", "wide").stdout.trimEnd().split("\n").slice(1);
    expect(pods).toHaveLength(3);
    expect(pods.every((line) => /^fluentd-elasticsearch-[a-z0-9]{5} +1\/1 +Running +0 /.test(line))).toBe(true);
    expect(pods.map((line) => /(worker-\d)/.exec(line)?.[1]).sort()).toEqual(["worker-1", "worker-2", "worker-3"]);

    const described = cli("describe", "daemonset", "fluentd-elasticsearch", "-n", "kube-system");
    expect(described.status).toBe(0);
    const names = pods.map((line) => line.split(" ")[0]);
    expect(described.stdout).toMatch(
      new RegExp(
        [
          "^Name:           fluentd-elasticsearch",
          "Namespace:      kube-system",
          "Selector:       name=fluentd-elasticsearch",
          "Node-Selector:  <none>",
          "Labels:         k8s-app=fluentd-logging",
          "Annotations:    deprecated\\.daemonset\\.template\\.generation: 1",
          "Desired Number of Nodes Scheduled: 3",
          "Current Number of Nodes Scheduled: 3",
          "Number of Nodes Scheduled with Up-to-date Pods: 3",
          "Number of Nodes Scheduled with Available Pods: 3",
          "Number of Nodes Misscheduled: 0",
          "Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed",
          "Pod Template:",
          "  Labels:  name=fluentd-elasticsearch",
          "  Containers:",
          "   fluentd-elasticsearch:",
          "    Image:      quay\\.io/fluentd_elasticsearch/fluentd:v2\\.5\\.2",
        ].join("\n"),
      ),
    );
    expect(described.stdout).toContain("    Mounts:\n      /var/log from varlog (rw)\n  Volumes:\n   varlog:\n    Type:          HostPath (bare host directory volume)\n    Path:          /var/log\n");
    expect(described.stdout).toContain("  Tolerations:     node-role.kubernetes.io/control-plane:NoSchedule op=Exists\n");
    const events = described.stdout.slice(described.stdout.indexOf("Events:")).trimEnd().split("\n");
    expect(events.slice(0, 3)).toEqual(["Events:", "  Type    Reason            Age   From                  Message", "  ----    ------            ----  ----                  -------"]);
    expect(events.slice(3).map((line) => /^ {2}Normal {2}SuccessfulCreate {2}\d+s +daemonset-controller {2}Created pod: (\S+)$/.exec(line)?.[1]).sort()).toEqual([...names].sort());

    expect(cli("node", "add", "worker-4")).toMatchObject({ status: 0, stdout: "node/worker-4 created\n" });
    expect(cli("advance", "30s").status).toBe(0);
    expect(cli("get", "ds", "-n", "kube-system").stdout).toMatch(/\nfluentd-elasticsearch {3}4 {9}4 {9}4 {7}4 {12}4 {11}<none> /);
    const after = cli("get", "pods", "-n", "kube-system", "-o", "wide").stdout.trimEnd().split("\n").slice(1);
    expect(after.map((line) => /(worker-\d)/.exec(line)?.[1]).sort()).toEqual(["worker-1", "worker-2", "worker-3", "worker-4"]);
    expect(after.every((line) => / 1\/1 +Running /.test(line))).toBe(true);
  });
});

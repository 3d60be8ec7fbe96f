// The live-cluster commands run in-process against a state dir, on objects whose behaviour does not
// depend on the workload controllers (config maps, namespaces, events, a deployment's own fields).
import { describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { applied, tempDir } from "../../helpers.js";
import { runLive, type LiveRun } from "../live-cluster-harness.js";

const MANIFESTS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
  labels:
    app: shop
data:
  mode: "on"
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: plain
data: {}
`;

const EVENTS = `apiVersion: v1
kind: Event
metadata:
  name: web.1
  namespace: shop
involvedObject:
  apiVersion: apps/v1
  kind: Deployment
  name: web
  namespace: shop
reason: ScalingReplicaSet
message: Scaled up replica set web-1 from 0 to 3
type: Normal
count: 3
firstTimestamp: "2025-12-31T23:40:00Z"
lastTimestamp: "2025-12-31T23:58:00Z"
source:
  component: deployment-controller
---
apiVersion: v1
kind: Event
metadata:
  name: web-1-abcde.1
  namespace: shop
involvedObject:
  kind: Pod
  name: web-1-abcde
  namespace: shop
reason: BackOff
message: Back-off restarting failed container
type: Warning
count: 1
firstTimestamp: "2025-12-31T23:50:00Z"
lastTimestamp: "2025-12-31T23:50:00Z"
source:
  component: kubelet
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        env: [{name: A, value: "1"}]
`;

function setup(files: Record<string, string> = {}): { dir: string; run: (...args: string[]) => Promise<LiveRun> } {
  const dir = tempDir({ "m.yaml": MANIFESTS, ...files });
  return { dir, run: (...args) => runLive([...args, "--state", `${dir}/.state`], { cwd: dir }) };
}

async function json(run: (...args: string[]) => Promise<LiveRun>, ...args: string[]): Promise<any> {
  const result = await run(...args, "-o", "json");
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout);
}

// The -f and folder forms of apply; the repository form is test/e2e/plan-apply-cli.test.ts.
describe("apply", () => {
  const results = (run: LiveRun): string[] => applied({ ...run }).results;

  it("shows the plan and refuses without --yes when there is no terminal (exit 2)", async () => {
    const { run } = setup();
    const refused = await run("apply", "-f", "m.yaml");
    expect(refused.status).toBe(2);
    expect(refused.stdout).toContain("Plan: 3 to create, 0 to update, 0 to delete.\n");
    expect(refused.stderr).toBe("drydock: apply needs --yes when there is no terminal to confirm on; nothing was applied\n");
    expect(await run("apply", "--yes", "-f", "m.yaml", "--ref", "HEAD~1")).toEqual({ status: 2, stdout: "", stderr: "drydock: --ref reads the repository and cannot be combined with -f\n" });
  });

  it("creates namespaces first; applied again it changes nothing; an edit updates only that, dropping what the previous apply set and this one does not", async () => {
    const { run } = setup();
    const first = await run("apply", "--yes", "-f", "m.yaml");
    expect(first.status).toBe(0);
    expect(results(first)).toEqual(["namespace/shop created", "configmap/plain -n default created", "configmap/settings -n shop created"]);
    expect(await run("apply", "--yes", "-f", "m.yaml")).toEqual({
      status: 0,
      stdout: "No changes. The cluster matches the desired state.\nApply complete: 0 created, 0 updated, 0 deleted. Health: Healthy.\n",
      stderr: "",
    });
    const changed = MANIFESTS.replace('mode: "on"', 'mode: "off"').replace("  labels:\n    app: shop\n", "");
    const elsewhere = tempDir({ "m.yaml": changed });
    const edited = await run("apply", "--yes", "-f", `${elsewhere}/m.yaml`);
    expect(edited.stdout).toContain("~ update configmap/settings -n shop\n");
    expect(results(edited)).toEqual(["configmap/settings -n shop configured"]);
    const settings = await json(run, "get", "cm", "settings", "-n", "shop");
    expect(settings.data).toEqual({ mode: "off" });
    // the label the previous apply set and this one dropped is gone
    expect(settings.metadata.labels).toBeUndefined();
  });

  it("puts objects that name no namespace in -n's", async () => {
    const { run } = setup();
    expect(results(await run("apply", "--yes", "-f", "m.yaml", "-n", "shop"))).toEqual(["namespace/shop created", "configmap/plain -n shop created", "configmap/settings -n shop created"]);
  });

  it("keeps what others changed when applying again (a scaled deployment keeps its replicas if the manifest does not set them)", async () => {
    const { run } = setup({ "d.yaml": DEPLOYMENT.replace("  replicas: 2\n", "") });
    expect(results(await run("apply", "--yes", "-f", "d.yaml"))).toEqual(["deployment.apps/web -n default created"]);
    await run("scale", "deploy/web", "--replicas", "4");
    expect(results(await run("apply", "--yes", "-f", "d.yaml"))).toEqual([]);
    expect((await json(run, "get", "deploy", "web")).spec.replicas).toBe(4);
  });

  it("with -f prunes nothing, and what -f applied is not pruned by a later apply of other files", async () => {
    const { run } = setup({ "d.yaml": DEPLOYMENT });
    await run("apply", "--yes", "-f", "m.yaml");
    const other = await run("apply", "--yes", "-f", "d.yaml");
    expect(other.stdout).toContain("Plan: 1 to create, 0 to update, 0 to delete.\n");
    expect(results(other)).toEqual(["deployment.apps/web -n default created"]);
    expect((await run("get", "cm", "plain")).status).toBe(0);
  });

  it("outside a git repository applies the folder drydock.yaml selects (whose cluster section shapes a new cluster) and prunes what leaves it", async () => {
    const dir = tempDir({
      "drydock.yaml": "source:\n  path: manifests\ncluster:\n  nodes:\n    - name: pool\n      count: 2\n",
      "manifests/m.yaml": MANIFESTS,
      "manifests/policies-not/x.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nested\n",
      "other.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: outside\n",
    });
    // A state folder among the manifests holds JSON that is not manifests: it is left out.
    const run = (...args: string[]): Promise<LiveRun> => runLive([...args, "--state", `${dir}/manifests/state`], { cwd: dir });
    expect(results(await run("apply", "--yes"))).toEqual(["namespace/shop created", "configmap/nested -n default created", "configmap/plain -n default created", "configmap/settings -n shop created"]);
    expect(results(await run("apply", "--yes"))).toEqual([]);
    expect((await run("node", "list", "-o", "name")).stdout).toBe("node/pool-1\nnode/pool-2\n");
    rmSync(join(dir, "manifests/policies-not"), { recursive: true });
    expect(results(await run("apply", "--yes"))).toEqual(["configmap/nested -n default deleted"]);
    expect(await run("apply", "--yes", "--ref", "main")).toMatchObject({ status: 2, stderr: `drydock: --ref main needs a git repository; ${dir} is not in one\n` });
  });

  it("reports manifest errors with file:line:col and applies nothing", async () => {
    const { run } = setup({ "bad.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n" });
    const result = await run("apply", "--yes", "-f", "bad.yaml");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^bad\.yaml:\d+:\d+: error \[yaml\//m);
    expect(result.stderr).toContain("nothing was planned or applied");
  });
});

describe("get", () => {
  it("lists, filters by label and namespace, and prints kubectl's messages", async () => {
    const { run } = setup();
    await run("apply", "--yes", "-f", "m.yaml");
    const all = await run("get", "cm", "-A", "-l", "app=shop");
    expect(all.stdout).toMatch(/^NAMESPACE   NAME       DATA   AGE\nshop        settings   1      \d+s\n$/);
    expect(await run("get", "configmaps")).toMatchObject({ status: 0, stdout: expect.stringMatching(/^NAME    DATA   AGE\nplain   0      \d+s\n$/) });
    expect(await run("get", "pods")).toEqual({ status: 0, stdout: "", stderr: "No resources found in default namespace.\n" });
    expect(await run("get", "pods", "-A")).toEqual({ status: 0, stdout: "", stderr: "No resources found\n" });
    expect(await run("get", "cm", "nope", "-n", "shop")).toEqual({ status: 1, stdout: "", stderr: 'Error from server (NotFound): configmaps "nope" not found\n' });
    expect(await run("get", "widgets")).toEqual({ status: 1, stdout: "", stderr: 'error: the server doesn\'t have a resource type "widgets"\n' });
    expect((await run("get", "cm", "-l", "app in (")).status).toBe(2);
  });

  it("prints -o name, a List for -o json, and the object itself for one name", async () => {
    const { run } = setup();
    await run("apply", "--yes", "-f", "m.yaml");
    expect((await run("get", "cm,ns", "-n", "shop", "-o", "name")).stdout).toBe("configmap/settings\nnamespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\nnamespace/shop\n");
    const list = await json(run, "get", "cm", "-n", "shop");
    expect(list).toMatchObject({ apiVersion: "v1", kind: "List", metadata: { resourceVersion: "" } });
    expect(list.items.map((i: any) => i.metadata.name)).toEqual(["settings"]);
    const one = await json(run, "get", "cm/settings", "-n", "shop");
    expect(one).toMatchObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "shop", uid: expect.any(String), resourceVersion: expect.any(String) } });
    expect((await run("get", "namespace", "shop", "-o", "yaml")).stdout).toMatch(/^apiVersion: v1\nkind: Namespace\nmetadata:\n/);
  });
});

describe("describe", () => {
  it("describes by name or name prefix, and fails for what does not exist", async () => {
    const { run } = setup();
    await run("apply", "--yes", "-f", "m.yaml");
    const text = (await run("describe", "cm", "sett", "-n", "shop")).stdout;
    // the last-applied-configuration annotation is left out, as kubectl does
    expect(text.split("\n").slice(0, 4)).toEqual(["Name:         settings", "Namespace:    shop", "Labels:       app=shop", "Annotations:  <none>"]);
    expect(text).toContain("Data\n====\nmode:\n----\non\n");
    expect(await run("describe", "cm", "zzz", "-n", "shop")).toEqual({ status: 1, stdout: "", stderr: 'Error from server (NotFound): configmaps "zzz" not found\n' });
  });
});

describe("events", () => {
  it("lists events oldest first with (xN over …), filters by --for and --types, -o json is a List", async () => {
    const { run } = setup({ "e.yaml": EVENTS });
    await run("apply", "--yes", "-f", "m.yaml");
    await run("apply", "--yes", "-f", "e.yaml");
    const table = await run("events", "-n", "shop");
    expect(table.stdout).toBe(
      [
        "LAST SEEN          TYPE      REASON              OBJECT            MESSAGE",
        "10m                Warning   BackOff             Pod/web-1-abcde   Back-off restarting failed container",
        "2m (x3 over 20m)   Normal    ScalingReplicaSet   Deployment/web    Scaled up replica set web-1 from 0 to 3",
        "",
      ].join("\n"),
    );
    expect((await run("events", "-n", "shop", "--for", "deployment/web")).stdout.split("\n")).toHaveLength(3);
    expect((await run("events", "-n", "shop", "--types", "Warning")).stdout).toContain("BackOff");
    expect((await run("events", "-n", "shop", "--types", "Warning")).stdout).not.toContain("ScalingReplicaSet");
    expect((await run("events", "-A")).stdout.split("\n")[0]).toBe("NAMESPACE   LAST SEEN          TYPE      REASON              OBJECT            MESSAGE");
    const list = await json(run, "events", "-n", "shop");
    expect(list.kind).toBe("List");
    expect(list.items.map((e: any) => e.reason)).toEqual(["BackOff", "ScalingReplicaSet"]);
    expect(list.items[1]).toMatchObject({ count: 3, involvedObject: { kind: "Deployment", name: "web" }, source: { component: "deployment-controller" }, type: "Normal" });
    expect(await run("events")).toEqual({ status: 0, stdout: "", stderr: "No events found in default namespace.\n" });
    expect((await run("events", "--types", "Bogus")).status).toBe(2);
  });
});

describe("scale, patch, delete, advance", () => {
  it("scales and patches a deployment's own fields", async () => {
    const { run } = setup({ "d.yaml": DEPLOYMENT });
    await run("apply", "--yes", "-f", "d.yaml");
    expect(await run("scale", "deployment/web", "--replicas", "5")).toEqual({ status: 0, stdout: "deployment.apps/web scaled\n", stderr: "" });
    expect((await json(run, "get", "deploy", "web")).spec.replicas).toBe(5);
    expect(await run("scale", "deploy", "web", "--replicas", "1", "--current-replicas", "3")).toEqual({ status: 1, stdout: "", stderr: "error: Expected replicas to be 3, was 5\n" });
    expect(await run("scale", "cm/plain", "--replicas", "1")).toEqual({ status: 1, stdout: "", stderr: 'Error from server (NotFound): configmaps "plain" not found\n' });
    expect((await run("scale", "deploy/web")).status).toBe(2);

    expect((await run("patch", "deploy/web", "-p", '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}')).stdout).toBe("deployment.apps/web patched\n");
    const container = (await json(run, "get", "deploy", "web")).spec.template.spec.containers[0];
    expect(container).toMatchObject({ image: "nginx:1.26", env: [{ name: "A", value: "1" }] });
    expect((await run("patch", "deploy", "web", "-p", '{"spec":{"replicas":5}}')).stdout).toBe("deployment.apps/web patched (no change)\n");
    expect((await run("patch", "deploy/web", "--type", "json", "-p", '[{"op":"replace","path":"/spec/replicas","value":2}]')).stdout).toBe("deployment.apps/web patched\n");
    expect((await run("patch", "deploy/web", "--type", "merge", "-p", "spec: {paused: true}")).stdout).toBe("deployment.apps/web patched\n");
    expect((await json(run, "get", "deploy", "web")).spec).toMatchObject({ replicas: 2, paused: true });
    expect(await run("patch", "deploy/nope", "-p", "{}")).toEqual({ status: 1, stdout: "", stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n' });
    expect((await run("patch", "deploy/web", "-p", "{bad")).status).toBe(2);
  });

  it("deletes by name and by label, and a namespace with what is in it", async () => {
    const { run } = setup();
    await run("apply", "--yes", "-f", "m.yaml");
    expect(await run("delete", "cm", "plain", "missing")).toEqual({ status: 1, stdout: 'configmap "plain" deleted\n', stderr: 'Error from server (NotFound): configmaps "missing" not found\n' });
    expect(await run("delete", "cm", "-l", "app=none", "-n", "shop")).toEqual({ status: 0, stdout: "", stderr: "No resources found\n" });
    expect((await run("delete", "ns/shop")).stdout).toBe('namespace "shop" deleted\n');
    expect((await run("get", "ns", "shop")).status).toBe(1);
    expect((await run("get", "cm", "-n", "shop")).stderr).toBe("No resources found in shop namespace.\n");
    expect((await run("delete", "cm")).status).toBe(2);
    expect((await run("delete", "cm", "x", "--cascade", "sideways")).status).toBe(2);
  });

  it("moves simulated time forward and ages objects", async () => {
    const { run } = setup();
    await run("apply", "--yes", "-f", "m.yaml");
    const start = Date.parse((await json(run, "get", "cm", "plain")).metadata.creationTimestamp);
    const advanced = await run("advance", "1h30m");
    expect(advanced.status).toBe(0);
    expect(advanced.stdout).toMatch(/^advanced 1h30m0s to 2026-01-01T01:30:0\dZ\n$/);
    expect((await run("get", "cm", "plain")).stdout).toMatch(/plain   0      (90|91)m\n$/);
    expect(Date.parse(advanced.stdout.slice(advanced.stdout.indexOf(" to ") + 4).trim()) - start).toBeGreaterThanOrEqual(90 * 60_000);
    expect(await run("advance", "soon")).toMatchObject({ status: 2, stderr: expect.stringContaining('invalid duration "soon"') });
  });
});

describe("node", () => {
  it("lists, adds, cordons, uncordons and removes nodes with kubectl's messages", async () => {
    const { run } = setup();
    const list = await run("node", "list");
    expect(list.status).toBe(0);
    expect(list.stdout.split("\n")[0]).toBe("NAME       STATUS   ROLES    AGE   VERSION");
    expect(list.stdout).toMatch(/^worker-1   Ready    <none>   0s    v\S+$/m);
    expect(await run("node", "add", "edge-1", "--cpu", "2", "--memory", "4Gi", "--pods", "20", "--label", "zone=b", "--taint", "dedicated=edge:NoSchedule")).toEqual({ status: 0, stdout: "node/edge-1 created\n", stderr: "" });
    const edge = await json(run, "get", "node", "edge-1");
    expect(edge.metadata.labels).toMatchObject({ zone: "b" });
    expect(edge.spec.taints).toEqual(expect.arrayContaining([expect.objectContaining({ key: "dedicated", value: "edge", effect: "NoSchedule" })]));
    expect(await run("node", "cordon", "edge-1")).toEqual({ status: 0, stdout: "node/edge-1 cordoned\n", stderr: "" });
    expect((await run("get", "nodes", "edge-1")).stdout).toMatch(/^edge-1   Ready,SchedulingDisabled   /m);
    expect((await run("node", "uncordon", "edge-1")).stdout).toBe("node/edge-1 uncordoned\n");
    expect(await run("node", "cordon", "ghost")).toEqual({ status: 1, stdout: "", stderr: 'Error from server (NotFound): nodes "ghost" not found\n' });
    expect((await run("node", "add", "edge-1")).stderr).toBe('Error from server (AlreadyExists): nodes "edge-1" already exists\n');
    expect((await run("node", "remove", "edge-1")).stdout).toBe('node "edge-1" deleted\n');
    expect((await run("node", "list", "-o", "name")).stdout).not.toContain("edge-1");
    expect((await run("node", "add", "x", "--taint", "nonsense")).status).toBe(2);
  });

  it("fails and recovers a node", async () => {
    const { run } = setup();
    const failed = await run("node", "fail", "worker-2");
    expect(failed.status).toBe(0);
    expect(failed.stdout).toMatch(/^node\/worker-2 /);
    expect((await run("node", "recover", "worker-2")).stdout).toMatch(/^node\/worker-2 /);
  });
});

// The live-cluster commands as users run them: `node bin/drydock.js …` against a state dir, each
// command a separate process, so the cluster is saved and loaded between them. Only behaviour that
// does not depend on the workload controllers is asserted here (see test/cli/live for the rest).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applied, ROOT, runCli, tempDir } from "../helpers.js";

// These commands are registered in src/cli/main.ts by the CLI's owner; until then this suite waits.
const REGISTERED = readFileSync(join(ROOT, "src/cli/main.ts"), "utf8").includes("registerGet(");

const MANIFESTS = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
  labels:
    app: shop
data:
  mode: "on"
`;

describe.skipIf(!REGISTERED)("drydock live-cluster commands", () => {
  it("applies, gets, describes, patches, deletes and ages objects across processes", () => {
    const dir = tempDir({ "m.yaml": MANIFESTS });
    const state = join(dir, "state");
    const cli = (...args: string[]) => runCli([...args, "--state", state], { cwd: dir });

    expect(cli("apply", "-f", "m.yaml")).toMatchObject({ status: 2, stderr: "drydock: apply needs --yes when there is no terminal to confirm on; nothing was applied\n" });
    expect(applied(cli("apply", "--yes", "-f", "m.yaml"))).toEqual({ status: 0, results: ["namespace/shop created", "configmap/settings -n shop created"] });
    // Outside git, the folder is the desired state; the state folder inside it is not read as manifests.
    expect(cli("status").stdout).toMatch(/^Revision: {3}WORKTREE\nApplied: {4}\(never\)\nSync: {7}Synced\nHealth: {5}Healthy\nLast sync: {2}Succeeded at \S+ \(files, took 0s\)\n$/);
    expect(cli("get", "cm", "-n", "shop").stdout).toMatch(/^NAME       DATA   AGE\nsettings   1      \d+s\n$/);
    const list = JSON.parse(cli("get", "configmaps", "-n", "shop", "-o", "json").stdout);
    expect(list).toMatchObject({ apiVersion: "v1", kind: "List", items: [{ kind: "ConfigMap", metadata: { name: "settings", namespace: "shop" }, data: { mode: "on" } }] });
    expect(cli("describe", "cm", "settings", "-n", "shop").stdout).toContain("Labels:       app=shop\n");
    expect(cli("patch", "cm/settings", "-n", "shop", "--type", "merge", "-p", '{"data":{"mode":"off"}}').stdout).toBe("configmap/settings patched\n");
    expect(cli("get", "cm", "settings", "-n", "shop", "-o", "yaml").stdout).toContain("  mode: \"off\"\n");

    expect(cli("advance", "5m").stdout).toMatch(/^advanced 5m0s to 2026-01-01T00:05:0\dZ\n$/);
    expect(cli("get", "ns", "shop").stdout).toMatch(/^NAME   STATUS   AGE\nshop   Active   5m\d*s?\n$/);

    expect(cli("delete", "cm", "settings", "-n", "shop")).toMatchObject({ status: 0, stdout: 'configmap "settings" deleted\n' });
    expect(cli("get", "cm", "settings", "-n", "shop")).toMatchObject({ status: 1, stderr: 'Error from server (NotFound): configmaps "settings" not found\n' });
    expect(cli("get", "cm", "-n", "shop")).toMatchObject({ status: 0, stdout: "", stderr: "No resources found in shop namespace.\n" });
    expect(cli("get", "gizmos")).toMatchObject({ status: 1, stderr: 'error: the server doesn\'t have a resource type "gizmos"\n' });
    expect(cli("advance", "later").status).toBe(2);
  });

  it("lists and cordons the simulated nodes", () => {
    const dir = tempDir();
    const state = join(dir, "state");
    const cli = (...args: string[]) => runCli([...args, "--state", state], { cwd: dir });
    expect(cli("node", "list").stdout.split("\n").slice(0, 2).join("\n")).toMatch(/^NAME       STATUS   ROLES    AGE   VERSION\nworker-1   Ready    <none>   0s    v\S+$/);
    expect(cli("node", "cordon", "worker-3")).toMatchObject({ status: 0, stdout: "node/worker-3 cordoned\n" });
    expect(cli("get", "nodes", "worker-3").stdout).toMatch(/worker-3   Ready,SchedulingDisabled   <none>/);
    expect(cli("node", "uncordon", "worker-3").stdout).toBe("node/worker-3 uncordoned\n");
    expect(cli("describe", "node", "worker-3").stdout).toMatch(/^Name:               worker-3\nRoles:              <none>\n/);
    expect(cli("node", "cordon", "nope")).toMatchObject({ status: 1, stderr: 'Error from server (NotFound): nodes "nope" not found\n' });
  });
});

// plan → apply → plan in a real git repository, each command a separate process: the plan after an
// apply is empty, one edit is one change, drift of an owned field shows, fields others own do not,
// pruning touches only what drydock applied, a failed rollout fails the apply with its reason,
// Secret values never show, and status/history report the syncs.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers.js";
import { commit, makeRepo } from "../git/git-fixture.js";

const NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.9.1
          resources:
            requests: {cpu: 100m, memory: 64Mi}
            limits: {cpu: 200m, memory: 128Mi}
`;

const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: creds
  namespace: shop
stringData:
  password: hunter2-secret
`;

const CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  mode: "on"
`;

function setup(files: Record<string, string> = {}) {
  const repo = makeRepo({ "drydock.yaml": "source:\n  path: manifests\n", "manifests/ns.yaml": NAMESPACE, "manifests/web.yaml": WEB, "manifests/settings.yaml": CONFIG, ...files });
  const state = join(tempDir(), "state");
  const cli = (...args: string[]) => runCli([...args, "--state", state], { cwd: repo });
  return { repo, cli };
}

describe("drydock plan and apply in a git repository", () => {
  it("plans creates on an empty cluster, applies, then plans no changes; one edit is one change", () => {
    const { repo, cli } = setup();
    const first = cli("plan");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("+ create deployment.apps/web -n shop");
    expect(first.stdout).toContain("Plan: 3 to create, 0 to update, 0 to delete.\n");
    expect(cli("plan", "--detailed-exitcode").status).toBe(2);

    const applied = cli("apply", "--yes");
    expect(applied.status).toBe(0);
    expect(applied.stdout).toContain("deployment.apps/web -n shop created\n");
    expect(applied.stdout).toContain("Apply complete: 3 created, 0 updated, 0 deleted. Health: Healthy.\n");

    expect(cli("plan", "--detailed-exitcode")).toMatchObject({ status: 0, stdout: "No changes. The cluster matches the desired state.\n" });

    commit(repo, { "manifests/settings.yaml": CONFIG.replace('mode: "on"', 'mode: "off"') }, "mode off");
    const json = JSON.parse(cli("plan", "-o", "json").stdout);
    expect(json.summary).toEqual({ create: 0, update: 1, delete: 0, unchanged: 2 });
    const update = json.actions.find((a: { action: string }) => a.action === "update");
    expect(update).toMatchObject({ resource: "configmap/settings -n shop", changes: [{ path: "/data/mode", before: "on", after: "off" }] });
    expect(cli("apply", "--yes").status).toBe(0);
    expect(cli("plan", "--detailed-exitcode").status).toBe(0);
  });

  it("shows a hand scale of a manifest-set replicas as drift; leaves replicas alone when the manifest omits them", () => {
    const { repo, cli } = setup({ "manifests/api.yaml": WEB.replaceAll("web", "api").replace("  replicas: 2\n", "") });
    expect(cli("apply", "--yes").status).toBe(0);
    expect(cli("scale", "deploy/web", "-n", "shop", "--replicas", "4").status).toBe(0);
    expect(cli("scale", "deploy/api", "-n", "shop", "--replicas", "3").status).toBe(0);
    const plan = cli("plan");
    expect(plan.stdout).toContain("~ update deployment.apps/web -n shop\n    /spec/replicas: 4 → 2\n");
    expect(plan.stdout).not.toContain("deployment.apps/api");
    expect(plan.stdout).toContain("Plan: 0 to create, 1 to update, 0 to delete.\n");
    expect(cli("apply", "--yes").status).toBe(0);
    expect(JSON.parse(cli("get", "deploy", "api", "-n", "shop", "-o", "json").stdout).spec.replicas).toBe(3);
    expect(JSON.parse(cli("get", "deploy", "web", "-n", "shop", "-o", "json").stdout).spec.replicas).toBe(2);
    void repo;
  });

  it("does not revert replicas an HPA manages when the manifest omits them", () => {
    const api = WEB.replaceAll("web", "api").replace("  replicas: 2\n", "");
    const hpa = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}\n  minReplicas: 3\n  maxReplicas: 5\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target: {type: Utilization, averageUtilization: 50}\n";
    const { cli } = setup({ "manifests/api.yaml": api, "manifests/hpa.yaml": hpa });
    expect(cli("apply", "--yes").status).toBe(0);
    expect(JSON.parse(cli("get", "deploy", "api", "-n", "shop", "-o", "json").stdout).spec.replicas).toBe(3);
    expect(cli("plan", "--detailed-exitcode")).toMatchObject({ status: 0, stdout: "No changes. The cluster matches the desired state.\n" });
  });

  it("honours sync.ignoreDifferences in plan and apply", () => {
    const config = "source:\n  path: manifests\nsync:\n  ignoreDifferences:\n    - {group: apps, kind: Deployment, name: web, jsonPointers: [/spec/replicas]}\n";
    const { repo, cli } = setup({ "drydock.yaml": config });
    expect(cli("apply", "--yes").status).toBe(0);
    expect(cli("scale", "deploy/web", "-n", "shop", "--replicas", "4").status).toBe(0);
    expect(cli("plan", "--detailed-exitcode").status).toBe(0);
    commit(repo, { "manifests/web.yaml": WEB.replace("nginx:1.9.1", "nginx:1.7.9") }, "older nginx");
    const plan = cli("plan");
    expect(plan.stdout).toContain('~ update deployment.apps/web -n shop\n    /spec/template/spec/containers/0/image: "nginx:1.9.1" → "nginx:1.7.9"\n\n');
    expect(cli("apply", "--yes").status).toBe(0);
    expect(JSON.parse(cli("get", "deploy", "web", "-n", "shop", "-o", "json").stdout).spec.replicas).toBe(4);
  });

  it("prunes only what drydock applied; an object created by hand stays; sync.prune false keeps everything", () => {
    const pinned = CONFIG.replace("name: settings", "name: pinned").replace("  namespace: shop\n", '  namespace: shop\n  annotations: {drydock.dev/prune: "false"}\n');
    const { repo, cli } = setup({ "manifests/pinned.yaml": pinned });
    expect(cli("apply", "--yes").status).toBe(0);
    // Applied with -f: drydock owns its fields, but only a sync of the repository's own objects prunes.
    const elsewhere = tempDir({ "hand.yaml": CONFIG.replace("settings", "by-hand") });
    expect(cli("apply", "--yes", "-f", join(elsewhere, "hand.yaml")).status).toBe(0);
    commit(repo, { "manifests/settings.yaml": null, "manifests/pinned.yaml": null }, "drop settings and pinned");
    const plan = cli("plan");
    expect(plan.stdout).toContain("- delete configmap/settings -n shop\n");
    expect(plan.stdout).toContain('keep configmap/pinned -n shop (not pruned: annotation drydock.dev/prune: "false")');
    expect(plan.stdout).not.toContain("by-hand");
    expect(plan.stdout).toContain("Plan: 0 to create, 0 to update, 1 to delete.\n");

    commit(repo, { "drydock.yaml": "source:\n  path: manifests\nsync:\n  prune: false\n" }, "no prune");
    const kept = cli("plan", "--detailed-exitcode");
    expect(kept.status).toBe(0);
    expect(kept.stdout).toContain("keep configmap/settings -n shop (not pruned: sync.prune is false)");

    commit(repo, { "drydock.yaml": "source:\n  path: manifests\n" }, "prune again");
    const applied = cli("apply", "--yes");
    expect(applied.status).toBe(0);
    expect(applied.stdout).toContain("configmap/settings -n shop deleted\n");
    expect(cli("get", "cm", "by-hand", "-n", "shop").status).toBe(0);
    expect(cli("get", "cm", "settings", "-n", "shop").status).toBe(1);
    expect(cli("plan", "--detailed-exitcode").status).toBe(0);
  });

  it("fails the apply with the Degraded reason when a rollout cannot pull its image", () => {
    const { repo, cli } = setup();
    expect(cli("apply", "--yes").status).toBe(0);
    commit(repo, { "manifests/web.yaml": WEB.replace("nginx:1.9.1", "nginx:1.91") }, "bad image");
    const failed = cli("apply", "--yes");
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/deployment\.apps\/web -n shop: Degraded: ProgressDeadlineExceeded — \d pods? ImagePullBackOff/);
    const history = cli("history");
    expect(history.status).toBe(0);
    const lines = history.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^REVISION +SUBJECT +TIME +RESULT +DURATION +HEALTH$/);
    expect(lines[1]).toMatch(/^[0-9a-f]{7} +first +2026-01-01T00:00:00Z +Succeeded +/);
    expect(lines[2]).toMatch(/^[0-9a-f]{7} +bad image +\S+ +Failed +10m0s +Degraded$/);
    const status = cli("status");
    expect(status.stdout).toContain("Health:     Degraded\n");
    expect(status.stdout).toMatch(/Last sync:  Failed at .*ProgressDeadlineExceeded/);
    const json = JSON.parse(cli("status", "-o", "json").stdout);
    expect(json).toMatchObject({ sync: { status: "Synced" }, health: "Degraded", lastSync: { result: "Failed" } });
    expect(JSON.parse(cli("history", "-o", "json").stdout)).toHaveLength(2);
  });

  it("waits for objects the plan leaves unchanged: an empty plan still ends healthy, or fails with the reason", () => {
    const slow = WEB.replace("      labels: {app: web}\n", "      labels: {app: web}\n      annotations: {sim.drydock.dev/ready-after: 2m}\n");
    const { repo, cli } = setup({ "manifests/web.yaml": slow });
    const early = cli("apply", "--yes", "--timeout", "30s");
    expect(early.status).toBe(1);
    expect(early.stderr).toMatch(/deployment\.apps\/web -n shop: Progressing: .*\(not healthy when the timeout passed\)/);
    // Nothing left to write: this apply only waits, and says so while it does.
    const waited = cli("apply", "--yes");
    expect(waited.status).toBe(0);
    expect(waited.stdout).toBe("No changes. The cluster matches the desired state.\nApply complete: 0 created, 0 updated, 0 deleted. Health: Healthy.\n");
    expect(waited.stderr).toMatch(/^note: the manifests have 2 warnings; drydock validate lists them\ndeployment\.apps\/web -n shop: Progressing/);
    expect(cli("history").stdout.trim().split("\n").slice(1).map((line) => line.split(/ {3,}/)[3])).toEqual(["Failed", "Succeeded"]);

    commit(repo, { "manifests/web.yaml": WEB.replace("nginx:1.9.1", "nginx:1.91") }, "bad image");
    expect(cli("apply", "--yes").status).toBe(1);
    const again = cli("apply", "--yes");
    expect(again.status).toBe(1);
    expect(again.stdout).toContain("No changes.");
    expect(again.stderr).toMatch(/deployment\.apps\/web -n shop: Degraded: ProgressDeadlineExceeded — \d pods? ImagePullBackOff/);
  });

  it("shows a bad sync wave as validate shows findings (line, column, excerpt, hint), and plans nothing", () => {
    const { repo, cli } = setup();
    commit(repo, { "manifests/settings.yaml": CONFIG.replace("  namespace: shop\n", "  namespace: shop\n  annotations:\n    drydock.dev/sync-wave: soon\n") }, "bad wave");
    const plan = cli("plan");
    expect(plan.status).toBe(1);
    // The Deployment's policy warnings (no probes) are counted, not dropped; the planner's error blocks.
    expect(plan.stderr).toBe(
      [
        "note: the manifests have 2 warnings; drydock validate lists them",
        'manifests/settings.yaml:7:28: error [plan/invalid-sync-wave] drydock.dev/sync-wave must be an integer, not "soon".',
        "  7 |     drydock.dev/sync-wave: soon",
        "    |                            ^^^^",
        '  hint: Write a whole number in quotes, e.g. drydock.dev/sync-wave: "1".',
        "",
      ].join("\n"),
    );
    expect(plan.stdout).toBe("");
  });

  it("never shows Secret values in text, JSON or Markdown plans", () => {
    const { repo, cli } = setup({ "manifests/secret.yaml": SECRET });
    expect(cli("apply", "--yes").status).toBe(0);
    commit(repo, { "manifests/secret.yaml": SECRET.replace("hunter2-secret", "swordfish-secret") }, "rotate");
    for (const format of ["text", "json", "markdown"]) {
      const plan = cli("plan", "-o", format);
      expect(plan.status).toBe(0);
      expect(plan.stdout).toContain("secret/creds");
      expect(plan.stdout).not.toContain("hunter2");
      expect(plan.stdout).not.toContain("swordfish");
    }
  });

  it("reports status against git: Synced, then OutOfSync with the count, and refuses apply without --yes off a terminal", () => {
    const { repo, cli } = setup();
    expect(cli("status").stdout).toContain("Applied:    (never)\n");
    expect(cli("apply", "--yes").status).toBe(0);
    expect(cli("status").stdout).toMatch(/^Revision:   [0-9a-f]{7}  first\nApplied:    [0-9a-f]{7}\nSync:       Synced\nHealth:     Healthy\n/);
    commit(repo, { "manifests/settings.yaml": CONFIG.replace('mode: "on"', 'mode: "off"'), "manifests/other.yaml": CONFIG.replace("settings", "other") }, "two");
    expect(cli("status").stdout).toContain("Sync:       OutOfSync (2 resources differ)\n");
    const refused = cli("apply");
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("apply needs --yes when there is no terminal to confirm on");
    expect(cli("status").stdout).toContain("Sync:       OutOfSync (2 resources differ)\n");
  });

  it("blocks planning on validation errors with file:line:col", () => {
    const { repo, cli } = setup();
    commit(repo, { "manifests/web.yaml": WEB.replace("replicas: 2", "replica: 2") }, "typo");
    const plan = cli("plan");
    expect(plan.status).toBe(1);
    expect(plan.stderr).toContain('manifests/web.yaml:7:3: error [schema/unknown-field] unknown field "spec.replica"');
    expect(cli("apply", "--yes").status).toBe(1);
    expect(cli("plan", "-f", "manifests/ns.yaml", "--ref", "HEAD~1")).toMatchObject({ status: 2, stderr: "drydock: --ref reads the repository and cannot be combined with -f\n" });
  });
});

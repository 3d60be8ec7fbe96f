import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverManifestFiles, PathNotFoundError } from "../../src/manifests/discover-files.js";
import { extractManifests } from "../../src/manifests/extract-manifests.js";
import { brief, DEPLOYMENT, tempDir, validateFiles, validatePaths } from "../helpers.js";

const CONFIGMAP = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe("extracting objects from documents", () => {
  it("skips empty documents and expands Lists, keeping where each item is", () => {
    const { manifests, findings } = extractManifests("f.yaml", [
      { index: 0, value: null },
      { index: 1, value: { apiVersion: "v1", kind: "List", items: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } }, { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "b", namespace: "x" } }] } },
      { index: 2, value: { apiVersion: "v1", kind: "List" } },
    ]);
    expect(findings).toEqual([]);
    expect(manifests.map((m) => [m.key, m.source])).toEqual([
      [{ group: "", version: "v1", kind: "ConfigMap", name: "a", namespace: undefined }, { file: "f.yaml", documentIndex: 1, pointer: "/items/0" }],
      [{ group: "apps", version: "v1", kind: "Deployment", name: "b", namespace: "x" }, { file: "f.yaml", documentIndex: 1, pointer: "/items/1" }],
    ]);
  });

  it("reports one finding per broken document, naming everything missing", async () => {
    const report = await validateFiles({ "five.yaml": "kind:\n---\nkind:\n---\nkind:\n---\nkind:\n---\nkind:\n" });
    // kubeval's TestValidateMultipleResourcesWithErrors: exactly 5 errors.
    expect(brief(report.findings)).toEqual([
      ".:-:- error input/empty",
      "five.yaml:1:1 error manifest/missing-kind",
      "five.yaml:3:1 error manifest/missing-kind",
      "five.yaml:5:1 error manifest/missing-kind",
      "five.yaml:7:1 error manifest/missing-kind",
      "five.yaml:9:1 error manifest/missing-kind",
    ]);
    expect(report.findings[1].message).toBe("document has no kind, apiVersion or metadata.name");
  });

  it("names a missing name at the metadata it should be in, and a wrong type as such", async () => {
    const report = await validateFiles({
      "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}\n---\napiVersion: 1\nkind: ConfigMap\nmetadata: {name: x}\n",
    });
    expect(brief(report.findings)).toEqual([".:-:- error input/empty", "a.yaml:3:1 error manifest/missing-name", "a.yaml:6:13 error manifest/missing-apiversion"]);
    expect(report.findings[2].message).toBe("apiVersion must be a non-empty string, got the number 1");
  });

  it("rejects a top level that is not a mapping", async () => {
    const report = await validateFiles({ "a.yaml": "- one\n- two\n---\njust text\n" });
    expect(brief(report.findings)).toEqual([".:-:- error input/empty", "a.yaml:1:1 error manifest/not-a-mapping", "a.yaml:4:1 error manifest/not-a-mapping"]);
    expect(report.findings[1].message).toContain("document is a sequence, not a mapping");
  });

  it("explains generateName, and lets hooks through as warnings", async () => {
    const job = (annotations: string) =>
      `apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n${annotations}spec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: m, image: busybox}]\n`;
    const report = await validateFiles({ "plain.yaml": job(""), "hook.yaml": job("  annotations:\n    argocd.argoproj.io/hook: PreSync\n") });
    expect(brief(report.findings)).toEqual([".:-:- error input/empty", "hook.yaml:4:3 warning manifest/hook", "plain.yaml:4:3 error manifest/missing-name"]);
    expect(report.findings.find((f) => f.rule === "manifest/hook")?.message).toContain("Argo CD (argocd.argoproj.io/hook: PreSync) hook");
  });

  it("recognizes kustomize and component configuration instead of judging it as objects", async () => {
    const report = await validateFiles({
      "app/kustomization.yaml": "resources: [cm.yaml]\npatches:\n  - path: patch.yaml\npatchesStrategicMerge:\n  - strategic.yaml\n",
      "app/cm.yaml": CONFIGMAP("settings"),
      "app/patch.yaml": "- op: replace\n  path: /data/x\n  value: y\n",
      "app/strategic.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n",
      "labels.yaml": "apiVersion: builtin\nkind: LabelTransformer\nmetadata:\n  name: labels\n",
      "kind-cluster.yaml": "apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes: []\n",
    });
    expect(brief(report.findings)).toEqual([
      "app/kustomization.yaml:-:- warning manifest/kustomize",
      "app/patch.yaml:-:- info manifest/kustomize",
      "app/strategic.yaml:-:- info manifest/kustomize",
      "kind-cluster.yaml:2:7 error manifest/not-an-object",
      "labels.yaml:1:1 warning manifest/kustomize",
    ]);
    expect(report.summary.resources).toBe(1);
  });
});

describe("finding files", () => {
  it("reads .yaml, .yml and .json in a stable order, skipping hidden folders and other files", () => {
    const dir = tempDir({
      "b.yaml": CONFIGMAP("b"),
      "a.yml": CONFIGMAP("a"),
      "sub/c.json": JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } }),
      "sub/README.md": "# not a manifest",
      ".github/workflows/ci.yaml": "on: push\n",
      "C.YAML": CONFIGMAP("upper"),
    });
    const { files } = discoverManifestFiles(["."], dir);
    expect(files.map((f) => f.display)).toEqual(["C.YAML", "a.yml", "b.yaml", "sub/c.json"]);
  });

  it("skips Helm charts, whose templates are not YAML until rendered", async () => {
    const report = await validateFiles({
      "chart/Chart.yaml": "apiVersion: v2\nname: demo\nversion: 1.0.0\n",
      "chart/templates/deploy.yaml": "metadata:\n  name: {{ .Release.Name }}\n",
      "cm.yaml": CONFIGMAP("x"),
    });
    expect(brief(report.findings)).toEqual(["chart/Chart.yaml:-:- warning manifest/helm-chart"]);
  });

  it("follows links inside the folder and refuses those leading out of it", async () => {
    const outside = tempDir({ "secret.yaml": CONFIGMAP("outside") });
    const dir = tempDir({ "real/cm.yaml": CONFIGMAP("inside") });
    symlinkSync(join(dir, "real"), join(dir, "alias"));
    symlinkSync(join(outside, "secret.yaml"), join(dir, "leak.yaml"));
    symlinkSync(join(dir, "missing.yaml"), join(dir, "broken.yaml"));
    mkdirSync(join(dir, "loop"));
    symlinkSync(dir, join(dir, "loop", "back"));
    const report = await validatePaths(dir, ["."]);
    expect(brief(report.findings)).toEqual(["broken.yaml:-:- error input/symlink", "leak.yaml:-:- error input/symlink"]);
    expect(report.findings[1].message).toContain("outside the scanned folder");
    // alias/cm.yaml and real/cm.yaml are one file, read once.
    expect(report.summary).toMatchObject({ files: 1, resources: 1 });
  });

  it("fails clearly for a path that does not exist", () => {
    expect(() => discoverManifestFiles(["nope.yaml"], tempDir())).toThrow(PathNotFoundError);
  });

  it("reads a file named explicitly whatever its extension", async () => {
    const dir = tempDir({ "manifest.txt": DEPLOYMENT });
    const report = await validatePaths(dir, ["manifest.txt"]);
    expect(report.summary).toMatchObject({ files: 1, resources: 1, errors: 0 });
  });

  it("reports an input with no resources as an error, not a silent pass", async () => {
    const dir = tempDir({ "empty.yaml": "", "comment.yaml": "# nothing\n" });
    writeFileSync(join(dir, "list.yaml"), "apiVersion: v1\nkind: List\nitems: []\n");
    const report = await validatePaths(dir, ["."]);
    expect(brief(report.findings)).toEqual([".:-:- error input/empty"]);
    expect(report.findings[0].message).toBe("no Kubernetes resources found in . (3 files read)");
  });
});

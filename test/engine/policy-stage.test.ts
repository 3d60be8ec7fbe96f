import { describe, expect, it } from "vitest";
import { runValidate } from "../../src/engine/validate-run.js";
import type { PolicyStageOptions } from "../../src/engine/policy-stage.js";
import { DEFAULT_POLICY_SETTINGS } from "../../src/policy/policy-settings.js";
import type { PolicyResource } from "../../src/policy/policy-resource.js";
import { DEFAULT_SETTINGS, tempDir } from "../helpers.js";

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
    - name: app
      image: busybox:1.36
      envFrom:
        - configMapRef:
            name: app-settings
`;

async function policyRules(files: Record<string, string>, policy: Partial<PolicyStageOptions> = {}): Promise<string[]> {
  const dir = tempDir(files);
  const report = await runValidate({
    paths: ["."],
    cwd: dir,
    parallelism: 0,
    settings: DEFAULT_SETTINGS,
    policy: { settings: DEFAULT_POLICY_SETTINGS, custom: [], findings: [], ...policy },
  });
  return report.findings.filter((f) => f.severity === "error").map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`);
}

describe("the policy stage of validate", () => {
  it("reports a reference to an object that exists nowhere at the name that refers to it", async () => {
    expect(await policyRules({ "pod.yaml": POD })).toEqual(["pod.yaml:11:19 policy/missing-configmap"]);
  });

  it("counts the ConfigMaps and Secrets a kustomization generates as existing", async () => {
    const kustomization = "resources: [pod.yaml]\nconfigMapGenerator:\n  - name: app-settings\n    literals: [MODE=fast]\n";
    expect(await policyRules({ "pod.yaml": POD, "kustomization.yaml": kustomization })).toEqual([]);
    // A generator in another namespace does not help.
    expect(await policyRules({ "pod.yaml": POD, "kustomization.yaml": `namespace: other\n${kustomization}` })).toEqual(["pod.yaml:11:19 policy/missing-configmap"]);
  });

  it("resolves references against the live cluster when there is one", async () => {
    const live: PolicyResource = {
      key: { group: "", version: "v1", kind: "ConfigMap", namespace: "default", name: "app-settings" },
      apiVersion: "v1",
      object: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app-settings", namespace: "default" }, data: { MODE: "fast" } },
      display: "configmap/app-settings -n default",
    };
    expect(await policyRules({ "pod.yaml": POD }, { live: [live] })).toEqual([]);
  });
});

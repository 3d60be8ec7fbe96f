import { describe, expect, it } from "vitest";
import { brief, DEPLOYMENT, validateFiles } from "../helpers.js";

function withSpec(extra: string): string {
  return DEPLOYMENT.replace("  replicas: 2\n", `  replicas: 2\n${extra}`);
}

describe("strict schemas for built-in kinds", () => {
  it("accepts a valid Deployment", async () => {
    const report = await validateFiles({ "d.yaml": DEPLOYMENT });
    expect(report.findings).toEqual([]);
    expect(report.summary).toEqual({ files: 1, resources: 1, errors: 0, warnings: 0, infos: 0, skipped: 0, exempted: 0 });
  });

  it("reports unknown fields at the key, with the field that was meant", async () => {
    const report = await validateFiles({ "d.yaml": DEPLOYMENT.replace("replicas: 2", "replica: 2").replace("image: nginx:1.27", "image: nginx:1.27\n          imagePullPolicyy: Always") });
    expect(report.findings.map((f) => [f.rule, f.line, f.column, f.message, f.hint])).toEqual([
      ["schema/unknown-field", 9, 3, 'unknown field "spec.replica"', 'did you mean "replicas"?'],
      ["schema/unknown-field", 21, 11, 'unknown field "spec.template.spec.containers[0].imagePullPolicyy"', 'did you mean "imagePullPolicy"?'],
    ]);
    expect(report.findings[0]).toMatchObject({ resource: "deployment.apps/web -n shop", pointer: "/spec/replica" });
  });

  it("lets unknown fields through with --no-strict", async () => {
    const report = await validateFiles({ "d.yaml": DEPLOYMENT.replace("replicas: 2", "replica: 2") }, { strict: false });
    expect(report.findings).toEqual([]);
  });

  it("reports wrong types at the value, integers included", async () => {
    const report = await validateFiles({ "d.yaml": DEPLOYMENT.replace("replicas: 2", "replicas: 2.5").replace("containerPort: 80", 'containerPort: "80"') });
    expect(report.findings.map((f) => [f.rule, f.line, f.column, f.message, f.hint])).toEqual([
      ["schema/type", 9, 13, "spec.replicas must be an integer, got the number 2.5 (not an integer)", undefined],
      ["schema/type", 22, 30, 'spec.template.spec.containers[0].ports[0].containerPort must be an integer, got the string "80"', "remove the quotes to make it a number"],
    ]);
  });

  it("accepts int-or-string fields and quantities written as numbers", async () => {
    const report = await validateFiles({
      "d.yaml": withSpec("  strategy:\n    rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}\n").replace(
        "          ports:",
        "          resources:\n            requests: {cpu: 0.5, memory: 256000}\n            limits: {cpu: 1, memory: 1Gi}\n          ports:",
      ),
    });
    expect(report.findings).toEqual([]);
  });

  it("reports required fields at their parent", async () => {
    const report = await validateFiles({ "d.yaml": DEPLOYMENT.replace("  selector:\n    matchLabels:\n      app: web\n", "") });
    expect(brief(report.findings)).toEqual(["d.yaml:8:1 error schema/required"]);
    expect(report.findings[0].message).toBe("spec.selector is required");
  });

  it("reports values outside an enumeration, suggesting the close one", async () => {
    const report = await validateFiles({
      "d.yaml": DEPLOYMENT.replace("image: nginx:1.27", "image: nginx:1.27\n          imagePullPolicy: always").replace("containerPort: 80", "containerPort: 80\n              protocol: tcp"),
    });
    expect(report.findings.map((f) => [f.rule, f.line, f.message, f.hint])).toEqual([
      ["schema/enum", 21, 'spec.template.spec.containers[0].imagePullPolicy must be one of Always, IfNotPresent, Never; got the string "always"', 'did you mean "Always"?'],
      ["schema/enum", 24, 'spec.template.spec.containers[0].ports[0].protocol must be one of SCTP, TCP, UDP; got the string "tcp"', 'did you mean "TCP"?'],
    ]);
  });

  it("checks quantity and date-time syntax", async () => {
    const report = await validateFiles({
      "d.yaml": DEPLOYMENT.replace("          ports:", "          resources:\n            limits: {memory: 1Gb, cpu: 500m}\n          ports:"),
      "e.yaml": "apiVersion: v1\nkind: Event\nmetadata:\n  name: e\n  namespace: default\ninvolvedObject: {kind: Pod, name: p}\nfirstTimestamp: yesterday\n",
    });
    expect(report.findings.map((f) => [f.file, f.rule, f.line, f.column, f.message])).toEqual([
      ["d.yaml", "schema/format", 22, 30, 'spec.template.spec.containers[0].resources.limits.memory: "1Gb" is not a valid quantity'],
      ["e.yaml", "schema/format", 7, 17, 'firstTimestamp: "yesterday" is not an RFC 3339 date-time'],
    ]);
  });

  it("accepts null for any optional field, as Go's decoder does", async () => {
    const report = await validateFiles({
      "s.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  creationTimestamp: null\n  labels:\nspec:\n  ports:\n  - port: 80\n    targetPort: 80\n  selector:\n    app: s\nstatus:\n  loadBalancer: {}\n",
      "p.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: busybox\n    args:\n  tolerations:\n  - key: k\n    effect:\n",
    });
    expect(report.findings).toEqual([]);
  });

  it("names what is wrong when no schema exists", async () => {
    const report = await validateFiles({
      "a.yaml": "apiVersion: v1\nkind: Deployment\nmetadata: {name: a}\n",
      "b.yaml": "apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: b}\n",
      "c.yaml": "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: c}\n",
    });
    expect(report.findings.map((f) => [f.file, f.rule, f.line, f.column, f.hint])).toEqual([
      ["a.yaml", "schema/missing", 2, 7, "Deployment is served as apps/v1"],
      ["b.yaml", "schema/missing", 2, 7, "did you mean kind Deployment?"],
      ["c.yaml", "schema/missing", 2, 7, "add its CustomResourceDefinition to the input, point --schema-dir at its JSON schema, or pass --skip-unknown"],
    ]);
  });

  it("lets unknown kinds pass with --skip-unknown, counting them as skipped", async () => {
    const report = await validateFiles({ "c.yaml": "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: c}\n" }, { skipUnknown: true });
    expect(report.findings).toEqual([]);
    expect(report.summary).toMatchObject({ resources: 1, skipped: 1, errors: 0 });
  });

  it("skips and rejects kinds by name or apiVersion/kind", async () => {
    const files = { "a.yaml": DEPLOYMENT, "b.yaml": "apiVersion: v1\nkind: SkipThisKind\nmetadata: {name: x}\n" };
    expect((await validateFiles(files, { skipKinds: ["SkipThisKind"] })).summary).toMatchObject({ errors: 0, skipped: 1 });
    const rejected = await validateFiles(files, { skipKinds: ["SkipThisKind"], rejectKinds: ["apps/v1/Deployment"] });
    expect(brief(rejected.findings)).toEqual(["a.yaml:2:7 error manifest/rejected-kind"]);
  });
});

describe("apiVersions judged against the target Kubernetes version", () => {
  const ingress = "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  backend: {serviceName: web, servicePort: 80}\n";
  const flowSchema = "apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata: {name: f}\nspec:\n  priorityLevelConfiguration: {name: global-default}\n";

  it("reports a removed apiVersion with its replacement", async () => {
    const report = await validateFiles({ "i.yaml": ingress });
    expect(report.findings.map((f) => [f.rule, f.line, f.column, f.message, f.hint])).toEqual([
      [
        "api/removed",
        1,
        13,
        "extensions/v1beta1 Ingress was removed in Kubernetes 1.22; the target is 1.30",
        "use apiVersion: networking.k8s.io/v1, and check the fields that changed between the versions",
      ],
    ]);
  });

  it("only warns while the apiVersion is deprecated but still served", async () => {
    const report = await validateFiles({ "i.yaml": ingress }, { kubeVersion: { major: 1, minor: 20 } });
    expect(report.findings.map((f) => [f.rule, f.severity])).toEqual([
      ["api/deprecated", "warning"],
      ["schema/not-validated", "info"],
    ]);
    expect(report.findings[0].message).toBe("extensions/v1beta1 Ingress is deprecated since Kubernetes 1.14 and is removed in 1.22");
  });

  it("warns about an apiVersion deprecated in the target that still has a schema, and still validates it", async () => {
    const report = await validateFiles({ "f.yaml": flowSchema.replace("spec:", "spec:\n  matchingPrecedence: high") });
    expect(report.findings.map((f) => [f.rule, f.severity])).toEqual([
      ["api/deprecated", "warning"],
      ["schema/type", "error"],
    ]);
    expect(report.findings[0].hint).toContain("flowcontrol.apiserver.k8s.io/v1");
  });

  it("names the replacement that exists in the target version", async () => {
    const v1beta1 = flowSchema.replace("v1beta3", "v1beta1");
    const at127 = await validateFiles({ "f.yaml": v1beta1 }, { kubeVersion: { major: 1, minor: 27 } });
    const at130 = await validateFiles({ "f.yaml": v1beta1 });
    expect(at127.findings[0].hint).toContain("flowcontrol.apiserver.k8s.io/v1beta3");
    expect(at130.findings[0].hint).toContain("flowcontrol.apiserver.k8s.io/v1,");
  });
});

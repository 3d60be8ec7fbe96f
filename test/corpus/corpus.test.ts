// The validator over ../shared/corpus: every expectation in the kubeconform, kubeval and
// kube-no-trouble EXPECTED.md files, and no false errors on real-world repositories. Where drydock
// deliberately differs from a tool's expectation, the test says why. Skipped visibly without ../shared.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import jsYaml from "js-yaml";
import { describe, expect } from "vitest";
import type { Finding } from "../../src/findings/finding.js";
import type { ValidateReport } from "../../src/engine/validate-run.js";
import { discoverManifestFiles } from "../../src/manifests/discover-files.js";
import { builtinKinds } from "../../src/validate/builtin-schemas.js";
import { CORPUS, HAS_CORPUS, itWithCorpus as it, validatePaths } from "../helpers.js";

/** Rule ids of the errors, sorted. */
const errors = (r: ValidateReport): string[] => r.findings.filter((f) => f.severity === "error").map((f) => f.rule).sort();
const kubeconform = join(CORPUS, "yannh__kubeconform/fixtures");
const kubeval = join(CORPUS, "instrumenta__kubeval/fixtures");

describe.skipIf(!HAS_CORPUS)("kubeconform's fixtures (yannh__kubeconform/EXPECTED.md)", () => {
  const check = (file: string, settings = {}) => validatePaths(kubeconform, [file], settings);

  it("rejects invalid.yaml: string replicas and the misspelled spec.templates", async () => {
    const r = await check("invalid.yaml");
    expect(r.findings.map((f) => [f.rule, f.pointer, f.line])).toEqual([
      ["schema/type", "/spec/replicas", 6],
      ["schema/unknown-field", "/spec/templates", 9],
    ]);
  });

  it("rejects multi_invalid.yaml at the Service whose port is 'sds', and only there", async () => {
    const r = await check("multi_invalid.yaml");
    expect(r.findings.map((f) => [f.rule, f.pointer, f.resource])).toEqual([["schema/type", "/spec/ports/0/port", "service/redis-master -n default"]]);
  });

  it("rejects list_invalid.yaml: 2 resources, the ReplicationController bob invalid at /spec/replicas", async () => {
    const r = await check("list_invalid.yaml");
    expect(r.summary.resources).toBe(2);
    expect(new Set(r.findings.map((f) => f.resource))).toEqual(new Set(["replicationcontroller/bob -n default"]));
    expect(r.findings.map((f) => f.pointer)).toContain("/spec/replicas");
  });

  it("rejects documents without kind or apiVersion", async () => {
    expect(errors(await check("missing_kind.yaml"))).toContain("manifest/missing-kind");
    expect(errors(await check("missing_kind_value.yaml"))).toContain("manifest/missing-kind");
    expect(errors(await check("missing_apiversion.yaml"))).toEqual(["input/empty", "manifest/missing-apiversion"]);
  });

  it("reports exactly 5 errors for multi_invalid_resources.yaml (plus the empty-input error)", async () => {
    const r = await check("multi_invalid_resources.yaml");
    expect(errors(r).filter((e) => e !== "input/empty")).toEqual(Array(5).fill("manifest/missing-kind"));
  });

  it("fails test_crd.yaml without a schema, passes it with --skip-unknown or with the registry schema", async () => {
    expect(errors(await check("test_crd.yaml"))).toEqual(["schema/missing"]);
    expect(errors(await check("test_crd.yaml", { skipUnknown: true }))).toEqual([]);
    expect(errors(await check("test_crd.yaml", { schemaDirs: [join(kubeconform, "registry")] }))).toEqual([]);
  });

  it("rejects extra_property.yaml and duplicate_property.yaml in strict mode", async () => {
    expect(errors(await check("extra_property.yaml"))).toContain("schema/unknown-field");
    expect(errors(await check("duplicate_property.yaml"))).toContain("yaml/duplicate-key");
  });

  it("accepts their extra field and duplicate key with --no-strict; the one error left is one the API server raises", async () => {
    // kubeconform calls both files valid without -strict. Their DaemonSet selects k8s-app=nginx-ds
    // while its pod template has no labels; the API server rejects that ("selector does not match
    // template labels"), so drydock reports it in every mode.
    for (const file of ["extra_property.yaml", "duplicate_property.yaml"]) {
      const r = await check(file, { strict: false });
      expect(errors(r), file).toEqual(["k8s/selector-mismatch"]);
    }
  });

  it("finds the duplicates kubeval's tests expect", async () => {
    expect(errors(await check("duplicates.yaml"))).toEqual(["resource/duplicate"]);
    expect(errors(await check("duplicates-non-namespaced.yaml"))).toEqual(["resource/duplicate"]);
    expect(errors(await check("duplicates-with-namespace.yaml"))).toEqual(["resource/duplicate"]);
    expect(errors(await check("duplicates-with-namespace-default.yaml", { defaultNamespace: "the-default-namespace" }))).toEqual(["resource/duplicate"]);
    expect(errors(await check("duplicates-with-namespace-default.yaml"))).toEqual([]);
    expect(errors(await check("duplicates-skipped-kinds.yaml", { skipKinds: ["SkipThisKind"] }))).toEqual([]);
  });

  it("does not call same-named objects in different namespaces or different API groups duplicates", async () => {
    expect(errors(await check("same-object-different-namespace.yaml"))).toEqual([]);
    expect(errors(await check("same-object-different-namespace-default.yaml", { defaultNamespace: "the-default-namespace" }))).toEqual([]);
    // apps/v1beta1 is removed in the target (1.30), so that object cannot collide with anything;
    // what remains is the removed apiVersion, which kube-no-trouble's expectations require flagging.
    expect(errors(await check("same-kind-different-api.yaml"))).toEqual(["api/removed"]);
  });

  it("accepts every intended-valid fixture", async () => {
    const valid = [
      "valid.yaml",
      "folder",
      "multi_valid.yaml",
      "multi_valid_source.yaml",
      "list_valid.yaml",
      "multi_with_list.yaml",
      "int_or_string.yaml",
      "quantity.yaml",
      "null_string.yaml",
      "null_array.yaml",
      "full_domain_group.yaml",
      "unconventional_keys.yaml",
      "valid_version.yaml",
    ];
    const counts: Record<string, number> = {};
    for (const file of valid) {
      const r = await check(file);
      expect(r.findings.filter((f) => f.severity === "error"), file).toEqual([]);
      counts[file] = r.summary.resources;
    }
    expect(counts).toMatchObject({ folder: 7, "multi_valid.yaml": 6, "list_valid.yaml": 6, "multi_with_list.yaml": 2 });
    expect(errors(await check("valid.json", { kubeVersion: { major: 1, minor: 20 } }))).toEqual([]);
    expect(errors(await check("valid_version.yaml", { kubeVersion: { major: 1, minor: 14 } }))).toEqual([]);
  });

  it("accepts the custom resources validated against catalog schemas", async () => {
    expect(errors(await check("httpproxy.yaml", { skipUnknown: true }))).toEqual([]);
    expect(errors(await check("grafana-alert-rule-group-sample.yaml", { schemaDirs: [kubeconform] }))).toEqual([]);
    const crd = await validatePaths(join(CORPUS, "yannh__kubeconform"), ["scripts/fixtures/prometheus-operator-0prometheusCustomResourceDefinition.yaml"]);
    expect(errors(crd)).toEqual([]);
  });

  it("treats empty input as an error rather than a silent pass", async () => {
    // kubeconform exits 0 on blank.yaml, comment.yaml and an empty List (its issue #228 is the
    // complaint about that); drydock reports input/empty, and nothing else.
    for (const file of ["blank.yaml", "comment.yaml", "list_empty_valid.yaml"]) {
      expect(errors(await check(file)), file).toEqual(["input/empty"]);
    }
  });

  it("rejects generate_name.yaml: a Job named only by generateName cannot be applied declaratively", async () => {
    expect(errors(await check("generate_name.yaml"))).toEqual(["input/empty", "manifest/missing-name"]);
  });
});

describe.skipIf(!HAS_CORPUS)("kubeval's fixtures (instrumenta__kubeval/EXPECTED.md)", () => {
  const check = (file: string, settings = {}) => validatePaths(kubeval, [file], settings);

  it("fails every must-fail fixture", async () => {
    expect(errors(await check("invalid.yaml"))).toEqual(["schema/type", "schema/unknown-field"]);
    expect(errors(await check("multi_invalid.yaml"))).toEqual(["schema/type"]);
    expect(errors(await check("list_invalid.yaml"))).toContain("schema/type");
    expect(errors(await check("missing_kind.yaml"))).toContain("manifest/missing-kind");
    expect(errors(await check("missing_kind_value.yaml"))).toContain("manifest/missing-kind");
    expect(errors(await check("multi_invalid_resources.yaml")).filter((e) => e !== "input/empty")).toHaveLength(5);
    for (const file of ["duplicates.yaml", "duplicates-non-namespaced.yaml", "duplicates-with-namespace.yaml"]) {
      expect(errors(await check(file)), file).toEqual(["resource/duplicate"]);
    }
    // Two SealedSecrets, neither with a schema.
    expect(errors(await check("test_crd.yaml"))).toEqual(["schema/missing", "schema/missing"]);
    expect(errors(await check("test_crd.yaml", { skipUnknown: true }))).toEqual([]);
  });

  it("judges extra_property.yaml's removed apiVersion before its fields", async () => {
    // kubeval fails it only with --strict, for spec.replicas. It is an extensions/v1beta1 DaemonSet,
    // removed in Kubernetes 1.16: against 1.30 that is the error. Against 1.15, where it was still
    // served, drydock has no schema for it and says so (info), and the selector mismatch remains.
    expect(errors(await check("extra_property.yaml"))).toEqual(["api/removed"]);
    const at115 = await check("extra_property.yaml", { kubeVersion: { major: 1, minor: 15 } });
    expect(at115.findings.map((f) => [f.severity, f.rule])).toEqual([
      ["warning", "api/deprecated"],
      ["info", "schema/not-validated"],
    ]);
  });

  it("passes every must-pass fixture", async () => {
    const valid = [
      "valid.yaml",
      "multi_valid.yaml",
      "int_or_string.yaml",
      "null_string.yaml",
      "quantity.yaml",
      "full_domain_group.yaml",
      "unconventional_keys.yaml",
      "list_valid.yaml",
      "same-object-different-namespace.yaml",
      "valid_version.yaml",
    ];
    for (const file of valid) expect(errors(await check(file)), file).toEqual([]);
    expect(errors(await check("same-object-different-namespace-default.yaml", { defaultNamespace: "the-default-namespace" }))).toEqual([]);
    expect(errors(await check("duplicates-skipped-kinds.yaml", { skipKinds: ["SkipThisKind"] }))).toEqual([]);
    // valid.json (apps/v1beta1) and null_array.yaml (extensions/v1beta1) are Deployments that were
    // valid for Kubernetes 1.15; both apiVersions were removed in 1.16.
    for (const file of ["valid.json", "null_array.yaml"]) {
      expect(errors(await check(file, { kubeVersion: { major: 1, minor: 15 } })), file).toEqual([]);
      expect(errors(await check(file)), file).toEqual(["api/removed"]);
    }
    // The one apps/v1beta1 object is removed in 1.30; there is no duplicate.
    expect(errors(await check("same-kind-different-api.yaml"))).toEqual(["api/removed"]);
  });
});

describe.skipIf(!HAS_CORPUS)("kube-no-trouble's fixtures (doitintl__kube-no-trouble/EXPECTED.md)", () => {
  const folder = join(CORPUS, "doitintl__kube-no-trouble");
  // | `fixtures/x.yaml` | Kind | `apiVersion` | Deprecated APIs removed in 1.22 | `replacement` | 1.16 | … |
  const rows = [...readFileSync(join(folder, "EXPECTED.md"), "utf8").matchAll(/^\| `(fixtures\/[^`]+)` \| (\w+) \| `([^`]+)` \| ([^|]+) \|/gm)].map(
    ([, file, kind, apiVersion, ruleSet]) => ({ file, kind, apiVersion, removedIn: /removed in (1\.\d+)/.exec(ruleSet)?.[1], future: ruleSet.includes("future"), flagged: ruleSet.trim() !== "—" }),
  );

  it("reads the expectation table", () => {
    expect(rows.length).toBeGreaterThan(45);
  });

  it("flags every deprecated or removed apiVersion as kube-no-trouble does, for Kubernetes 1.30", async () => {
    const report = await validatePaths(folder, ["fixtures"]);
    const apiFindings = (file: string, kind: string): Finding[] =>
      report.findings.filter((f) => f.file === file && f.rule.startsWith("api/") && f.message.includes(` ${kind} `));
    for (const row of rows) {
      const found = apiFindings(row.file, row.kind);
      const label = `${row.file} ${row.apiVersion} ${row.kind}`;
      if (!row.flagged) {
        expect(found, label).toEqual([]);
      } else if (row.removedIn && Number(row.removedIn.split(".")[1]) <= 30) {
        expect(found.map((f) => f.rule), label).toContain("api/removed");
        expect(found.find((f) => f.rule === "api/removed")?.message, label).toContain(`removed in Kubernetes ${row.removedIn}`);
      } else {
        // Removal after 1.30 (flowcontrol v1beta3 in 1.32) or not yet scheduled (snapshot v1beta1).
        expect(found.map((f) => f.rule), label).toContain("api/deprecated");
      }
    }
  });

  it("names the replacement kube-no-trouble names", async () => {
    const report = await validatePaths(folder, ["fixtures/autoscaler-v2beta2.yaml", "fixtures/ingress-v1beta1.yaml", "fixtures/podsecuritypolicy-v1beta1.yaml"]);
    expect(report.findings.filter((f) => f.rule === "api/removed").map((f) => f.hint)).toEqual([
      "use apiVersion: autoscaling/v2, and check the fields that changed between the versions",
      "use apiVersion: networking.k8s.io/v1, and check the fields that changed between the versions",
      "PodSecurityPolicy has no successor API; use Pod Security Admission (namespace labels pod-security.kubernetes.io/*)",
    ]);
  });
});

// Real-world repositories: every error must be a genuine problem that can be named. Two kinds are
// checked independently below (duplicates, custom resources whose CRD is not in the input); every
// other error is listed here with what is wrong.
const REAL_WORLD_ERRORS: Record<string, Array<[file: string, line: number, rule: string]>> = {
  "GoogleCloudPlatform__microservices-demo": [],
  "argoproj__argocd-example-apps": [],
  "stefanprodan__podinfo": [],
  "fluxcd__flux2-kustomize-helm-example": [],
  kubernetes__examples: [
    // Removed apiVersions (InitializerConfiguration 1.14, PodDisruptionBudget/PodSecurityPolicy policy/v1beta1 1.25,
    // extensions/v1beta1 DaemonSet 1.16, storage.k8s.io/v1beta1 StorageClass 1.22).
    ["_archived/cloud-controller-manager/persistent-volume-label-initializer-config.yaml", 2, "api/removed"],
    ["_archived/cockroachdb/cockroachdb-statefulset.yaml", 57, "api/removed"],
    ["_archived/newrelic-infrastructure/newrelic-infra-daemonset.yaml", 1, "api/removed"],
    // `selector:` written twice in one ReplicationController spec; `type:` twice in one Secret.
    ["_archived/openshift-origin/etcd-controller.yaml", 12, "yaml/duplicate-key"],
    ["_archived/openshift-origin/etcd-discovery-controller.yaml", 12, "yaml/duplicate-key"],
    ["_archived/openshift-origin/openshift-controller.yaml", 12, "yaml/duplicate-key"],
    ["_archived/persistent-volume-provisioning/quobyte/quobyte-admin-secret.yaml", 9, "yaml/duplicate-key"],
    ["_archived/podsecuritypolicy/rbac/policies.yaml", 1, "api/removed"],
    ["_archived/podsecuritypolicy/rbac/policies.yaml", 26, "api/removed"],
    // kube-scheduler policy files (apiVersion v1, kind Policy), not API objects.
    ["_archived/scheduler-policy/scheduler-policy-config-with-extender.json", 2, "manifest/not-an-object"],
    ["_archived/scheduler-policy/scheduler-policy-config.json", 2, "manifest/not-an-object"],
    // protocol: tcp (must be TCP).
    ["_archived/volumes/aws_ebs/aws-ebs-web.yaml", 12, "schema/enum"],
    ["_archived/volumes/azure_disk/claim/blob-based-disk/account-specified-hdd/storageclass-account-hdd.yaml", 2, "api/removed"],
    ["_archived/volumes/azure_disk/claim/blob-based-disk/dedicated-hdd/storageclass-dedicated-hdd.yaml", 2, "api/removed"],
    ["_archived/volumes/azure_disk/claim/blob-based-disk/shared-hdd/storageclass-shared-hdd.yaml", 2, "api/removed"],
    ["_archived/volumes/azure_disk/claim/blob-based-disk/shared-ssd/storageclass-shared-ssd.yaml", 2, "api/removed"],
    ["_archived/volumes/azure_disk/claim/managed-disk/managed-hdd/storageclass-managed-hdd.yaml", 2, "api/removed"],
    ["_archived/volumes/azure_disk/claim/managed-disk/managed-ssd/storageclass-managed-ssd.yaml", 2, "api/removed"],
    ["_archived/volumes/cinder/cinder-web.yaml", 12, "schema/enum"],
    // lun: "<ADD LUN ID Here>", a placeholder where an integer belongs.
    ["_archived/volumes/fibre_channel/fc.yaml", 17, "schema/type"],
    ["_archived/volumes/flexvolume/deploy/ds.yaml", 1, "api/removed"],
    // StorageClass parameters written into an RBD volume, which has no such fields.
    ["_archived/volumes/rbd/rbd.yaml", 25, "schema/unknown-field"],
    ["_archived/volumes/rbd/rbd.yaml", 26, "schema/unknown-field"],
    // The typo protectionDoamin (protectionDomain).
    ["_archived/volumes/scaleio/pod.yaml", 17, "schema/unknown-field"],
    ["_archived/volumes/scaleio/sc-pvc.yaml", 12, "yaml/duplicate-key"],
    // StorageOS volumes take secretRef; pool is a StorageClass parameter.
    ["_archived/volumes/storageos/storageos-pod.yaml", 35, "schema/unknown-field"],
    ["_archived/volumes/storageos/storageos-pv.yaml", 22, "schema/unknown-field"],
  ],
  kubernetes__website: [
    ["content/en/examples/application/job/cronjob.yaml", 1, "api/removed"],
    // A template meant for sed: $ITEM is not allowed in a name.
    ["content/en/examples/application/job/job-tmpl.yaml", 6, "k8s/invalid-name"],
    ["content/en/examples/controllers/job-pod-failure-policy-ignore.yaml", 24, "yaml/tab-indent"],
    // A Job with no metadata.name (kubectl create would fail too).
    ["content/en/examples/controllers/job-success-policy-example.yaml", 1, "manifest/missing-name"],
    // Fields added after Kubernetes 1.30, the version drydock validates against by default.
    ["content/en/examples/pods/emptydir-volume-mode.yaml", 16, "schema/unknown-field"],
    ["content/en/examples/pods/image-volumes-subpath.yaml", 24, "schema/unknown-field"],
    ["content/en/examples/pods/image-volumes.yaml", 23, "schema/unknown-field"],
    // \' is not an escape in a double-quoted YAML string.
    ["content/en/examples/pods/inject/envars-file-container.yaml", 9, "yaml/syntax"],
    ["content/en/examples/pods/inject/envars-file-container.yaml", 9, "yaml/syntax"],
    ["content/en/examples/pods/inject/envars-file-container.yaml", 9, "yaml/syntax"],
    ["content/en/examples/pods/inject/envars-file-container.yaml", 9, "yaml/syntax"],
    ["content/en/examples/pods/inject/pod-multiple-secret-env-variable.yaml", 15, "yaml/tab-indent"],
    ["content/en/examples/pods/inject/pod-single-secret-env-variable.yaml", 1, "manifest/missing-apiversion"],
    // A preferred-scheduling term (a list with `preference`) written under requiredDuringScheduling….
    ["content/en/examples/pods/pod-with-node-affinity.yaml", 9, "schema/type"],
    // Toleration operator Gt, and the fields below, are newer than 1.30.
    ["content/en/examples/pods/pod-with-numeric-toleration.yaml", 19, "schema/enum"],
    ["content/en/examples/pods/resource/pod-level-cpu-request-limit.yaml", 10, "schema/unknown-field"],
    ["content/en/examples/pods/resource/pod-level-memory-request-limit.yaml", 10, "schema/unknown-field"],
    ["content/en/examples/pods/resource/pod-level-pid-limit.yaml", 7, "schema/unknown-field"],
    ["content/en/examples/pods/resource/pod-level-resize.yaml", 36, "schema/unknown-field"],
    ["content/en/examples/pods/resource/pod-level-resource-managers-container-scope-mixed.yaml", 16, "schema/unknown-field"],
    ["content/en/examples/pods/resource/pod-level-resource-managers-empty-shared-pool.yaml", 15, "schema/unknown-field"],
    ["content/en/examples/pods/resource/pod-level-resource-managers-pod-scope-mixed.yaml", 15, "schema/unknown-field"],
    ["content/en/examples/pods/resource/pod-level-resources.yaml", 7, "schema/unknown-field"],
    ["content/en/examples/pods/restart-policy/restart-all-containers.yaml", 31, "schema/unknown-field"],
    // A kind cluster configuration and a kube-apiserver admission configuration, not API objects.
    ["content/en/examples/pods/security/seccomp/kind.yaml", 4, "manifest/not-an-object"],
    ["content/en/examples/pods/security/security-context-6.yaml", 10, "schema/unknown-field"],
    ["content/en/examples/pods/security/security-context-7.yaml", 12, "schema/unknown-field"],
    ["content/en/examples/pods/storage/projected-podcertificate.yaml", 23, "schema/unknown-field"],
    ["content/en/examples/policy/admission-config-file.yaml", 2, "manifest/not-an-object"],
    ["content/en/examples/policy/baseline-psp.yaml", 1, "api/removed"],
    ["content/en/examples/policy/example-psp.yaml", 3, "api/removed"],
    ["content/en/examples/policy/privileged-psp.yaml", 3, "api/removed"],
    // The VolumeAttributesClass quota scope is newer than 1.30.
    ["content/en/examples/policy/quota-vac.yaml", 15, "schema/enum"],
    ["content/en/examples/policy/quota-vac.yaml", 28, "schema/enum"],
    ["content/en/examples/policy/quota-vac.yaml", 41, "schema/enum"],
    ["content/en/examples/policy/restricted-psp.yaml", 1, "api/removed"],
    // Annotations written as a list of one-key mappings.
    ["content/en/examples/secret/serviceaccount/mysecretname.yaml", 7, "schema/type"],
    // spec.ipFamily was replaced by ipFamilies/ipFamilyPolicy in 1.20.
    ["content/en/examples/service/networking/dual-stack-ipv6-lb-svc.yaml", 8, "schema/unknown-field"],
    ["content/en/examples/service/networking/dual-stack-ipv6-svc.yaml", 6, "schema/unknown-field"],
    ["content/en/examples/service/networking/example-ingress.yaml", 1, "api/removed"],
  ],
};

function objectsIn(path: string): Array<{ kind?: string; metadata?: { name?: string; namespace?: string } }> {
  return jsYaml.loadAll(readFileSync(path, "utf8")).flatMap((d) => {
    const doc = d as { kind?: string; items?: unknown[] } | null;
    return doc?.kind === "List" && Array.isArray(doc.items) ? (doc.items as never[]) : doc ? [doc as never] : [];
  });
}

describe.skipIf(!HAS_CORPUS)("real-world repositories: no false errors", () => {
  for (const [folder, expected] of Object.entries(REAL_WORLD_ERRORS)) {
    it(folder, async () => {
      const report = await validatePaths(CORPUS, [folder]);
      const errorsFound = report.findings.filter((f) => f.severity === "error");
      const rel = (f: Finding) => f.file.slice(folder.length + 1);
      const listed = errorsFound.filter((f) => f.rule !== "resource/duplicate" && f.rule !== "schema/missing");
      expect(listed.map((f) => [rel(f), f.line, f.rule])).toEqual(expected);

      // Each duplicate is an object of the same kind, name and namespace written in two places.
      for (const f of errorsFound.filter((f) => f.rule === "resource/duplicate")) {
        const other = /also defined at (.+):(\d+):(\d+)$/.exec(f.message);
        expect(other, f.message).not.toBeNull();
        const [kindAndName] = f.resource!.split(" ");
        const name = kindAndName.split("/")[1];
        const kind = kindAndName.split("/")[0].split(".")[0];
        for (const file of [f.file, other![1]]) {
          const match = objectsIn(join(CORPUS, file)).some((o) => o.kind?.toLowerCase() === kind && o.metadata?.name === name);
          expect(match, `${f.resource} in ${file}`).toBe(true);
        }
      }

      // Each missing schema is a custom resource: its group is no built-in API group, and no
      // CustomResourceDefinition in the repository defines its kind.
      const builtinGroups = new Set(builtinKinds().map((k) => k.group));
      const definedKinds = new Set(
        discoverManifestFiles([folder], CORPUS)
          .files.flatMap((file) => {
            try {
              return objectsIn(file.path);
            } catch {
              return [];
            }
          })
          .filter((o) => o.kind === "CustomResourceDefinition")
          .map((o) => {
            const spec = (o as { spec?: { group?: string; names?: { kind?: string } } }).spec;
            return `${spec?.group}/${spec?.names?.kind}`;
          }),
      );
      for (const f of errorsFound.filter((f) => f.rule === "schema/missing")) {
        const match = /no schema for (\S+) (\S+)$/.exec(f.message);
        expect(match, f.message).not.toBeNull();
        const group = match![1].split("/")[0];
        expect(builtinGroups.has(group), f.message).toBe(false);
        expect(definedKinds.has(`${group}/${match![2]}`), f.message).toBe(false);
        expect(f.hint).toContain("CustomResourceDefinition");
      }
    });
  }
});

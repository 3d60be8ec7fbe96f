// The lint fixtures of kube-linter, Polaris, kube-score, kubeaudit and conftest (../shared/corpus),
// run through the drydock rule that covers the same concern. Each row says which of their checks it
// maps, which of our rules, and what must be reported; their EXPECTED.md files say why. Fixtures
// where our semantics deliberately differ are left out, with the reason next to where they would be.
// docs/policy-corpus-mapping.md summarizes the table.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect } from "vitest";
import { BUILTIN_RULES } from "../../src/policy/builtin-catalog.js";
import { ResourceIndex } from "../../src/policy/resource-index.js";
import { CORPUS, itWithCorpus } from "../helpers.js";
import { policyResources, ruleById } from "./policy-helpers.js";

type Tool = "kube-linter" | "polaris" | "kube-score" | "kubeaudit" | "conftest";

interface Row {
  tool: Tool;
  /** Their check (or auditor, or policy). */
  check: string;
  /** Our rule. */
  rule: string;
  /** Relative to the corpus folder. */
  file: string;
  /**
   * "fail": at least one violation in the file; "pass": none. A list: exactly these objects
   * (`Kind/name`) are reported, every other object of the file passes.
   */
  expect: "pass" | "fail" | readonly string[];
  /** Words that must each appear in some message (container names), and words none may contain. */
  mentions?: readonly string[];
  silent?: readonly string[];
  /** Exact number of violations, when the fixture pins it. */
  count?: number;
  options?: Record<string, unknown>;
}

const KL = "stackrox__kube-linter/tests/checks";
const PO = "FairwindsOps__polaris/test/checks";
const KS = "zegl__kube-score/score/testdata";
const KA = "Shopify__kubeaudit/auditors";

function kubeLinter(check: string, rule: string, file: string, reported: readonly string[], extra: Partial<Row> = {}): Row {
  return { tool: "kube-linter", check, rule, file: `${KL}/${file}`, expect: reported, ...extra };
}

/** Polaris' convention: `failure*.yaml` must fail the check, `success*.yaml` must pass it. */
function polaris(check: string, rule: string, failures: readonly string[], successes: readonly string[]): Row[] {
  return [
    ...failures.map((f): Row => ({ tool: "polaris", check, rule, file: `${PO}/${check}/${f}`, expect: "fail" })),
    ...successes.map((f): Row => ({ tool: "polaris", check, rule, file: `${PO}/${check}/${f}`, expect: "pass" })),
  ];
}

function files(tool: Tool, check: string, rule: string, base: string, outcome: "pass" | "fail", names: readonly string[], extra: Partial<Row> = {}): Row[] {
  return names.map((name) => ({ tool, check, rule, file: `${base}/${name}`, expect: outcome, ...extra }));
}

const PORT_CHECK_SILENT = { silent: ["dont-fire"] };

const ROWS: readonly Row[] = [
  // ---- kube-linter: tests/checks/<check>.yml, expectations from e2etests/bats-tests.sh -------------
  // Their fixtures also hold OpenShift DeploymentConfigs, which drydock reads as workloads too.
  kubeLinter("latest-tag", "latest-tag", "latest-tag.yml", ["Deployment/app", "DeploymentConfig/app"]),
  kubeLinter("privileged-container", "privileged", "privileged-container.yml", ["Deployment/app1", "DeploymentConfig/app2"]),
  kubeLinter("privilege-escalation-container", "privilege-escalation", "privilege-escalation-container.yml", ["Deployment/app1", "DeploymentConfig/app2"]),
  kubeLinter("host-network", "host-network", "host-network.yml", ["Deployment/app", "DeploymentConfig/app"]),
  kubeLinter("host-pid", "host-pid", "host-pid.yml", ["Deployment/app", "DeploymentConfig/app"]),
  kubeLinter("host-ipc", "host-ipc", "host-ipc.yml", ["Deployment/app", "DeploymentConfig/app"]),
  kubeLinter("docker-sock", "docker-socket", "docker-sock.yml", ["Deployment/app", "DeploymentConfig/app"]),
  // Their check looks for sensitive host folders; ours reports every hostPath, and the fixture mounts only /etc.
  kubeLinter("sensitive-host-mounts", "host-path", "sensitive-host-mounts.yml", ["Deployment/app1", "DeploymentConfig/app2"]),
  kubeLinter("env-var-secret", "secret-in-env", "env-var-secret.yml", ["Deployment/app", "DeploymentConfig/app"]),
  kubeLinter("drop-net-raw-capability", "dangerous-capabilities", "drop-net-raw-capability.yml", ["Deployment/app", "DeploymentConfig/app"]),
  kubeLinter("unset-cpu-requirements", "cpu-requests-missing", "unset-cpu-requirements.yml", ["Deployment/app1", "DeploymentConfig/app2"]),
  kubeLinter("unset-memory-requirements", "memory-limit-missing", "unset-memory-requirements.yml", ["Deployment/app1", "DeploymentConfig/app2"]),
  kubeLinter("no-liveness-probe", "liveness-probe-missing", "no-liveness-probe.yml", ["Deployment/app1", "DeploymentConfig/app2"]),
  // The probe-port fixtures' objects have no names; the containers say which must fire.
  kubeLinter("liveness-port", "probe-port-not-exposed", "liveness-port.yml", ["Deployment/", "StatefulSet/"], {
    mentions: ["fire-deployment-name", "fire-deployment-int", "fire-deployment-udp", "fire-stateful-name"],
    count: 4,
    ...PORT_CHECK_SILENT,
  }),
  kubeLinter("readiness-port", "probe-port-not-exposed", "readiness-port.yml", ["Deployment/"], {
    mentions: ["fire-deployment-name", "fire-deployment-int", "fire-deployment-udp", "fire-deployment-grpc"],
    count: 4,
    ...PORT_CHECK_SILENT,
  }),
  kubeLinter("startup-port", "probe-port-not-exposed", "startup-port.yml", ["Deployment/"], {
    mentions: ["fire-deployment-name", "fire-deployment-int", "fire-deployment-udp", "fire-deployment-grpc"],
    count: 4,
    ...PORT_CHECK_SILENT,
  }),
  kubeLinter("dangling-service", "dangling-service", "dangling-service.yml", ["Service/app1", "Service/app2"]),
  kubeLinter("dangling-horizontalpodautoscaler", "dangling-hpa", "dangling-hpa.yml", ["HorizontalPodAutoscaler/hpa1"]),
  kubeLinter("dangling-ingress", "ingress-missing-service", "dangling-ingress.yml", ["Ingress/missing-service", "Ingress/bad-port"], { count: 2 }),
  kubeLinter("non-existent-service-account", "missing-service-account", "non-existent-service-account.yml", ["Deployment/app", "DeploymentConfig/app"]),
  // env-value-from checks both the objects and their keys; drydock splits it by kind of object.
  kubeLinter("env-value-from", "missing-configmap", "env-var-value-from.yml", ["Deployment/should-fire-configmap", "Deployment/should-fire-missing-configmap"], {
    mentions: ['"configkey-wrong"', '"missingconfig"'],
  }),
  kubeLinter("env-value-from", "missing-secret", "env-var-value-from.yml", ["Deployment/should-fire-secret", "Deployment/should-fire-missing-secret"], {
    mentions: ['"chimpmunk"', '"missingsecret"'],
  }),
  kubeLinter("hpa-minimum-three-replicas", "hpa-min-replicas", "hpa-minimum-three-replicas.yml", ["HorizontalPodAutoscaler/app"], { options: { minimum: 3 } }),
  // Left out: no-readiness-probe.yml (kube-linter wants a readiness probe on every container; drydock
  // only where a Service sends traffic, and the fixture has no Service); run-as-non-root.yml (its
  // group-zero objects fail for runAsGroup 0, which run-as-root does not check);
  // minimum-three-replicas.yml (single-replica reports one replica, not fewer than three).

  // ---- Polaris: test/checks/<check>/{failure,success}*.yaml ----------------------------------------
  ...polaris("tagNotSpecified", "latest-tag", ["failure.latest.yaml", "failure.yaml"], ["success.yaml"]),
  ...polaris("cpuRequestsMissing", "cpu-requests-missing", ["failure.yaml"], ["success.yaml"]),
  ...polaris("memoryRequestsMissing", "memory-requests-missing", ["failure.yaml"], ["success.yaml"]),
  ...polaris("memoryLimitsMissing", "memory-limit-missing", ["failure.cpu.yaml", "failure.yaml"], ["success.yaml"]),
  ...polaris("livenessProbeMissing", "liveness-probe-missing", ["failure.yaml"], ["success.yaml"]),
  ...polaris("runAsPrivileged", "privileged", ["failure.pod.yaml", "failure.two_cont.yaml", "failure.two_cont_one_unspecified.yaml", "failure.yaml"], [
    "success.pod.yaml",
    "success.pod_no_cont.yaml",
    "success.yaml",
  ]),
  // Left out: failure.unspecified.yaml and failure.pod_unspecified.yaml. Polaris fails an unset
  // allowPrivilegeEscalation (Kubernetes defaults it to true); drydock reports only an explicit true.
  ...polaris("privilegeEscalationAllowed", "privilege-escalation", ["failure.pod.yaml", "failure.yaml"], ["success.pod.yaml", "success.yaml"]),
  // The fixtures' Deployments say apiVersion v1 (a typo drydock's schema check reports); policies still read them.
  ...polaris("runAsRootAllowed", "run-as-root", ["failure.yaml"], ["success.yaml"]),
  ...polaris("hostIPCSet", "host-ipc", ["failure.yaml"], ["success.yaml"]),
  ...polaris("hostPIDSet", "host-pid", ["failure.yaml"], ["success.yaml"]),
  ...polaris("hostNetworkSet", "host-network", ["failure.yaml"], ["success.yaml"]),
  ...polaris("hostPathSet", "host-path", ["failure.yaml"], ["success.yaml"]),
  ...polaris("dangerousCapabilities", "dangerous-capabilities", ["failure.all-caps.yaml", "failure.all.yaml", "failure.case.yaml", "failure.yaml"], ["success.yaml"]),
  ...polaris(
    "sensitiveContainerEnvVar",
    "secret-in-env",
    ["failure.key_aws_secret_access_key.yaml", "failure.key_azure_batch_key.yaml", "failure.key_oci_cli_key_content.yaml", "failure.key_password.yaml", "failure.value_private_key.yaml"],
    ["success.no_env_vars.yaml", "success.sensitive_key_uses_valueFrom.yaml", "success.valid_env_vars.yaml"],
  ),
  ...polaris("deploymentMissingReplicas", "single-replica", ["failure.yaml"], ["success.yaml"]),
  // Left out: success.minReplicaAbsent.yaml. Polaris passes an unset minReplicas; it defaults to 1,
  // which hpa-min-replicas reports.
  ...polaris("hpaMinAvailability", "hpa-min-replicas", ["failure.yaml"], ["success.yaml"]),
  // Left out: the failure files. Polaris wants a PDB for every Deployment; drydock only for more than
  // one replica (their Deployments run one), since a PDB cannot keep a lone pod up through a drain.
  ...polaris("missingPodDisruptionBudget", "missing-pdb", [], ["success.many.yaml", "success.yaml"]),
  // Left out: the failure files. Polaris wants imagePullPolicy Always everywhere; drydock only objects
  // to IfNotPresent/Never with a tag that moves, and an unset policy with a missing tag means Always.
  ...polaris("pullPolicyNotAlways", "pull-policy-mutable-tag", [], ["success.cron-job.yaml", "success.deployment.yaml", "success.yaml"]),
  // Left out: failure.yaml. No Service sends the Pod traffic, so drydock does not require a readiness probe.
  ...polaris("readinessProbeMissing", "readiness-probe-missing", [], ["success.yaml"]),

  // ---- kube-score: score/testdata/*.yaml, grades from score/*_test.go ------------------------------
  ...files("kube-score", "container-image-tag", "latest-tag", KS, "fail", ["pod-image-tag-latest.yaml"]),
  ...files("kube-score", "container-image-tag", "latest-tag", KS, "pass", ["pod-image-tag-fixed.yaml"]),
  // Left out: pod-image-pullpolicy-never.yaml and -undefined.yaml. kube-score wants Always even for
  // pinned tags (foo/bar:123); drydock only objects to a policy that keeps a moving tag stale.
  ...files("kube-score", "container-image-pull-policy", "pull-policy-mutable-tag", KS, "pass", [
    "pod-image-pullpolicy-always.yaml",
    "pod-image-pullpolicy-undefined-latest-tag.yaml",
    "pod-image-pullpolicy-undefined-no-tag.yaml",
  ]),
  ...files("kube-score", "pod-probes", "readiness-probe-missing", KS, "fail", [
    "pod-probes-all-missing.yaml",
    "pod-probes-missing-ready.yaml",
    "pod-probes-targeted-by-service.yaml",
    "pod-probes-targeted-by-service-same-namespace.yaml",
    "pod-probes-targeted-by-service-same-namespace-multi-labels.yaml",
  ]),
  ...files("kube-score", "pod-probes", "readiness-probe-missing", KS, "pass", [
    "pod-probes-not-targeted-by-service.yaml",
    "pod-probes-not-targeted-by-service-multi-labels.yaml",
    "pod-probes-on-different-containers.yaml",
    "pod-probes-on-different-containers-init.yaml",
    "pod-probes-targeted-by-service-different-namespace.yaml",
    "cronjob-batchv1-deadline-not-set.yaml",
    "cronjob-batchv1beta1-deadline-not-set.yaml",
  ]),
  ...files("kube-score", "container-security-context-privileged", "privileged", KS, "fail", ["pod-security-context-privileged.yaml"]),
  ...files("kube-score", "container-security-context-privileged", "privileged", KS, "pass", ["pod-security-context-all-good.yaml"]),
  // container-resources covers requests and limits at once. Left out: the files with limits but no
  // requests (pod-test-resources-only-limits, deployment- and statefulset-test-resources): kube-score
  // warns, while the API server copies limits into requests, so drydock's request rules pass them.
  ...["cpu-requests-missing", "memory-requests-missing", "memory-limit-missing"].flatMap((rule) => [
    ...files("kube-score", "container-resources", rule, KS, "fail", ["pod-test-resources-none.yaml"]),
    ...files("kube-score", "container-resources", rule, KS, "pass", ["pod-test-resources-limits-and-requests.yaml"]),
    // Graded OK with the CPU limit requirement ignored, as drydock has no CPU limit rule.
    ...files("kube-score", "container-resources", rule, KS, "pass", ["pod-test-resources-limits-and-requests-no-cpu-limit.yaml"]),
  ]),
  // Graded OK with both limit requirements ignored: the request half of container-resources.
  ...files("kube-score", "container-resources", "cpu-requests-missing", KS, "pass", ["pod-test-resources-no-limits.yaml"]),
  ...files("kube-score", "container-resources", "memory-requests-missing", KS, "pass", ["pod-test-resources-no-limits.yaml"]),
  ...files("kube-score", "service-targets-pod", "dangling-service", KS, "fail", [
    "service-not-target-deployment.yaml",
    "service-not-target-pod.yaml",
    "service-not-target-pod-multi-label.yaml",
    "service-target-deployment-different-namespace.yaml",
    "service-target-pod-different-namespace.yaml",
  ]),
  ...files("kube-score", "service-targets-pod", "dangling-service", KS, "pass", [
    "service-externalname.yaml",
    "service-target-deployment.yaml",
    "service-target-deployment-same-namespace.yaml",
    "service-target-pod.yaml",
    "service-target-pod-multi-label.yaml",
    "service-target-pod-same-namespace.yaml",
  ]),
  // Left out: ingress_issue363.yaml. Its networking.k8s.io/v1 Ingress uses the v1beta1 fields
  // serviceName/servicePort; kube-score ignores them and fails, drydock reads them and finds the Service.
  ...files("kube-score", "ingress-targets-service", "ingress-missing-service", KS, "fail", [
    "ingress-networkingv1-targets-service-no-match.yaml",
    "ingress-networkingv1beta1-targets-service-no-match.yaml",
    "ingress-targets-service-no-match.yaml",
    "ingress-v1-invalid-backend.yaml",
  ]),
  ...files("kube-score", "ingress-targets-service", "ingress-missing-service", KS, "pass", [
    "ingress-networkingv1-targets-service.yaml",
    "ingress-networkingv1beta1-targets-service.yaml",
    "ingress-targets-service.yaml",
    "ingress_issue388.yaml",
  ]),
  ...files("kube-score", "horizontalpodautoscaler-has-target", "dangling-hpa", KS, "fail", ["hpa-has-no-target.yaml"]),
  ...files("kube-score", "horizontalpodautoscaler-has-target", "dangling-hpa", KS, "pass", [
    "hpa-autoscalingv1-targets-deployment.yaml",
    "hpa-autoscalingv2-targets-deployment.yaml",
    "hpa-autoscalingv2beta1-targets-deployment.yaml",
    "hpa-autoscalingv2beta2-targets-deployment.yaml",
  ]),
  ...files("kube-score", "horizontalpodautoscaler-replicas", "hpa-min-replicas", KS, "fail", ["hpa-min-replicas-nok.yaml"]),
  ...files("kube-score", "horizontalpodautoscaler-replicas", "hpa-min-replicas", KS, "fail", ["hpa-min-replicas-nok.yaml"], { options: { minimum: 5 } }),
  ...files("kube-score", "horizontalpodautoscaler-replicas", "hpa-min-replicas", KS, "pass", ["hpa-min-replicas-nok.yaml"], { options: { minimum: 1 } }),
  ...files("kube-score", "horizontalpodautoscaler-replicas", "hpa-min-replicas", KS, "pass", ["hpa-min-replicas-ok.yaml"]),
  ...files("kube-score", "deployment-replicas", "single-replica", KS, "fail", ["service-target-deployment-replica-1.yaml"]),
  // hpa-target-deployment.yaml is skipped by kube-score because an HPA scales the Deployment; drydock does not report it either.
  ...files("kube-score", "deployment-replicas", "single-replica", KS, "pass", ["service-target-deployment.yaml", "hpa-target-deployment.yaml"]),
  // Left out: the *-no-match and different-namespace files. Their Deployments do not set replicas
  // (one pod), for which drydock does not ask for a PDB.
  ...files("kube-score", "deployment-has-poddisruptionbudget", "missing-pdb", KS, "pass", [
    "deployment-poddisruptionbudget-v1-matches.yaml",
    "deployment-poddisruptionbudget-v1beta1-matches.yaml",
    "deployment-poddisruptionbudget-v1beta1-expression-matches.yaml",
  ]),
  ...files("kube-score", "statefulset-has-poddisruptionbudget", "missing-pdb", KS, "pass", [
    "statefulset-poddisruptionbudget-v1beta1-matches.yaml",
    "statefulset-poddisruptionbudget-v1beta1-expression-matches.yaml",
  ]),

  // ---- kubeaudit: auditors/<auditor>/fixtures, results from the auditors' tests --------------------
  // Left out everywhere: the *-allowed* fixtures (kubeaudit override labels turn the result into
  // "Allowed"; drydock's exemptions are configured differently), the *-redundant-override* ones (they
  // test the override labels), and *-nil ones where kubeaudit fails an unset field that Kubernetes
  // defaults (privileged-nil, allow-privilege-escalation-nil, capabilities-nil).
  ...files("kubeaudit", "privileged", "privileged", `${KA}/privileged/fixtures`, "fail", ["privileged-true.yml"]),
  ...files("kubeaudit", "privesc", "privilege-escalation", `${KA}/privesc/fixtures`, "fail", ["allow-privilege-escalation-true.yml"]),
  ...files("kubeaudit", "hostns", "host-network", `${KA}/hostns/fixtures`, "fail", ["host-network-true.yml", "namespaces-all-true.yml"]),
  ...files("kubeaudit", "hostns", "host-ipc", `${KA}/hostns/fixtures`, "fail", ["host-ipc-true.yml", "namespaces-all-true.yml"]),
  ...files("kubeaudit", "hostns", "host-pid", `${KA}/hostns/fixtures`, "fail", ["host-pid-true.yml", "namespaces-all-true.yml"]),
  ...files("kubeaudit", "image", "latest-tag", `${KA}/image/fixtures`, "fail", ["image-tag-missing.yml"]),
  ...files("kubeaudit", "image", "latest-tag", `${KA}/image/fixtures`, "pass", ["image-tag-present.yml"]),
  // The memory half of the limits auditor (resources-limit-no-cpu lacks only the CPU limit).
  ...files("kubeaudit", "limits", "memory-limit-missing", `${KA}/limits/fixtures`, "fail", ["resources-limit-nil.yml", "resources-limit-no-memory.yml"]),
  ...files("kubeaudit", "limits", "memory-limit-missing", `${KA}/limits/fixtures`, "pass", ["resources-limit-no-cpu.yml", "resources-limit.yml"]),
  ...files("kubeaudit", "mounts", "docker-socket", `${KA}/mounts/fixtures`, "fail", ["docker-sock-mounted.yml"]),
  ...files("kubeaudit", "mounts", "host-path", `${KA}/mounts/fixtures`, "fail", ["docker-sock-mounted.yml", "proc-mounted.yml"]),
  // Left out: capabilities-added-not-dropped (AUDIT_WRITE, which kubeaudit rejects for not being
  // allowed and drydock does not list as dangerous) and capabilities-some-dropped (kubeaudit wants drop: [ALL]).
  ...files("kubeaudit", "capabilities", "dangerous-capabilities", `${KA}/capabilities/fixtures`, "fail", ["capabilities-added.yml"]),
  ...files("kubeaudit", "capabilities", "dangerous-capabilities", `${KA}/capabilities/fixtures`, "pass", ["capabilities-dropped-all.yml"]),
  // Left out: run-as-user-psc-0-csc-1.yml and run-as-user-psc-0-csc-1-multiple-cont.yml. kubeaudit
  // reports the pod's runAsUser 0 even where every container overrides it; drydock checks what each
  // container runs as, which is UID 1.
  ...files("kubeaudit", "nonroot", "run-as-root", `${KA}/nonroot/fixtures`, "fail", [
    "run-as-non-root-nil.yml",
    "run-as-non-root-false.yml",
    "run-as-non-root-psc-false.yml",
    "run-as-non-root-psc-true-csc-false.yml",
    "run-as-non-root-psc-false-csc-false.yml",
    "run-as-non-root-psc-false-csc-nil-multiple-cont.yml",
    "run-as-user-0.yml",
    "run-as-user-psc-0.yml",
    "run-as-user-psc-1-csc-0.yml",
    "run-as-user-psc-0-csc-0.yml",
    "run-as-user-psc-0-csc-nil-multiple-cont.yml",
    "run-as-user-0-run-as-non-root-true.yml",
    "run-as-user-0-run-as-non-root-false.yml",
    "run-as-user-psc-0-run-as-non-root-psc-true.yml",
    "run-as-user-psc-0-run-as-non-root-psc-false.yml",
  ]),
  ...files("kubeaudit", "nonroot", "run-as-root", `${KA}/nonroot/fixtures`, "pass", [
    "run-as-non-root-psc-true.yml",
    "run-as-non-root-psc-false-csc-true.yml",
    "run-as-non-root-psc-false-csc-true-multiple-cont.yml",
    "run-as-user-psc-1.yml",
    "run-as-user-1-run-as-non-root-true.yml",
    "run-as-user-1-run-as-non-root-false.yml",
    "run-as-user-psc-1-run-as-non-root-psc-true.yml",
    "run-as-user-psc-1-run-as-non-root-psc-false.yml",
  ]),

  // ---- conftest: examples/kubernetes, the policy "Containers must not run as root" ----------------
  ...files("conftest", "deny: containers must not run as root", "run-as-root", "open-policy-agent__conftest/examples/kubernetes", "fail", [
    "deployment.yaml",
    "deployment+service.yaml",
  ]),
];

interface Outcome {
  /** `Kind/name` of each reported object, once. */
  objects: string[];
  messages: string[];
}

function runRow(row: Row): Outcome {
  const path = join(CORPUS, row.file);
  const resources = policyResources(readFileSync(path, "utf8"), { file: row.file });
  const rule = ruleById(row.rule);
  const index = new ResourceIndex(resources);
  const options = { ...rule.defaults, ...row.options };
  const objects: string[] = [];
  const messages: string[] = [];
  for (const resource of resources) {
    const found = rule.check(resource, { index, options });
    if (found.length > 0) objects.push(`${resource.key.kind}/${resource.key.name}`);
    messages.push(...found.map((v) => v.message));
  }
  return { objects, messages };
}

function title(row: Row): string {
  const options = row.options ? ` ${JSON.stringify(row.options)}` : "";
  const expected = typeof row.expect === "string" ? row.expect : `reports ${row.expect.join(", ")}`;
  return `${row.tool} ${row.check} → ${row.rule}${options}: ${row.file.split("/").slice(-2).join("/")} ${expected}`;
}

describe("corpus fixtures mapped to built-in rules", () => {
  for (const row of ROWS) {
    itWithCorpus(title(row), () => {
      const { objects, messages } = runRow(row);
      if (row.expect === "pass") expect(messages).toEqual([]);
      else if (row.expect === "fail") expect(messages.length).toBeGreaterThan(0);
      else expect(objects.sort()).toEqual([...row.expect].sort());
      for (const word of row.mentions ?? []) expect(messages.some((m) => m.includes(word)), `a message mentions ${word}`).toBe(true);
      for (const word of row.silent ?? []) expect(messages.filter((m) => m.includes(word))).toEqual([]);
      if (row.count !== undefined) expect(messages).toHaveLength(row.count);
    });
  }

  itWithCorpus("covers dozens of fixture files from every tool", () => {
    const fixtures = new Set(ROWS.map((r) => r.file));
    expect(fixtures.size).toBeGreaterThanOrEqual(100);
    for (const tool of ["kube-linter", "polaris", "kube-score", "kubeaudit", "conftest"] as const) {
      expect(ROWS.some((r) => r.tool === tool)).toBe(true);
    }
  });

  // Beyond the mapped fixtures: every rule over every manifest of the corpus, one repository at a
  // time (its objects as the index), must run without throwing and report well-formed violations.
  itWithCorpus("every built-in rule reads every corpus manifest", () => {
    for (const repo of readdirSync(CORPUS).filter((name) => statSync(join(CORPUS, name)).isDirectory())) {
      const resources = manifestFiles(join(CORPUS, repo)).flatMap((file) => policyResources(readFileSync(file, "utf8"), { file: relative(CORPUS, file) }));
      const index = new ResourceIndex(resources);
      for (const rule of BUILTIN_RULES) {
        for (const resource of resources) {
          for (const v of rule.check(resource, { index, options: { ...rule.defaults } })) {
            expect(v.pointer === "" || v.pointer.startsWith("/"), `${rule.id} ${resource.source?.file}`).toBe(true);
            // Quoted names come from the manifests; the rest is ours and must not show a missing value.
            expect(v.message.replace(/"[^"]*"/g, '""')).not.toMatch(/undefined|\[object Object\]|NaN/);
          }
        }
      }
    }
  });
});

function manifestFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return manifestFiles(path);
    return /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
}

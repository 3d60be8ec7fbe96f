// Every health fixture of gitops-engine (../shared/corpus/argoproj__gitops-engine/EXPECTED.md),
// read in place: healthOf must give the status the Go tests expect. For the rows where
// gitops-engine computes no health ("none": custom resources) we assert our documented choice —
// Healthy once they exist. Skipped visibly without ../shared.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { healthOf, type Health, type HealthInput, type HealthStatus } from "../../src/health/index.js";

const GE = fileURLToPath(new URL("../../../shared/corpus/argoproj__gitops-engine/", import.meta.url));
const TESTDATA = join(GE, "pkg/health/testdata");
const HAS_GE = existsSync(TESTDATA);
if (!HAS_GE) console.warn(`[drydock tests] ${TESTDATA} not found: the gitops-engine health fixtures are skipped`);

// statefulset-ondelete.yaml repeats spec.updateStrategy; Go's YAML decoder keeps the last one, and
// so do we (uniqueKeys: false).
const read = (path: string): HealthInput => parse(readFileSync(path, "utf8"), { uniqueKeys: false }) as HealthInput;

/** EXPECTED.md's table, file by file; `reason` pins the actionable cause where the fixture has one. */
const EXPECTED: ReadonlyArray<[file: string, status: HealthStatus, reason?: string]> = [
  ["deployment-progressing.yaml", "Progressing", "OldReplicasPending"],
  ["deployment-suspended.yaml", "Suspended", "DeploymentPaused"],
  ["deployment-degraded.yaml", "Degraded", "ProgressDeadlineExceeded"],
  ["statefulset.yaml", "Healthy"],
  ["statefulset-ondelete.yaml", "Healthy"],
  ["daemonset-ondelete.yaml", "Healthy"],
  ["pvc-bound.yaml", "Healthy"],
  ["pvc-pending.yaml", "Progressing", "ClaimPending"],
  ["svc-clusterip.yaml", "Healthy"],
  ["svc-loadbalancer.yaml", "Healthy"],
  ["svc-loadbalancer-unassigned.yaml", "Progressing", "LoadBalancerPending"],
  ["svc-loadbalancer-nonemptylist.yaml", "Healthy"],
  ["ingress.yaml", "Healthy"],
  ["ingress-unassigned.yaml", "Progressing", "AddressPending"],
  ["ingress-nonemptylist.yaml", "Healthy"],
  // "none" in EXPECTED.md: a custom resource; ours is Healthy once it exists.
  ["knative-service.yaml", "Healthy"],
  ["job-running.yaml", "Progressing", "JobRunning"],
  ["job-failed.yaml", "Degraded", "BackoffLimitExceeded"],
  ["job-succeeded.yaml", "Healthy"],
  ["job-suspended.yaml", "Suspended", "JobSuspended"],
  ["hpa-v2-healthy.yaml", "Healthy"],
  ["hpa-v2-degraded.yaml", "Degraded", "FailedGetScale"],
  ["hpa-v2-progressing.yaml", "Progressing", "WaitingToAutoscale"],
  ["hpa-v2beta2-healthy.yaml", "Healthy"],
  ["hpa-v2beta1-healthy-disabled.yaml", "Healthy"],
  ["hpa-v2beta1-healthy.yaml", "Healthy"],
  ["hpa-v1-degraded.yaml", "Degraded", "FailedGetScale"],
  ["hpa-v1-healthy.yaml", "Healthy"],
  ["hpa-v1-healthy-toofew.yaml", "Healthy"],
  ["hpa-v1-progressing.yaml", "Progressing", "WaitingToAutoscale"],
  ["hpa-v1-progressing-with-no-annotations.yaml", "Progressing", "WaitingToAutoscale"],
  ["pod-pending.yaml", "Progressing"],
  ["pod-running-not-ready.yaml", "Progressing", "ContainersNotReady"],
  ["pod-crashloop.yaml", "Degraded", "CrashLoopBackOff"],
  ["pod-imagepullbackoff.yaml", "Degraded", "ImagePullBackOff"],
  ["pod-error.yaml", "Degraded", "Error"],
  ["pod-running-restart-always.yaml", "Healthy"],
  ["pod-running-restart-never.yaml", "Progressing"],
  ["pod-running-restart-onfailure.yaml", "Progressing"],
  ["pod-failed.yaml", "Degraded", "Error"],
  ["pod-succeeded.yaml", "Healthy"],
  ["pod-deletion.yaml", "Progressing", "Terminating"],
  // "none" in EXPECTED.md: Argo CD Application CRs. Their own status.health is not read: a CR is
  // Healthy once it exists, whatever it reports about others.
  ["application-healthy.yaml", "Healthy"],
  ["application-degraded.yaml", "Healthy"],
  ["apiservice-v1-true.yaml", "Healthy"],
  ["apiservice-v1-false.yaml", "Progressing", "MissingEndpoints"],
  ["apiservice-v1beta1-true.yaml", "Healthy"],
  ["apiservice-v1beta1-false.yaml", "Progressing", "MissingEndpoints"],
];

describe.skipIf(!HAS_GE)("gitops-engine's health fixtures (argoproj__gitops-engine/EXPECTED.md)", () => {
  it("the table covers every file in pkg/health/testdata", () => {
    const files = readdirSync(TESTDATA).filter((f) => f.endsWith(".yaml")).sort();
    expect(EXPECTED.map(([file]) => file).sort()).toEqual(files);
  });

  it.each(EXPECTED)("%s is %s", (file, status, reason) => {
    const result: Health = healthOf(read(join(TESTDATA, file)));
    expect(result.status).toBe(status);
    if (reason) expect(result.reason).toBe(reason);
  });

  it("pkg/utils/kube/testdata/nginx.yaml, a rolled-out Deployment, is Healthy", () => {
    expect(healthOf(read(join(GE, "pkg/utils/kube/testdata/nginx.yaml")))).toEqual({
      status: "Healthy",
      message: 'deployment "nginx-deployment" successfully rolled out',
    });
  });

  it("messages say what to do next, quoting the object's own words", () => {
    expect(healthOf(read(join(TESTDATA, "deployment-degraded.yaml"))).message).toBe('ReplicaSet "guestbook-ui-75dd4d49d5" has timed out progressing.');
    expect(healthOf(read(join(TESTDATA, "deployment-progressing.yaml"))).message).toBe("Waiting for rollout to finish: 1 old replicas are pending termination...");
    expect(healthOf(read(join(TESTDATA, "pod-imagepullbackoff.yaml"))).message).toBe('Back-off pulling image "gcr.io/heptio-images/ks-guestbook-demo:0.3"');
    expect(healthOf(read(join(TESTDATA, "pod-crashloop.yaml"))).message).toMatch(/^Back-off 40s restarting failed container=main pod=my-pod_argocd/);
    expect(healthOf(read(join(TESTDATA, "pod-failed.yaml"))).message).toBe('container "main" failed with exit code 1');
    expect(healthOf(read(join(TESTDATA, "job-failed.yaml"))).message).toBe("Job has reached the specified backoff limit");
    expect(healthOf(read(join(TESTDATA, "apiservice-v1-false.yaml"))).message).toBe(
      'MissingEndpoints: endpoints for service/cert-manager-webhook in "external-dns" have no addresses',
    );
    // The v1 annotation's YAML-folded message comes out on one line.
    expect(healthOf(read(join(TESTDATA, "hpa-v1-healthy-toofew.yaml"))).message).toBe("recommended size matches current size");
    expect(healthOf(read(join(TESTDATA, "hpa-v2-degraded.yaml"))).message).toBe(
      `the HPA controller was unable to get the target's current scale: deployments/scale.apps "sandbox-test-app-8" not found`,
    );
  });
});

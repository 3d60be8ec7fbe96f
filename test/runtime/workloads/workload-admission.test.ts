import { describe, expect, it } from "vitest";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { bareCluster, deploymentObject } from "./workload-harness.js";
import { workloadAdmission } from "../../../src/runtime/workloads/workload-admission.js";

function store() {
  const cluster = bareCluster();
  cluster.store.addAdmission(workloadAdmission);
  return cluster.store;
}

const DEPLOY = { group: "apps", kind: "Deployment", namespace: "default", name: "web" };

describe("workload admission: defaults", () => {
  it("fills a Deployment's defaults and its pod template's", () => {
    const created = expectOk(store().create({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } } }));
    expect(created.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          containers: [{ name: "c", image: "nginx", imagePullPolicy: "Always", terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File", resources: {} }],
          restartPolicy: "Always",
          terminationGracePeriodSeconds: 30,
          dnsPolicy: "ClusterFirst",
          securityContext: {},
          schedulerName: "default-scheduler",
        },
      },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
  });

  it("keeps what is set, and gives Recreate no rollingUpdate", () => {
    const d = deploymentObject("web", { replicas: 0, strategy: { type: "Recreate" }, revisionHistoryLimit: 2, progressDeadlineSeconds: 60 });
    const created = expectOk(store().create(d));
    expect(created.spec).toMatchObject({ replicas: 0, strategy: { type: "Recreate" }, revisionHistoryLimit: 2, progressDeadlineSeconds: 60 });
    expect((created.spec as any).strategy.rollingUpdate).toBeUndefined();
  });

  it("defaults a ReplicaSet's replicas to 1", () => {
    const created = expectOk(
      store().create({ apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "rs" }, spec: { selector: { matchLabels: { a: "b" } }, template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "c", image: "x:1" }] } } } }),
    );
    expect(created.spec).toMatchObject({ replicas: 1 });
    expect((created.spec as any).template.spec.containers[0].imagePullPolicy).toBe("IfNotPresent");
  });
});

describe("workload admission: validation", () => {
  it("refuses a selector that does not match the template's labels, with the API server's message", () => {
    const d = deploymentObject("web");
    (d.spec as any).template.metadata.labels = { app: "other", tier: "front" };
    const result = store().create(d);
    expect(result).toEqual({
      ok: false,
      error: {
        reason: "Invalid",
        code: 422,
        message: 'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other", "tier":"front"}: `selector` does not match template `labels`',
        details: { group: "apps", kind: "deployments", name: "web" },
      },
    });
  });

  it("refuses a changed selector on update: field is immutable", () => {
    const s = store();
    expectOk(s.create(deploymentObject("web")));
    const result = s.modify(DEPLOY, (d: any) => {
      d.spec.selector = { matchLabels: { app: "web2" } };
      d.spec.template.metadata.labels = { app: "web2" };
    });
    expect(!result.ok && result.error.message).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
    // A change that keeps the selector is fine.
    expect(s.modify(DEPLOY, (d: any) => void (d.spec.replicas = 5)).ok).toBe(true);
  });

  it("lists several problems in brackets", () => {
    const d = deploymentObject("web", { replicas: -1, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } });
    (d.spec as any).template.spec.restartPolicy = "Never";
    const result = store().create(d);
    expect(!result.ok && result.error.message).toBe(
      'Deployment.apps "web" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always", spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0]',
    );
  });

  it("checks the strategy, the deadline and the selector's presence", () => {
    const s = store();
    const recreate = deploymentObject("a", { strategy: { type: "Recreate", rollingUpdate: { maxSurge: 1 } } });
    expect((s.create(recreate) as any).error.message).toBe("Deployment.apps \"a\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'");
    const deadline = deploymentObject("b", { minReadySeconds: 30, progressDeadlineSeconds: 30 });
    expect((s.create(deadline) as any).error.message).toBe('Deployment.apps "b" is invalid: spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds');
    const noSelector = deploymentObject("c");
    delete (noSelector.spec as any).selector;
    expect((s.create(noSelector) as any).error.message).toBe(
      'Deployment.apps "c" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"c"}: `selector` does not match template `labels`]',
    );
    const percent = deploymentObject("d", { strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "150%" } } });
    expect((s.create(percent) as any).error.message).toBe(
      'Deployment.apps "d" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
    );
  });

  it("validates ReplicaSets the same way", () => {
    const result = store().create({ apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "rs" }, spec: { selector: { matchLabels: { a: "b" } }, template: { metadata: { labels: { a: "c" } }, spec: { containers: [{ name: "c", image: "x" }] } } } });
    expect(!result.ok && result.error.message).toBe('ReplicaSet.apps "rs" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"a":"c"}: `selector` does not match template `labels`');
  });
});

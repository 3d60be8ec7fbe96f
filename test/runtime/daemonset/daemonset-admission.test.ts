// What the API server does to a DaemonSet on create and update: defaults, the template generation
// annotation, and validation with upstream's messages.
import { describe, expect, it } from "vitest";
import { createCluster } from "../../../src/runtime/cluster.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { DS_REF, logAgent, setImage } from "./daemonset-helpers.js";

function refusal(object: KubeObject): string {
  const cluster = createCluster();
  const result = cluster.store.create(object);
  if (result.ok) throw new Error("accepted");
  expect(result.error.reason).toBe("Invalid");
  return result.error.message;
}

function withSpec(spec: Record<string, unknown>, podSpec: Record<string, unknown> = {}): KubeObject {
  return logAgent({ spec, podSpec });
}

describe("DaemonSet admission", () => {
  it("defaults the update strategy to RollingUpdate with maxUnavailable 1 and maxSurge 0, the history limit to 10, and the pod spec", () => {
    const cluster = createCluster();
    const created = expectOk(cluster.store.create(logAgent()));
    const spec = created.spec as Record<string, unknown>;
    expect(spec.updateStrategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(spec.revisionHistoryLimit).toBe(10);
    expect((spec.template as { spec: Record<string, unknown> }).spec).toMatchObject({ restartPolicy: "Always", terminationGracePeriodSeconds: 30, dnsPolicy: "ClusterFirst", schedulerName: "default-scheduler", securityContext: {} });
    expect(created.metadata.annotations).toEqual({ "deprecated.daemonset.template.generation": "1" });
    expect(created.metadata.generation).toBe(1);
  });

  it("keeps OnDelete without a rollingUpdate block, and fills in only what a RollingUpdate block leaves out", () => {
    const cluster = createCluster();
    const onDelete = expectOk(cluster.store.create(logAgent({ name: "a", spec: { updateStrategy: { type: "OnDelete" } } })));
    expect((onDelete.spec as Record<string, unknown>).updateStrategy).toEqual({ type: "OnDelete" });
    const surge = expectOk(cluster.store.create(logAgent({ name: "b", spec: { updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: "25%" } } } })));
    expect((surge.spec as Record<string, unknown>).updateStrategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "25%" } });
  });

  it("counts the template generation up on template changes only, whatever the writer sends", () => {
    const cluster = createCluster();
    expectOk(cluster.store.create(logAgent()));
    setImage(cluster, "fluentd:v1.17");
    const changed = cluster.store.get(DS_REF())!;
    expect(changed.metadata.annotations?.["deprecated.daemonset.template.generation"]).toBe("2");
    expect(changed.metadata.generation).toBe(2);
    // A spec change outside the template: a new generation, the same template generation.
    const limited = expectOk(cluster.store.modify(DS_REF(), (ds) => void ((ds.spec as Record<string, unknown>).minReadySeconds = 5)));
    expect(limited.metadata.generation).toBe(3);
    expect(limited.metadata.annotations?.["deprecated.daemonset.template.generation"]).toBe("2");
    // A writer cannot set it.
    const forged = expectOk(cluster.store.modify(DS_REF(), (ds) => void (ds.metadata.annotations = { "deprecated.daemonset.template.generation": "9", team: "logs" })));
    expect(forged.metadata.annotations).toEqual({ "deprecated.daemonset.template.generation": "2", team: "logs" });
  });

  it("refuses a selector that does not select the template's labels", () => {
    expect(refusal(withSpec({ selector: { matchLabels: { app: "other" } } }))).toBe(
      'DaemonSet.apps "log-agent" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"log-agent"}: `selector` does not match template `labels`',
    );
  });

  it("refuses an empty selector", () => {
    expect(refusal(withSpec({ selector: {} }))).toBe(
      'DaemonSet.apps "log-agent" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset',
    );
  });

  it("refuses a restartPolicy other than Always, and activeDeadlineSeconds", () => {
    expect(refusal(withSpec({}, { restartPolicy: "OnFailure", activeDeadlineSeconds: 30 }))).toBe(
      'DaemonSet.apps "log-agent" is invalid: [spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always", spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported]',
    );
  });

  it("refuses maxSurge and maxUnavailable both set, both 0, over 100%, or not a percent", () => {
    const strategy = (rollingUpdate: Record<string, unknown>) => withSpec({ updateStrategy: { type: "RollingUpdate", rollingUpdate } });
    expect(refusal(strategy({ maxUnavailable: 1, maxSurge: 1 }))).toBe(
      'DaemonSet.apps "log-agent" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
    );
    expect(refusal(strategy({ maxUnavailable: 0, maxSurge: 0 }))).toBe(
      'DaemonSet.apps "log-agent" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    );
    expect(refusal(strategy({ maxUnavailable: "120%" }))).toBe(
      'DaemonSet.apps "log-agent" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
    );
    expect(refusal(strategy({ maxUnavailable: "half" }))).toBe(
      `DaemonSet.apps "log-agent" is invalid: [spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"half"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%'), spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0]`,
    );
  });

  it("refuses an unknown update strategy and negative counts", () => {
    expect(refusal(withSpec({ updateStrategy: { type: "Recreate" } }))).toBe(
      'DaemonSet.apps "log-agent" is invalid: spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Recreate", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"',
    );
    expect(refusal(withSpec({ minReadySeconds: -1, revisionHistoryLimit: -2 }))).toBe(
      'DaemonSet.apps "log-agent" is invalid: [spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0, spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0]',
    );
  });

  it("refuses a change of selector (immutable in apps/v1)", () => {
    const cluster = createCluster();
    expectOk(cluster.store.create(logAgent()));
    const result = cluster.store.modify(DS_REF(), (ds) => {
      const spec = ds.spec as { selector: unknown; template: { metadata: { labels: Record<string, string> } } };
      spec.selector = { matchLabels: { app: "log-agent", tier: "node" } };
      spec.template.metadata.labels = { app: "log-agent", tier: "node" };
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toBe(
      'DaemonSet.apps "log-agent" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"log-agent", "tier":"node"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });
});

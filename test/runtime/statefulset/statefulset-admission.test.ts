// StatefulSet admission: the API server's defaults and its validation messages, on a store with
// only the StatefulSet admission plugin.
import { afterEach, describe, expect, it } from "vitest";
import type { Cluster } from "../../../src/runtime/cluster.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { statefulSetAdmission } from "../../../src/runtime/workloads/statefulset/statefulset-admission.js";
import { newCluster } from "../runtime-helpers.js";
import { SET_REF, webSet } from "./statefulset-fixtures.js";

let c: Cluster | undefined;
afterEach(() => c?.stop());

function store() {
  c = newCluster();
  c.store.addAdmission(statefulSetAdmission);
  return c.store;
}

function minimal(): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "web" },
    spec: {
      selector: { matchLabels: { app: "nginx" } },
      template: { metadata: { labels: { app: "nginx" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.9.1" }] } },
      volumeClaimTemplates: [{ metadata: { name: "www" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }],
    },
  };
}

function refused(object: KubeObject, change?: (spec: any) => void): string {
  const s = store();
  const created = s.create(object);
  if (!change) return created.ok ? "" : created.error.message;
  expectOk(created);
  const updated = s.modify(SET_REF(), (set) => change(set.spec));
  return updated.ok ? "" : updated.error.message;
}

describe("StatefulSet defaults", () => {
  it("fills what SetDefaults_StatefulSet fills, the template's pod-spec defaults and the claim templates' defaults", () => {
    const spec = expectOk(store().create(minimal())).spec as any;
    expect(spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: "OrderedReady",
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
    });
    expect(spec.template.spec).toMatchObject({ restartPolicy: "Always", terminationGracePeriodSeconds: 30, dnsPolicy: "ClusterFirst", schedulerName: "default-scheduler" });
    expect(spec.template.spec.containers[0]).toMatchObject({ imagePullPolicy: "IfNotPresent", terminationMessagePath: "/dev/termination-log" });
    expect(spec.volumeClaimTemplates[0]).toEqual({
      metadata: { name: "www" },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, volumeMode: "Filesystem" },
      status: { phase: "Pending" },
    });
  });

  it("keeps what is set; `type: RollingUpdate` alone gets no rollingUpdate block; OnDelete gets none", () => {
    const s = store();
    const set = minimal();
    Object.assign(set.spec as object, { replicas: 0, podManagementPolicy: "Parallel", updateStrategy: { type: "RollingUpdate" }, persistentVolumeClaimRetentionPolicy: { whenScaled: "Delete" } });
    const spec = expectOk(s.create(set)).spec as any;
    expect(spec).toMatchObject({ replicas: 0, podManagementPolicy: "Parallel", updateStrategy: { type: "RollingUpdate" }, persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Delete" } });
    expect(spec.updateStrategy.rollingUpdate).toBeUndefined();
    const onDelete = minimal();
    onDelete.metadata.name = "other";
    (onDelete.spec as any).updateStrategy = { type: "OnDelete" };
    expect((expectOk(s.create(onDelete)).spec as any).updateStrategy).toEqual({ type: "OnDelete" });
  });
});

describe("StatefulSet validation", () => {
  it("refuses a selector that does not match the template's labels, with upstream's message", () => {
    const set = minimal();
    (set.spec as any).template.metadata.labels = { app: "x" };
    expect(refused(set)).toBe(
      'StatefulSet.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    );
  });

  it("refuses a missing or empty selector", () => {
    const missing = minimal();
    delete (missing.spec as any).selector;
    // A missing selector selects nothing, so the labels do not match it either (labels.Nothing()).
    expect(refused(missing)).toBe(
      'StatefulSet.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`]',
    );
    const empty = minimal();
    (empty.spec as any).selector = {};
    expect(refused(empty)).toBe(
      'StatefulSet.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset',
    );
  });

  it("lists several errors in brackets, in upstream's order", () => {
    const set = minimal();
    Object.assign(set.spec as object, { replicas: -1, podManagementPolicy: "Sometimes", persistentVolumeClaimRetentionPolicy: { whenDeleted: "Keep" } });
    (set.spec as any).template.spec.restartPolicy = "Never";
    expect(refused(set)).toBe(
      'StatefulSet.apps "web" is invalid: [' +
        [
          `spec.podManagementPolicy: Invalid value: "Sometimes": must be 'OrderedReady' or 'Parallel'`,
          'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Delete", "Retain"',
          "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
          'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
        ].join(", ") +
        "]",
    );
  });

  it("refuses a bad update strategy and a negative partition", () => {
    const onDelete = minimal();
    (onDelete.spec as any).updateStrategy = { type: "OnDelete", rollingUpdate: { partition: 1 } };
    expect(refused(onDelete)).toBe(
      `StatefulSet.apps "web" is invalid: spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:1, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'`,
    );
    const negative = minimal();
    (negative.spec as any).updateStrategy = { rollingUpdate: { partition: -2 } };
    expect(refused(negative)).toBe('StatefulSet.apps "web" is invalid: spec.updateStrategy.rollingUpdate.partition: Invalid value: -2: must be greater than or equal to 0');
    const unknown = minimal();
    (unknown.spec as any).updateStrategy = { type: "Recreate" };
    expect(refused(unknown)).toBe(
      `StatefulSet.apps "web" is invalid: spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:"Recreate", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'`,
    );
  });

  it("refuses activeDeadlineSeconds in the template", () => {
    const set = minimal();
    (set.spec as any).template.spec.activeDeadlineSeconds = 30;
    expect(refused(set)).toBe('StatefulSet.apps "web" is invalid: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported');
  });

  it("allows updates to replicas, template, updateStrategy, retention policy, minReadySeconds and ordinals", () => {
    expect(
      refused(webSet(), (spec) => {
        spec.replicas = 5;
        spec.template.spec.containers[0].image = "nginx:1.16.1";
        spec.updateStrategy = { type: "OnDelete" };
        spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: "Delete", whenScaled: "Delete" };
        spec.minReadySeconds = 10;
        spec.ordinals = { start: 1 };
      }),
    ).toBe("");
  });

  it.each([
    ["serviceName", (spec: any) => (spec.serviceName = "other")],
    ["podManagementPolicy", (spec: any) => (spec.podManagementPolicy = "Parallel")],
    ["volumeClaimTemplates", (spec: any) => (spec.volumeClaimTemplates = [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"] } }])],
    ["revisionHistoryLimit", (spec: any) => (spec.revisionHistoryLimit = 3)],
  ])("forbids changing %s", (_field, change) => {
    expect(refused(webSet({ claims: true }), change)).toBe(
      `StatefulSet.apps "web" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden`,
    );
  });
});

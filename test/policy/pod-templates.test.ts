import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { containersOf, podTemplateOf, runsPods } from "../../src/policy/pod-templates.js";
import { policyResource } from "./policy-helpers.js";

const CONTAINERS = `
      initContainers:
        - name: migrate
          image: app:1
      containers:
        - name: app
          image: app:1
        - "not a container"
        - image: sidecar:2
      ephemeralContainers:
        - name: debug
          image: busybox:1`;

describe("podTemplateOf", () => {
  it("finds the pod spec and labels of a Pod", () => {
    const template = podTemplateOf(
      policyResource(`apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: web, tier: 3}}
spec:
  restartPolicy: Always
  containers: [{name: c, image: x:1}]`),
    );
    expect(template).toMatchObject({ pointer: "/spec", labelsPointer: "/metadata/labels", labels: { app: "web", tier: "3" }, longRunning: true });
    expect(template?.spec.containers).toHaveLength(1);
  });

  it.each([
    ["apps/v1", "Deployment", "/spec/template/spec", true],
    ["apps/v1", "ReplicaSet", "/spec/template/spec", true],
    ["apps/v1", "StatefulSet", "/spec/template/spec", true],
    ["apps/v1", "DaemonSet", "/spec/template/spec", true],
    ["v1", "ReplicationController", "/spec/template/spec", true],
    ["batch/v1", "Job", "/spec/template/spec", false],
    ["extensions/v1beta1", "Deployment", "/spec/template/spec", true],
    ["apps.openshift.io/v1", "DeploymentConfig", "/spec/template/spec", true],
    ["argoproj.io/v1alpha1", "Rollout", "/spec/template/spec", true],
  ])("finds the pod template of %s %s", (apiVersion, kind, pointer, longRunning) => {
    const template = podTemplateOf(
      policyResource(`apiVersion: ${apiVersion}
kind: ${kind}
metadata: {name: w}
spec:
  template:
    metadata: {labels: {app: w}}
    spec: {containers: [{name: c, image: x:1}]}`),
    );
    expect(template).toMatchObject({ pointer, labelsPointer: pointer.replace(/spec$/, "metadata/labels"), labels: { app: "w" }, longRunning });
  });

  it("finds a CronJob's pod template under its job template", () => {
    const template = podTemplateOf(
      policyResource(`apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {job: nightly}}
        spec: {restartPolicy: OnFailure, containers: [{name: c, image: x:1}]}`),
    );
    expect(template).toMatchObject({
      pointer: "/spec/jobTemplate/spec/template/spec",
      labelsPointer: "/spec/jobTemplate/spec/template/metadata/labels",
      labels: { job: "nightly" },
      longRunning: false,
    });
  });

  it("reads a Pod with restartPolicy Never or OnFailure as running to completion", () => {
    for (const policy of ["Never", "OnFailure"]) {
      const pod = policyResource(`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {restartPolicy: ${policy}, containers: []}`);
      expect(podTemplateOf(pod)?.longRunning).toBe(false);
    }
  });

  it("ignores kinds that do not run pods, and same-named kinds of other groups", () => {
    expect(podTemplateOf(policyResource(`apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {}`))).toBeUndefined();
    expect(podTemplateOf(policyResource(`apiVersion: example.com/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {}}}`))).toBeUndefined();
    expect(runsPods("example.com", "Job")).toBe(false);
    expect(runsPods("batch", "Job")).toBe(true);
  });

  it("reads a core-group Deployment (an apiVersion typo) as a Deployment", () => {
    const template = podTemplateOf(policyResource(`apiVersion: v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: []}}}`));
    expect(template?.pointer).toBe("/spec/template/spec");
  });

  it("gives an empty spec and no labels when the template is missing or malformed", () => {
    for (const spec of ["{}", "{template: 3}", "{template: {metadata: [], spec: nope}}", "null", "[]"]) {
      const template = podTemplateOf(policyResource(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: ${spec}`));
      expect(template).toMatchObject({ spec: {}, labels: {}, pointer: "/spec/template/spec" });
    }
  });
});

describe("containersOf", () => {
  const template = podTemplateOf(policyResource(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:${CONTAINERS}`))!;

  it("lists init containers and containers in PodSpec order, with pointers and labels", () => {
    expect(containersOf(template).map((c) => [c.pointer, c.label])).toEqual([
      ["/spec/template/spec/initContainers/0", 'init container "migrate"'],
      ["/spec/template/spec/containers/0", 'container "app"'],
      ["/spec/template/spec/containers/2", "container at containers[2]"],
    ]);
  });

  it("leaves init containers out or takes ephemeral ones in on request", () => {
    expect(containersOf(template, { init: false }).map((c) => c.name)).toEqual(["app", undefined]);
    expect(containersOf(template, { ephemeral: true }).map((c) => c.list)).toEqual(["initContainers", "containers", "containers", "ephemeralContainers"]);
  });

  it("never throws, whatever shape the object has", () => {
    const kinds = ["Pod", "Deployment", "CronJob", "Job", "StatefulSet"];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.jsonValue(), (kind, spec) => {
        const resource = {
          key: { group: kind === "Pod" ? "" : kind.endsWith("Job") ? "batch" : "apps", version: "v1", kind, namespace: "ns", name: "x" },
          apiVersion: "v1",
          object: { kind, spec: spec as unknown },
          display: "x",
        };
        const found = podTemplateOf(resource);
        expect(found).toBeDefined();
        containersOf(found!, { ephemeral: true });
      }),
    );
  });
});

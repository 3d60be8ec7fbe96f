import { describe, expect, it } from "vitest";
import { hpaAdmission } from "../../../src/runtime/autoscaling/hpa-admission.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { newCluster } from "../runtime-helpers.js";
import { hpa } from "./hpa-helpers.js";

function admitted(object: KubeObject) {
  const cluster = newCluster();
  cluster.store.addAdmission(hpaAdmission);
  return cluster.store.create(object);
}

function refusal(object: KubeObject): string {
  const result = admitted(object);
  if (result.ok) throw new Error("admitted");
  return result.error.message;
}

describe("HPA admission", () => {
  it("defaults minReplicas to 1 and the metrics to CPU at 80 %, and leaves behavior out", () => {
    const object = hpa({ metrics: [] });
    const result = admitted(object);
    expect(result.ok && result.object.spec).toEqual({
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      maxReplicas: 10,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }],
      minReplicas: 1,
    });
  });

  it("fills the parts of a behavior that are left out, except the scale-down window", () => {
    const result = admitted(hpa({ behavior: { scaleDown: { policies: [{ type: "Pods", value: 1, periodSeconds: 60 }] } } }));
    expect(result.ok && (result.object.spec as { behavior: unknown }).behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: "Max", policies: [{ type: "Pods", value: 4, periodSeconds: 15 }, { type: "Percent", value: 100, periodSeconds: 15 }] },
      scaleDown: { selectPolicy: "Max", policies: [{ type: "Pods", value: 1, periodSeconds: 60 }] },
    });
  });

  it("refuses bad replica bounds with upstream's messages", () => {
    expect(refusal(hpa({ max: 0 }))).toBe('HorizontalPodAutoscaler.autoscaling "web" is invalid: [spec.maxReplicas: Invalid value: 0: must be greater than 0, spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`]');
    expect(refusal(hpa({ min: 5, max: 3 }))).toBe('HorizontalPodAutoscaler.autoscaling "web" is invalid: spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`');
    expect(refusal(hpa({ min: 0 }))).toBe('HorizontalPodAutoscaler.autoscaling "web" is invalid: spec.minReplicas: Invalid value: 0: must be greater than or equal to 1');
  });

  it("refuses a missing target, bad metrics and bad behavior", () => {
    expect(refusal(hpa({ target: "" }))).toBe('HorizontalPodAutoscaler.autoscaling "web" is invalid: spec.scaleTargetRef.name: Required value');
    expect(refusal(hpa({ utilization: 0 }))).toBe('HorizontalPodAutoscaler.autoscaling "web" is invalid: spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0');
    expect(refusal(hpa({ metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization" } } }] }))).toBe(
      'HorizontalPodAutoscaler.autoscaling "web" is invalid: spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization',
    );
    expect(refusal(hpa({ metrics: [{ type: "Memory" }] }))).toBe('HorizontalPodAutoscaler.autoscaling "web" is invalid: spec.metrics[0].type: Unsupported value: "Memory": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"');
    expect(refusal(hpa({ behavior: { scaleUp: { selectPolicy: "Fastest", policies: [{ type: "Pods", value: 0, periodSeconds: 1801 }] } } }))).toBe(
      'HorizontalPodAutoscaler.autoscaling "web" is invalid: [spec.behavior.scaleUp.selectPolicy: Unsupported value: "Fastest": supported values: "Disabled", "Max", "Min", spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero, spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800]',
    );
    expect(refusal(hpa({ behavior: { scaleDown: { stabilizationWindowSeconds: -1, policies: [] } } }))).toBe(
      'HorizontalPodAutoscaler.autoscaling "web" is invalid: [spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: -1: must be greater than or equal to zero, spec.behavior.scaleDown.policies: Required value: must specify at least one Policy]',
    );
  });

  it("defaults an autoscaling/v1 HPA's minReplicas only", () => {
    const v1: KubeObject = { apiVersion: "autoscaling/v1", kind: "HorizontalPodAutoscaler", metadata: { name: "web" }, spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, maxReplicas: 4 } };
    const result = admitted(v1);
    expect(result.ok && result.object.spec).toEqual({ scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, maxReplicas: 4, minReplicas: 1 });
  });
});

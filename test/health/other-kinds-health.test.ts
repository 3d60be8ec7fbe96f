// Health of the non-workload kinds, of a missing object, of one being deleted, and of kinds with no rule.
import { describe, expect, it } from "vitest";
import { assessedKindOf, healthOf, V1_HPA_CONDITIONS_ANNOTATION } from "../../src/health/index.js";
import { withStatus } from "./health-fixtures.js";

describe("existence and deletion", () => {
  it("a missing object is Missing", () => {
    expect(healthOf(undefined)).toEqual({ status: "Missing", reason: "NotFound", message: "the object does not exist in the cluster" });
    expect(healthOf(null).status).toBe("Missing");
  });

  it("any object with a deletionTimestamp is Progressing, before its own rule", () => {
    const deleting = { metadata: { name: "x", deletionTimestamp: "2026-01-01T00:00:00Z" } };
    expect(healthOf({ ...withStatus("v1", "ConfigMap", undefined), ...deleting })).toEqual({ status: "Progressing", reason: "Terminating", message: "Pending deletion" });
    expect(healthOf({ ...withStatus("batch/v1", "Job", { conditions: [{ type: "Failed", status: "True" }] }), ...deleting }).status).toBe("Progressing");
  });

  it("custom resources and kinds without a rule are Healthy once they exist (gitops-engine returns none)", () => {
    expect(healthOf({ apiVersion: "serving.knative.dev/v1", kind: "Service", metadata: { name: "hello" } })).toEqual({ status: "Healthy" });
    expect(healthOf({ apiVersion: "argoproj.io/v1alpha1", kind: "Application", metadata: { name: "a" }, status: { health: { status: "Degraded" } } })).toEqual({ status: "Healthy" });
    expect(healthOf(withStatus("v1", "ConfigMap", undefined))).toEqual({ status: "Healthy" });
    expect(healthOf({ apiVersion: "example.com/v1", kind: "Deployment", metadata: { name: "x" }, spec: { paused: true } })).toEqual({ status: "Healthy" });
  });

  it("kinds are recognised by group and kind together", () => {
    expect(assessedKindOf({ apiVersion: "v1", kind: "Service" })).toBe("Service");
    expect(assessedKindOf({ apiVersion: "serving.knative.dev/v1", kind: "Service" })).toBe("Other");
    expect(assessedKindOf({ apiVersion: "extensions/v1beta1", kind: "Ingress" })).toBe("Ingress");
    expect(assessedKindOf({ apiVersion: "v1", kind: "toString" })).toBe("Other");
  });
});

describe("PersistentVolumeClaim", () => {
  it("Bound Healthy, Pending Progressing, Lost Degraded, else Unknown", () => {
    const claim = (phase?: string) => withStatus("v1", "PersistentVolumeClaim", phase ? { phase } : {}, { volumeName: "pvc-1" });
    expect(healthOf(claim("Bound"))).toEqual({ status: "Healthy", message: 'bound to PersistentVolume "pvc-1"' });
    expect(healthOf(claim("Pending")).status).toBe("Progressing");
    expect(healthOf(claim("Lost"))).toEqual({ status: "Degraded", reason: "ClaimLost", message: `the claim's PersistentVolume "pvc-1" no longer exists; its data is gone` });
    expect(healthOf(claim()).status).toBe("Unknown");
  });
});

describe("PersistentVolume (gitops-engine has no rule)", () => {
  it("Available/Bound Healthy, Released Healthy with a note, Pending Progressing, Failed Degraded", () => {
    const volume = (status: Record<string, unknown>) => withStatus("v1", "PersistentVolume", status, { claimRef: { namespace: "shop", name: "data" } });
    expect(healthOf(volume({ phase: "Available" })).status).toBe("Healthy");
    expect(healthOf(volume({ phase: "Bound" }))).toEqual({ status: "Healthy", message: "bound to claim shop/data" });
    expect(healthOf(volume({ phase: "Released" }))).toMatchObject({ status: "Healthy", reason: "VolumeReleased" });
    expect(healthOf(volume({ phase: "Pending" })).status).toBe("Progressing");
    expect(healthOf(volume({ phase: "Failed", message: "host_path deleter only supports /tmp/.+" }))).toEqual({
      status: "Degraded",
      reason: "VolumeFailed",
      message: "host_path deleter only supports /tmp/.+",
    });
    expect(healthOf(volume({})).status).toBe("Unknown");
  });
});

describe("Service and Ingress", () => {
  it("a LoadBalancer Service is Progressing until it has an ingress entry; other types are Healthy", () => {
    expect(healthOf(withStatus("v1", "Service", { loadBalancer: {} }, { type: "LoadBalancer" }))).toEqual({
      status: "Progressing",
      reason: "LoadBalancerPending",
      message: "Waiting for the load balancer to be assigned an external address",
    });
    expect(healthOf(withStatus("v1", "Service", { loadBalancer: { ingress: [{ ip: "10.0.0.1" }] } }, { type: "LoadBalancer" })).status).toBe("Healthy");
    expect(healthOf(withStatus("v1", "Service", undefined, { type: "NodePort" })).status).toBe("Healthy");
  });

  it("an Ingress without an address is Progressing", () => {
    expect(healthOf(withStatus("networking.k8s.io/v1", "Ingress", undefined)).reason).toBe("AddressPending");
    expect(healthOf(withStatus("networking.k8s.io/v1", "Ingress", { loadBalancer: { ingress: [{ hostname: "lb.example" }] } })).status).toBe("Healthy");
  });
});

describe("HorizontalPodAutoscaler", () => {
  const v2 = (conditions: unknown[]) => withStatus("autoscaling/v2", "HorizontalPodAutoscaler", { conditions });
  const v1 = (annotation?: string) =>
    withStatus("autoscaling/v1", "HorizontalPodAutoscaler", {}, {}, annotation === undefined ? {} : { annotations: { [V1_HPA_CONDITIONS_ANNOTATION]: annotation } });

  it("a failing scale or metric is Degraded, with the condition's reason and message", () => {
    expect(healthOf(v2([{ type: "ScalingActive", status: "False", reason: "FailedGetResourceMetric", message: "unable to get metrics" }]))).toEqual({
      status: "Degraded",
      reason: "FailedGetResourceMetric",
      message: "unable to get metrics",
    });
    expect(healthOf(v2([{ type: "ScalingActive", status: "False", reason: "InvalidSelector" }])).status).toBe("Degraded");
    expect(healthOf(v2([{ type: "AbleToScale", status: "False", reason: "FailedUpdateScale" }])).status).toBe("Degraded");
  });

  it("AbleToScale=True or ScalingLimited=True is Healthy; the first deciding condition wins", () => {
    expect(healthOf(v2([{ type: "ScalingLimited", status: "True", reason: "TooManyReplicas", message: "the desired replica count is more than the maximum replica count" }])).status).toBe("Healthy");
    expect(healthOf(v2([{ type: "AbleToScale", status: "True", reason: "ReadyForNewScale" }, { type: "ScalingActive", status: "False", reason: "FailedGetResourceMetric" }])).status).toBe("Healthy");
  });

  it("otherwise, and without conditions, Progressing: Waiting to Autoscale", () => {
    expect(healthOf(v2([{ type: "ScalingLimited", status: "False", reason: "DesiredWithinRange" }]))).toEqual({ status: "Progressing", reason: "WaitingToAutoscale", message: "Waiting to Autoscale" });
    expect(healthOf(v2([])).status).toBe("Progressing");
    expect(healthOf(v1()).status).toBe("Progressing");
    expect(healthOf(v1("[]")).status).toBe("Progressing");
  });

  it("autoscaling/v1 reads the conditions annotation; an unparsable one is Degraded", () => {
    expect(healthOf(v1('[{"type":"AbleToScale","status":"True","reason":"SucceededRescale","message":"ok"}]'))).toEqual({ status: "Healthy", message: "ok" });
    expect(healthOf(v1("{not json"))).toMatchObject({ status: "Degraded", reason: "InvalidConditions" });
  });
});

describe("APIService", () => {
  it("Available=True is Healthy, otherwise Progressing; no condition yet is Progressing", () => {
    const service = (conditions?: unknown[]) => withStatus("apiregistration.k8s.io/v1", "APIService", conditions ? { conditions } : {});
    expect(healthOf(service([{ type: "Available", status: "True", reason: "Passed", message: "all checks passed" }]))).toEqual({ status: "Healthy", message: "Passed: all checks passed" });
    expect(healthOf(service([{ type: "Available", status: "False", reason: "ServiceNotFound", message: 'service/metrics in "kube-system" is not present' }]))).toEqual({
      status: "Progressing",
      reason: "ServiceNotFound",
      message: 'ServiceNotFound: service/metrics in "kube-system" is not present',
    });
    expect(healthOf(service())).toEqual({ status: "Progressing", reason: "AvailabilityPending", message: "Waiting to be processed" });
  });
});

describe("Namespace (gitops-engine has no rule)", () => {
  it("Active Healthy, Terminating Progressing, no phase yet Healthy", () => {
    expect(healthOf(withStatus("v1", "Namespace", { phase: "Active" }))).toEqual({ status: "Healthy" });
    expect(healthOf(withStatus("v1", "Namespace", { phase: "Terminating" }))).toMatchObject({ status: "Progressing", reason: "NamespaceTerminating" });
    expect(healthOf(withStatus("v1", "Namespace", undefined)).status).toBe("Healthy");
  });
});

// Small objects for the health unit tests: just the fields a rule reads, as the API server returns them.
import type { HealthInput } from "../../src/health/index.js";

export function deployment(status: Record<string, unknown>, spec: Record<string, unknown> = {}, generation = 2): HealthInput {
  return { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "shop", generation }, spec: { replicas: 3, ...spec }, status: { observedGeneration: 2, ...status } };
}

export function statefulSet(status: Record<string, unknown>, spec: Record<string, unknown> = {}): HealthInput {
  return { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "db", generation: 1 }, spec: { replicas: 3, ...spec }, status: { observedGeneration: 1, ...status } };
}

export function daemonSet(status: Record<string, unknown>, spec: Record<string, unknown> = {}): HealthInput {
  return { apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "agent", generation: 1 }, spec, status: { observedGeneration: 1, ...status } };
}

export function replicaSet(status: Record<string, unknown>, replicas = 3): HealthInput {
  return { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web-1", generation: 1 }, spec: { replicas }, status: { observedGeneration: 1, ...status } };
}

export function job(status: Record<string, unknown>, spec: Record<string, unknown> = {}): HealthInput {
  return { apiVersion: "batch/v1", kind: "Job", metadata: { name: "migrate" }, spec, status };
}

export function pod(name: string, status: Record<string, unknown>, restartPolicy = "Always"): HealthInput {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "shop" }, spec: { restartPolicy, containers: [{ name: "web", image: "nginx" }] }, status };
}

export const waiting = (reason: string, message?: string) => ({ name: "web", ready: false, restartCount: 0, state: { waiting: message ? { reason, message } : { reason } } });

export const ready = (value: boolean) => [{ type: "Ready", status: value ? "True" : "False" }];

export function withStatus(apiVersion: string, kind: string, status: Record<string, unknown> | undefined, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): HealthInput {
  const object: HealthInput = { apiVersion, kind, metadata: { name: "x", ...metadata }, spec };
  if (status) object.status = status;
  return object;
}

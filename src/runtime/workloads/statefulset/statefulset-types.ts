// The parts of apps/v1 StatefulSets the controller reads and writes, as plain JSON views over stored
// objects, the well-known keys StatefulSets put on their pods, and the naming rules of upstream's
// stateful_set_utils.go: pod `<set>-<ordinal>`, claim `<template>-<set>-<ordinal>`.
import type { LabelSelector } from "../../../kube/label-selector.js";
import type { KubeObject } from "../../store/kube-object.js";
import type { PodTemplate } from "../workload-types.js";

export const STATEFULSET_CONTROLLER = "statefulset-controller";

/** Pod label: the pod's own name (a stable selector for one member). */
export const POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
/** Pod label: the pod's ordinal, as a decimal string. */
export const POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

/** The cluster's DNS domain (kubelet `--cluster-domain`); drydock's clusters have no other. */
export const CLUSTER_DOMAIN = "cluster.local";

export type PodManagementPolicy = "OrderedReady" | "Parallel";
export type RetentionPolicyType = "Retain" | "Delete";

export interface ClaimTemplate {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [field: string]: unknown };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export interface StatefulSetSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplate;
  volumeClaimTemplates?: ClaimTemplate[];
  serviceName?: string;
  podManagementPolicy?: string;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
  ordinals?: { start?: number };
}

/** apps/v1 StatefulSetStatus, fields in the API's order; `replicas` and `availableReplicas` are always written. */
export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  conditions?: unknown[];
  availableReplicas: number;
}

export function isStatefulSet(object: KubeObject): boolean {
  return object.kind === "StatefulSet" && object.apiVersion === "apps/v1";
}

export function statefulSetSpec(object: KubeObject): StatefulSetSpec {
  return (object.spec ?? {}) as StatefulSetSpec;
}

export function statefulSetStatus(object: KubeObject): Partial<StatefulSetStatus> {
  return (object.status ?? {}) as Partial<StatefulSetStatus>;
}

/** spec.replicas, defaulted to 1 by admission. */
export function desiredReplicas(set: KubeObject): number {
  return statefulSetSpec(set).replicas ?? 1;
}

/** The first ordinal (spec.ordinals.start, default 0). */
export function startOrdinal(set: KubeObject): number {
  return statefulSetSpec(set).ordinals?.start ?? 0;
}

export function isParallel(set: KubeObject): boolean {
  return statefulSetSpec(set).podManagementPolicy === "Parallel";
}

export function retentionPolicy(set: KubeObject): { whenDeleted: RetentionPolicyType; whenScaled: RetentionPolicyType } {
  const policy = statefulSetSpec(set).persistentVolumeClaimRetentionPolicy;
  // Upstream treats anything but Delete as Retain.
  return {
    whenDeleted: policy?.whenDeleted === "Delete" ? "Delete" : "Retain",
    whenScaled: policy?.whenScaled === "Delete" ? "Delete" : "Retain",
  };
}

export function podName(set: KubeObject, ordinal: number): string {
  return `${set.metadata.name ?? ""}-${ordinal}`;
}

export function claimName(set: KubeObject, template: ClaimTemplate, ordinal: number): string {
  return `${template.metadata?.name ?? ""}-${set.metadata.name ?? ""}-${ordinal}`;
}

const MEMBER_NAME = /^(.*)-([0-9]+)$/;

/** The parent name and ordinal a pod's name carries (upstream's getParentNameAndOrdinal); ordinal -1 when none. */
export function parentAndOrdinal(name: string): { parent: string; ordinal: number } {
  const match = MEMBER_NAME.exec(name);
  if (!match) return { parent: "", ordinal: -1 };
  const ordinal = Number(match[2]);
  // ParseInt(…, 10, 32): values beyond int32 do not parse.
  return { parent: match[1], ordinal: ordinal <= 2 ** 31 - 1 ? ordinal : -1 };
}

export function ordinalOf(pod: KubeObject): number {
  return parentAndOrdinal(pod.metadata.name ?? "").ordinal;
}

/** Whether the pod's name makes it a member of the set (`<set>-<n>`), whatever its labels. */
export function isMemberOf(set: KubeObject, pod: KubeObject): boolean {
  return parentAndOrdinal(pod.metadata.name ?? "").parent === set.metadata.name;
}

export function inOrdinalRange(set: KubeObject, ordinal: number): boolean {
  const start = startOrdinal(set);
  return ordinal >= start && ordinal < start + desiredReplicas(set);
}

/** `web-0.nginx.default.svc.cluster.local`: the stable DNS name of a member (needs spec.serviceName). */
export function podDnsName(set: KubeObject, ordinal: number): string | undefined {
  const service = statefulSetSpec(set).serviceName;
  if (!service) return undefined;
  return `${podName(set, ordinal)}.${service}.${set.metadata.namespace ?? "default"}.svc.${CLUSTER_DOMAIN}`;
}

// The parts of apps/v1 Deployments and ReplicaSets and of core/v1 Pods that the workload controllers
// read and write, as plain JSON views over stored objects, plus the well-known keys they use.
import type { LabelSelector } from "../../kube/label-selector.js";
import type { KubeObject } from "../store/kube-object.js";

export const POD_TEMPLATE_HASH_LABEL = "pod-template-hash";
export const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
export const REVISION_HISTORY_ANNOTATION = "deployment.kubernetes.io/revision-history";
export const DESIRED_REPLICAS_ANNOTATION = "deployment.kubernetes.io/desired-replicas";
export const MAX_REPLICAS_ANNOTATION = "deployment.kubernetes.io/max-replicas";
export const CHANGE_CAUSE_ANNOTATION = "kubernetes.io/change-cause";
export const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
export const DEPRECATED_ROLLBACK_TO_ANNOTATION = "deprecated.deployment.rollback.to";
export const RESTARTED_AT_ANNOTATION = "kubectl.kubernetes.io/restartedAt";
export const POD_DELETION_COST_ANNOTATION = "controller.kubernetes.io/pod-deletion-cost";

export type IntOrString = number | string;

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; [field: string]: unknown };
  spec?: Record<string, unknown>;
}

export interface Condition {
  type: string;
  status: "True" | "False" | "Unknown";
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface DeploymentSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplate;
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: IntOrString; maxUnavailable?: IntOrString } };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  progressDeadlineSeconds?: number;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: Condition[];
  collisionCount?: number;
}

export interface ReplicaSetSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelector;
  template?: PodTemplate;
}

export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
}

export interface PodStatusView {
  phase?: string;
  conditions?: Array<{ type: string; status: string; lastTransitionTime?: string }>;
  containerStatuses?: Array<{ restartCount?: number }>;
  initContainerStatuses?: Array<{ restartCount?: number }>;
}

export function isDeployment(object: KubeObject): boolean {
  return object.kind === "Deployment" && object.apiVersion === "apps/v1";
}

export function isReplicaSet(object: KubeObject): boolean {
  return object.kind === "ReplicaSet" && object.apiVersion === "apps/v1";
}

export function deploymentSpec(object: KubeObject): DeploymentSpec {
  return (object.spec ?? {}) as DeploymentSpec;
}

export function deploymentStatus(object: KubeObject): DeploymentStatus {
  return (object.status ?? {}) as DeploymentStatus;
}

export function replicaSetSpec(object: KubeObject): ReplicaSetSpec {
  return (object.spec ?? {}) as ReplicaSetSpec;
}

export function replicaSetStatus(object: KubeObject): Partial<ReplicaSetStatus> {
  return (object.status ?? {}) as Partial<ReplicaSetStatus>;
}

/** `spec.replicas`, which admission defaults to 1. */
export function specReplicas(object: KubeObject): number {
  return (object.spec as { replicas?: number } | undefined)?.replicas ?? 1;
}

export function podStatus(pod: KubeObject): PodStatusView {
  return (pod.status ?? {}) as PodStatusView;
}

export function podNodeName(pod: KubeObject): string {
  return (pod.spec as { nodeName?: string } | undefined)?.nodeName ?? "";
}

export function annotationOf(object: KubeObject, key: string): string | undefined {
  return object.metadata.annotations?.[key];
}

// healthOf: the health of any object, by kind. Built-in kinds are recognised by API group and kind
// together — a Knative `serving.knative.dev/Service` is not a core Service — and each has its own
// rule file. Everything else (custom resources, kinds without a rule such as ConfigMap) is Healthy
// once it exists. gitops-engine returns no health at all for those; we answer Healthy so that an
// application's overall health (the worst of its parts) is defined and a CR never blocks a sync.
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from "kubernetes-types/apps/v1.js";
import type { CronJob, Job } from "kubernetes-types/batch/v1.js";
import type { Namespace, PersistentVolume, PersistentVolumeClaim, Pod, Service } from "kubernetes-types/core/v1.js";
import type { Ingress } from "kubernetes-types/networking/v1.js";
import { apiServiceHealth } from "./apiservice-health.js";
import { cronJobHealth } from "./cronjob-health.js";
import { daemonSetHealth } from "./daemonset-health.js";
import { deploymentHealth } from "./deployment-health.js";
import { health, type Health } from "./health-status.js";
import { hpaHealth } from "./hpa-health.js";
import { ingressHealth } from "./ingress-health.js";
import { jobHealth } from "./job-health.js";
import { namespaceHealth } from "./namespace-health.js";
import { groupOf, type HealthInput } from "./object-view.js";
import { podHealth } from "./pod-health.js";
import { pvHealth } from "./pv-health.js";
import { pvcHealth } from "./pvc-health.js";
import { replicaSetHealth } from "./replicaset-health.js";
import { serviceHealth } from "./service-health.js";
import { statefulSetHealth } from "./statefulset-health.js";

/** The kinds with a health rule; anything else is "Other". */
export type AssessedKind =
  | "Deployment"
  | "ReplicaSet"
  | "StatefulSet"
  | "DaemonSet"
  | "Pod"
  | "Job"
  | "CronJob"
  | "PersistentVolumeClaim"
  | "PersistentVolume"
  | "Service"
  | "Ingress"
  | "HorizontalPodAutoscaler"
  | "APIService"
  | "Namespace"
  | "Other";

/** Which groups serve each built-in kind (older groups included: extensions/v1beta1 Deployments still appear in repos). */
const GROUPS: Readonly<Record<Exclude<AssessedKind, "Other">, readonly string[]>> = {
  Deployment: ["apps", "extensions"],
  ReplicaSet: ["apps", "extensions"],
  StatefulSet: ["apps"],
  DaemonSet: ["apps", "extensions"],
  Pod: [""],
  Job: ["batch"],
  CronJob: ["batch"],
  PersistentVolumeClaim: [""],
  PersistentVolume: [""],
  Service: [""],
  Ingress: ["networking.k8s.io", "extensions"],
  HorizontalPodAutoscaler: ["autoscaling"],
  APIService: ["apiregistration.k8s.io"],
  Namespace: [""],
};

/** The rule that applies to an object. */
export function assessedKindOf(object: HealthInput): AssessedKind {
  const group = groupOf(object.apiVersion);
  const kind = object.kind as Exclude<AssessedKind, "Other">;
  return Object.hasOwn(GROUPS, kind) && GROUPS[kind].includes(group) ? kind : "Other";
}

/** The health of a live object, or Missing when there is none (`undefined`: not found in the cluster). */
export function healthOf(object: HealthInput | undefined | null): Health {
  if (object === undefined || object === null) return health("Missing", "NotFound", "the object does not exist in the cluster");
  // Whatever the kind, an object being deleted is on its way out; its other fields no longer matter.
  if (object.metadata?.deletionTimestamp) return health("Progressing", "Terminating", "Pending deletion");
  // The casts are the contract of assessedKindOf: the API group and kind fix the object's schema.
  const kind = assessedKindOf(object);
  switch (kind) {
    case "Deployment":
      return deploymentHealth(object as Deployment);
    case "ReplicaSet":
      return replicaSetHealth(object as ReplicaSet);
    case "StatefulSet":
      return statefulSetHealth(object as StatefulSet);
    case "DaemonSet":
      return daemonSetHealth(object as DaemonSet);
    case "Pod":
      return podHealth(object as Pod);
    case "Job":
      return jobHealth(object as Job);
    case "CronJob":
      return cronJobHealth(object as CronJob);
    case "PersistentVolumeClaim":
      return pvcHealth(object as PersistentVolumeClaim);
    case "PersistentVolume":
      return pvHealth(object as PersistentVolume);
    case "Service":
      return serviceHealth(object as Service);
    case "Ingress":
      return ingressHealth(object as Ingress);
    case "HorizontalPodAutoscaler":
      return hpaHealth(object);
    case "APIService":
      return apiServiceHealth(object);
    case "Namespace":
      return namespaceHealth(object as Namespace);
    case "Other":
      return health("Healthy");
    default:
      return unreachable(kind);
  }
}

function unreachable(kind: never): never {
  throw new Error(`no health rule for ${String(kind)}`);
}

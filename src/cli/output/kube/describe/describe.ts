// `kubectl describe`: the describer of each kind, and the generic one for the rest.
import type { KubeObject } from "../../../../runtime/store/kube-object.js";
import { describeCronJob, describeJob } from "./describe-batch.js";
import { describeConfigMap, describeGeneric, describeNamespace, describeSecret } from "./describe-generic.js";
import { describeHorizontalPodAutoscaler } from "./describe-hpa.js";
import { describeEndpoints, describeService } from "./describe-network.js";
import { describeNode } from "./describe-node.js";
import { describePod } from "./describe-pod.js";
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from "./describe-storage.js";
import type { DescribeSource } from "./describe-source.js";
import { describeDaemonSet } from "./describe-daemonset.js";
import { describeStatefulSet } from "./describe-statefulset.js";
import { describeDeployment, describeReplicaSet } from "./describe-workloads.js";

export type { DescribeSource };

export function describeObject(object: KubeObject, source: DescribeSource, now: number): string {
  const group = object.apiVersion.includes("/") ? object.apiVersion.slice(0, object.apiVersion.indexOf("/")) : "";
  switch (`${group}/${object.kind}`) {
    case "/Pod":
      return describePod(object, source, now);
    case "batch/Job":
      return describeJob(object, source, now);
    case "batch/CronJob":
      return describeCronJob(object, source, now);
    case "apps/Deployment":
      return describeDeployment(object, source, now);
    case "apps/ReplicaSet":
      return describeReplicaSet(object, source, now);
    case "apps/StatefulSet":
      return describeStatefulSet(object, source, now);
    case "apps/DaemonSet":
      return describeDaemonSet(object, source, now);
    case "autoscaling/HorizontalPodAutoscaler":
      return describeHorizontalPodAutoscaler(object, source, now);
    case "/Service":
      return describeService(object, source, now);
    case "/Endpoints":
      return describeEndpoints(object, source, now);
    case "/Node":
      return describeNode(object, source, now);
    case "/ConfigMap":
      return describeConfigMap(object, source, now);
    case "/Secret":
      return describeSecret(object);
    case "/PersistentVolumeClaim":
      return describePersistentVolumeClaim(object, source, now);
    case "/PersistentVolume":
      return describePersistentVolume(object, source, now);
    case "storage.k8s.io/StorageClass":
      return describeStorageClass(object, source, now);
    case "/Namespace":
      return describeNamespace(object, source);
    default:
      return describeGeneric(object, source, now);
  }
}

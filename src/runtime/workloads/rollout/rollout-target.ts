// What the rollout operations work on, and how they find it: a Deployment, StatefulSet or DaemonSet
// by namespace and name; a Deployment with its ReplicaSets as kubectl's GetAllReplicaSets finds them
// (controlled by the Deployment's uid).
import type { KubeObject } from "../../store/kube-object.js";
import type { StoreReader } from "../../store/store-api.js";
import { byCreation, equalIgnoreHash } from "../deployment-util.js";
import { deploymentSpec, replicaSetSpec } from "../workload-types.js";

/** The kinds `rollout` works on; a ref without one names a Deployment. */
export type RolloutKind = "Deployment" | "StatefulSet" | "DaemonSet";

export interface RolloutRef {
  namespace: string;
  name: string;
  workloadKind?: RolloutKind;
}

export function kindOf(ref: RolloutRef): RolloutKind {
  return ref.workloadKind ?? "Deployment";
}

export function workloadRefOf(ref: RolloutRef) {
  return { group: "apps", kind: kindOf(ref), namespace: ref.namespace, name: ref.name };
}

export type FoundWorkload = { ok: true; object: KubeObject } | { ok: false; message: string };

/** The workload, or kubectl's `Error from server (NotFound): statefulsets.apps "web" not found`. */
export function findWorkload(store: StoreReader, ref: RolloutRef): FoundWorkload {
  const object = store.get(workloadRefOf(ref));
  if (!object) return { ok: false, message: `Error from server (NotFound): ${kindOf(ref).toLowerCase()}s.apps "${ref.name}" not found` };
  return { ok: true, object };
}

/** Every rollout operation answers with the line(s) kubectl prints: stdout when ok, stderr when not. */
export type RolloutResult = { ok: true; message: string } | { ok: false; message: string };

export function deploymentRefOf(ref: RolloutRef) {
  return { group: "apps", kind: "Deployment", namespace: ref.namespace, name: ref.name };
}

export type FoundDeployment = { ok: true; deployment: KubeObject } | { ok: false; message: string };

/** The Deployment, or kubectl's `Error from server (NotFound): deployments.apps "web" not found`. */
export function findDeployment(store: StoreReader, ref: RolloutRef): FoundDeployment {
  const deployment = store.get(deploymentRefOf(ref));
  if (!deployment) return { ok: false, message: `Error from server (NotFound): deployments.apps "${ref.name}" not found` };
  return { ok: true, deployment };
}

/** `deployment.apps/web`, `statefulset.apps/web`: how kubectl's name printer shows the object. */
export function qualifiedName(ref: RolloutRef): string {
  return `${kindOf(ref).toLowerCase()}.apps/${ref.name}`;
}

/** The Deployment's ReplicaSets: the new one (template equal to the Deployment's) and the others. */
export function replicaSetsOfDeployment(store: StoreReader, deployment: KubeObject): { newRS?: KubeObject; oldRSs: KubeObject[] } {
  const uid = deployment.metadata.uid;
  const owned = store
    .list({ group: "apps", kind: "ReplicaSet", namespace: deployment.metadata.namespace })
    .filter((rs) => rs.metadata.ownerReferences?.some((ref) => ref.controller === true && ref.uid === uid))
    .sort(byCreation);
  const template = deploymentSpec(deployment).template;
  const newRS = owned.find((rs) => equalIgnoreHash(replicaSetSpec(rs).template, template));
  return { newRS, oldRSs: owned.filter((rs) => rs !== newRS) };
}

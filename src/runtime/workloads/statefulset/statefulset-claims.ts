// The PersistentVolumeClaims of a StatefulSet's members (upstream's getPersistentVolumeClaims) and the
// owner references that carry out its persistentVolumeClaimRetentionPolicy: whenDeleted Delete
// makes the set an owner of every claim (the garbage collector deletes them with the set);
// whenScaled Delete makes a condemned pod the owner of its claims before the pod is deleted (they go
// with the pod); Retain removes both.
import { cloneJson, type KubeObject, type OwnerReference } from "../../store/kube-object.js";
import { claimTemplates } from "./statefulset-pods.js";
import { claimName, inOrdinalRange, ordinalOf, retentionPolicy, statefulSetSpec } from "./statefulset-types.js";

export interface MemberClaim {
  /** The claim template's name, which is also the pod's volume name. */
  template: string;
  claim: KubeObject;
}

/** The claims of the member with this ordinal: the templates' metadata and spec, the set's matchLabels added. */
export function claimsFor(set: KubeObject, ordinal: number): MemberClaim[] {
  const matchLabels = statefulSetSpec(set).selector?.matchLabels ?? {};
  return claimTemplates(set).map((template) => {
    const metadata: KubeObject["metadata"] = { name: claimName(set, template, ordinal), namespace: set.metadata.namespace };
    const labels = { ...template.metadata?.labels, ...matchLabels };
    if (Object.keys(labels).length > 0) metadata.labels = labels;
    const annotations = template.metadata?.annotations;
    if (annotations && Object.keys(annotations).length > 0) metadata.annotations = { ...annotations };
    const claim: KubeObject = { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata, spec: cloneJson(template.spec ?? {}) };
    // The API server replaces a new claim's status with phase Pending, which the template already holds.
    if (template.status) claim.status = cloneJson(template.status);
    return { template: template.metadata?.name ?? "", claim };
  });
}

function hasOwner(claim: KubeObject, owner: KubeObject): boolean {
  const uid = owner.metadata.uid;
  return uid !== undefined && uid !== "" && (claim.metadata.ownerReferences ?? []).some((ref) => ref.uid === uid);
}

/** Which owners the retention policy gives this pod's claims. */
function wantedOwners(set: KubeObject, pod: KubeObject): { set: boolean; pod: boolean } {
  const policy = retentionPolicy(set);
  const scaledDown = !inOrdinalRange(set, ordinalOf(pod));
  return {
    set: policy.whenDeleted === "Delete" && !(policy.whenScaled === "Delete" && scaledDown),
    pod: policy.whenScaled === "Delete" && scaledDown,
  };
}

/** Whether the claim's owner references are what the set's retention policy asks for this pod. */
export function claimOwnersMatch(claim: KubeObject, set: KubeObject, pod: KubeObject): boolean {
  const wanted = wantedOwners(set, pod);
  return hasOwner(claim, set) === wanted.set && hasOwner(claim, pod) === wanted.pod;
}

/** A copy of the claim with the owner references the policy asks for, or undefined when it has them. */
export function claimWithPolicyOwners(claim: KubeObject, set: KubeObject, pod: KubeObject): KubeObject | undefined {
  if (claimOwnersMatch(claim, set, pod)) return undefined;
  const wanted = wantedOwners(set, pod);
  const unwanted = new Set<string>();
  if (!wanted.set && set.metadata.uid) unwanted.add(set.metadata.uid);
  if (!wanted.pod && pod.metadata.uid) unwanted.add(pod.metadata.uid);
  const refs = (claim.metadata.ownerReferences ?? []).filter((ref) => !unwanted.has(ref.uid));
  // Plain owner references (not controllers), as upstream's setOwnerRef writes them.
  if (wanted.set && !hasOwner(claim, set)) refs.push(ownerRef("apps/v1", "StatefulSet", set));
  if (wanted.pod && !hasOwner(claim, pod)) refs.push(ownerRef("v1", "Pod", pod));
  const copy = cloneJson(claim);
  if (refs.length > 0) copy.metadata.ownerReferences = refs;
  else delete copy.metadata.ownerReferences;
  return copy;
}

function ownerRef(apiVersion: string, kind: string, owner: KubeObject): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name ?? "", uid: owner.metadata.uid ?? "" };
}

/**
 * A claim that still belongs to an earlier pod of the same name (scaled down under whenScaled
 * Delete, not yet collected): the new pod must wait for it to go (upstream's hasStaleOwnerRef).
 */
export function isStaleFor(claim: KubeObject, pod: KubeObject): boolean {
  return (claim.metadata.ownerReferences ?? []).some((ref) => ref.name === pod.metadata.name && ref.uid !== (pod.metadata.uid ?? ""));
}

// The writes a StatefulSet sync makes for one member (upstream's StatefulPodControl): claims first,
// then the pod; deletions; identity, storage and retention fixes — each with upstream's events
// (`create Claim www-web-0 Pod web-0 in StatefulSet web success`, `create Pod web-0 in StatefulSet
// web successful`, `delete Pod web-1 in StatefulSet web successful`, and their Failed forms).
import type { ComponentEventRecorder } from "../../events/event-recorder.js";
import { refOf, type KubeObject } from "../../store/kube-object.js";
import type { ObjectStore } from "../../store/object-store.js";
import { storeError, type StoreError } from "../../store/store-errors.js";
import { claimOwnersMatch, claimsFor, claimWithPolicyOwners, isStaleFor } from "./statefulset-claims.js";
import { identityMatches, storageMatches, withIdentityAndStorage } from "./statefulset-pods.js";
import { ordinalOf, retentionPolicy } from "./statefulset-types.js";

export interface PodControl {
  store: ObjectStore;
  events: ComponentEventRecorder;
}

type Verb = "create" | "update" | "delete";

const TITLE: Record<Verb, string> = { create: "Create", update: "Update", delete: "Delete" };

function podEvent(control: PodControl, verb: Verb, set: KubeObject, pod: KubeObject, error: StoreError | undefined): void {
  const where = `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name}`;
  if (!error) control.events.event(set, "Normal", `Successful${TITLE[verb]}`, `${where} successful`);
  else control.events.event(set, "Warning", `Failed${TITLE[verb]}`, `${where} failed error: ${error.message}`);
}

function claimEvent(control: PodControl, set: KubeObject, pod: KubeObject, claim: string, error: StoreError | undefined): void {
  if (!error) control.events.event(set, "Normal", "SuccessfulCreate", `create Claim ${claim} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`);
  else control.events.event(set, "Warning", "FailedCreate", `create Claim ${claim} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${error.message}`);
}

/** utilerrors.NewAggregate: one error as it is, several as `[e1, e2]`. */
function aggregate(errors: string[]): StoreError | undefined {
  if (errors.length === 0) return undefined;
  return storeError("Invalid", errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`);
}

/** Creates the member's missing claims; a claim being deleted is an error (the pod must wait). */
export function createClaims(control: PodControl, set: KubeObject, pod: KubeObject): StoreError | undefined {
  const errors: string[] = [];
  for (const { claim } of claimsFor(set, ordinalOf(pod))) {
    const name = claim.metadata.name ?? "";
    const existing = control.store.get(refOf(claim));
    if (existing) {
      if (existing.metadata.deletionTimestamp !== undefined) errors.push(`pvc ${name} is being deleted`);
      continue;
    }
    const created = control.store.create(claimWithPolicyOwners(claim, set, pod) ?? claim);
    if (!created.ok) errors.push(`failed to create PVC ${name}: ${created.error.message}`);
    if (created.ok || created.error.reason !== "AlreadyExists") claimEvent(control, set, pod, name, created.ok ? undefined : created.error);
  }
  return aggregate(errors);
}

/** Claims, then the pod. An AlreadyExists pod is an error without an event (the old one is still going). */
export function createStatefulPod(control: PodControl, set: KubeObject, pod: KubeObject): StoreError | undefined {
  const claims = createClaims(control, set, pod);
  if (claims) {
    podEvent(control, "create", set, pod, claims);
    return claims;
  }
  const created = control.store.create(pod);
  if (!created.ok && created.error.reason === "AlreadyExists") return created.error;
  if (created.ok) {
    const retention = updateClaimsForRetention(control, set, created.object);
    if (retention) {
      podEvent(control, "update", set, pod, retention);
      return retention;
    }
  }
  const error = created.ok ? undefined : created.error;
  podEvent(control, "create", set, pod, error);
  return error;
}

export function deleteStatefulPod(control: PodControl, set: KubeObject, pod: KubeObject): StoreError | undefined {
  const deleted = control.store.delete(refOf(pod), { preconditions: { uid: pod.metadata.uid } });
  const error = deleted.ok ? undefined : deleted.error;
  podEvent(control, "delete", set, pod, error);
  return error;
}

/** Whether every existing claim of the pod has the owners the retention policy asks for. */
export function claimsMatchRetention(control: PodControl, set: KubeObject, pod: KubeObject): boolean {
  for (const { claim } of claimsFor(set, ordinalOf(pod))) {
    const existing = control.store.get(refOf(claim));
    if (existing && !claimOwnersMatch(existing, set, pod)) return false;
  }
  return true;
}

/** Sets the owners of the pod's existing claims as the retention policy asks; missing claims wait for a later sync. */
export function updateClaimsForRetention(control: PodControl, set: KubeObject, pod: KubeObject): StoreError | undefined {
  for (const { claim } of claimsFor(set, ordinalOf(pod))) {
    const existing = control.store.get(refOf(claim));
    if (!existing) continue;
    const next = claimWithPolicyOwners(existing, set, pod);
    if (!next) continue;
    const updated = control.store.update(next);
    if (!updated.ok) return storeError(updated.error.reason, `could not update claim ${claim.metadata.name} for delete policy ownerRefs: ${updated.error.message}`);
  }
  return undefined;
}

/** The member's claims that still belong to an earlier pod of its name (see isStaleFor). */
export function staleClaims(control: PodControl, set: KubeObject, pod: KubeObject): KubeObject[] {
  // Claims kept on scale-down are meant to be reused: never stale.
  if (retentionPolicy(set).whenScaled === "Retain") return [];
  const stale: KubeObject[] = [];
  for (const { claim } of claimsFor(set, ordinalOf(pod))) {
    const existing = control.store.get(refOf(claim));
    if (existing && isStaleFor(existing, pod)) stale.push(existing);
  }
  return stale;
}

/**
 * Brings a pod back to the set's identity (pod-name and pod-index labels), storage (claim volumes,
 * creating missing claims) and claim owners (upstream's UpdateStatefulPod), recording `update Pod …`.
 */
export function updateStatefulPod(control: PodControl, set: KubeObject, pod: KubeObject): StoreError | undefined {
  const identity = identityMatches(set, pod);
  const storage = storageMatches(set, pod);
  let consistent = identity && storage;
  if (!storage) {
    const claims = createClaims(control, set, pod);
    if (claims) {
      podEvent(control, "update", set, pod, claims);
      return claims;
    }
  }
  if (!claimsMatchRetention(control, set, pod)) {
    const retention = updateClaimsForRetention(control, set, pod);
    if (retention) {
      podEvent(control, "update", set, pod, retention);
      return retention;
    }
    consistent = false;
  }
  if (consistent) return undefined;
  const next = identity && storage ? pod : withIdentityAndStorage(set, pod, { storage: !storage });
  const updated = next === pod ? undefined : control.store.update(next);
  const error = updated && !updated.ok ? updated.error : undefined;
  podEvent(control, "update", set, pod, error);
  return error;
}

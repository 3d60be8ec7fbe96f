// The VolumeBinding plugin (pkg/scheduler/framework/plugins/volumebinding) for pods that use
// PersistentVolumeClaims:
// - PreFilter: a missing claim, a claim being deleted or Lost, or an unbound claim of an Immediate
//   class makes the pod unschedulable on every node (UnschedulableAndUnresolvable), with the
//   plugin's message standing for all of them;
// - Filter: a bound claim's volume must accept the node (its node affinity); an unbound claim of a
//   WaitForFirstConsumer class needs an Available volume that fits the node, or a class that can
//   provision there;
// - Reserve/PreBind: for the chosen node, such claims get their volume (the volume's claimRef is
//   set) or the node (the claim's `volume.kubernetes.io/selected-node`), and the pod is bound once
//   the PV controller has bound every claim — here the pod waits, silently, in the unschedulable
//   queue until a claim or volume changes; after 10 minutes (bindTimeoutSeconds) it fails with
//   upstream's PreBind message.
import type { KubeObject } from "../store/kube-object.js";
import { refOf } from "../store/kube-object.js";
import type { StoreWriter } from "../store/store-api.js";
import { findMatchingVolume, volumeFitsNode } from "../storage/volume-matching.js";
import {
  ANN_BOUND_BY_CONTROLLER,
  ANN_SELECTED_NODE,
  NO_PROVISIONER,
  STORAGE_CLASS,
  VOLUME,
  annotation,
  claimClass,
  claimSpec,
  claimStatus,
  classFields,
  hasAnnotation,
  isClaimFullyBound,
  podClaimUses,
  setAnnotation,
} from "../storage/storage-objects.js";
import { claimReference } from "../storage/storage-writes.js";
import type { FilterFailure } from "./filters.js";
import type { NodeEntry } from "./node-cache.js";

export const REASON_NODE_CONFLICT = "node(s) had volume node affinity conflict";
export const REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const REASON_PV_NOT_EXIST = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";
export const UNBOUND_IMMEDIATE = "pod has unbound immediate PersistentVolumeClaims";
/** bindTimeoutSeconds of VolumeBindingArgs. */
export const BIND_TIMEOUT_MS = 600_000;
export const PREBIND_TIMEOUT_MESSAGE = 'running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded';

interface BoundClaim {
  claim: KubeObject;
  volume: KubeObject | undefined;
}

/** What PreFilter learned, for Filter and Reserve. */
export interface PodVolumes {
  bound: BoundClaim[];
  /** Unbound claims of WaitForFirstConsumer classes. */
  delayed: KubeObject[];
  /** Every volume, for delayed claims (looked up once per attempt). */
  volumes: KubeObject[];
}

export type VolumePreFilter = { kind: "skip" } | { kind: "unschedulable"; message: string } | { kind: "check"; volumes: PodVolumes };

export function volumePreFilter(pod: KubeObject, store: StoreWriter): VolumePreFilter {
  const uses = podClaimUses(pod);
  if (uses.length === 0) return { kind: "skip" };
  const namespace = pod.metadata.namespace ?? "default";
  const claims: KubeObject[] = [];
  for (const use of uses) {
    const claim = store.get({ group: "", kind: "PersistentVolumeClaim", namespace, name: use.claimName });
    if (!claim) {
      const message = use.ephemeral
        ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${use.claimName}"`
        : `persistentvolumeclaim "${use.claimName}" not found`;
      return { kind: "unschedulable", message };
    }
    if (claimStatus(claim).phase === "Lost") {
      return { kind: "unschedulable", message: `persistentvolumeclaim "${use.claimName}" bound to non-existent persistentvolume "${claimSpec(claim).volumeName ?? ""}"` };
    }
    if (claim.metadata.deletionTimestamp !== undefined) return { kind: "unschedulable", message: `persistentvolumeclaim "${use.claimName}" is being deleted` };
    claims.push(claim);
  }
  const bound: BoundClaim[] = [];
  const delayed: KubeObject[] = [];
  let immediate = 0;
  for (const claim of claims) {
    if (isClaimFullyBound(claim)) {
      bound.push({ claim, volume: store.get({ ...VOLUME, name: claimSpec(claim).volumeName ?? "" }) });
      continue;
    }
    // A claim that names its volume is treated as immediate, whatever its class.
    if (delaysBinding(claim, store) && (claimSpec(claim).volumeName ?? "") === "") delayed.push(claim);
    else immediate++;
  }
  if (immediate > 0) return { kind: "unschedulable", message: UNBOUND_IMMEDIATE };
  return { kind: "check", volumes: { bound, delayed, volumes: delayed.length > 0 ? store.list(VOLUME) : [] } };
}

function delaysBinding(claim: KubeObject, store: StoreWriter): boolean {
  const name = claimClass(claim);
  if (name === "") return false;
  const storageClass = store.get({ ...STORAGE_CLASS, name });
  return storageClass !== undefined && classFields(storageClass).volumeBindingMode === "WaitForFirstConsumer";
}

/** How the delayed claims would be satisfied on a node: volumes to pre-bind and claims to provision. */
interface Plan {
  bindings: Array<{ claim: KubeObject; volume: KubeObject }>;
  provisions: KubeObject[];
}

/** Filter (FindPodVolumes) for one node. */
export function volumeFilter(state: PodVolumes, entry: NodeEntry, store: StoreWriter): FilterFailure | undefined {
  const reasons: string[] = [];
  let found = true;
  for (const { volume } of state.bound) {
    if (!volume) {
      found = false;
      break;
    }
    if (!volumeFitsNode(volume, entry.labels)) {
      reasons.push(REASON_NODE_CONFLICT);
      break;
    }
  }
  if (state.delayed.length > 0 && !planFor(state, entry, store)) reasons.push(REASON_BIND_CONFLICT);
  if (!found) reasons.push(REASON_PV_NOT_EXIST);
  return reasons.length > 0 ? { reasons, resolvable: false } : undefined;
}

function planFor(state: PodVolumes, entry: NodeEntry, store: StoreWriter): Plan | undefined {
  const plan: Plan = { bindings: [], provisions: [] };
  const chosen = new Set<string>();
  const toMatch: KubeObject[] = [];
  for (const claim of state.delayed) {
    const selected = annotation(claim, ANN_SELECTED_NODE);
    if (selected !== undefined) {
      if (selected !== entry.name) return undefined;
      plan.provisions.push(claim);
    } else {
      toMatch.push(claim);
    }
  }
  const volumes = [...state.volumes].sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1));
  for (const claim of toMatch) {
    const volume = findMatchingVolume(claim, volumes, { node: { name: entry.name, labels: entry.labels }, excluded: chosen, delayBinding: true });
    if (volume) {
      chosen.add(volume.metadata.name ?? "");
      plan.bindings.push({ claim, volume });
    } else {
      plan.provisions.push(claim);
    }
  }
  for (const claim of plan.provisions) if (!canProvision(claim, entry, store)) return undefined;
  return plan;
}

/** checkVolumeProvisions: the class exists, has a provisioner, and its allowed topologies include the node. */
function canProvision(claim: KubeObject, entry: NodeEntry, store: StoreWriter): boolean {
  const storageClass = store.get({ ...STORAGE_CLASS, name: claimClass(claim) });
  if (!storageClass) return false;
  const fields = classFields(storageClass);
  if (fields.provisioner === NO_PROVISIONER) return false;
  const topologies = fields.allowedTopologies ?? [];
  if (topologies.length === 0) return true;
  return topologies.some((term) => (term.matchLabelExpressions ?? []).every((e) => entry.labels[e.key] !== undefined && (e.values ?? []).includes(entry.labels[e.key])));
}

/**
 * Reserve and PreBind's API writes for the chosen node. Returns true when every claim is bound
 * already (the pod can be bound now), false when the pod has to wait for the PV controller.
 */
export function reserveVolumes(state: PodVolumes, entry: NodeEntry, store: StoreWriter): boolean {
  if (state.delayed.length === 0) return true;
  const plan = planFor(state, entry, store);
  if (!plan) return false;
  for (const { claim, volume } of plan.bindings) {
    store.modify(refOf(volume), (next) => {
      (next.spec as { claimRef?: unknown }).claimRef = claimReference(claim);
      if (!hasAnnotation(next, ANN_BOUND_BY_CONTROLLER)) setAnnotation(next, ANN_BOUND_BY_CONTROLLER, "yes");
    });
  }
  for (const claim of plan.provisions) {
    if (annotation(claim, ANN_SELECTED_NODE) === entry.name) continue;
    store.modify(refOf(claim), (next) => setAnnotation(next, ANN_SELECTED_NODE, entry.name));
  }
  return false;
}

/** When each pod started waiting for its claims to be bound (PreBind's wait). */
export class VolumeWaits {
  private readonly since = new Map<string, number>();

  /** Notes another wait; true once the pod has waited longer than the bind timeout (and starts over). */
  timedOut(uid: string, now: number): boolean {
    const start = this.since.get(uid);
    if (start === undefined) {
      this.since.set(uid, now);
      return false;
    }
    if (now - start < BIND_TIMEOUT_MS) return false;
    this.since.delete(uid);
    return true;
  }

  forget(uid: string): void {
    this.since.delete(uid);
  }
}

// Which PersistentVolume fits a claim (pkg/controller/volume/persistentvolume/util FindMatchingVolume
// and the controller's access-mode index): a volume pre-bound to the claim wins outright; otherwise
// the smallest Available volume of the claim's class whose capacity, volume mode, access modes,
// labels (the claim's selector) and node affinity fit. The controller searches volumes grouped by
// their access modes, the groups with the fewest modes first, so an exact match of modes beats a
// smaller volume with more modes. Ties go to the volume whose name sorts first.
import { matchesLabelSelector } from "../../kube/label-selector.js";
import { matchesAnyTerm } from "../scheduler/node-affinity.js";
import type { KubeObject } from "../store/kube-object.js";
import {
  ACCESS_MODES,
  capacityBytes,
  claimClass,
  claimSpec,
  isVolumeBoundToClaim,
  requestedBytes,
  volumeClass,
  volumeSpec,
  volumeStatus,
} from "./storage-objects.js";

export interface NodeView {
  name: string;
  labels: Readonly<Record<string, string>>;
}

export interface MatchOptions {
  /** The scheduler's path: the node the pod would run on (node affinity and access modes are checked). */
  node?: NodeView;
  /** Volumes already chosen for other claims of the same pod. */
  excluded?: ReadonlySet<string>;
  /** The claim's class binds on first consumer: only a volume pre-bound to it may be chosen without a node. */
  delayBinding: boolean;
}

/** CheckAccessModes: the volume offers every mode the claim asks for. */
export function hasAccessModes(claim: KubeObject, volume: KubeObject): boolean {
  const offered = new Set(volumeSpec(volume).accessModes ?? []);
  return (claimSpec(claim).accessModes ?? []).every((mode) => offered.has(mode));
}

/** CheckVolumeModeMismatches; an unset mode is Filesystem on either side. */
export function volumeModeMismatch(claim: KubeObject, volume: KubeObject): boolean {
  return (claimSpec(claim).volumeMode ?? "Filesystem") !== (volumeSpec(volume).volumeMode ?? "Filesystem");
}

/**
 * CheckNodeAffinity: a volume without required node affinity fits every node. Upstream matches the
 * terms against a node that has only labels, so `matchFields` terms never match; so here.
 */
export function volumeFitsNode(volume: KubeObject, labels: Readonly<Record<string, string>>): boolean {
  const required = volumeSpec(volume).nodeAffinity?.required;
  if (!required) return true;
  return matchesAnyTerm(required.nodeSelectorTerms ?? [], "", labels);
}

/** FindMatchingVolume over `volumes` (in the order they are given). */
export function findMatchingVolume(claim: KubeObject, volumes: Iterable<KubeObject>, options: MatchOptions): KubeObject | undefined {
  const requested = requestedBytes(claim);
  const requestedClass = claimClass(claim);
  const selector = claimSpec(claim).selector ?? undefined;
  let smallest: KubeObject | undefined;
  let smallestBytes = 0;
  for (const volume of volumes) {
    const name = volume.metadata.name ?? "";
    if (options.excluded?.has(name)) continue;
    const spec = volumeSpec(volume);
    if (spec.claimRef && !isVolumeBoundToClaim(volume, claim)) continue;
    const bytes = capacityBytes(volume);
    if (bytes < requested) continue;
    if (volumeModeMismatch(claim, volume)) continue;
    if ((claimSpec(claim).volumeAttributesClassName ?? "") !== "" && claimSpec(claim).volumeAttributesClassName !== spec.volumeAttributesClassName) continue;
    if (volume.metadata.deletionTimestamp !== undefined) continue;
    const fitsNode = options.node === undefined || volumeFitsNode(volume, options.node.labels);
    if (isVolumeBoundToClaim(volume, claim)) return fitsNode ? volume : undefined;
    // The controller leaves delayed claims to the scheduler, which knows the node.
    if (options.node === undefined && options.delayBinding) continue;
    if (volumeStatus(volume).phase !== "Available") continue;
    if (selector && !matchesLabelSelector(selector, volume.metadata.labels ?? {})) continue;
    if (volumeClass(volume) !== requestedClass) continue;
    if (!fitsNode) continue;
    if (options.node !== undefined && !hasAccessModes(claim, volume)) continue;
    if (smallest === undefined || smallestBytes > bytes) {
      smallest = volume;
      smallestBytes = bytes;
    }
  }
  return smallest;
}

/** The canonical key of a set of access modes, in the order GetAccessModesAsString lists them. */
function modesKey(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  return ACCESS_MODES.filter((m) => set.has(m)).join(",");
}

/**
 * findBestMatchForClaim: the volume groups whose modes include all the claim asks for, fewest modes
 * first, each searched with FindMatchingVolume; the first match wins.
 */
export function findBestMatchForClaim(claim: KubeObject, volumes: Iterable<KubeObject>, delayBinding: boolean): KubeObject | undefined {
  const wanted = claimSpec(claim).accessModes ?? [];
  const groups = new Map<string, KubeObject[]>();
  for (const volume of volumes) {
    const key = modesKey(volumeSpec(volume).accessModes);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(volume);
  }
  const candidates = [...groups.keys()]
    .filter((key) => {
      const modes = new Set(key === "" ? [] : key.split(","));
      return wanted.every((mode) => modes.has(mode));
    })
    .sort((a, b) => count(a) - count(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const key of candidates) {
    const group = (groups.get(key) ?? []).sort(byName);
    const match = findMatchingVolume(claim, group, { delayBinding });
    if (match) return match;
  }
  return undefined;
}

function count(key: string): number {
  return key === "" ? 0 : key.split(",").length;
}

export function byName(a: KubeObject, b: KubeObject): number {
  const x = a.metadata.name ?? "";
  const y = b.metadata.name ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
}

/** checkVolumeSatisfyClaim: why a volume the claim names cannot serve it, or undefined. */
export function volumeMismatch(volume: KubeObject, claim: KubeObject): string | undefined {
  if (volume.metadata.deletionTimestamp !== undefined) return `the volume is marked for deletion "${volume.metadata.name ?? ""}"`;
  if (capacityBytes(volume) < requestedBytes(claim)) return "requested PV is too small";
  if (volumeClass(volume) !== claimClass(claim)) return "storageClassName does not match";
  if (volumeModeMismatch(claim, volume)) return "incompatible volumeMode";
  if (!hasAccessModes(claim, volume)) return "incompatible accessMode";
  return undefined;
}

// A DaemonSet's template history (constructHistory and cleanupHistory in update.go) over the shared
// ControllerRevision helpers: the revision of the current template (created, or an older one
// renumbered to be the newest), and the deletion of the oldest revisions beyond
// revisionHistoryLimit whose hash no pod carries any more.
import type { KubeObject } from "../../store/kube-object.js";
import type { StoreWriter } from "../../store/store-api.js";
import type { StoreError } from "../../store/store-errors.js";
import { CONTROLLER_REVISION_HASH_LABEL, ensureRevision, ownedRevisions, truncateHistory } from "../controller-revisions.js";
import { daemonSetSpec, daemonSetStatus } from "./daemonset-types.js";

export type CurrentRevision = { ok: true; revision: KubeObject; hash: string; collisionCount: number } | { ok: false; error: StoreError };

export function currentRevision(store: StoreWriter, daemonSet: KubeObject): CurrentRevision {
  const ensured = ensureRevision(store, daemonSet, daemonSetSpec(daemonSet).template ?? {}, daemonSetStatus(daemonSet).collisionCount ?? 0);
  if (!ensured.ok) return ensured;
  const hash = ensured.revision.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? ensured.revision.metadata.name ?? "";
  return { ok: true, revision: ensured.revision, hash, collisionCount: ensured.collisionCount };
}

/**
 * Upstream counts every old revision against the limit but skips, while deleting oldest first, those
 * whose hash a pod still carries: expressed as a limit on the revisions no pod uses.
 */
export function cleanupHistory(store: StoreWriter, daemonSet: KubeObject, current: KubeObject, liveHashes: ReadonlySet<string>): string[] {
  const limit = daemonSetSpec(daemonSet).revisionHistoryLimit ?? 10;
  const old = ownedRevisions(store, daemonSet).filter((revision) => revision.metadata.name !== current.metadata.name);
  const toKill = old.length - limit;
  if (toKill <= 0) return [];
  const live = new Set<string>([current.metadata.name ?? ""]);
  for (const revision of old) {
    const hash = revision.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
    if (hash !== undefined && liveHashes.has(hash)) live.add(revision.metadata.name ?? "");
  }
  const unused = old.filter((revision) => !live.has(revision.metadata.name ?? "")).length;
  return truncateHistory(store, daemonSet, Math.max(0, unused - toKill), live);
}

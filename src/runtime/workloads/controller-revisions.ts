// ControllerRevisions: the template history of StatefulSets and DaemonSets (upstream
// pkg/controller/history). A revision stores the pod template as the patch that restores it,
// `{"spec":{"template":{…,"$patch":"replace"}}}`, is named `<owner>-<hash>` with the hash over that
// data (and the owner's collisionCount), carries the template's labels plus
// `controller-revision-hash` and the owner's annotations, and has a revision number one above the highest before it. Going back
// to an older template reuses its revision and gives it the next number, as upstream does.
import { controllerOf, controllerReference } from "../controllers/owner-references.js";
import { computeTemplateHash } from "../ids/template-hash.js";
import { jsonEqual } from "../store/json-equal.js";
import { cloneJson, type KubeObject } from "../store/kube-object.js";
import type { StoreReader, StoreWriter } from "../store/store-api.js";
import type { StoreError } from "../store/store-errors.js";
import type { PodTemplate } from "./workload-types.js";

export const CONTROLLER_REVISION_HASH_LABEL = "controller-revision-hash";

const REVISION_KIND = { group: "apps", kind: "ControllerRevision" } as const;

/** Upstream truncates the owner's name so that `<name>-<hash>` stays a valid name. */
const MAX_PREFIX_LENGTH = 223;

export interface RevisionData {
  spec: { template: PodTemplate & { $patch: "replace" } };
}

/** The data a revision of this template holds. */
export function revisionData(template: PodTemplate): RevisionData {
  return { spec: { template: { ...cloneJson(template), $patch: "replace" } } };
}

/** The pod template a revision restores. */
export function templateOfRevision(revision: KubeObject): PodTemplate {
  const template = (revision.data as Partial<RevisionData> | undefined)?.spec?.template ?? {};
  const { $patch: _patch, ...rest } = template as PodTemplate & { $patch?: string };
  return cloneJson(rest);
}

export function revisionNumber(revision: KubeObject): number {
  return typeof revision.revision === "number" ? revision.revision : 0;
}

export function revisionHash(template: PodTemplate, collisionCount?: number): string {
  return computeTemplateHash(revisionData(template), collisionCount);
}

export function revisionName(owner: KubeObject, hash: string): string {
  return `${(owner.metadata.name ?? "").slice(0, MAX_PREFIX_LENGTH)}-${hash}`;
}

/** The owner's revisions (controller reference with its uid), oldest revision number first. */
export function ownedRevisions(store: StoreReader, owner: KubeObject): KubeObject[] {
  const uid = owner.metadata.uid;
  return store
    .list({ ...REVISION_KIND, namespace: owner.metadata.namespace })
    .filter((revision) => uid !== undefined && controllerOf(revision)?.uid === uid)
    .sort((a, b) => revisionNumber(a) - revisionNumber(b) || (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""));
}

export type EnsuredRevision =
  | { ok: true; revision: KubeObject; collisionCount: number; created: boolean }
  | { ok: false; error: StoreError };

/**
 * The revision for the owner's current template: an existing one with equal data (renumbered to be
 * the newest when it is not), or a new one. A name taken by a revision with other data is a hash
 * collision: the collision count goes up and the hash is computed again, as upstream does.
 */
export function ensureRevision(store: StoreWriter, owner: KubeObject, template: PodTemplate, collisionCount = 0): EnsuredRevision {
  const revisions = ownedRevisions(store, owner);
  const data = revisionData(template);
  const newest = revisions.reduce((max, revision) => Math.max(max, revisionNumber(revision)), 0);
  const equal = revisions.filter((revision) => jsonEqual(revision.data, data));
  if (equal.length > 0) {
    const existing = equal[equal.length - 1];
    if (revisionNumber(existing) === newest) return { ok: true, revision: existing, collisionCount, created: false };
    const renumbered = store.modify({ ...REVISION_KIND, namespace: existing.metadata.namespace, name: existing.metadata.name ?? "" }, (revision) => {
      revision.revision = newest + 1;
    });
    return renumbered.ok ? { ok: true, revision: renumbered.object, collisionCount, created: false } : { ok: false, error: renumbered.error };
  }
  for (let count = collisionCount; ; count++) {
    const hash = computeTemplateHash(data, count === 0 ? undefined : count);
    const name = revisionName(owner, hash);
    const taken = store.get({ ...REVISION_KIND, namespace: owner.metadata.namespace, name });
    if (taken && jsonEqual(taken.data, data) && controllerOf(taken)?.uid === owner.metadata.uid) {
      return { ok: true, revision: taken, collisionCount: count, created: false };
    }
    if (taken) continue;
    const labels = { ...template.metadata?.labels, [CONTROLLER_REVISION_HASH_LABEL]: hash };
    const metadata: KubeObject["metadata"] = { name, namespace: owner.metadata.namespace, labels };
    // The owner's annotations go with the revision, so `rollout history` shows its change-cause.
    const annotations = owner.metadata.annotations;
    if (annotations && Object.keys(annotations).length > 0) metadata.annotations = { ...annotations };
    metadata.ownerReferences = [controllerReference(owner)];
    const created = store.create({
      apiVersion: "apps/v1",
      kind: "ControllerRevision",
      metadata,
      data,
      revision: newest + 1,
    });
    return created.ok ? { ok: true, revision: created.object, collisionCount: count, created: true } : { ok: false, error: created.error };
  }
}

/**
 * Deletes the oldest revisions beyond `limit`, never one named in `live` (the revisions pods or the
 * owner's status still use), as upstream's truncateHistory does.
 */
export function truncateHistory(store: StoreWriter, owner: KubeObject, limit: number, live: ReadonlySet<string>): string[] {
  const history = ownedRevisions(store, owner).filter((revision) => !live.has(revision.metadata.name ?? ""));
  const excess = history.length - Math.max(0, limit);
  const deleted: string[] = [];
  for (const revision of history.slice(0, Math.max(0, excess))) {
    const name = revision.metadata.name ?? "";
    const result = store.delete({ ...REVISION_KIND, namespace: revision.metadata.namespace, name });
    if (result.ok) deleted.push(name);
  }
  return deleted;
}

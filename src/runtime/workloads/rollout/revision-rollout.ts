// `kubectl rollout history` and `rollout undo` for the kinds whose history is ControllerRevisions
// (StatefulSet and DaemonSet; polymorphichelpers history.go and rollback.go): the revisions the
// object controls, with the change cause each revision's annotations hold; undo writes a revision's
// template back into the object, and the controller then renumbers that revision as the newest.
import { matchesLabelSelector, type LabelSelector } from "../../../kube/label-selector.js";
import { jsonEqual } from "../../store/json-equal.js";
import type { KubeObject } from "../../store/kube-object.js";
import type { StoreReader, StoreWriter } from "../../store/store-api.js";
import { ownedRevisions, revisionData, revisionNumber, templateOfRevision } from "../controller-revisions.js";
import { CHANGE_CAUSE_ANNOTATION, type PodTemplate } from "../workload-types.js";
import { describePodTemplate } from "./pod-template-text.js";
import { historyTable, type HistoryResult } from "./history-table.js";
import { findWorkload, qualifiedName, workloadRefOf, type RolloutRef, type RolloutResult } from "./rollout-target.js";

/**
 * The object's revisions by number, as kubectl finds them: listed with the object's selector, kept
 * when the object controls them; a later one of a number wins, as in kubectl's map.
 */
function revisionsByNumber(store: StoreReader, owner: KubeObject): Map<number, KubeObject> {
  const selector = (owner.spec as { selector?: LabelSelector } | undefined)?.selector ?? {};
  const byNumber = new Map<number, KubeObject>();
  for (const revision of ownedRevisions(store, owner)) {
    if (matchesLabelSelector(selector, revision.metadata.labels ?? {})) byNumber.set(revisionNumber(revision), revision);
  }
  return byNumber;
}

export function revisionHistory(store: StoreReader, ref: RolloutRef, options: { revision?: number }): HistoryResult {
  const found = findWorkload(store, ref);
  if (!found.ok) return found;
  const byNumber = revisionsByNumber(store, found.object);
  if (byNumber.size === 0) return { ok: true, message: `${qualifiedName(ref)}\nNo rollout history found.\n`, rows: [] };
  const wanted = options.revision ?? 0;
  if (wanted > 0) {
    const revision = byNumber.get(wanted);
    if (!revision) return { ok: false, message: "error: unable to find the specified revision" };
    const template: PodTemplate = templateOfRevision(revision);
    return { ok: true, message: `${qualifiedName(ref)} with revision #${wanted}\n${describePodTemplate(template)}\n`, revision: wanted, template };
  }
  const rows = [...byNumber.keys()]
    .sort((a, b) => a - b)
    .map((number) => ({ revision: number, changeCause: byNumber.get(number)?.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] || "<none>" }));
  return { ok: true, message: `${qualifiedName(ref)}\n${historyTable(rows)}\n`, rows };
}

export function revisionUndo(store: StoreWriter, ref: RolloutRef, options: { toRevision?: number }): RolloutResult {
  const toRevision = options.toRevision ?? 0;
  const notFound: RolloutResult = { ok: false, message: `error: unable to find specified revision ${toRevision} in history` };
  if (toRevision < 0) return notFound;
  const found = findWorkload(store, ref);
  if (!found.ok) return found;
  const history = [...revisionsByNumber(store, found.object).values()].sort((a, b) => revisionNumber(a) - revisionNumber(b));
  if (toRevision === 0 && history.length <= 1) return { ok: false, message: "error: no last revision to roll back to" };
  const target = toRevision === 0 ? history[history.length - 2] : history.find((revision) => revisionNumber(revision) === toRevision);
  if (!target) return notFound;
  const current = ((found.object.spec as { template?: PodTemplate } | undefined)?.template ?? {}) as PodTemplate;
  if (jsonEqual(revisionData(current), target.data)) {
    return { ok: true, message: `${qualifiedName(ref)} skipped rollback (current template already matches revision ${toRevision})` };
  }
  const restored = store.modify(workloadRefOf(ref), (object) => {
    (object.spec as { template?: PodTemplate }).template = templateOfRevision(target);
  });
  if (!restored.ok) return { ok: false, message: `error: failed restoring revision ${toRevision}: ${restored.error.message}` };
  return { ok: true, message: `${qualifiedName(ref)} rolled back` };
}

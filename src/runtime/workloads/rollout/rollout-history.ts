// `kubectl rollout history` (polymorphichelpers/history.go): for a Deployment, the revisions its
// ReplicaSets carry with their change causes, or the pod template of one revision; StatefulSets and
// DaemonSets read their ControllerRevisions (revision-rollout.ts).
import type { StoreReader } from "../../store/store-api.js";
import { revisionOf } from "../deployment-util.js";
import { CHANGE_CAUSE_ANNOTATION, replicaSetSpec, type PodTemplate } from "../workload-types.js";
import { describePodTemplate } from "./pod-template-text.js";
import { revisionHistory } from "./revision-rollout.js";
import { historyTable, type HistoryResult } from "./history-table.js";
import { findDeployment, kindOf, qualifiedName, replicaSetsOfDeployment, type RolloutRef } from "./rollout-target.js";

export { historyTable, type HistoryResult, type HistoryRow } from "./history-table.js";

export function rolloutHistory(store: StoreReader, ref: RolloutRef, options: { revision?: number } = {}): HistoryResult {
  if (kindOf(ref) !== "Deployment") return revisionHistory(store, ref, options);
  const found = findDeployment(store, ref);
  if (!found.ok) return found;
  const { newRS, oldRSs } = replicaSetsOfDeployment(store, found.deployment);
  const templates = new Map<number, PodTemplate>();
  for (const rs of newRS ? [...oldRSs, newRS] : oldRSs) {
    const revision = revisionOf(rs);
    if (revision === undefined) continue;
    const template = structuredClone(replicaSetSpec(rs).template ?? {}) as PodTemplate;
    const cause = rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
    if (cause) template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations, [CHANGE_CAUSE_ANNOTATION]: cause } };
    templates.set(revision, template);
  }
  const revision = options.revision ?? 0;
  if (revision > 0) {
    const template = templates.get(revision);
    if (!template) return { ok: false, message: "error: unable to find the specified revision" };
    return { ok: true, message: `${qualifiedName(ref)} with revision #${revision}\n${describePodTemplate(template)}\n`, revision, template };
  }
  if (templates.size === 0) return { ok: true, message: `${qualifiedName(ref)}\nNo rollout history found.\n`, rows: [] };
  const rows = [...templates.keys()]
    .sort((a, b) => a - b)
    .map((r) => ({ revision: r, changeCause: templates.get(r)?.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION] || "<none>" }));
  return { ok: true, message: `${qualifiedName(ref)}\n${historyTable(rows)}\n`, rows };
}

// `kubectl rollout history` for a Deployment (polymorphichelpers/history.go): the revisions its
// ReplicaSets carry with their change causes, or the pod template of one revision.
import type { StoreReader } from "../../store/store-api.js";
import { revisionOf } from "../deployment-util.js";
import { CHANGE_CAUSE_ANNOTATION, replicaSetSpec, type PodTemplate } from "../workload-types.js";
import { describePodTemplate } from "./pod-template-text.js";
import { findDeployment, qualifiedName, replicaSetsOfDeployment, type RolloutRef } from "./rollout-target.js";

export interface HistoryRow {
  revision: number;
  /** The ReplicaSet's kubernetes.io/change-cause annotation, or `<none>`. */
  changeCause: string;
}

export type HistoryResult =
  | { ok: true; message: string; rows: HistoryRow[] }
  | { ok: true; message: string; revision: number; template: PodTemplate }
  | { ok: false; message: string };

export function rolloutHistory(store: StoreReader, ref: RolloutRef, options: { revision?: number } = {}): HistoryResult {
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

/** kubectl's tabwriter (padding 2): `REVISION  CHANGE-CAUSE`, columns two spaces apart. */
export function historyTable(rows: readonly HistoryRow[]): string {
  const cells = [["REVISION", "CHANGE-CAUSE"], ...rows.map((r) => [String(r.revision), r.changeCause])];
  const width = Math.max(...cells.map(([first]) => first.length));
  return cells.map(([first, second]) => `${first.padEnd(width + 2)}${second}\n`).join("");
}

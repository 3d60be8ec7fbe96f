// What `rollout history` answers, and kubectl's REVISION / CHANGE-CAUSE table.
import type { PodTemplate } from "../workload-types.js";

export interface HistoryRow {
  revision: number;
  /** The revision's kubernetes.io/change-cause annotation, or `<none>`. */
  changeCause: string;
}

export type HistoryResult =
  | { ok: true; message: string; rows: HistoryRow[] }
  | { ok: true; message: string; revision: number; template: PodTemplate }
  | { ok: false; message: string };

/** kubectl's tabwriter (padding 2): `REVISION  CHANGE-CAUSE`, columns two spaces apart. */
export function historyTable(rows: readonly HistoryRow[]): string {
  const cells = [["REVISION", "CHANGE-CAUSE"], ...rows.map((r) => [String(r.revision), r.changeCause])];
  const width = Math.max(...cells.map(([first]) => first.length));
  return cells.map(([first, second]) => `${first.padEnd(width + 2)}${second}\n`).join("");
}

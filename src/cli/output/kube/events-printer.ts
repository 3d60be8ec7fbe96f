// `kubectl events`: LAST SEEN, TYPE, REASON, OBJECT (`Kind/name`), MESSAGE, oldest first, with a
// NAMESPACE column for -A; LAST SEEN is `<last> (x<count> over <first>)` for repeated events.
import type { KubeObject } from "../../../runtime/store/kube-object.js";
import { sortEvents } from "./describe/describe-common.js";
import { num, rec, str, type Json } from "./fields.js";
import { since } from "./human-duration.js";
import { GET_TABWRITER, tabbed } from "./tabwriter.js";

export { sortEvents };

export function printEventsTable(events: readonly KubeObject[], options: { allNamespaces: boolean }, now: number): string {
  const lines: string[] = [`${options.allNamespaces ? "NAMESPACE\t" : ""}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`];
  for (const event of events) {
    const e = event as unknown as Json;
    const involved = rec(e.involvedObject);
    const namespace = options.allNamespaces ? `${event.metadata.namespace ?? ""}\t` : "";
    lines.push(`${namespace}${interval(e, now)}\t${str(e.type)}\t${str(e.reason)}\t${str(involved.kind)}/${str(involved.name)}\t${str(e.message).trim()}\n`);
  }
  return tabbed(lines.join(""), GET_TABWRITER);
}

function interval(e: Json, now: number): string {
  const first = e.eventTime && !e.firstTimestamp ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series) return `${since(rec(e.series).lastObservedTime, now)} (x${num(rec(e.series).count)} over ${first})`;
  if (num(e.count) > 1) return `${since(e.lastTimestamp, now)} (x${num(e.count)} over ${first})`;
  return first;
}

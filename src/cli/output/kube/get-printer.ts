// `kubectl get` output: tables (plain and wide, with NAMESPACE for -A and LABELS for --show-labels),
// `-o name`, and `-o json` / `-o yaml` as kubectl prints them — a single object when one was asked
// for by name, otherwise a v1 List, keys in alphabetical order as kubectl's unstructured printing
// gives them. Pure functions of the objects and the simulated instant.
import { stringify } from "yaml";
import { typeName } from "../../../engine/kind-aliases.js";
import type { KubeObject } from "../../../runtime/store/kube-object.js";
import { formatLabels, rec, stringMap, type Json } from "./fields.js";
import { EVENT_COLUMNS, EVENT_WIDE_COLUMNS, eventCells, tableFor } from "./kind-tables.js";
import { GET_TABWRITER, tabbed } from "./tabwriter.js";

export const GET_FORMATS = ["wide", "json", "yaml", "name"] as const;
export type GetFormat = "table" | (typeof GET_FORMATS)[number];

export interface TableOptions {
  wide: boolean;
  /** A NAMESPACE column first (`-A`). */
  allNamespaces: boolean;
  /** A LABELS column last. */
  showLabels: boolean;
  /** NAME as `deployment.apps/web`, when several kinds were asked for. */
  withKind: boolean;
}

/** One kind's objects, printed as one table. */
export interface KindGroup {
  group: string;
  kind: string;
  objects: readonly KubeObject[];
}

/** The tables of several kinds, separated by blank lines; kinds without objects print nothing. */
export function printTables(groups: readonly KindGroup[], options: TableOptions, now: number): string {
  return groups
    .filter((g) => g.objects.length > 0)
    .map((g) => tabbed(tableText(g, options, now), GET_TABWRITER))
    .join("\n");
}

function tableText(group: KindGroup, options: TableOptions, now: number): string {
  const isEvent = group.group === "" && group.kind === "Event";
  const table = tableFor(group.group, group.kind);
  let header: string[];
  if (isEvent) header = options.wide ? [...EVENT_WIDE_COLUMNS] : [...EVENT_COLUMNS];
  else header = options.wide ? [...table.columns, ...table.wideColumns] : [...table.columns];
  if (options.allNamespaces) header.unshift("NAMESPACE");
  if (options.showLabels) header.push("LABELS");
  const lines = [header];
  for (const object of group.objects) {
    const json = object as unknown as Json;
    let cells: string[];
    if (isEvent) {
      cells = eventCells(json, now, options.wide);
    } else {
      const own = table.name ? table.name(json) : (object.metadata.name ?? "");
      const name = options.withKind ? `${typeName(group)}/${own}` : own;
      cells = [name, ...table.cells(json, now), ...(options.wide ? table.wideCells(json, now) : [])];
    }
    if (options.allNamespaces) cells.unshift(object.metadata.namespace ?? "");
    if (options.showLabels) cells.push(formatLabels(stringMap(rec(json.metadata).labels)));
    lines.push(cells.map(cellText));
  }
  return lines.map((cells) => `${cells.join("\t")}\n`).join("");
}

// Tabs and newlines inside a cell would break the table; kubectl prints them escaped.
function cellText(cell: string): string {
  return cell.replace(/\t/g, "\\t").replace(/\n/g, "\\n");
}

/** `-o name`: `deployment.apps/web`, one per line. */
export function printNames(objects: readonly KubeObject[]): string {
  return objects.map((o) => `${typeName({ group: groupOf(o), kind: o.kind })}/${o.metadata.name ?? ""}\n`).join("");
}

/** The object itself when `single`, otherwise a v1 List of them. */
export function listOrObject(objects: readonly KubeObject[], single: boolean): unknown {
  if (single && objects.length === 1) return objects[0];
  return { apiVersion: "v1", kind: "List", items: objects, metadata: { resourceVersion: "" } };
}

/** `-o json`: json.MarshalIndent with four spaces, keys sorted, HTML characters escaped as Go does. */
export function printJson(value: unknown): string {
  return `${escapeHtml(JSON.stringify(sortKeys(value), null, 4))}\n`;
}

/** `-o yaml`: keys sorted, sequences not indented under their key, YAML 1.1 quoting (sigs.k8s.io/yaml). */
export function printYaml(value: unknown): string {
  return stringify(sortKeys(value), { version: "1.1", indentSeq: false, lineWidth: 0, sortMapEntries: true });
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) out[key] = sortKeys(child);
    }
    return out;
  }
  return value;
}

function escapeHtml(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function groupOf(object: KubeObject): string {
  const slash = object.apiVersion.indexOf("/");
  return slash < 0 ? "" : object.apiVersion.slice(0, slash);
}

/** kubectl's message when a list is empty (on stderr). */
export function noResourcesMessage(namespace: string | undefined): string {
  return namespace === undefined ? "No resources found\n" : `No resources found in ${namespace} namespace.\n`;
}


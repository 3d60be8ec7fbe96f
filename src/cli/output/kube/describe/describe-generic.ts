// describe for kinds without a dedicated describer: kubectl's genericDescriber prints every field
// of the object under "smart" labels (`apiVersion` → `API Version`), sorted, nested by indentation;
// plus the small describers of ConfigMap, Secret and Namespace.
import type { KubeObject } from "../../../../runtime/store/kube-object.js";
import { compareStrings, rec, str, type Json } from "../fields.js";
import { describeEvents, labelsAndAnnotations, nameAndNamespace } from "./describe-common.js";
import { eventsFor, type DescribeSource } from "./describe-source.js";
import { DescribeWriter } from "./describe-writer.js";

const SKIPPED = [".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels", ".metadata.annotations"];

export function describeGeneric(object: KubeObject, source: DescribeSource, now: number): string {
  const o = object as unknown as Json;
  const w = new DescribeWriter();
  nameAndNamespace(w, o);
  labelsAndAnnotations(w, o);
  unstructured(w, 0, o, "");
  describeEvents(w, eventsFor(source, object) as unknown as Json[], now);
  return w.toString();
}

function unstructured(w: DescribeWriter, level: number, content: Json, prefix: string): void {
  for (const field of Object.keys(content).sort(compareStrings)) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (SKIPPED.includes(path) || value === undefined) continue;
    if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === "object" && !Array.isArray(child)) unstructured(w, level + 1, child as Json, path);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else if (value !== null && typeof value === "object") {
      w.write(level, `${smartLabel(field)}:\n`);
      unstructured(w, level + 1, value as Json, path);
    } else {
      w.write(level, `${smartLabel(field)}:\t${goValue(value)}\n`);
    }
  }
}

function goValue(value: unknown): string {
  if (value === null) return "<nil>";
  if (Array.isArray(value)) return `[${value.map(goValue).join(" ")}]`;
  if (typeof value === "object") return `map[${Object.keys(value).sort().map((k) => `${k}:${goValue((value as Json)[k])}`).join(" ")}]`;
  return String(value);
}

const ACRONYMS = ["API", "URL", "UID", "OSB", "GUID"];

/** smartLabelFor: camel-case words, title-cased, common acronyms upper-cased; other names as they are. */
export function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return camelCaseSplit(field)
    .filter((part) => part !== "_")
    .map((part) => (ACRONYMS.includes(part.toUpperCase()) ? part.toUpperCase() : part.charAt(0).toUpperCase() + part.slice(1)))
    .join(" ");
}

// github.com/fatih/camelcase Split: runs of one character class, then "PDFL"+"oader" → "PDF"+"Loader".
function camelCaseSplit(text: string): string[] {
  const classOf = (c: string): number => (/\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{Nd}/u.test(c) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const c of text) {
    const cls = classOf(c);
    if (cls === last) runs[runs.length - 1].push(c);
    else runs.push([c]);
    last = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (classOf(runs[i][0]) === 2 && classOf(runs[i + 1][0]) === 1) {
      runs[i + 1].unshift(runs[i].pop() as string);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(""));
}

export function describeConfigMap(configMap: KubeObject, source: DescribeSource, now: number): string {
  const o = configMap as unknown as Json;
  const w = new DescribeWriter();
  nameAndNamespace(w, o);
  labelsAndAnnotations(w, o);
  w.write(0, "\nData\n====\n");
  const data = rec(o.data);
  for (const key of Object.keys(data).sort(compareStrings)) {
    w.write(0, `${key}:\n----\n`);
    w.write(0, `${str(data[key])}\n`);
    w.write(0, "\n");
  }
  w.write(0, "\nBinaryData\n====\n");
  const binary = rec(o.binaryData);
  for (const key of Object.keys(binary).sort(compareStrings)) w.write(0, `${key}: ${Buffer.from(str(binary[key]), "base64").length} bytes\n`);
  w.write(0, "\n");
  describeEvents(w, eventsFor(source, configMap) as unknown as Json[], now);
  return w.toString();
}

export function describeSecret(secret: KubeObject): string {
  const o = secret as unknown as Json;
  const w = new DescribeWriter();
  nameAndNamespace(w, o);
  labelsAndAnnotations(w, o);
  w.write(0, `\nType:\t${str(o.type) || "Opaque"}\n`);
  w.write(0, "\nData\n====\n");
  const data = rec(o.data);
  for (const key of Object.keys(data).sort(compareStrings)) w.write(0, `${key}:\t${Buffer.from(str(data[key]), "base64").length} bytes\n`);
  return w.toString();
}

export function describeNamespace(namespace: KubeObject, source: DescribeSource): string {
  const o = namespace as unknown as Json;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${namespace.metadata.name ?? ""}\n`);
  labelsAndAnnotations(w, o);
  w.write(0, `Status:\t${str(rec(o.status).phase)}\n`);
  const name = namespace.metadata.name;
  const quotas = source.list({ group: "", kind: "ResourceQuota", namespace: name });
  const limits = source.list({ group: "", kind: "LimitRange", namespace: name });
  w.write(0, "\n");
  w.write(0, quotas.length === 0 ? "No resource quota.\n" : `Resource Quotas:\t${quotas.map((q) => q.metadata.name).join(", ")}\n`);
  w.write(0, "\n");
  w.write(0, limits.length === 0 ? "No LimitRange resource.\n" : `Resource Limits:\t${limits.map((l) => l.metadata.name).join(", ")}\n`);
  return w.toString();
}

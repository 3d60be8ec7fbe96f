// `--schema-dir DIR`: JSON schemas laid out as kubeconform expects them (yannh/kubernetes-json-schema,
// openapi2jsonschema output, Datree's CRDs-catalog). Files are looked up by kind, group and version.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Ajv } from "ajv";
import { isPlainObject } from "../manifests/extract-manifests.js";

/** File names tried for a kind, in order: kubeconform's default, Datree's catalog, then a flat catalog. */
export function schemaFileCandidates(group: string, version: string, kind: string): string[] {
  const lower = kind.toLowerCase();
  if (group === "") return [`${lower}-${version}.json`];
  return [
    `${lower}-${group.split(".")[0]}-${version}.json`,
    `${lower}-${group.replace(/\./g, "-")}-${version}.json`,
    join(group, `${lower}_${version}.json`),
    `${lower}_${version}.json`,
  ];
}

export function findSchemaFile(dirs: readonly string[], group: string, version: string, kind: string): string | undefined {
  for (const dir of dirs) {
    for (const candidate of schemaFileCandidates(group, version, kind)) {
      const path = join(dir, candidate);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}

/**
 * Loads a schema file and every file it references into Ajv, and returns the root schema to compile.
 * Draft-04 spellings that Ajv's default draft rejects are rewritten.
 */
export function loadSchemaFile(ajv: Ajv, path: string): Record<string, unknown> {
  const root = readSchema(path);
  const pending = collectFileRefs(root, pathToFileURL(path));
  const seen = new Set<string>([pathToFileURL(path).href]);
  for (let url = pending.shift(); url; url = pending.shift()) {
    if (seen.has(url.href) || ajv.getSchema(url.href)) continue;
    seen.add(url.href);
    const schema = readSchema(fileURLToPath(url));
    ajv.addSchema(schema, url.href);
    pending.push(...collectFileRefs(schema, url));
  }
  return { ...root, $id: pathToFileURL(path).href };
}

function readSchema(path: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
  if (!isPlainObject(parsed)) throw new Error(`${path} does not hold a JSON schema object`);
  return normalizeDraft04(parsed) as Record<string, unknown>;
}

function normalizeDraft04(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeDraft04);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === "$schema" || key === "id") continue;
    out[key] = normalizeDraft04(child);
  }
  if (out.exclusiveMinimum === true && typeof out.minimum === "number") {
    out.exclusiveMinimum = out.minimum;
    delete out.minimum;
  } else if (typeof out.exclusiveMinimum === "boolean") {
    delete out.exclusiveMinimum;
  }
  if (out.exclusiveMaximum === true && typeof out.maximum === "number") {
    out.exclusiveMaximum = out.maximum;
    delete out.maximum;
  } else if (typeof out.exclusiveMaximum === "boolean") {
    delete out.exclusiveMaximum;
  }
  return out;
}

function collectFileRefs(schema: unknown, base: URL): URL[] {
  const refs: URL[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isPlainObject(node)) {
      for (const [key, child] of Object.entries(node)) {
        if (key === "$ref" && typeof child === "string" && !child.startsWith("#")) {
          const url = new URL(child, base);
          url.hash = "";
          if (url.protocol === "file:") refs.push(url);
        } else {
          walk(child);
        }
      }
    }
  };
  walk(schema);
  return refs;
}

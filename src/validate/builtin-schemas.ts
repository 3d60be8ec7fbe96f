// The generated schemas for built-in kinds (schemas/kubernetes/v1.30, made by `npm run schemas`).
import { readFileSync } from "node:fs";

export const BUILTIN_KUBERNETES_VERSION = "1.30";
export const BUILTIN_DEFINITIONS_ID = "https://drydock.dev/schemas/kubernetes/v1.30/_definitions.json";
export const OBJECT_META_REF = `${BUILTIN_DEFINITIONS_ID}#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`;

// src/validate and dist/validate are both two levels below the package root.
const SCHEMA_DIR = new URL("../../schemas/kubernetes/v1.30/", import.meta.url);

export interface BuiltinKind {
  apiVersion: string;
  group: string;
  version: string;
  kind: string;
  namespaced: boolean;
  definition: string;
}

let kindsIndex: readonly BuiltinKind[] | undefined;
let definitionsDocument: Record<string, unknown> | undefined;

/** The built-in kinds (a small index). */
export function builtinKinds(): readonly BuiltinKind[] {
  kindsIndex ??= (JSON.parse(readFileSync(new URL("index.json", SCHEMA_DIR), "utf8")) as { kinds: BuiltinKind[] }).kinds;
  return kindsIndex;
}

/** The `_definitions.json` document with its `$id` set; needed only to compile schemas. */
export function builtinDefinitions(): Record<string, unknown> {
  if (!definitionsDocument) {
    const parsed = JSON.parse(readFileSync(new URL("_definitions.json", SCHEMA_DIR), "utf8")) as Record<string, unknown>;
    delete parsed.$comment;
    definitionsDocument = { $id: BUILTIN_DEFINITIONS_ID, ...parsed };
  }
  return definitionsDocument;
}

import type { Ajv } from "ajv";
import { ajvLibrary } from "./ajv-library.js";
import { KUBERNETES_FORMATS } from "./formats.js";

/**
 * One Ajv for built-in, CRD and user schemas. Not strict about keywords: CRD schemas carry
 * `x-kubernetes-*` extensions and formats Ajv does not know, which the API server ignores too.
 * `standalone` keeps the generated source so it can be written out as a module; that module finds
 * the formats beside it (dist/validate/formats.js).
 */
export function createAjv(options: { standalone?: boolean } = {}): Ajv {
  const { Ajv, _ } = ajvLibrary();
  return new Ajv({
    allErrors: true,
    verbose: true,
    strict: false,
    allowUnionTypes: true,
    logger: false,
    formats: KUBERNETES_FORMATS,
    // Our messages are written from error params; Ajv's own text is not shown.
    messages: false,
    ...(options.standalone ? { code: { source: true, formats: _`require("./formats.js").KUBERNETES_FORMATS` } } : {}),
  });
}

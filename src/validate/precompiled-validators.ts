// The built-in validators, compiled once at build time (Ajv standalone code) so no process or worker
// thread spends a third of a second compiling PodSpec. From TypeScript sources (tests) the module
// does not exist and the registry compiles on demand instead; both run the same generated code.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import { createAjv } from "./ajv-instance.js";
import { BUILTIN_DEFINITIONS_ID, builtinDefinitions, builtinKinds } from "./builtin-schemas.js";

export const PRECOMPILED_FILE = "builtin-validators.cjs";

export function builtinValidatorKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

/** Source of a CommonJS module exporting a validator per built-in `apiVersion/Kind`. */
export function builtinValidatorsSource(): string {
  const ajv = createAjv({ standalone: true });
  ajv.addSchema(builtinDefinitions());
  const exports: Record<string, string> = {};
  for (const k of builtinKinds()) {
    const id = `https://drydock.dev/schemas/kinds/${k.apiVersion}/${k.kind}`;
    ajv.addSchema({ $id: id, $ref: `${BUILTIN_DEFINITIONS_ID}#/definitions/${k.definition}` });
    exports[builtinValidatorKey(k.apiVersion, k.kind)] = id;
  }
  return standaloneCode.default(ajv, exports);
}

export function loadPrecompiledValidators(): Record<string, ValidateFunction> | undefined {
  const url = new URL(`./${PRECOMPILED_FILE}`, import.meta.url);
  if (!existsSync(url)) return undefined;
  return createRequire(import.meta.url)(fileURLToPath(url)) as Record<string, ValidateFunction>;
}

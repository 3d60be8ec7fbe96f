// Build time only (scripts/build-validators.js): the source of the precompiled built-in validators.
import standaloneCode from "ajv/dist/standalone/index.js";
import { createAjv } from "./ajv-instance.js";
import { BUILTIN_DEFINITIONS_ID, builtinDefinitions, builtinKinds } from "./builtin-schemas.js";
import { builtinValidatorKey } from "./precompiled-validators.js";

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

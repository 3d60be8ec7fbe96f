// The built-in validators, compiled once at build time (Ajv standalone code, see
// build-validators.ts) so no process or worker thread spends a third of a second compiling PodSpec.
// A V8 code cache made at build time saves parsing the 3 MB module again; when the running V8
// rejects it (another Node version), the module is simply parsed. From TypeScript sources (tests)
// the module does not exist and the registry compiles on demand; both run the same generated code.
import { existsSync, readFileSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";
import type { ValidateFunction } from "ajv";

export const PRECOMPILED_FILE = "builtin-validators.cjs";
export const PRECOMPILED_CACHE_FILE = "builtin-validators.v8cache";

export type PrecompiledValidators = Record<string, ValidateFunction>;

export function builtinValidatorKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

/** Runs a CommonJS module's source the way require() would, optionally with a code cache. */
export function runCommonJs(file: string, cachedData?: Buffer): { exports: PrecompiledValidators; script: Script } {
  const script = new Script((Module as unknown as { wrap(source: string): string }).wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
  const module = { exports: {} as PrecompiledValidators };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script };
}

export function loadPrecompiledValidators(): PrecompiledValidators | undefined {
  const file = fileURLToPath(new URL(`./${PRECOMPILED_FILE}`, import.meta.url));
  if (!existsSync(file)) return undefined;
  const cache = fileURLToPath(new URL(`./${PRECOMPILED_CACHE_FILE}`, import.meta.url));
  return runCommonJs(file, existsSync(cache) ? readFileSync(cache) : undefined).exports;
}

import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let library: typeof import("ajv") | undefined;

/** Ajv's compiler, loaded on first use: built-in kinds run precompiled code and never need it. */
export function ajvLibrary(): typeof import("ajv") {
  library ??= require("ajv") as typeof import("ajv");
  return library;
}

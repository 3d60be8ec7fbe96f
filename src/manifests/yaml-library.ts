import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let library: typeof import("yaml") | undefined;

/** eemeli/yaml, loaded on first use: files the fast path reads cleanly never need it. */
export function yamlLibrary(): typeof import("yaml") {
  library ??= require("yaml") as typeof import("yaml");
  return library;
}

// Build step after tsc: writes dist/validate/builtin-validators.cjs (see src/validate/precompiled-validators.ts).
import { writeFileSync } from "node:fs";
import { builtinValidatorsSource, PRECOMPILED_FILE } from "../dist/validate/precompiled-validators.js";

writeFileSync(new URL(`../dist/validate/${PRECOMPILED_FILE}`, import.meta.url), builtinValidatorsSource());

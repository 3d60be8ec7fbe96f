import { parsePointer } from "./json-pointer.js";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `/spec/template/spec/containers/0/image` → `spec.template.spec.containers[0].image`, as kubectl writes it. */
export function fieldPath(pointer: string): string {
  let out = "";
  for (const token of parsePointer(pointer)) {
    if (/^\d+$/.test(token)) out += `[${token}]`;
    else if (IDENTIFIER.test(token)) out += out === "" ? token : `.${token}`;
    else out += `[${JSON.stringify(token)}]`;
  }
  return out;
}

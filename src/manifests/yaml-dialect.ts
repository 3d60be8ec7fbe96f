// The YAML dialect Kubernetes reads, expressed for the two parsers drydock uses: js-yaml (the fast
// path: no positions, stops at the first error) and eemeli/yaml (the detailed path: every error,
// source ranges). Both resolve plain scalars with the same function, so they produce the same objects.
import jsYaml from "js-yaml";
import type { ScalarTag } from "yaml";
import {
  isJsonIncompatible,
  resolveKubernetesScalar,
  resolveYaml12Scalar,
  sameScalar,
  type ScalarValue,
} from "./scalar-resolution.js";

/**
 * Plain scalars the fast path cannot report by itself: ones YAML 1.1 and 1.2 read differently, and
 * ones JSON cannot carry. Counted while js-yaml runs; any count sends the file to the detailed path,
 * which reports them with positions.
 */
let noteworthyScalars = 0;
let constructed: ScalarValue = null;

const PLAIN_DECIMAL = /^[1-9][0-9]*$/;
const YAML_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

export function needsScalarReport(text: string, value: ScalarValue): boolean {
  if (typeof value === "number" && PLAIN_DECIMAL.test(text)) return false;
  // Every typed YAML 1.2 form is typed for Kubernetes too, except floats too large for Go ("1e400").
  if (typeof value === "string") return YAML_FLOAT.test(text);
  return isJsonIncompatible(value) || !sameScalar(value, resolveYaml12Scalar(text));
}

/**
 * True when both YAML 1.1 and 1.2 read the text as a plain string, decided from its first character:
 * typed scalars start with a digit, a sign, a dot, `~`, or a letter of yes/no/on/off/true/false/null
 * and are at most five characters long. Most plain scalars (every key) end here.
 */
export function isCertainlyString(text: string): boolean {
  const c = text.charCodeAt(0);
  const letter = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  return letter && (text.length > 5 || !"yYnNoOtTfF".includes(text[0]));
}

const kubernetesScalarType = new jsYaml.Type("tag:yaml.org,2002:kubernetes-scalar", {
  kind: "scalar",
  resolve(text: string | null): boolean {
    if (text !== null && isCertainlyString(text)) return false;
    const source = text ?? "";
    const value = resolveKubernetesScalar(source);
    if (needsScalarReport(source, value)) noteworthyScalars++;
    constructed = value;
    return typeof value !== "string";
  },
  construct: () => constructed,
});

// js-yaml exports its built-in types at run time; @types/js-yaml does not declare them.
const { merge: mergeType } = (jsYaml as unknown as { types: { merge: jsYaml.Type } }).types;

export const jsYamlKubernetesSchema = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [kubernetesScalarType, mergeType],
});

/** Runs `parse` and reports whether it met a scalar that needs the detailed path. */
export function countingNoteworthyScalars<T>(parse: () => T): { result: T; noteworthy: boolean } {
  noteworthyScalars = 0;
  const result = parse();
  return { result, noteworthy: noteworthyScalars > 0 };
}

/**
 * For eemeli/yaml with the failsafe schema: claims every plain scalar except `<<`, which must stay
 * free for the merge-key tag.
 */
export const kubernetesScalarTag: ScalarTag = {
  tag: "tag:yaml.org,2002:kubernetes-scalar",
  default: true,
  test: /^(?!<<$)/,
  identify: () => false,
  resolve: (text: string) => resolveKubernetesScalar(text),
};

// How an unquoted (plain) YAML scalar becomes a value. Kubernetes decodes manifests with
// sigs.k8s.io/yaml, which uses a fork of go-yaml v2: YAML 1.1 booleans (yes/no/on/off/y/n), integers
// parsed like Go's strconv.ParseInt with base 0 after dropping underscores (so `0755` is octal),
// timestamps kept as strings, no sexagesimal numbers. Tools that follow YAML 1.2 (the core schema)
// read some of the same text differently; those scalars are worth a warning.

export type ScalarValue = null | boolean | number | string;

const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ...["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"].map((s) => [s, true] as const),
  ...["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"].map((s) => [s, false] as const),
]);
const NULLS: ReadonlySet<string> = new Set(["", "~", "null", "Null", "NULL"]);
const SPECIAL_FLOATS: ReadonlyMap<string, number> = new Map([
  ...[".nan", ".NaN", ".NAN"].map((s) => [s, Number.NaN] as const),
  ...[".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"].map((s) => [s, Number.POSITIVE_INFINITY] as const),
  ...["-.inf", "-.Inf", "-.INF"].map((s) => [s, Number.NEGATIVE_INFINITY] as const),
]);
// Go's strconv.ParseInt(s, 0, 64) grammar, without its range limit (go-yaml falls back to big.Int).
const GO_INT = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]*)|([1-9][0-9]*))$/;
const YAML_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;

/** The value Kubernetes sees for a plain scalar. */
export function resolveKubernetesScalar(text: string): ScalarValue {
  if (text === "") return null;
  const first = text.charCodeAt(0);
  // '.', '+', '-', digits: maybe a number.
  if (first === 0x2e) {
    const special = SPECIAL_FLOATS.get(text);
    if (special !== undefined) return special;
    return DOT_FLOAT.test(text) ? Number(text) : text;
  }
  if (first === 0x2b || first === 0x2d || (first >= 0x30 && first <= 0x39)) {
    const special = SPECIAL_FLOATS.get(text);
    if (special !== undefined) return special;
    const plain = text.includes("_") ? text.replace(/_/g, "") : text;
    const int = parseGoInteger(plain);
    if (int !== undefined) return int;
    if (YAML_FLOAT.test(plain)) {
      const value = Number(plain);
      // Go's ParseFloat reports out-of-range values as an error, so go-yaml keeps the text.
      if (Number.isFinite(value)) return value;
    }
    return text;
  }
  const bool = BOOLEANS.get(text);
  if (bool !== undefined) return bool;
  if (NULLS.has(text)) return null;
  return text;
}

const SMALL_DECIMAL = /^[1-9][0-9]{0,14}$/;

function parseGoInteger(text: string): number | undefined {
  // Ports, replicas, sizes: plain decimals that need no BigInt.
  if (SMALL_DECIMAL.test(text)) return Number(text);
  const m = GO_INT.exec(text);
  if (!m) return undefined;
  const [, sign, hex, octal, binary, legacyOctal, decimal] = m;
  let magnitude: bigint;
  if (hex !== undefined) magnitude = BigInt(`0x${hex}`);
  else if (octal !== undefined) magnitude = BigInt(`0o${octal}`);
  else if (binary !== undefined) magnitude = BigInt(`0b${binary}`);
  else if (legacyOctal !== undefined) magnitude = legacyOctal === "" ? 0n : BigInt(`0o${legacyOctal}`);
  else magnitude = BigInt(decimal);
  const value = Number(magnitude);
  return sign === "-" ? -value : value;
}

const CORE_NULL = /^(?:~|null|Null|NULL)?$/;
const CORE_TRUE = /^(?:true|True|TRUE)$/;
const CORE_FALSE = /^(?:false|False|FALSE)$/;
const CORE_DECIMAL = /^[-+]?[0-9]+$/;
const CORE_OCTAL = /^0o[0-7]+$/;
const CORE_HEX = /^0x[0-9a-fA-F]+$/;
const CORE_INF = /^([-+]?)\.(?:inf|Inf|INF)$/;
const CORE_NAN = /^\.(?:nan|NaN|NAN)$/;

/** The value a YAML 1.2 core-schema tool (yq, most editors, js libraries) sees. */
export function resolveYaml12Scalar(text: string): ScalarValue {
  if (CORE_NULL.test(text)) return null;
  if (CORE_TRUE.test(text)) return true;
  if (CORE_FALSE.test(text)) return false;
  if (CORE_DECIMAL.test(text)) return Number(text);
  if (CORE_OCTAL.test(text)) return Number(`0o${text.slice(2)}`);
  if (CORE_HEX.test(text)) return Number(text);
  if (YAML_FLOAT.test(text)) return Number(text);
  const inf = CORE_INF.exec(text);
  if (inf) return inf[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (CORE_NAN.test(text)) return Number.NaN;
  return text;
}

export function sameScalar(a: ScalarValue, b: ScalarValue): boolean {
  return Object.is(a, b) || (a === 0 && b === 0);
}

/** Values JSON cannot carry; sigs.k8s.io/yaml fails to convert a document that holds one. */
export function isJsonIncompatible(value: ScalarValue): boolean {
  return typeof value === "number" && !Number.isFinite(value);
}

/** "the boolean true", "the number 493", `the string "yes"`, "null". */
export function describeScalar(value: ScalarValue): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return `the boolean ${value}`;
    case "number":
      return `the number ${value}`;
    case "string":
      return `the string ${JSON.stringify(value)}`;
  }
}

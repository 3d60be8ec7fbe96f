// Ajv's errors, rewritten as findings a person can act on: kubectl-style field paths, what was found,
// what is allowed, and the field or value that was probably meant.
import type { ErrorObject } from "ajv";
import { isPlainObject } from "../manifests/extract-manifests.js";
import { fieldPath } from "../manifests/field-path.js";
import { joinPointer } from "../manifests/json-pointer.js";
import { closestMatch } from "./did-you-mean.js";

export interface SchemaIssue {
  rule: string;
  pointer: string;
  target: "key" | "value";
  message: string;
  hint?: string;
}

export function schemaIssues(errors: readonly ErrorObject[], options: { strict: boolean }): SchemaIssue[] {
  const kept = collapseAlternatives(errors).filter((e) => options.strict || e.keyword !== "additionalProperties");
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const error of kept) {
    const issue = describeError(error);
    const key = `${issue.rule}|${issue.pointer}|${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

/** Errors inside a failed anyOf/oneOf branch are noise; the alternative as a whole is reported. */
function collapseAlternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  const alternatives = errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf");
  if (alternatives.length === 0) return [...errors];
  return errors.filter((e) => !alternatives.some((alt) => alt !== e && e.schemaPath.startsWith(`${alt.schemaPath}/`)));
}

function describeError(error: ErrorObject): SchemaIssue {
  const pointer = error.instancePath;
  const at = fieldPath(pointer) || "the object";
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const field = String(params.additionalProperty);
      const fieldPointer = joinPointer(pointer, field);
      const known = isPlainObject(error.parentSchema?.properties) ? Object.keys(error.parentSchema.properties) : [];
      const suggestion = closestMatch(field, known);
      return {
        rule: "schema/unknown-field",
        pointer: fieldPointer,
        target: "key",
        message: `unknown field "${fieldPath(fieldPointer)}"`,
        hint: suggestion ? `did you mean "${suggestion}"?` : known.length > 0 ? `known fields here: ${known.join(", ")}` : undefined,
      };
    }
    case "required": {
      const missing = String(params.missingProperty);
      return {
        rule: "schema/required",
        pointer,
        target: "key",
        message: `${fieldPath(joinPointer(pointer, missing))} is required`,
      };
    }
    case "type":
      return {
        rule: "schema/type",
        pointer,
        target: "value",
        message: `${at} must be ${typePhrase(params.type)}, got ${describeValue(error.data)}`,
        hint: typeHint(params.type, error.data),
      };
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).filter((v) => v !== "" && v !== null).map(String);
      const suggestion = typeof error.data === "string" ? closestMatch(error.data, allowed) : undefined;
      return {
        rule: "schema/enum",
        pointer,
        target: "value",
        message: `${at} must be one of ${allowed.join(", ")}; got ${describeValue(error.data)}`,
        hint: suggestion ? `did you mean "${suggestion}"?` : undefined,
      };
    }
    case "format":
      return { rule: "schema/format", pointer, target: "value", ...formatMessage(at, String(params.format), error.data) };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return {
        rule: "schema/range",
        pointer,
        target: "value",
        message: `${at} must be ${String(params.comparison)} ${String(params.limit)}, got ${describeValue(error.data)}`,
      };
    case "minLength":
    case "maxLength":
    case "minItems":
    case "maxItems":
    case "minProperties":
    case "maxProperties": {
      const unit = error.keyword.endsWith("Length") ? "characters" : error.keyword.endsWith("Items") ? "items" : "properties";
      const bound = error.keyword.startsWith("min") ? "at least" : "at most";
      return { rule: "schema/size", pointer, target: "value", message: `${at} must have ${bound} ${String(params.limit)} ${unit}` };
    }
    case "pattern":
      return { rule: "schema/pattern", pointer, target: "value", message: `${at}: ${JSON.stringify(error.data)} does not match the pattern ${String(params.pattern)}` };
    case "uniqueItems":
      return { rule: "schema/unique", pointer, target: "value", message: `${at} must not contain duplicates (items ${String(params.j)} and ${String(params.i)} are equal)` };
    case "anyOf":
    case "oneOf":
      return { rule: "schema/type", pointer, target: "value", message: `${at} matches none of the allowed shapes, got ${describeValue(error.data)}` };
    default:
      return { rule: "schema/invalid", pointer, target: "value", message: `${at} does not satisfy the schema (${error.keyword})` };
  }
}

function formatMessage(at: string, format: string, data: unknown): { message: string; hint?: string } {
  const value = JSON.stringify(data);
  switch (format) {
    case "quantity":
      return {
        message: `${at}: ${value} is not a valid quantity`,
        hint: "write a number with an optional suffix: 500m, 0.5, 128Mi, 2Gi, 1G, 1e3",
      };
    case "date-time":
    case "datetime":
      return { message: `${at}: ${value} is not an RFC 3339 date-time`, hint: "e.g. 2024-01-31T12:00:00Z" };
    default:
      return { message: `${at}: ${value} is not a valid ${format}` };
  }
}

function typePhrase(type: unknown): string {
  const names = (Array.isArray(type) ? type : String(type).split(",")).filter((t) => t !== "null");
  const phrases = names.map((t) => (t === "integer" ? "an integer" : t === "object" ? "a mapping" : t === "array" ? "a list" : `a ${t}`));
  return phrases.length <= 1 ? (phrases[0] ?? "null") : `${phrases.slice(0, -1).join(", ")} or ${phrases[phrases.length - 1]}`;
}

function typeHint(type: unknown, data: unknown): string | undefined {
  const names = Array.isArray(type) ? type : String(type).split(",");
  // The parsed value may not be what was written (`yes` is true, `1.10` is 1.1), so it is not echoed.
  if (names.includes("string") && !names.includes("integer") && (typeof data === "number" || typeof data === "boolean")) {
    return "quote the value to make it a string";
  }
  if (names.includes("integer") && typeof data === "string" && /^-?\d+$/.test(data)) return "remove the quotes to make it a number";
  return undefined;
}

export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
    case "number":
      return Number.isInteger(value) ? `the number ${value}` : `the number ${value} (not an integer)`;
    case "boolean":
      return `the boolean ${value}`;
    case "object":
      return "a mapping";
    default:
      return String(value);
  }
}

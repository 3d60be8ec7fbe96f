// Refusals of a Service write, worded as the API server's field errors
// (k8s.io/apimachinery/pkg/util/validation/field): `Service "web" is invalid: <path>: <body>`.
import { storeError, type StoreError } from "../store/store-errors.js";

export type FieldValue = string | number | readonly string[];

/** Go's rendering of a bad value: %q for strings, %v for numbers, %#v for string lists. */
export function goValue(value: FieldValue): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  return `[]string{${value.map((item) => JSON.stringify(item)).join(", ")}}`;
}

export function invalidService(name: string, path: string, value: FieldValue, detail: string): StoreError {
  return serviceError(name, `${path}: Invalid value: ${goValue(value)}: ${detail}`);
}

export function forbiddenService(name: string, path: string, detail: string): StoreError {
  return serviceError(name, `${path}: Forbidden: ${detail}`);
}

export function requiredService(name: string, path: string): StoreError {
  return serviceError(name, `${path}: Required value`);
}

export function duplicateService(name: string, path: string, value: FieldValue): StoreError {
  return serviceError(name, `${path}: Duplicate value: ${goValue(value)}`);
}

/**
 * A pool with nothing left. Upstream answers 500 InternalError ("Internal error occurred: failed to
 * allocate a nodePort: range is full"); the store has no InternalError reason, so it is BadRequest
 * with upstream's text.
 */
export function rangeFull(what: "serviceIP" | "nodePort"): StoreError {
  return storeError("BadRequest", `Internal error occurred: failed to allocate a ${what}: range is full`);
}

function serviceError(name: string, body: string): StoreError {
  return storeError("Invalid", `Service "${name}" is invalid: ${body}`, { group: "", kind: "Service", name });
}

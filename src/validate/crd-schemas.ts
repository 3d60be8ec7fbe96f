// A CustomResourceDefinition in the input registers a schema for each version it serves. Its
// openAPIV3Schema (OpenAPI 3.0 with Kubernetes extensions) is turned into a JSON schema with the API
// server's semantics: unknown fields are pruned by structural schemas (so strict mode reports them)
// unless x-kubernetes-preserve-unknown-fields says otherwise; nullable admits null; int-or-string
// admits both; metadata is ObjectMeta whatever the CRD says.
import { isPlainObject } from "../manifests/extract-manifests.js";
import { OBJECT_META_REF } from "./builtin-schemas.js";

export interface CrdVersionSchema {
  group: string;
  version: string;
  kind: string;
  namespaced: boolean;
  /** undefined when the CRD gives no schema for this version: anything is accepted. */
  schema?: Record<string, unknown>;
}

type Json = Record<string, unknown>;

export function crdVersionSchemas(crd: Json): CrdVersionSchema[] {
  const spec = isPlainObject(crd.spec) ? crd.spec : {};
  const names = isPlainObject(spec.names) ? spec.names : {};
  const group = typeof spec.group === "string" ? spec.group : undefined;
  const kind = typeof names.kind === "string" ? names.kind : undefined;
  if (!group || !kind) return [];
  const namespaced = spec.scope !== "Cluster";
  // apiextensions.k8s.io/v1beta1 kept unknown fields unless preserveUnknownFields was false.
  const isV1beta1 = crd.apiVersion === "apiextensions.k8s.io/v1beta1";
  const preserveAll = spec.preserveUnknownFields === true || (isV1beta1 && spec.preserveUnknownFields !== false);
  const sharedSchema = isPlainObject(spec.validation) ? spec.validation.openAPIV3Schema : undefined;

  const versions: Array<{ name: string; schema: unknown }> = [];
  if (Array.isArray(spec.versions)) {
    for (const v of spec.versions) {
      if (!isPlainObject(v) || typeof v.name !== "string" || v.served === false) continue;
      const own = isPlainObject(v.schema) ? v.schema.openAPIV3Schema : undefined;
      versions.push({ name: v.name, schema: own ?? sharedSchema });
    }
  } else if (typeof spec.version === "string") {
    versions.push({ name: spec.version, schema: sharedSchema });
  }
  return versions.map(({ name, schema }) => ({
    group,
    version: name,
    kind,
    namespaced,
    schema: isPlainObject(schema) ? rootSchema(schema, { preserveAll }) : undefined,
  }));
}

function rootSchema(openApi: Json, options: { preserveAll: boolean }): Json {
  const schema = convert(openApi, options);
  const properties = isPlainObject(schema.properties) ? { ...schema.properties } : {};
  properties.apiVersion = { type: "string" };
  properties.kind = { type: "string" };
  properties.metadata = { $ref: OBJECT_META_REF };
  return { ...schema, type: "object", properties };
}

const PASSTHROUGH = [
  "description",
  "enum",
  "format",
  "pattern",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "uniqueItems",
  "multipleOf",
  "minProperties",
  "maxProperties",
  "required",
] as const;

function convert(node: Json, options: { preserveAll: boolean }): Json {
  const out: Json = {};
  for (const key of PASSTHROUGH) if (node[key] !== undefined) out[key] = node[key];
  // OpenAPI 3.0 writes exclusive bounds as booleans beside minimum/maximum.
  if (node.exclusiveMinimum === true && typeof node.minimum === "number") {
    out.exclusiveMinimum = node.minimum;
    delete out.minimum;
  }
  if (node.exclusiveMaximum === true && typeof node.maximum === "number") {
    out.exclusiveMaximum = node.maximum;
    delete out.maximum;
  }
  const nullable = node.nullable === true;
  if (node["x-kubernetes-int-or-string"] === true) {
    out.type = nullable ? ["integer", "string", "null"] : ["integer", "string"];
  } else if (typeof node.type === "string") {
    out.type = nullable ? [node.type, "null"] : node.type;
  }
  if (nullable && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  for (const key of ["allOf", "anyOf", "oneOf"] as const) {
    if (Array.isArray(node[key])) out[key] = (node[key] as unknown[]).filter(isPlainObject).map((s) => convert(s, options));
  }
  if (isPlainObject(node.not)) out.not = convert(node.not, options);
  if (isPlainObject(node.items)) out.items = convert(node.items, options);
  const preserve = options.preserveAll || node["x-kubernetes-preserve-unknown-fields"] === true;
  if (isPlainObject(node.properties)) {
    const properties: Json = {};
    for (const [name, child] of Object.entries(node.properties)) {
      if (isPlainObject(child)) properties[name] = convert(child, options);
    }
    if (node["x-kubernetes-embedded-resource"] === true) {
      properties.apiVersion ??= { type: "string" };
      properties.kind ??= { type: "string" };
      properties.metadata ??= { type: "object" };
    }
    out.properties = properties;
  }
  if (isPlainObject(node.additionalProperties)) {
    out.additionalProperties = convert(node.additionalProperties, options);
  } else if (node.additionalProperties === true || preserve) {
    // Any field is kept.
  } else if (node.type === "object" || isPlainObject(node.properties)) {
    // Structural schemas prune fields they do not declare.
    out.additionalProperties = false;
  }
  return out;
}

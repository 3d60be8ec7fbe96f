// Field selectors (`kubectl get --field-selector`, fields.ParseSelector upstream):
//   metadata.name=web, status.phase!=Running, spec.nodeName=   (empty: the field is unset)
// Every kind supports metadata.name and metadata.namespace; some kinds support a few more fields,
// listed here as the API server lists them in each kind's field-label conversion.

export type FieldOperator = "=" | "!=";

export interface FieldRequirement {
  field: string;
  operator: FieldOperator;
  value: string;
}

export interface FieldSelector {
  requirements: FieldRequirement[];
}

export type FieldSelectorParse = { ok: true; selector: FieldSelector } | { ok: false; message: string };

const COMMON_FIELDS = ["metadata.name", "metadata.namespace"];

const KIND_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Pod: [
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.schedulerName",
    "spec.serviceAccountName",
    "spec.hostNetwork",
    "status.phase",
    "status.podIP",
    "status.nominatedNodeName",
  ],
  Event: [
    "involvedObject.kind",
    "involvedObject.namespace",
    "involvedObject.name",
    "involvedObject.uid",
    "involvedObject.apiVersion",
    "involvedObject.resourceVersion",
    "involvedObject.fieldPath",
    "reason",
    "reportingComponent",
    "source",
    "type",
  ],
  Namespace: ["status.phase"],
  Node: ["spec.unschedulable"],
  Secret: ["type"],
  ReplicaSet: ["status.replicas"],
  ReplicationController: ["status.replicas"],
  Job: ["status.successful"],
  CertificateSigningRequest: ["spec.signerName"],
};

/** Fields a kind can be selected by. */
export function supportedFields(kind: string): string[] {
  return [...COMMON_FIELDS, ...(KIND_FIELDS[kind] ?? [])];
}

/**
 * Parses the string form. With `kind`, fields the API server would refuse for that kind are an error
 * (`field label not supported: spec.foo`), as upstream.
 */
export function parseFieldSelector(text: string, kind?: string): FieldSelectorParse {
  const requirements: FieldRequirement[] = [];
  for (const term of splitUnescaped(text, ",")) {
    if (term.trim() === "") {
      if (text.trim() === "") break;
      return { ok: false, message: `invalid field selector ${JSON.stringify(text)}: empty requirement` };
    }
    const match = /^(.*?)(==|!=|=)(.*)$/s.exec(term);
    if (!match) return { ok: false, message: `invalid field selector: ${JSON.stringify(term)} has no operator (=, == or !=)` };
    const field = match[1].trim();
    const operator: FieldOperator = match[2] === "!=" ? "!=" : "=";
    if (kind !== undefined && !supportedFields(kind).includes(field)) {
      return { ok: false, message: `field label not supported: ${field}` };
    }
    requirements.push({ field, operator, value: unescape(match[3].trim()) });
  }
  return { ok: true, selector: { requirements } };
}

export function matchesFieldSelector(selector: FieldSelector, object: Record<string, unknown>): boolean {
  return selector.requirements.every((r) => (fieldValue(object, r.field) === r.value) === (r.operator === "="));
}

/** The value a field selector compares: unset fields read as "", booleans and numbers as text. */
export function fieldValue(object: Record<string, unknown>, field: string): string {
  const path = field === "source" ? ["source", "component"] : field.split(".");
  let value: unknown = object;
  for (const step of path) {
    if (value === null || typeof value !== "object") return "";
    value = (value as Record<string, unknown>)[step];
  }
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "";
}

export function formatFieldSelector(selector: FieldSelector): string {
  return selector.requirements.map((r) => `${r.field}${r.operator}${r.value}`).join(",");
}

// Upstream lets values contain ",", "=" and "!" escaped with a backslash.
function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\" && i + 1 < text.length) {
      current += text[i] + text[i + 1];
      i++;
    } else if (text[i] === separator) {
      parts.push(current);
      current = "";
    } else {
      current += text[i];
    }
  }
  parts.push(current);
  return parts;
}

function unescape(value: string): string {
  return value.replace(/\\(.)/g, "$1");
}

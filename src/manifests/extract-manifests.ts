// Turns parsed documents into manifests: skips empty documents, expands Lists, and insists on the
// identity every object needs (apiVersion, kind, metadata.name), one finding per broken document.
import type { FindingDraft } from "../findings/finding-draft.js";
import { joinPointer } from "./json-pointer.js";
import { isKustomizeConfig } from "./kustomize.js";
import type { Manifest } from "./manifest.js";
import { parseApiVersion } from "./resource-key.js";

export interface DocumentValue {
  index: number;
  /** undefined or null for an empty document. */
  value: unknown;
}

export interface Extraction {
  manifests: Manifest[];
  findings: FindingDraft[];
  /** Objects rejected for their identity that still say what API they are (apiVersion and kind). */
  incomplete: Array<{ apiVersion: string; kind: string; source: Manifest["source"] }>;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function extractManifests(file: string, documents: readonly DocumentValue[]): Extraction {
  const out: Extraction = { manifests: [], findings: [], incomplete: [] };
  for (const { index, value } of documents) {
    if (value === undefined || value === null) continue;
    if (!isPlainObject(value)) {
      out.findings.push(notAMapping(index, "", value, "document"));
    } else if (isList(value)) {
      const items = value.items;
      if (items === undefined || items === null) continue;
      if (!Array.isArray(items)) {
        out.findings.push({
          severity: "error",
          rule: "manifest/invalid-list",
          message: `items of a ${String(value.kind)} must be a sequence, got ${describe(items)}`,
          location: { kind: "node", documentIndex: index, pointer: "/items", target: "value" },
        });
        continue;
      }
      items.forEach((item, i) => addObject(out, file, index, joinPointer("", "items", i), item, `item ${i} of the ${value.kind}`));
    } else {
      addObject(out, file, index, "", value, "document");
    }
  }
  return out;
}

function isList(value: Record<string, unknown>): boolean {
  return value.kind === "List" || (typeof value.kind === "string" && value.kind.endsWith("List") && Array.isArray(value.items));
}

function addObject(out: Extraction, file: string, documentIndex: number, pointer: string, value: unknown, what: string): void {
  if (!isPlainObject(value)) {
    out.findings.push(notAMapping(documentIndex, pointer, value, what));
    return;
  }
  const problem = notAnObject(value) ?? (hasIdentity(value) ? undefined : identityProblem(value, what));
  if (problem) {
    out.findings.push({
      severity: problem.severity ?? "error",
      rule: problem.rule,
      message: problem.message,
      hint: problem.hint,
      location: { kind: "node", documentIndex, pointer: pointer + problem.at, target: problem.target },
    });
    if (typeof value.apiVersion === "string" && value.apiVersion !== "" && typeof value.kind === "string" && value.kind !== "") {
      out.incomplete.push({ apiVersion: value.apiVersion, kind: value.kind, source: { file, documentIndex, pointer } });
    }
    return;
  }
  const metadata = value.metadata as Record<string, unknown>;
  const apiVersion = value.apiVersion as string;
  const { group, version } = parseApiVersion(apiVersion);
  out.manifests.push({
    key: {
      group,
      version,
      kind: value.kind as string,
      name: metadata.name as string,
      namespace: typeof metadata.namespace === "string" && metadata.namespace !== "" ? metadata.namespace : undefined,
    },
    apiVersion,
    object: value,
    source: { file, documentIndex, pointer },
  });
}

interface IdentityProblem {
  rule: string;
  severity?: "error" | "warning";
  message: string;
  hint?: string;
  /** Pointer, relative to the object, of the node to report at. */
  at: string;
  target: "key" | "value";
}

function hasIdentity(value: Record<string, unknown>): boolean {
  const { apiVersion, kind, metadata } = value;
  return (
    typeof apiVersion === "string" &&
    apiVersion !== "" &&
    typeof kind === "string" &&
    kind !== "" &&
    isPlainObject(metadata) &&
    typeof metadata.name === "string" &&
    metadata.name !== ""
  );
}

// Configuration files of Kubernetes components (kube-apiserver, kubelet, kube-scheduler, kubeadm,
// kind, client-go). They look like objects but the API server never stores them.
const COMPONENT_CONFIG_GROUP = /(^|\.)config\.k8s\.io$|^(apiserver|audit|kubeadm|client\.authentication)\.k8s\.io$|^kind\.x-k8s\.io$/;
const CORE_COMPONENT_CONFIG_KINDS = new Set(["Config", "Policy"]);

function notAnObject(value: Record<string, unknown>): IdentityProblem | undefined {
  const { apiVersion, kind } = value;
  // Every configuration group contains "k8s.io"; other named groups (apps, batch, …) never match.
  if (typeof apiVersion === "string" && apiVersion.includes("/") && !apiVersion.includes("k8s.io")) return undefined;
  const label = `${typeof kind === "string" ? kind : "document"} (${String(apiVersion)})`;
  if (isKustomizeConfig(apiVersion)) {
    return {
      rule: "manifest/kustomize",
      severity: "warning",
      message: `${label} is kustomize configuration, not a Kubernetes object; drydock does not run kustomize, so it was not validated`,
      hint: "validate the output of kustomize build instead: kustomize build DIR | drydock validate -",
      at: "",
      target: "key",
    };
  }
  if (typeof apiVersion !== "string" || typeof kind !== "string") return undefined;
  const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
  if (COMPONENT_CONFIG_GROUP.test(group) || (group === "" && CORE_COMPONENT_CONFIG_KINDS.has(kind) && value.metadata === undefined)) {
    return {
      rule: "manifest/not-an-object",
      message: `${label} is a configuration file for a Kubernetes component or tool, not an object the API server stores; it cannot be applied`,
      hint: "keep component configuration out of the folders drydock applies",
      at: "/kind",
      target: "value",
    };
  }
  return undefined;
}

function identityProblem(value: Record<string, unknown>, what: string): IdentityProblem | undefined {
  const metadata = value.metadata;
  const fields = [
    { field: "kind", rule: "manifest/missing-kind", actual: value.kind, at: "/kind" },
    { field: "apiVersion", rule: "manifest/missing-apiversion", actual: value.apiVersion, at: "/apiVersion" },
    {
      field: "metadata.name",
      rule: "manifest/missing-name",
      actual: isPlainObject(metadata) ? metadata.name : undefined,
      at: isPlainObject(metadata) ? "/metadata/name" : "/metadata",
    },
  ];
  const missing = fields.filter((f) => typeof f.actual !== "string" || f.actual === "");
  if (missing.length === 0) return undefined;

  const first = missing[0];
  const kind = typeof value.kind === "string" && value.kind !== "" ? value.kind : "object";
  if (missing.length === 1 && first.field === "metadata.name" && isPlainObject(metadata) && typeof metadata.generateName === "string") {
    const hook = hookAnnotation(metadata);
    if (hook) {
      return {
        rule: "manifest/hook",
        severity: "warning",
        message: `${kind} is a ${hook} hook named by metadata.generateName; drydock does not run hooks, so it is not applied`,
        at: "/metadata/generateName",
        target: "key",
      };
    }
    return {
      rule: first.rule,
      message: `${kind} has metadata.generateName but no metadata.name; drydock applies objects by name, as kubectl apply does, and generateName cannot be applied`,
      hint: "give it a fixed metadata.name",
      at: "/metadata/generateName",
      target: "key",
    };
  }
  // A value of the wrong type is reported as such; absent and empty values are simply missing.
  const wrongType = missing.length === 1 && first.actual !== undefined && first.actual !== null && first.actual !== "";
  const names = missing.map((m) => m.field);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
  const written = first.actual !== undefined;
  return {
    rule: first.rule,
    message: wrongType ? `${first.field} must be a non-empty string, got ${describe(first.actual)}` : `${what} has no ${list}`,
    hint: "every Kubernetes object needs apiVersion, kind and metadata.name",
    // Point at the field when it is written (empty or wrong); otherwise at the object, or its metadata.
    at: written ? first.at : first.field === "metadata.name" && isPlainObject(metadata) ? "/metadata" : "",
    target: wrongType ? "value" : "key",
  };
}

const HOOK_ANNOTATIONS: Record<string, string> = { "argocd.argoproj.io/hook": "Argo CD", "helm.sh/hook": "Helm" };

function hookAnnotation(metadata: Record<string, unknown>): string | undefined {
  const annotations = isPlainObject(metadata.annotations) ? metadata.annotations : {};
  const key = Object.keys(HOOK_ANNOTATIONS).find((k) => typeof annotations[k] === "string");
  return key ? `${HOOK_ANNOTATIONS[key]} (${key}: ${String(annotations[key])})` : undefined;
}

function notAMapping(documentIndex: number, pointer: string, value: unknown, what: string): FindingDraft {
  return {
    severity: "error",
    rule: "manifest/not-a-mapping",
    message: `${what} is ${describe(value)}, not a mapping; a Kubernetes object is a mapping with apiVersion, kind and metadata`,
    location: { kind: "node", documentIndex, pointer, target: "value" },
  };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a sequence";
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return `the string ${JSON.stringify(value)}`;
    case "number":
    case "boolean":
      return `the ${typeof value} ${String(value)}`;
    default:
      return "a mapping";
  }
}

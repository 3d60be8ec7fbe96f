// The detailed path: parses with eemeli/yaml, which keeps going after errors and keeps source ranges.
// Used when the fast path cannot decide alone (errors, anchors, noteworthy scalars) and whenever a
// finding needs a line and column.
import type { Document, DocumentOptions, Node as YamlNode, ParseOptions, SchemaOptions, ToJSOptions, YAMLError } from "yaml";
import type { FindingDraft } from "../findings/finding-draft.js";
import { LineIndex } from "./line-index.js";
import { describeScalar, isJsonIncompatible, resolveKubernetesScalar, resolveYaml12Scalar } from "./scalar-resolution.js";
import { kubernetesScalarTag, needsScalarReport } from "./yaml-dialect.js";
import { yamlLibrary } from "./yaml-library.js";

export interface DetailedDocument {
  index: number;
  node: Document.Parsed;
  /** The document's value as Kubernetes reads it; undefined when it is empty or unusable. */
  value: unknown;
  /** The Helm template this document was rendered from (`# Source:` comment), carried forward. */
  origin?: string;
}

export interface DetailedParse {
  documents: DetailedDocument[];
  findings: FindingDraft[];
  lines: LineIndex;
}

/** Aliases expanded per document before the document counts as an alias bomb. */
export const MAX_ALIAS_EXPANSION = 10_000;

const OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: "failsafe",
  customTags: [kubernetesScalarTag],
  merge: true,
  // Reported by our own walk, which names both places.
  uniqueKeys: false,
  prettyErrors: false,
  // Problems are findings; the library must not print warnings of its own.
  logLevel: "error",
};

export function parseDetailed(text: string): DetailedParse {
  const lines = new LineIndex(text);
  const findings: FindingDraft[] = [];
  const documents: DetailedDocument[] = [];
  let origin: string | undefined;
  yamlLibrary().parseAllDocuments(text, OPTIONS).forEach((node, index) => {
    origin = sourceComment(node) ?? origin;
    const errors = node.errors.filter((e) => e.code !== "DUPLICATE_KEY");
    for (const error of errors) findings.push(syntaxFinding(error));
    for (const warning of node.warnings) findings.push(syntaxFinding(warning));
    findings.push(...keyFindings(node, lines));
    findings.push(...scalarFindings(node));
    let value: unknown;
    if (errors.length === 0 && node.contents !== null) {
      value = toValue(node, findings);
    }
    documents.push({ index, node, value, origin });
  });
  return { documents, findings, lines };
}

function toValue(node: Document.Parsed, findings: FindingDraft[]): unknown {
  const options: ToJSOptions = { maxAliasCount: MAX_ALIAS_EXPANSION };
  try {
    return node.toJS(options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const alias = firstAlias(node);
    const start = alias?.range?.[0] ?? node.contents?.range?.[0] ?? 0;
    if (/excessive alias count/i.test(message)) {
      findings.push({
        severity: "error",
        rule: "yaml/alias-bomb",
        message: `aliases expand to more than ${MAX_ALIAS_EXPANSION} nodes (an exponential "billion laughs" document); not expanded`,
        hint: "write the repeated values out, or use fewer nested aliases",
        location: { kind: "offset", start, end: alias?.range?.[1] },
      });
    } else {
      findings.push({ severity: "error", rule: "yaml/syntax", message, location: { kind: "offset", start } });
    }
    return undefined;
  }
}

function firstAlias(node: Document.Parsed): YamlNode | undefined {
  let found: YamlNode | undefined;
  const { visit } = yamlLibrary();
  visit(node, {
    Alias(_key, alias) {
      found = alias;
      return visit.BREAK;
    },
  });
  return found;
}

const ERROR_RULES: Partial<Record<YAMLError["code"], { rule: string; message?: string; hint?: string }>> = {
  TAB_AS_INDENT: {
    rule: "yaml/tab-indent",
    message: "tab character used for indentation; YAML allows only spaces",
    hint: "replace the tab with spaces",
  },
  TAG_RESOLVE_FAILED: { rule: "yaml/unknown-tag" },
};

function syntaxFinding(error: YAMLError): FindingDraft {
  const known = ERROR_RULES[error.code];
  return {
    severity: error.name === "YAMLWarning" ? "warning" : "error",
    rule: known?.rule ?? "yaml/syntax",
    message: known?.message ?? lowerFirst(error.message),
    hint: known?.hint,
    location: { kind: "offset", start: error.pos[0], end: error.pos[1] },
  };
}

function lowerFirst(s: string): string {
  return s.length > 1 && /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

/** The JSON key a mapping key becomes (sigs.k8s.io/yaml stringifies numbers and booleans). */
export function jsonKeyOf(key: unknown): string | undefined {
  if (yamlLibrary().isScalar(key)) {
    const value = key.value;
    if (typeof value === "symbol") return "<<";
    return value === null ? "" : String(value);
  }
  return undefined;
}

/** Duplicate keys, and keys JSON cannot have (sigs.k8s.io/yaml: "unsupported map key"). */
function keyFindings(node: Document.Parsed, lines: LineIndex): FindingDraft[] {
  const findings: FindingDraft[] = [];
  const { isScalar, visit } = yamlLibrary();
  visit(node, {
    Map(_key, map) {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        const keyNode = pair.key as YamlNode | null;
        if (!isScalar(keyNode) || keyNode.value === null) {
          const range = keyNode?.range ?? (pair.value as YamlNode | null)?.range;
          findings.push({
            severity: "error",
            rule: "yaml/invalid-key",
            message: `a mapping key that is ${keyNode && !isScalar(keyNode) ? "a collection" : "null"} cannot become a JSON field name; Kubernetes rejects the document`,
            hint: "quote the key if it is meant as text",
            location: { kind: "offset", start: range?.[0] ?? 0, end: range?.[1] },
          });
          continue;
        }
        const key = jsonKeyOf(pair.key);
        if (key === undefined || key === "<<") continue;
        const start = (pair.key as YamlNode).range?.[0] ?? 0;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, start);
          continue;
        }
        findings.push({
          severity: "error",
          rule: "yaml/duplicate-key",
          message: `duplicate key ${JSON.stringify(key)} (first defined at line ${lines.position(first).line}); Kubernetes rejects duplicate fields`,
          hint: "keep one of them; with duplicates, other tools silently keep the last one",
          location: { kind: "offset", start, end: (pair.key as YamlNode).range?.[1] },
        });
      }
    },
  });
  return findings;
}

function scalarFindings(node: Document.Parsed): FindingDraft[] {
  const findings: FindingDraft[] = [];
  const { visit, Scalar } = yamlLibrary();
  visit(node, {
    Scalar(_key, scalar) {
      if (scalar.type !== Scalar.PLAIN || typeof scalar.source !== "string" || !scalar.range) return;
      const text = scalar.source;
      const kubernetes = resolveKubernetesScalar(text);
      if (!needsScalarReport(text, kubernetes)) return;
      const location = { kind: "offset", start: scalar.range[0], end: scalar.range[1] } as const;
      if (isJsonIncompatible(kubernetes)) {
        findings.push({
          severity: "error",
          rule: "yaml/not-json",
          message: `${text} is ${describeScalar(kubernetes)}, which JSON cannot represent; Kubernetes rejects the document`,
          hint: `quote it ("${text}") if you mean a string`,
          location,
        });
        return;
      }
      const yaml12 = resolveYaml12Scalar(text);
      findings.push({
        severity: "warning",
        rule: "yaml/ambiguous-scalar",
        message: `${text} is read by Kubernetes (YAML 1.1) as ${describeScalar(kubernetes)}, but as ${describeScalar(yaml12)} by YAML 1.2 tools`,
        hint: ambiguityHint(text, kubernetes),
        location,
      });
    },
  });
  return findings;
}

function ambiguityHint(text: string, kubernetes: unknown): string {
  if (typeof kubernetes === "boolean") return `quote it ("${text}") for a string, or write ${kubernetes} for a boolean`;
  if (typeof kubernetes === "number" && /^[-+]?0[0-7]+$/.test(text.replace(/_/g, ""))) {
    return `write 0o${text.replace(/^[-+]?0/, "")} (or ${kubernetes}) so every tool reads the same number, or quote it for a string`;
  }
  return `write ${kubernetes} if you mean that number, or quote it ("${text}") for a string`;
}

function sourceComment(node: Document.Parsed): string | undefined {
  const comments = [node.commentBefore, node.contents?.commentBefore].filter((c): c is string => typeof c === "string");
  for (const comment of comments) {
    const match = /^\s*Source:\s*(\S.*?)\s*$/m.exec(comment);
    if (match) return match[1];
  }
  return undefined;
}

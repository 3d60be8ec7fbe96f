// Validates files one by one: read, parse, validate every object whose schema is known without the
// rest of the input, and position the findings. Each file's result depends only on its bytes, its kind
// of file and the settings, which is what lets results be cached by content. Runs in worker threads
// for large inputs, so its input and output are plain data.
import { readFileSync } from "node:fs";
import type { Finding } from "../findings/finding.js";
import type { FindingDraft } from "../findings/finding-draft.js";
import type { DiscoveredFile } from "../manifests/discover-files.js";
import { loadManifestFile, positionWithoutSource } from "../manifests/load-manifest-file.js";
import type { Manifest } from "../manifests/manifest.js";
import type { ResourceKey } from "../manifests/resource-key.js";
import type { SourceFile } from "../manifests/source-file.js";
import { isKnownBuiltinApi, type KubeVersion } from "../validate/api-lifecycle.js";
import { SchemaRegistry, type CrdSource } from "../validate/schema-registry.js";
import { lifecycleDrafts, validateManifest } from "../validate/validate-manifest.js";

export interface ValidateSettings {
  strict: boolean;
  kubeVersion: KubeVersion;
  skipUnknown: boolean;
  schemaDirs: string[];
  /** Kinds (`Kind` or `apiVersion/Kind`) left out entirely. */
  skipKinds: string[];
  /** Kinds that must not appear. */
  rejectKinds: string[];
  defaultNamespace: string;
  maxFileBytes: number;
}

/** What the whole-input checks (duplicates, policies) need to know about each validated object. */
export interface ManifestRecord {
  /** With the effective namespace. */
  key: ResourceKey;
  apiVersion: string;
  object: Record<string, unknown>;
  file: string;
  documentIndex: number;
  pointer: string;
  /** Where metadata.name is, when the file's positions were at hand (it had other findings). */
  name?: Pick<Finding, "line" | "column" | "endLine" | "endColumn" | "snippet">;
}

/** One file's validation. */
export interface FileResult {
  file: string;
  findings: Finding[];
  records: ManifestRecord[];
  crds: CrdSource[];
  /** Objects of kinds no schema known to the batch describes: maybe CRDs elsewhere in the input do. */
  deferred: Manifest[];
  resources: number;
  skipped: number;
}

export function kindMatches(list: readonly string[], manifest: Manifest): boolean {
  return list.includes(manifest.key.kind) || list.includes(`${manifest.apiVersion}/${manifest.key.kind}`);
}

export function isCrd(manifest: Manifest): boolean {
  return manifest.key.group === "apiextensions.k8s.io" && manifest.key.kind === "CustomResourceDefinition";
}

export function validateBatch(files: readonly DiscoveredFile[], settings: ValidateSettings): FileResult[] {
  const registry = new SchemaRegistry(settings.schemaDirs);
  return files.map((file) => validateFile(file, settings, registry));
}

export function validateFile(file: DiscoveredFile, settings: ValidateSettings, registry: SchemaRegistry): FileResult {
  const out: FileResult = { file: file.display, findings: [], records: [], crds: [], deferred: [], resources: 0, skipped: 0 };
  if (file.listedBy) {
    out.findings.push(
      positionWithoutSource(file.display, {
        severity: "info",
        rule: "manifest/kustomize",
        message: `a kustomize patch or plugin config listed in ${file.listedBy}, not a complete object; it was not validated on its own`,
        location: { kind: "file" },
      }),
    );
    return out;
  }
  let bytes: Uint8Array;
  try {
    bytes = file.content ?? readFileSync(file.path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    out.findings.push(positionWithoutSource(file.display, { severity: "error", rule: "input/unreadable", message: `cannot read the file: ${reason}`, location: { kind: "file" } }));
    return out;
  }
  const loaded = loadManifestFile(file.display, bytes, { maxBytes: settings.maxFileBytes });
  const drafts: FindingDraft[] = settings.strict ? [...loaded.drafts] : loaded.drafts.map(relaxDuplicateKey);
  for (const object of loaded.incomplete) drafts.push(...lifecycleDrafts(object.apiVersion, object.kind, object.source, settings.kubeVersion));
  for (const manifest of loaded.manifests) {
    out.resources++;
    const verdict = admit(manifest, settings);
    if (verdict === "skip") {
      out.skipped++;
      continue;
    }
    if (verdict) {
      drafts.push(verdict);
      continue;
    }
    if (isCrd(manifest)) out.crds.push({ object: manifest.object, file: file.display });
    const { group, version, kind } = manifest.key;
    const schema = registry.lookup(group, version, kind);
    // Unknown kinds may be described by a CRD elsewhere in the input: validated once all is read.
    if (!schema && !isKnownBuiltinApi(manifest.apiVersion, kind)) {
      out.deferred.push(manifest);
      continue;
    }
    const validation = validateManifest(manifest, registry, settings, schema);
    drafts.push(...validation.drafts);
    if (validation.skipped) out.skipped++;
    if (!validation.removed) out.records.push(recordOf(manifest, validation.key));
  }
  out.findings = positionDrafts(file.display, loaded.source, drafts);
  if (loaded.source?.hasDetailedParse) {
    for (const record of out.records) record.name = namePosition(loaded.source, record);
  }
  return out;
}

export function recordOf(manifest: Manifest, key: ResourceKey): ManifestRecord {
  return { key, apiVersion: manifest.apiVersion, object: manifest.object, ...manifest.source };
}

/** Outside strict mode a duplicate key is read as Go's JSON decoder reads it (the last one wins), with a warning. */
function relaxDuplicateKey(draft: FindingDraft): FindingDraft {
  return draft.rule === "yaml/duplicate-key" ? { ...draft, severity: "warning" } : draft;
}

/** undefined to validate, "skip" to leave out, or a finding that rejects the object. */
export function admit(manifest: Manifest, settings: ValidateSettings): undefined | "skip" | FindingDraft {
  if (kindMatches(settings.skipKinds, manifest)) return "skip";
  if (kindMatches(settings.rejectKinds, manifest)) {
    return {
      severity: "error",
      rule: "manifest/rejected-kind",
      message: `${manifest.apiVersion} ${manifest.key.kind} is not allowed here (--reject)`,
      location: { kind: "node", documentIndex: manifest.source.documentIndex, pointer: `${manifest.source.pointer}/kind`, target: "value" },
    };
  }
  return undefined;
}

/** The place of a record's metadata.name, for reporting it as a duplicate. */
export function namePosition(source: SourceFile, record: ManifestRecord): ManifestRecord["name"] {
  const { line, column, endLine, endColumn, snippet } = source.position({
    severity: "error",
    rule: "resource/duplicate",
    message: "",
    location: { kind: "node", documentIndex: record.documentIndex, pointer: `${record.pointer}/metadata/name`, target: "value" },
  });
  return { line, column, endLine, endColumn, snippet };
}

export function positionDrafts(display: string, source: SourceFile | undefined, drafts: readonly FindingDraft[]): Finding[] {
  return drafts.map((draft) => (source ? source.position(draft) : positionWithoutSource(display, draft)));
}

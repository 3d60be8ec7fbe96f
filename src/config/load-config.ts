// Reads drydock.yaml like a manifest: YAML as Kubernetes reads it, then its JSON schema; every problem
// is a finding with file:line:col, and an invalid file stops the run before anything else does.
import { readFileSync } from "node:fs";
import type { ValidateFunction } from "ajv";
import type { Finding } from "../findings/finding.js";
import { stripLocation, type FindingDraft } from "../findings/finding-draft.js";
import { isPlainObject } from "../manifests/extract-manifests.js";
import { decodeManifestBytes } from "../manifests/file-content.js";
import { parseFast } from "../manifests/fast-parse.js";
import { SourceFile } from "../manifests/source-file.js";
import { createAjv } from "../validate/ajv-instance.js";
import { schemaIssues } from "../validate/schema-findings.js";
import { withDefaults, type ConfigOverrides, type DrydockConfig } from "./drydock-config.js";

export const CONFIG_FILE = "drydock.yaml";

export interface LoadedConfig {
  config: DrydockConfig;
  /** Where it came from, when there is a file. */
  file?: string;
  findings: Finding[];
}

let validator: ValidateFunction | undefined;

function configValidator(): ValidateFunction {
  validator ??= createAjv().compile(JSON.parse(readFileSync(new URL("../../schemas/drydock.schema.json", import.meta.url), "utf8")));
  return validator;
}

/** The configuration in `bytes` (the file `display`), or the defaults with findings saying why not. */
export function parseConfig(display: string, bytes: Uint8Array): LoadedConfig {
  const defaults = { config: withDefaults(undefined), file: display };
  const decoded = decodeManifestBytes(bytes, { maxBytes: 1024 * 1024 });
  if (!decoded.ok) return { ...defaults, findings: [{ ...stripLocation(decoded.finding), file: display }] };
  const source = new SourceFile(display, decoded.text);
  const fast = parseFast(decoded.text);
  const documents = fast.ok ? fast.documents : source.detailed.documents.map((d) => d.value);
  const drafts: FindingDraft[] = fast.ok ? [] : source.detailed.findings.filter((d) => d.severity === "error");
  const nonEmpty = documents.filter((d) => d !== null && d !== undefined);
  const firstIndex = Math.max(0, documents.findIndex((d) => d !== null && d !== undefined));
  if (drafts.length === 0 && nonEmpty.length > 1) {
    drafts.push({ severity: "error", rule: "config/invalid", message: `${display} holds ${nonEmpty.length} documents; it must hold one`, location: { kind: "node", documentIndex: 1, pointer: "", target: "value" } });
  }
  const value = nonEmpty[0];
  if (drafts.length === 0 && value !== undefined && !isPlainObject(value)) {
    drafts.push({ severity: "error", rule: "config/invalid", message: `${display} must be a mapping of settings`, location: { kind: "node", documentIndex: firstIndex, pointer: "", target: "value" } });
  }
  if (drafts.length === 0) {
    const validate = configValidator();
    if (!validate(value ?? null)) {
      for (const issue of schemaIssues(validate.errors ?? [], { strict: true })) {
        drafts.push({ severity: "error", rule: issue.rule, message: issue.message, hint: issue.hint, pointer: issue.pointer, location: { kind: "node", documentIndex: firstIndex, pointer: issue.pointer, target: issue.target } });
      }
    }
  }
  if (drafts.length > 0) return { ...defaults, findings: drafts.map((d) => source.position(d)) };
  return { config: withDefaults(value as ConfigOverrides | undefined), file: display, findings: [] };
}

// One file, from bytes to manifests: decode, parse (fast path first), extract objects.
import type { Finding } from "../findings/finding.js";
import type { FindingDraft } from "../findings/finding-draft.js";
import { extractManifests, type DocumentValue, type Extraction } from "./extract-manifests.js";
import { parseFast } from "./fast-parse.js";
import { isKustomizationFile } from "./kustomize.js";
import { decodeManifestBytes } from "./file-content.js";
import type { Manifest } from "./manifest.js";
import { SourceFile } from "./source-file.js";

export interface LoadedFile {
  /** Absent when the bytes are not a text manifest (binary, not UTF-8, too large). */
  source?: SourceFile;
  manifests: Manifest[];
  drafts: FindingDraft[];
  incomplete: Extraction["incomplete"];
}

export function loadManifestFile(display: string, bytes: Uint8Array, options: { maxBytes: number }): LoadedFile {
  const decoded = decodeManifestBytes(bytes, options);
  if (!decoded.ok) return { manifests: [], drafts: [decoded.finding], incomplete: [] };
  return loadManifestText(display, decoded.text);
}

export function loadManifestText(display: string, text: string): LoadedFile {
  const source = new SourceFile(display, text);
  if (isKustomizationFile(display)) {
    return {
      source,
      manifests: [],
      incomplete: [],
      drafts: [
        {
          severity: "warning",
          rule: "manifest/kustomize",
          message: "a kustomization file, not Kubernetes objects; drydock does not run kustomize, so the files in this folder were validated as plain manifests",
          hint: "validate the output of kustomize build instead: kustomize build DIR | drydock validate -",
          location: { kind: "file" },
        },
      ],
    };
  }
  const drafts: FindingDraft[] = [];
  const fast = parseFast(text);
  let documents: DocumentValue[];
  if (fast.ok) {
    documents = fast.documents.map((value, index) => ({ index, value }));
  } else {
    drafts.push(...source.detailed.findings);
    documents = source.detailed.documents;
  }
  const extraction = extractManifests(display, documents);
  return { source, manifests: extraction.manifests, drafts: [...drafts, ...extraction.findings], incomplete: extraction.incomplete };
}

/** Positions a finding of a file that has no readable text: only file-level or known positions. */
export function positionWithoutSource(display: string, draft: FindingDraft): Finding {
  const { location, ...rest } = draft;
  return location.kind === "position" ? { ...rest, file: display, line: location.line, column: location.column } : { ...rest, file: display };
}

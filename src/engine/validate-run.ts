// `drydock validate`: discover files, validate them (in worker threads when the input is large),
// then the checks that need the whole input: custom resources against CRDs found anywhere in it,
// duplicate objects, and an input with no resources at all.
import { availableParallelism } from "node:os";
import { readFileSync } from "node:fs";
import { normalize } from "node:path";
import { compareFindings, compareStrings, countBySeverity, type Finding } from "../findings/finding.js";
import type { FindingDraft } from "../findings/finding-draft.js";
import { discoverManifestFiles, STDIN_PATH, type DiscoveredFile } from "../manifests/discover-files.js";
import { decodeManifestBytes } from "../manifests/file-content.js";
import { formatResourceKey, objectIdentity } from "../manifests/resource-key.js";
import { isKustomizationFile, kustomizationSideFiles } from "../manifests/kustomize.js";
import { SourceFile } from "../manifests/source-file.js";
import { SchemaRegistry } from "../validate/schema-registry.js";
import { validateManifest } from "../validate/validate-manifest.js";
import { namePosition, validateBatch, type BatchResult, type ManifestRecord, type ValidateSettings } from "./validate-batch.js";
import type { ValidateTask } from "./validate-worker.js";

export interface ValidateRequest {
  /** Files and folders as the user named them. */
  paths: string[];
  cwd: string;
  settings: ValidateSettings;
  /** Worker threads: 0 validates in this thread; "auto" uses every core when the input is large. */
  parallelism: number | "auto";
  /** Reads standard input, for the path "-". */
  stdin?: () => Uint8Array;
}

export interface ValidateSummary {
  files: number;
  resources: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Resources not validated: skipped kinds, and unknown kinds under --skip-unknown. */
  skipped: number;
}

export interface ValidateReport {
  summary: ValidateSummary;
  findings: Finding[];
  /** Every validated object, in file order (JUnit reports one test case per object). */
  resources: Array<{ file: string; resource: string }>;
}

// Below this many files, starting workers costs more than it saves.
const PARALLEL_MIN_FILES = 200;

export async function runValidate(request: ValidateRequest): Promise<ValidateReport> {
  const discovery = discoverManifestFiles(request.paths, request.cwd, { stdin: request.stdin });
  const files = markKustomizeSideFiles(discovery.files);
  const batch = await validateAll(files, request.settings, workerCount(request.parallelism, files.length));
  const findings: Finding[] = [...discovery.findings.map(({ file, draft }) => ({ ...stripLocation(draft), file })), ...batch.findings];
  const sources = new SourceCache(files, request.settings.maxFileBytes);

  const registry = new SchemaRegistry(request.settings.schemaDirs);
  for (const crd of batch.crds) registry.addCrd(crd);
  for (const manifest of batch.deferred) {
    const validation = validateManifest(manifest, registry, request.settings);
    if (validation.skipped) batch.skipped++;
    if (!validation.removed) batch.records.push({ key: validation.key, ...manifest.source });
    const source = sources.get(manifest.source.file);
    for (const draft of validation.drafts) findings.push(source ? source.position(draft) : { ...stripLocation(draft), file: manifest.source.file });
  }

  const records = sortRecords(batch.records);
  findings.push(...duplicateFindings(records, sources));
  if (batch.resources === 0) {
    const inputs = request.paths.map((p) => (p === STDIN_PATH ? "<stdin>" : p));
    findings.push({
      severity: "error",
      rule: "input/empty",
      message: `no Kubernetes resources found in ${inputs.join(", ")} (${files.length} ${files.length === 1 ? "file" : "files"} read)`,
      hint: "check the path; an empty render (a failed helm template, say) also produces no resources",
      file: inputs[0] ?? ".",
    });
  }
  findings.sort(compareFindings);
  const counts = countBySeverity(findings);
  return {
    summary: {
      files: files.length,
      resources: batch.resources,
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      skipped: batch.skipped,
    },
    findings,
    resources: records.map((r) => ({ file: r.file, resource: formatResourceKey(r.key) })),
  };
}

/** Files a kustomization lists as patches or plugin configs are kustomize input, not objects. */
function markKustomizeSideFiles(files: readonly DiscoveredFile[]): DiscoveredFile[] {
  const listedBy = new Map<string, string>();
  for (const file of files) {
    if (file.content || !isKustomizationFile(file.path)) continue;
    let text: string;
    try {
      text = readFileSync(file.path, "utf8");
    } catch {
      continue;
    }
    for (const path of kustomizationSideFiles(file.path, text)) if (!listedBy.has(path)) listedBy.set(path, file.display);
  }
  if (listedBy.size === 0) return [...files];
  return files.map((f) => (listedBy.has(normalize(f.path)) ? { ...f, listedBy: listedBy.get(normalize(f.path)) } : f));
}

/**
 * Worker threads to start. The main thread validates too, so "auto" starts one fewer than there are
 * cores: on two cores, the main thread and one worker.
 */
function workerCount(parallelism: number | "auto", fileCount: number): number {
  // Worker threads load the compiled modules; from TypeScript sources (tests) they cannot start.
  if (import.meta.url.endsWith(".ts")) return 0;
  if (parallelism !== "auto") return Math.max(0, parallelism);
  return fileCount >= PARALLEL_MIN_FILES ? availableParallelism() - 1 : 0;
}

/**
 * Splits the files into chunks that the main thread and the workers take from one queue, so a thread
 * that is slowed down (by another process, or by larger files) simply takes fewer chunks. Results are
 * merged in file order, whoever validated them. (Reading files asynchronously to overlap with parsing
 * was measured: libuv's reads of many small files cost several times what readFileSync does.)
 */
async function validateAll(files: readonly DiscoveredFile[], settings: ValidateSettings, workers: number): Promise<BatchResult> {
  if (workers === 0 || files.length === 0) return validateBatch(files, settings);
  const { Piscina } = await import("piscina");
  const pool = new Piscina<ValidateTask, BatchResult>({
    filename: new URL("./validate-worker.js", import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
  });
  const chunkSize = Math.max(8, Math.ceil(files.length / ((workers + 1) * 16)));
  const chunks: DiscoveredFile[][] = [];
  for (let i = 0; i < files.length; i += chunkSize) chunks.push(files.slice(i, i + chunkSize));
  const results: BatchResult[] = new Array(chunks.length);
  let next = 0;
  const workerLoop = async (): Promise<void> => {
    for (let i = next++; i < chunks.length; i = next++) results[i] = await pool.run({ files: chunks[i], settings });
  };
  const mainLoop = async (): Promise<void> => {
    for (let i = next++; i < chunks.length; i = next++) {
      results[i] = validateBatch(chunks[i], settings);
      // Let finished worker tasks hand over their next chunk.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  try {
    await Promise.all([...Array.from({ length: workers }, workerLoop), mainLoop()]);
    return mergeBatches(results);
  } finally {
    await pool.destroy();
  }
}

function mergeBatches(results: readonly BatchResult[]): BatchResult {
  const merged: BatchResult = { findings: [], records: [], crds: [], deferred: [], resources: 0, skipped: 0 };
  for (const r of results) {
    merged.findings.push(...r.findings);
    merged.records.push(...r.records);
    merged.crds.push(...r.crds);
    merged.deferred.push(...r.deferred);
    merged.resources += r.resources;
    merged.skipped += r.skipped;
  }
  return merged;
}

/** Re-reads files on the main thread, only for the findings made here. */
class SourceCache {
  private readonly byDisplay = new Map<string, DiscoveredFile>();
  private readonly sources = new Map<string, SourceFile | undefined>();

  constructor(files: readonly DiscoveredFile[], private readonly maxBytes: number) {
    for (const f of files) this.byDisplay.set(f.display, f);
  }

  get(display: string): SourceFile | undefined {
    if (!this.sources.has(display)) {
      const file = this.byDisplay.get(display);
      let source: SourceFile | undefined;
      if (file) {
        const decoded = decodeManifestBytes(file.content ?? readFileSync(file.path), { maxBytes: this.maxBytes });
        if (decoded.ok) source = new SourceFile(display, decoded.text);
      }
      this.sources.set(display, source);
    }
    return this.sources.get(display);
  }
}

function sortRecords(records: readonly ManifestRecord[]): ManifestRecord[] {
  return [...records].sort(
    (a, b) => compareStrings(a.file, b.file) || a.documentIndex - b.documentIndex || compareStrings(a.pointer, b.pointer),
  );
}

/** `records` in file order. */
function duplicateFindings(records: readonly ManifestRecord[], sources: SourceCache): Finding[] {
  const first = new Map<string, ManifestRecord>();
  const findings: Finding[] = [];
  // Positions come from the batch when it had parsed the file in detail, else from a re-read.
  const nameOf = (r: ManifestRecord): ManifestRecord["name"] => {
    if (!r.name) {
      const source = sources.get(r.file);
      if (source) r.name = namePosition(source, r);
    }
    return r.name;
  };
  for (const record of records) {
    const identity = objectIdentity(record.key);
    const earlier = first.get(identity);
    if (!earlier) {
      first.set(identity, record);
      continue;
    }
    const at = nameOf(earlier);
    const where = at?.line ? `${earlier.file}:${at.line}:${at.column}` : earlier.file;
    const resource = formatResourceKey(record.key);
    findings.push({
      severity: "error",
      rule: "resource/duplicate",
      message: `${resource} is defined more than once; it is also defined at ${where}`,
      hint: "keep one definition: applying both makes the later silently overwrite the earlier",
      resource,
      pointer: "/metadata/name",
      file: record.file,
      ...nameOf(record),
    });
  }
  return findings;
}

function stripLocation(draft: FindingDraft): Omit<Finding, "file"> {
  const { location: _location, ...rest } = draft;
  return rest;
}

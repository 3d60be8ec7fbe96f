// `drydock validate`: validate a set of files (found in folders, or read from a git revision), in
// worker threads when the input is large and from the result cache where it can, then the checks that
// need the whole input: custom resources against CRDs found anywhere in it, duplicate objects, and an
// input with no resources at all.
import { availableParallelism } from "node:os";
import { readFileSync } from "node:fs";
import { normalize } from "node:path";
import type { CommitInfo } from "../git/revisions.js";
import { compareFindings, compareStrings, countBySeverity, type Finding } from "../findings/finding.js";
import { stripLocation } from "../findings/finding-draft.js";
import { discoverManifestFiles, STDIN_PATH, type DiscoveredFile } from "../manifests/discover-files.js";
import { decodeManifestBytes } from "../manifests/file-content.js";
import { isKustomizationFile, kustomizationGenerated, kustomizationSideFiles } from "../manifests/kustomize.js";
import { formatResourceKey, objectIdentity, type ResourceKey } from "../manifests/resource-key.js";
import { SourceFile } from "../manifests/source-file.js";
import { SchemaRegistry } from "../validate/schema-registry.js";
import { validateManifest } from "../validate/validate-manifest.js";
import { runPolicyStage, type ExemptedFinding, type PolicyStageOptions, type Positioner } from "./policy-stage.js";
import type { ResultCache } from "./result-cache.js";
import { namePosition, recordOf, validateBatch, type FileResult, type ManifestRecord, type ValidateSettings } from "./validate-batch.js";
import type { ValidateTask } from "./validate-worker.js";

export interface ValidateSummary {
  files: number;
  resources: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Resources not validated: skipped kinds, and unknown kinds under --skip-unknown. */
  skipped: number;
  /** Policy findings that objects' `drydock.dev/ignore` annotations exempt (listed in `exemptions`). */
  exempted: number;
  /** The git revision validated (a commit sha, with "-dirty" for uncommitted edits). */
  revision?: string;
}

export interface ValidateReport {
  summary: ValidateSummary;
  findings: Finding[];
  /** Policy findings exempted by annotations: not counted as errors or warnings, never dropped. */
  exemptions: ExemptedFinding[];
  /** Every validated object, in file order (JUnit reports one test case per object). */
  resources: Array<{ file: string; resource: string }>;
  /** The commit validated, in a repository. */
  commit?: CommitInfo;
}

/** Files to validate, however they were found. */
export interface ValidateInput {
  files: DiscoveredFile[];
  /** Findings made while finding the files (links, charts, submodules). */
  findings: Finding[];
  /** What the input is called in messages, e.g. the paths given. */
  inputs: string[];
  /** Said after the inputs in messages, e.g. "at 1f3c2ab". */
  where?: string;
  /** Supplies the bytes of files that have none yet (git blobs are read only when needed). */
  loadContent?: (files: readonly DiscoveredFile[]) => Promise<DiscoveredFile[]>;
}

export interface ValidateOptions {
  settings: ValidateSettings;
  /** Worker threads: 0 validates in this thread; "auto" uses every core when the input is large. */
  parallelism: number | "auto";
  /** Results by content; files with a blob id found here are not read or validated again. */
  cache?: ResultCache;
  /** Policies to run over the validated objects; without it, only schemas and API rules are checked. */
  policy?: PolicyStageOptions;
}

export interface ValidateRequest {
  /** Files and folders as the user named them. */
  paths: string[];
  cwd: string;
  settings: ValidateSettings;
  parallelism: number | "auto";
  /** Reads standard input, for the path "-". */
  stdin?: () => Uint8Array;
  policy?: PolicyStageOptions;
}

// Below this many files, starting workers costs more than it saves.
const PARALLEL_MIN_FILES = 200;

/** Validates files and folders named on the command line. */
export async function runValidate(request: ValidateRequest): Promise<ValidateReport> {
  const discovery = discoverManifestFiles(request.paths, request.cwd, { stdin: request.stdin });
  return validateFiles(
    {
      files: discovery.files,
      findings: discovery.findings.map(({ file, draft }) => ({ ...stripLocation(draft), file })),
      inputs: request.paths.map((p) => (p === STDIN_PATH ? "<stdin>" : p)),
    },
    { settings: request.settings, parallelism: request.parallelism, policy: request.policy },
  );
}

export async function validateFiles(input: ValidateInput, options: ValidateOptions): Promise<ValidateReport> {
  const { settings, cache } = options;
  const sources = new SourceCache(settings.maxFileBytes, input.loadContent);
  const { files, generated } = await readKustomizations(input.files, sources, settings.defaultNamespace);
  sources.add(files);

  const results: Array<FileResult | undefined> = files.map((f) => cache?.get(f));
  const missing = files.filter((_, i) => !results[i]);
  const loaded = input.loadContent ? await input.loadContent(missing) : missing;
  sources.add(loaded);
  const computed = await validateAll(loaded, settings, workerCount(options.parallelism, loaded.length));
  for (let i = 0, j = 0; i < files.length; i++) {
    if (results[i]) continue;
    results[i] = computed[j];
    cache?.set(loaded[j], computed[j]);
    j++;
  }

  const findings: Finding[] = [...input.findings];
  const records: ManifestRecord[] = [];
  const registry = new SchemaRegistry(settings.schemaDirs);
  let resources = 0;
  let skipped = 0;
  for (const result of results as FileResult[]) {
    findings.push(...result.findings);
    records.push(...result.records);
    for (const crd of result.crds) registry.addCrd(crd);
    resources += result.resources;
    skipped += result.skipped;
  }
  for (const manifest of (results as FileResult[]).flatMap((r) => r.deferred)) {
    const validation = validateManifest(manifest, registry, settings);
    if (validation.skipped) skipped++;
    if (!validation.removed) records.push(recordOf(manifest, validation.key));
    const source = await sources.get(manifest.source.file);
    for (const draft of validation.drafts) findings.push(source ? source.position(draft) : { ...stripLocation(draft), file: manifest.source.file });
  }

  const ordered = sortRecords(records);
  findings.push(...(await duplicateFindings(ordered, sources)));
  const policy = options.policy ? await runPolicyStage(ordered, options.policy, { position: positioner(sources), generated }) : { findings: [], exemptions: [] };
  findings.push(...policy.findings);
  policy.exemptions.sort(compareFindings);
  if (resources === 0) {
    findings.push({
      severity: "error",
      rule: "input/empty",
      message: `no Kubernetes resources found in ${input.inputs.join(", ")}${input.where ? ` ${input.where}` : ""} (${files.length} ${files.length === 1 ? "file" : "files"} read)`,
      hint: "check the path; an empty render (a failed helm template, say) also produces no resources",
      file: input.inputs[0] ?? ".",
    });
  }
  findings.sort(compareFindings);
  const counts = countBySeverity(findings);
  return {
    summary: { files: files.length, resources, errors: counts.error, warnings: counts.warning, infos: counts.info, skipped, exempted: policy.exemptions.length },
    findings,
    exemptions: policy.exemptions,
    resources: ordered.map((r) => ({ file: r.file, resource: formatResourceKey(r.key) })),
  };
}

interface KustomizeInput {
  files: DiscoveredFile[];
  /** ConfigMaps and Secrets the kustomizations generate: they exist for the policies' reference rules. */
  generated: ResourceKey[];
}

/**
 * Files a kustomization lists as patches or plugin configs are kustomize input, not objects; the
 * ConfigMaps and Secrets its generators make will exist.
 */
async function readKustomizations(files: readonly DiscoveredFile[], sources: SourceCache, defaultNamespace: string): Promise<KustomizeInput> {
  const listedBy = new Map<string, string>();
  const generated: ResourceKey[] = [];
  for (const file of files) {
    if (!isKustomizationFile(file.path)) continue;
    const bytes = await sources.bytes(file);
    if (!bytes) continue;
    const text = new TextDecoder().decode(bytes);
    for (const path of kustomizationSideFiles(file.path, text)) if (!listedBy.has(path)) listedBy.set(path, file.display);
    for (const g of kustomizationGenerated(text)) generated.push({ group: "", version: "v1", kind: g.kind, namespace: g.namespace ?? defaultNamespace, name: g.name });
  }
  if (listedBy.size === 0) return { files: [...files], generated };
  return { files: files.map((f) => (listedBy.has(normalize(f.path)) ? { ...f, listedBy: listedBy.get(normalize(f.path)) } : f)), generated };
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
 * that is slowed down (by another process, or by larger files) simply takes fewer chunks. Results
 * come back in file order, whoever validated them. (Reading files asynchronously to overlap with
 * parsing was measured: libuv's reads of many small files cost several times what readFileSync does.)
 */
async function validateAll(files: readonly DiscoveredFile[], settings: ValidateSettings, workers: number): Promise<FileResult[]> {
  if (workers === 0 || files.length === 0) return validateBatch(files, settings);
  const { Piscina } = await import("piscina");
  const pool = new Piscina<ValidateTask, FileResult[]>({
    filename: new URL("./validate-worker.js", import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
  });
  const chunkSize = Math.max(8, Math.ceil(files.length / ((workers + 1) * 16)));
  const chunks: DiscoveredFile[][] = [];
  for (let i = 0; i < files.length; i += chunkSize) chunks.push(files.slice(i, i + chunkSize));
  const results: FileResult[][] = new Array(chunks.length);
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
    return results.flat();
  } finally {
    await pool.destroy();
  }
}

/** Source text of files on the main thread, only for the findings made here. */
class SourceCache {
  private readonly files = new Map<string, DiscoveredFile>();
  private readonly sources = new Map<string, SourceFile | undefined>();

  constructor(
    private readonly maxBytes: number,
    private readonly loadContent: ValidateInput["loadContent"],
  ) {}

  add(files: readonly DiscoveredFile[]): void {
    for (const f of files) this.files.set(f.display, f);
  }

  async bytes(file: DiscoveredFile): Promise<Uint8Array | undefined> {
    if (file.content) return file.content;
    try {
      if (this.loadContent) return (await this.loadContent([file]))[0]?.content;
      return readFileSync(file.path);
    } catch {
      return undefined;
    }
  }

  async get(display: string): Promise<SourceFile | undefined> {
    if (!this.sources.has(display)) {
      const file = this.files.get(display);
      const bytes = file && (await this.bytes(file));
      const decoded = bytes && decodeManifestBytes(bytes, { maxBytes: this.maxBytes });
      this.sources.set(display, decoded && decoded.ok ? new SourceFile(display, decoded.text) : undefined);
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
async function duplicateFindings(records: readonly ManifestRecord[], sources: SourceCache): Promise<Finding[]> {
  const first = new Map<string, ManifestRecord>();
  const findings: Finding[] = [];
  // Positions come from the batch when it had parsed the file in detail, else from a re-read.
  const nameOf = async (r: ManifestRecord): Promise<ManifestRecord["name"]> => {
    if (!r.name) {
      const source = await sources.get(r.file);
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
    const at = await nameOf(earlier);
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
      ...(await nameOf(record)),
    });
  }
  return findings;
}

function positioner(sources: SourceCache): Positioner {
  return async (file, draft) => {
    const source = await sources.get(file);
    return source ? source.position(draft) : { ...stripLocation(draft), file };
  };
}

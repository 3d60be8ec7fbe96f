// Validation results by content: a file's result depends only on its bytes (its git blob id), whether
// it is a kustomization, and the settings and drydock version (the fingerprint). So a new commit that
// touches one file validates one file. Kept in memory, and under the state dir between runs.
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { DiscoveredFile } from "../manifests/discover-files.js";
import { isKustomizationFile } from "../manifests/kustomize.js";
import { readStateFile, writeStateFile } from "../state/state-files.js";
import type { FileResult, ValidateSettings } from "./validate-batch.js";

const FORMAT = "drydock/validate-results@1";
/** The shape of a stored FileResult; results of another shape are unusable, like those of other settings. */
const RESULT_SHAPE = 2;
/** Entries kept beyond the ones the last run used, so switching branches stays fast. */
const SPARE_ENTRIES = 20_000;

interface Stored {
  fingerprint: string;
  entries: Array<[key: string, result: FileResult]>;
}

function isStored(data: unknown): data is Stored {
  const d = data as Partial<Stored> | null;
  return typeof d?.fingerprint === "string" && Array.isArray(d.entries) && d.entries.every((e) => Array.isArray(e) && typeof e[0] === "string" && typeof e[1] === "object" && e[1] !== null);
}

/** The git blob id of some bytes: sha1("blob <length>\0" + bytes). */
export function gitBlobId(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

export function resultFingerprint(settings: ValidateSettings, drydockVersion: string): string {
  return createHash("sha1").update(JSON.stringify({ settings, drydockVersion, format: FORMAT, shape: RESULT_SHAPE })).digest("hex");
}

export class ResultCache {
  private entries: Map<string, FileResult>;
  private used = new Set<string>();
  private unsaved = false;
  /** Files answered from the cache, and files validated and stored, in this run. */
  readonly stats = { hits: 0, stored: 0 };

  constructor(
    readonly fingerprint: string,
    entries: Iterable<[string, FileResult]> = [],
  ) {
    this.entries = new Map(entries);
  }

  /**
   * The cached result for a file with a known blob id, naming the file's own path (the same content
   * may have been validated under another name). Results are shared, not copied: treat them as frozen.
   */
  get(file: DiscoveredFile): FileResult | undefined {
    const key = cacheKey(file);
    const stored = key && this.entries.get(key);
    if (!stored) return undefined;
    this.used.add(key);
    this.stats.hits++;
    if (stored.file === file.display) return stored;
    // Renamed or copied: keep the latest name, so a rename costs one copy rather than one per run.
    const renamed = withFile(stored, file.display);
    this.entries.set(key, renamed);
    return renamed;
  }

  set(file: DiscoveredFile, result: FileResult): void {
    const key = cacheKey(file);
    if (!key) return;
    this.used.add(key);
    this.stats.stored++;
    this.unsaved = true;
    this.entries.set(key, result);
  }

  /** Entries the last run used, then others up to a bound. */
  private retained(): Array<[string, FileResult]> {
    const kept = [...this.entries].filter(([key]) => this.used.has(key));
    const spare = [...this.entries].filter(([key]) => !this.used.has(key)).slice(-SPARE_ENTRIES);
    return [...spare, ...kept];
  }

  static load(stateDir: string, fingerprint: string): ResultCache {
    const stored = readStateFile(cacheFile(stateDir), FORMAT, isStored);
    // Results made with other settings or another drydock are not wrong to keep on disk, only unusable.
    return new ResultCache(fingerprint, stored?.fingerprint === fingerprint ? stored.entries : []);
  }

  /** Starts a new run: counters from zero, and only entries this run uses count as in use. */
  resetStats(): void {
    this.stats.hits = 0;
    this.stats.stored = 0;
    this.used = new Set();
  }

  /** Writes the cache, trimmed to its bound, when this process has stored results it did not hold before. */
  save(stateDir: string): void {
    if (!this.unsaved) return;
    this.unsaved = false;
    const kept = this.retained();
    this.entries = new Map(kept);
    writeStateFile(cacheFile(stateDir), FORMAT, { fingerprint: this.fingerprint, entries: kept } satisfies Stored);
  }
}

function cacheFile(stateDir: string): string {
  return join(stateDir, "cache", "validate-results.json");
}

function cacheKey(file: DiscoveredFile): string | undefined {
  if (!file.blobId || file.listedBy) return undefined;
  return `${file.blobId}:${isKustomizationFile(file.display) ? "kustomization" : "manifest"}`;
}

/** A copy of a result that names `file` wherever it names its file. */
function withFile(result: FileResult, file: string): FileResult {
  return {
    ...result,
    file,
    findings: result.findings.map((f) => ({ ...f, file })),
    records: result.records.map((r) => ({ ...r, file })),
    crds: result.crds.map((c) => ({ ...c, file })),
    deferred: result.deferred.map((m) => ({ ...m, source: { ...m.source, file } })),
  };
}

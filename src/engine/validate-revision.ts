// `drydock validate` in a repository: the manifests at a revision (read from git objects, nothing is
// checked out) or in the working tree, configured by the drydock.yaml of that same revision, with
// results cached by blob id under the state dir.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CONFIG_FILE, parseConfig, type LoadedConfig } from "../config/load-config.js";
import { withDefaults, type DrydockConfig } from "../config/drydock-config.js";
import { readBlobContents, readFileAtCommit } from "../git/blobs.js";
import type { DiscoveredFile } from "../manifests/discover-files.js";
import { GitSourceError, openRepository, type GitRepository } from "../git/git-repository.js";
import { listManifestTree, normalizeRoot, type ManifestListing, type ManifestSelection } from "../git/manifest-tree.js";
import { policyFilesAtCommit, policyFilesInFolder } from "./policy-files.js";
import { loadPolicyStage } from "./policy-loading.js";
import { resolveRevision, shortRevision, type CommitInfo } from "../git/revisions.js";
import { listWorktree } from "../git/worktree.js";
import { parseKubeVersion } from "../validate/api-lifecycle.js";
import { resultFingerprint } from "./result-cache.js";
import { RevisionCaches } from "./revision-caches.js";
import type { ValidateSettings } from "./validate-batch.js";
import { validateFiles, type ValidateReport } from "./validate-run.js";

export const WORKTREE = "WORKTREE";

export interface RevisionRequest {
  /** Any folder inside the repository. */
  repo: string;
  /** A revision, or WORKTREE. */
  ref: string;
  /** Overrides drydock.yaml's source.path. */
  path?: string;
  /** The state dir, given the folder drydock.yaml is in (the repository root when there is none). */
  stateDir: (home: string) => string;
  /** Settings given on the command line; they override drydock.yaml's validation section. */
  overrides: Partial<ValidateSettings>;
  parallelism: number | "auto";
  drydockVersion: string;
  /** Policy checks: off for schema-only validation; exemptions false ignores `drydock.dev/ignore`. */
  policy: { enabled: boolean; exemptions: boolean };
  /**
   * Caches kept by a long-running process, which saves them itself (RevisionCaches.save). Without
   * them, each run loads the state dir's caches and saves them back.
   */
  caches?: RevisionCaches;
}

export interface RevisionValidation {
  report: ValidateReport;
  /** What the caches saved: git trees read from objects, files validated, files from the cache. */
  stats: { treesRead: number; filesValidated: number; filesFromCache: number };
  /** The configuration in effect (drydock.yaml of that revision, or the defaults). */
  config?: DrydockConfig;
  /** The manifest files selected, with their content loaded, for callers that need the objects (plan). */
  manifestFiles?: () => Promise<DiscoveredFile[]>;
  /** The state dir in use. */
  stateDir?: string;
}

export async function validateRevision(request: RevisionRequest): Promise<RevisionValidation> {
  const repo = await openRepository(request.repo);
  const worktree = request.ref === WORKTREE;
  const commit = worktree ? undefined : await resolveRevision(repo, request.ref);

  const loaded = await loadConfig(repo, commit, request.path);
  if (loaded.findings.length > 0) {
    return {
      report: { summary: { files: 1, resources: 0, errors: loaded.findings.length, warnings: 0, infos: 0, skipped: 0, exempted: 0 }, findings: loaded.findings, exemptions: [], resources: [] },
      stats: { treesRead: 0, filesValidated: 0, filesFromCache: 0 },
    };
  }
  const stateDir = request.stateDir(join(repo.dir, dirname(loaded.file ?? CONFIG_FILE)));
  const caches = request.caches ?? new RevisionCaches();
  const trees = caches.treesFor(stateDir);
  const { config } = loaded;
  const selection = manifestSelection(config, request.path ?? config.source.path, loaded.file);
  const listing: ManifestListing & { revision: string; commit?: CommitInfo } = worktree
    ? await listWorktree(repo, selection, trees, loaded.file ? [loaded.file] : [])
    : { ...(await listManifestTree(repo, commit!, selection, trees)), revision: commit! };

  const settings = settingsFrom(config, request.overrides, repo.dir);
  // Schemas in --schema-dir folders can change without the manifests changing: no caching then.
  const cache = settings.schemaDirs.length === 0 ? caches.resultsFor(stateDir, resultFingerprint(settings, request.drydockVersion)) : undefined;
  const root = normalizeRoot(selection.path);
  const policy = request.policy.enabled
    ? await loadPolicyStage({
        section: config.policy,
        files: (worktree ? policyFilesInFolder(join(repo.dir, config.policy.dir), repo.dir) : await policyFilesAtCommit(repo, commit!, config.policy.dir, trees)).policies,
        exemptions: request.policy.exemptions,
        drydockVersion: request.drydockVersion,
        store: caches.policiesFor(stateDir),
      })
    : undefined;
  const report = await validateFiles(
    {
      files: listing.files,
      findings: listing.findings,
      inputs: [root || "."],
      where: `at ${shortRevision(listing.revision)}`,
      loadContent: (files) => readBlobContents(repo, files),
    },
    { settings, parallelism: request.parallelism, cache, policy },
  );
  if (!request.caches) caches.save();
  report.summary.revision = listing.revision;
  if (listing.commit) report.commit = listing.commit;
  const filesFromCache = cache?.stats.hits ?? 0;
  return {
    report,
    stats: { treesRead: trees.misses, filesValidated: listing.files.length - filesFromCache, filesFromCache },
    config,
    manifestFiles: () => readBlobContents(repo, listing.files),
    stateDir,
  };
}

/** drydock.yaml at the repository root, else at the manifests path, from the same revision. */
async function loadConfig(repo: GitRepository, commit: string | undefined, path: string | undefined): Promise<LoadedConfig> {
  const candidates = [CONFIG_FILE, ...(path ? [`${normalizeRoot(path)}/${CONFIG_FILE}`] : [])];
  for (const candidate of candidates) {
    const bytes = commit ? await readFileAtCommit(repo, commit, candidate) : fileAt(repo, candidate);
    if (bytes) return parseConfig(candidate, bytes);
  }
  return { config: withDefaults(undefined), findings: [] };
}

function fileAt(repo: GitRepository, path: string): Uint8Array | undefined {
  try {
    return readFileSync(join(repo.dir, path));
  } catch {
    return undefined;
  }
}

/** drydock.yaml's source selection at `manifestsPath`; the configuration file and the policy folder are not manifests, even when they sit among them. */
export function manifestSelection(config: DrydockConfig, manifestsPath: string, configFile: string | undefined): ManifestSelection {
  return {
    ...config.source,
    path: manifestsPath,
    exclude: [
      ...config.source.exclude,
      ...(configFile ? [relativeToRoot(configFile, manifestsPath)] : []),
      `${relativeToRoot(normalizeRoot(config.policy.dir), manifestsPath)}/**`,
    ],
  };
}

/** A repository path relative to the manifests folder, for an exclude glob; outside it, a glob that matches nothing there. */
function relativeToRoot(path: string, root: string): string {
  const normalized = normalizeRoot(root);
  if (normalized === "") return path;
  return path.startsWith(`${normalized}/`) ? path.slice(normalized.length + 1) : `../${path}`;
}

/** drydock.yaml's validation section as the validator takes it; schema folders are relative to `repoRoot`. */
export function settingsFrom(config: DrydockConfig, overrides: Partial<ValidateSettings>, repoRoot: string): ValidateSettings {
  const v = config.validation;
  const kubeVersion = parseKubeVersion(v.kubeVersion);
  if (!kubeVersion) throw new GitSourceError(`drydock.yaml: validation.kubeVersion "${v.kubeVersion}" is not a version`);
  return {
    strict: v.strict,
    kubeVersion,
    skipUnknown: v.skipUnknown,
    schemaDirs: v.schemaDirs.map((d) => join(repoRoot, d)),
    skipKinds: v.skipKinds,
    rejectKinds: v.rejectKinds,
    defaultNamespace: v.defaultNamespace,
    maxFileBytes: 5 * 1024 * 1024,
    ...overrides,
  };
}

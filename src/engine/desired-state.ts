// The desired state for plan and apply, from one of three sources:
// - the repository's manifests at a revision, validated with drydock.yaml of that revision,
//   policies included;
// - outside a git repository, the folder's manifests as drydock.yaml selects them (schema checks);
// - files and folders given with -f (schema checks). They name only some objects, so the plan
//   prunes nothing and leaves the rest of the inventory alone, as `kubectl apply -f` without --prune.
// Any validation error blocks planning: the report is returned for the CLI to show.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { withDefaults, type DrydockConfig } from "../config/drydock-config.js";
import { CONFIG_FILE, parseConfig } from "../config/load-config.js";
import { repositoryRootOf } from "../git/git-repository.js";
import { normalizeRoot, selectionMatcher } from "../git/manifest-tree.js";
import type { CommitInfo } from "../git/revisions.js";
import { discoverManifestFiles, type DiscoveredFile } from "../manifests/discover-files.js";
import { stripLocation } from "../findings/finding-draft.js";
import { stateDirFor } from "../state/state-dir.js";
import type { InventoryEntry } from "../planner/index.js";
import type { StoreReader } from "../runtime/store/store-api.js";
import { DEFAULT_DRYDOCK_CONFIG, FILES_REVISION, planAgainstStore } from "./plan-engine.js";
import { manifestSelection, settingsFrom, validateRevision } from "./validate-revision.js";
import { runValidate, validateFiles, type ValidateReport } from "./validate-run.js";

export interface DesiredRequest {
  cwd: string;
  env: NodeJS.ProcessEnv;
  repo?: string;
  path?: string;
  ref: string;
  state?: string;
  /** -f files and folders; when given, the repository is not read. */
  files: string[];
  /** The namespace of objects that name none, instead of drydock.yaml's (-n, outside a repository). */
  defaultNamespace?: string;
  version: string;
  stdin?: () => Uint8Array;
}

/** Where the desired objects came from; a `files` source names only some objects and prunes nothing. */
export type SourceKind = "revision" | "folder" | "files";

export type DesiredSource =
  | { ok: false; report: ValidateReport }
  | {
      ok: true;
      kind: SourceKind;
      report: ValidateReport;
      files: DiscoveredFile[];
      config: DrydockConfig;
      /** The full sha, WORKTREE (a revision's working tree, or a folder outside git), or "files" for -f. */
      revision: string;
      commit?: CommitInfo;
    };

/** The label a folder outside git and a repository's uncommitted files share. */
const WORKTREE_REVISION = "WORKTREE";

export async function loadDesiredSource(request: DesiredRequest): Promise<DesiredSource> {
  if (request.files.length > 0) return filesSource(request);
  const start = resolve(request.cwd, request.repo ?? ".");
  if ((await repositoryRootOf(start)) === undefined) {
    if (request.ref !== "HEAD") throw new DesiredSourceError(`--ref ${request.ref} needs a git repository; ${start} is not in one`);
    return folderSource(start, request);
  }
  if (request.defaultNamespace !== undefined) throw new DesiredSourceError("-n does not apply to a repository: manifests name their namespace, or drydock.yaml's validation.defaultNamespace is used");
  return revisionSource(request);
}

/** A request that cannot be served; the CLI reports it as a usage error. */
export class DesiredSourceError extends Error {}

async function filesSource(request: DesiredRequest): Promise<DesiredSource> {
  const config = withNamespace(DEFAULT_DRYDOCK_CONFIG, request.defaultNamespace);
  const report = await runValidate({
    paths: request.files,
    cwd: request.cwd,
    parallelism: 0,
    stdin: request.stdin,
    settings: settingsFrom(config, {}, request.cwd),
  });
  if (report.summary.errors > 0) return { ok: false, report };
  const files = discoverManifestFiles(request.files, request.cwd, { stdin: request.stdin }).files.map(withContent);
  return { ok: true, kind: "files", report, files, config, revision: FILES_REVISION };
}

// A folder that is not in git: drydock.yaml there (if any) chooses the manifests and settings, as
// in a repository's working tree.
async function folderSource(root: string, request: DesiredRequest): Promise<DesiredSource> {
  const configPath = join(root, CONFIG_FILE);
  const loaded = existsSync(configPath) ? parseConfig(CONFIG_FILE, readFileSync(configPath)) : { config: withDefaults(undefined), findings: [] };
  if (loaded.findings.length > 0) {
    return { ok: false, report: { summary: { files: 1, resources: 0, errors: loaded.findings.length, warnings: 0, infos: 0, skipped: 0, exempted: 0 }, findings: loaded.findings, exemptions: [], resources: [] } };
  }
  const config = withNamespace(loaded.config, request.defaultNamespace);
  const manifestsPath = normalizeRoot(request.path ?? config.source.path);
  const selected = selectionMatcher(manifestSelection(config, manifestsPath, CONFIG_FILE));
  // The state folder (--state may put it among the manifests) holds drydock's JSON, not manifests.
  const stateDir = stateDirFor(root, { flag: request.state, env: request.env, cwd: request.cwd });
  const discovery = discoverManifestFiles([manifestsPath === "" ? "." : manifestsPath], root);
  const files = discovery.files
    .filter((file) => !file.path.startsWith(`${stateDir}${sep}`) && selected(manifestsPath === "" ? file.display : file.display.slice(manifestsPath.length + 1)))
    .map(withContent);
  const report = await validateFiles(
    { files, findings: discovery.findings.map(({ file, draft }) => ({ ...stripLocation(draft), file })), inputs: [manifestsPath || "."] },
    { settings: settingsFrom(config, {}, root), parallelism: 0 },
  );
  if (report.summary.errors > 0) return { ok: false, report };
  return { ok: true, kind: "folder", report, files, config, revision: WORKTREE_REVISION };
}

async function revisionSource(request: DesiredRequest): Promise<DesiredSource> {
  const validation = await validateRevision({
    repo: request.repo ?? request.cwd,
    ref: request.ref,
    path: request.path,
    stateDir: (home) => stateDirFor(home, { flag: request.state, env: request.env, cwd: request.cwd }),
    overrides: {},
    parallelism: 0,
    drydockVersion: request.version,
    policy: { enabled: true, exemptions: true },
  });
  const { report } = validation;
  if (report.summary.errors > 0 || !validation.manifestFiles || !validation.config) return { ok: false, report };
  return {
    ok: true,
    kind: "revision",
    report,
    files: await validation.manifestFiles(),
    config: validation.config,
    revision: report.summary.revision ?? request.ref,
    commit: report.commit,
  };
}

export type LoadedSource = Extract<DesiredSource, { ok: true }>;

/** The plan of a loaded source against a cluster's store and the inventory (-f files prune nothing). */
export function planSource(source: LoadedSource, store: StoreReader, inventory: readonly InventoryEntry[]): ReturnType<typeof planAgainstStore> {
  return planAgainstStore(source.files, store, inventory, source.config, source.revision, { partial: source.kind === "files" });
}

function withNamespace(config: DrydockConfig, namespace: string | undefined): DrydockConfig {
  return namespace === undefined ? config : { ...config, validation: { ...config.validation, defaultNamespace: namespace } };
}

function withContent(file: DiscoveredFile): DiscoveredFile {
  return file.content ? file : { ...file, content: readFileSync(file.path) };
}

// The desired state for plan and apply: the repository's manifests at a revision (validated with
// drydock.yaml of that revision, policies included) or files given with -f (schema checks only).
// Any validation error blocks planning: the report is returned for the CLI to show.
import { readFileSync } from "node:fs";
import type { DrydockConfig } from "../config/drydock-config.js";
import type { CommitInfo } from "../git/revisions.js";
import { discoverManifestFiles, type DiscoveredFile } from "../manifests/discover-files.js";
import { DEFAULT_MAX_FILE_BYTES } from "../manifests/file-content.js";
import { stateDirFor } from "../state/state-dir.js";
import { DEFAULT_DRYDOCK_CONFIG } from "./plan-engine.js";
import { validateRevision } from "./validate-revision.js";
import { runValidate, type ValidateReport } from "./validate-run.js";

export interface DesiredRequest {
  cwd: string;
  env: NodeJS.ProcessEnv;
  repo?: string;
  path?: string;
  ref: string;
  state?: string;
  /** -f files and folders; when given, the repository is not read. */
  files: string[];
  version: string;
  stdin?: () => Uint8Array;
}

export type DesiredSource =
  | { ok: false; report: ValidateReport }
  | {
      ok: true;
      report: ValidateReport;
      files: DiscoveredFile[];
      config: DrydockConfig;
      /** The full sha, WORKTREE, or "files" for -f. */
      revision: string;
      commit?: CommitInfo;
    };

export async function loadDesiredSource(request: DesiredRequest): Promise<DesiredSource> {
  if (request.files.length > 0) {
    const report = await runValidate({
      paths: request.files,
      cwd: request.cwd,
      parallelism: 0,
      stdin: request.stdin,
      settings: { ...DEFAULT_DRYDOCK_CONFIG.validation, kubeVersion: { major: 1, minor: 30 }, maxFileBytes: DEFAULT_MAX_FILE_BYTES },
    });
    if (report.summary.errors > 0) return { ok: false, report };
    const files = discoverManifestFiles(request.files, request.cwd, { stdin: request.stdin }).files.map((f) => (f.content ? f : { ...f, content: readFileSync(f.path) }));
    return { ok: true, report, files, config: DEFAULT_DRYDOCK_CONFIG, revision: "files" };
  }
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
    report,
    files: await validation.manifestFiles(),
    config: validation.config,
    revision: report.summary.revision ?? request.ref,
    commit: report.commit,
  };
}

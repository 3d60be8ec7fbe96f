// The policy folder a user is working on (`drydock policy list|test`): in a repository, drydock.yaml
// of the working tree names it and configures the rules; elsewhere it is ./policies or the folder
// given. Files are read from disk, uncommitted edits included.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { withDefaults, type DrydockConfig } from "../config/drydock-config.js";
import { CONFIG_FILE, parseConfig } from "../config/load-config.js";
import type { Finding } from "../findings/finding.js";
import { repositoryRootOf } from "../git/git-repository.js";
import { policyFilesInFolder, type PolicyFiles } from "./policy-files.js";
import { loadPolicyStage } from "./policy-loading.js";
import { policySettingsFrom } from "../policy/policy-settings.js";
import type { PolicyStageOptions } from "./policy-stage.js";

export interface PolicyWorkspace {
  config: DrydockConfig;
  /** The policy folder, absolute. */
  dir: string;
  /** Display paths are relative to this folder (the repository root, or the working directory). */
  base: string;
  files: PolicyFiles;
  stage: PolicyStageOptions;
  /** Problems of drydock.yaml; when there are any, nothing else was loaded. */
  configFindings: Finding[];
}

export async function openPolicyWorkspace(options: { cwd: string; dir?: string; exemptions: boolean; drydockVersion: string }): Promise<PolicyWorkspace> {
  const root = await repositoryRootOf(options.cwd);
  const base = root ?? options.cwd;
  let config = withDefaults(undefined);
  if (root && existsSync(join(root, CONFIG_FILE))) {
    const loaded = parseConfig(CONFIG_FILE, readFileSync(join(root, CONFIG_FILE)));
    config = loaded.config;
    if (loaded.findings.length > 0) {
      const empty = { policies: [], tests: [] };
      const settings = policySettingsFrom(config.policy, { exemptions: options.exemptions });
      return { config, dir: base, base, files: empty, stage: { settings, custom: [], findings: [] }, configFindings: loaded.findings };
    }
  }
  const dir = options.dir ? resolve(options.cwd, options.dir) : join(base, config.policy.dir);
  const files = policyFilesInFolder(dir, base);
  const stage = await loadPolicyStage({ section: config.policy, files: files.policies, exemptions: options.exemptions, drydockVersion: options.drydockVersion });
  return { config, dir, base, files, stage, configFindings: [] };
}

// `drydock validate [PATH…]`: schema and API checks of files and folders, or of a repository's
// manifests at a revision.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { Option, type Command } from "commander";
import { DEFAULT_CONFIG } from "../../config/drydock-config.js";
import { policyFilesInFolder } from "../../engine/policy-files.js";
import { loadPolicyStage } from "../../engine/policy-loading.js";
import type { PolicyStageOptions } from "../../engine/policy-stage.js";
import { runValidate } from "../../engine/validate-run.js";
import { DEFAULT_MAX_FILE_BYTES } from "../../manifests/file-content.js";
import type { ValidateSettings } from "../../engine/validate-batch.js";
import { validateRevision } from "../../engine/validate-revision.js";
import { openRepository } from "../../git/git-repository.js";
import { stateDirFor } from "../../state/state-dir.js";
import type { KubeVersion } from "../../validate/api-lifecycle.js";
import type { CliContext } from "../cli-context.js";
import { EXIT, UsageError } from "../exit-codes.js";
import { collect, collectList, parseByteSize, parseVersion, parseWorkers } from "../option-parsers.js";
import { renderValidateReport, VALIDATE_FORMATS, type ValidateFormat } from "../output/validate-output.js";

interface ValidateOptions {
  output: ValidateFormat;
  strict: boolean;
  kubeVersion: KubeVersion;
  schemaDir: string[];
  skipUnknown: boolean;
  skip: string[];
  reject: string[];
  defaultNamespace: string;
  maxFileSize: number;
  failOnWarning: boolean;
  policies: boolean;
  policyDir?: string;
  exemptions: boolean;
  workers: number | "auto";
  color: boolean;
  repo?: string;
  path?: string;
  ref?: string;
  state?: string;
}

export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command("validate")
    .description("check manifests against strict Kubernetes schemas, what the API server would reject, and policies")
    .argument("[paths...]", "files and folders to validate, - for standard input (default: the repository's manifests at --ref)")
    .addOption(new Option("-o, --output <format>", "report format").choices(VALIDATE_FORMATS).default("text"))
    .option("--repo <dir>", "the repository (default: the one holding the current folder)")
    .option("--path <subdir>", "manifests folder inside the repository (default: drydock.yaml's source.path, else the root)")
    .option("--ref <rev>", "revision to validate: branch, tag, SHA, REV~N, or WORKTREE for uncommitted files", "HEAD")
    .option("--state <dir>", "state and cache folder (default: .drydock/ at the repository root, or DRYDOCK_STATE)")
    .option("--no-strict", "allow fields the schema does not define; duplicate keys only warn")
    .option("--kube-version <version>", "Kubernetes version to judge apiVersions against (default 1.30)", parseVersion)
    .option("--schema-dir <dir>", "extra JSON schemas in kubeconform's layout (repeatable)", collect, [])
    .option("--skip-unknown", "let kinds with no schema pass instead of failing", false)
    .option("--skip <kinds>", "kinds to leave out, as Kind or apiVersion/Kind (comma-separated, repeatable)", collectList, [])
    .option("--reject <kinds>", "kinds that must not appear (comma-separated, repeatable)", collectList, [])
    .option("--default-namespace <namespace>", "namespace of objects that do not name one", "default")
    .option("--max-file-size <size>", "largest file to read, e.g. 5MiB", parseByteSize, DEFAULT_MAX_FILE_BYTES)
    .option("--fail-on-warning", "exit 1 when there are warnings", false)
    .option("--no-policies", "check schemas and API rules only, no policy rules")
    .option("--policy-dir <dir>", "TypeScript policies to run when validating paths (in a repository: drydock.yaml's policy.dir)")
    .option("--no-exemptions", "ignore drydock.dev/ignore annotations: exempted findings count again")
    .option("--workers <n>", "worker threads: a number, 0 for none, or auto", parseWorkers, "auto")
    .option("--no-color", "plain text output (also NO_COLOR)")
    .action(async (paths: string[], options: ValidateOptions, command: Command) => {
      const explicit = (name: string): boolean => command.getOptionValueSource(name) === "cli";
      const repoMode = paths.length === 0 && (explicit("repo") || explicit("ref") || explicit("path") || (await insideRepository(ctx.cwd)));
      if (paths.length > 0 && (explicit("ref") || explicit("path") || explicit("repo"))) {
        throw new UsageError("--repo, --path and --ref select a repository's manifests; they cannot be combined with paths");
      }
      if (repoMode && explicit("policyDir")) throw new UsageError("--policy-dir is for validating paths; in a repository, drydock.yaml's policy.dir names the folder");
      const report = repoMode
        ? (
            await validateRevision({
            repo: options.repo ?? ctx.cwd,
            ref: options.ref ?? "HEAD",
            path: options.path,
            stateDir: (root) => stateDirFor(root, { flag: options.state, env: ctx.env, cwd: ctx.cwd }),
            overrides: explicitSettings(options, explicit),
            parallelism: options.workers,
            drydockVersion: ctx.version,
            policy: { enabled: options.policies, exemptions: options.exemptions },
          })
          ).report
        : await runValidate({
            paths: paths.length > 0 ? paths : ["."],
            cwd: ctx.cwd,
            parallelism: options.workers,
            stdin: ctx.readStdin,
            policy: options.policies ? await folderPolicies(options, ctx) : undefined,
            settings: {
              strict: options.strict,
              kubeVersion: options.kubeVersion ?? DEFAULT_KUBE_VERSION,
              skipUnknown: options.skipUnknown,
              schemaDirs: options.schemaDir,
              skipKinds: options.skip,
              rejectKinds: options.reject,
              defaultNamespace: options.defaultNamespace,
              maxFileBytes: options.maxFileSize,
            },
          });
      ctx.stdout.write(renderValidateReport(report, options.output, { color: ctx.color(options.color), version: ctx.version }));
      const { errors, warnings } = report.summary;
      ctx.exitCode = errors > 0 || (options.failOnWarning && warnings > 0) ? EXIT.FAILED : EXIT.OK;
    });
}

/** Outside a repository: the default rules, and the TypeScript policies of --policy-dir. */
async function folderPolicies(options: ValidateOptions, ctx: CliContext): Promise<PolicyStageOptions> {
  if (options.policyDir && !existsSync(resolve(ctx.cwd, options.policyDir))) throw new UsageError(`--policy-dir ${options.policyDir} does not exist`);
  const files = options.policyDir ? policyFilesInFolder(resolve(ctx.cwd, options.policyDir), ctx.cwd).policies : [];
  return loadPolicyStage({ section: DEFAULT_CONFIG.policy, files, exemptions: options.exemptions, drydockVersion: ctx.version });
}

const DEFAULT_KUBE_VERSION: KubeVersion = { major: 1, minor: 30 };

/** Only the settings given on the command line, so drydock.yaml supplies the rest. */
function explicitSettings(options: ValidateOptions, explicit: (name: string) => boolean): Partial<ValidateSettings> {
  const out: Partial<ValidateSettings> = {};
  if (explicit("strict")) out.strict = options.strict;
  if (explicit("kubeVersion") && options.kubeVersion) out.kubeVersion = options.kubeVersion;
  if (explicit("schemaDir")) out.schemaDirs = options.schemaDir;
  if (explicit("skipUnknown")) out.skipUnknown = options.skipUnknown;
  if (explicit("skip")) out.skipKinds = options.skip;
  if (explicit("reject")) out.rejectKinds = options.reject;
  if (explicit("defaultNamespace")) out.defaultNamespace = options.defaultNamespace;
  if (explicit("maxFileSize")) out.maxFileBytes = options.maxFileSize;
  return out;
}

async function insideRepository(cwd: string): Promise<boolean> {
  try {
    await openRepository(cwd);
    return true;
  } catch {
    return false;
  }
}

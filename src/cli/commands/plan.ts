// `drydock plan`: the validated manifests (git at --ref, a folder outside git, or -f files) against the saved cluster and
// drydock's inventory, rendered as text, JSON or Markdown. Exit 0, or with --detailed-exitcode
// 0 (no changes) / 2 (changes); 1 when the manifests have errors (shown as validate shows them).
import { Option, type Command } from "commander";
import { loadDesiredSource, planSource, type LoadedSource } from "../../engine/desired-state.js";
import { readInventory } from "../../engine/inventory.js";
import { locateLiveCluster, readLiveCluster, type LiveClusterLocation } from "../../engine/live-cluster.js";
import type { Finding } from "../../findings/finding.js";
import { exitCodeFor, renderPlanJson, renderPlanMarkdown, renderPlanText, type Plan } from "../../planner/index.js";
import type { CliContext } from "../cli-context.js";
import { EXIT, UsageError } from "../exit-codes.js";
import { collect } from "../option-parsers.js";
import { renderValidateReport } from "../output/validate-output.js";
import { findingLines } from "../output/validate-text.js";
import { painter } from "../terminal-style.js";

export const PLAN_FORMATS = ["text", "json", "markdown"] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export interface SourceOptions {
  repo?: string;
  path?: string;
  ref: string;
  state?: string;
  filename: string[];
  /** -n: the namespace of objects that name none, with -f or outside a repository. */
  namespace?: string;
  color: boolean;
}

interface PlanOptions extends SourceOptions {
  output: PlanFormat;
  detailedExitcode: boolean;
}

export function addSourceOptions(command: Command): Command {
  return command
    .option("--repo <dir>", "the repository (default: the one holding the current folder)")
    .option("--path <subdir>", "manifests folder inside the repository (default: drydock.yaml's source.path, else the root)")
    .option("--ref <rev>", "revision to plan: branch, tag, SHA, REV~N, or WORKTREE for uncommitted files", "HEAD")
    .option("--state <dir>", "state folder holding the cluster (default: .drydock/ at the repository root, or DRYDOCK_STATE)")
    .option("-f, --filename <path>", "manifest files or folders instead of the repository (repeatable); nothing is pruned", collect, [])
    .option("-n, --namespace <namespace>", "namespace of objects that name none (with -f, or outside a git repository)")
    .option("--no-color", "plain text output (also NO_COLOR)");
}

export function registerPlan(program: Command, ctx: CliContext): void {
  const command = program
    .command("plan")
    .description("show what an apply would change in the cluster: desired (git) against live")
    .addOption(new Option("-o, --output <format>", "plan format").choices(PLAN_FORMATS).default("text"))
    .option("--detailed-exitcode", "exit 2 when there are changes, 0 when there are none", false);
  addSourceOptions(command);
  command.action(async (options: PlanOptions, cmd: Command) => {
    checkSourceOptions(options, cmd);
    const planned = await planFromSource(ctx, options);
    if (!planned) return;
    ctx.stdout.write(renderPlan(planned.plan, options.output));
    ctx.exitCode = exitCodeFor(planned.plan, { detailed: options.detailedExitcode });
  });
}

/** -f names the desired state itself: a revision to read it from makes no sense with it. */
export function checkSourceOptions(options: SourceOptions, cmd: Command): void {
  if (options.filename.length > 0 && cmd.getOptionValueSource("ref") === "cli") throw new UsageError("--ref reads the repository and cannot be combined with -f");
}

export function renderPlan(plan: Plan, format: PlanFormat): string {
  return format === "json" ? renderPlanJson(plan) : format === "markdown" ? renderPlanMarkdown(plan) : renderPlanText(plan);
}

export interface SourcePlan {
  plan: Plan;
  source: LoadedSource;
  location: LiveClusterLocation;
}

/** Validates and plans against the saved cluster; on errors prints the findings, sets exit 1 and returns undefined. */
export async function planFromSource(ctx: CliContext, options: SourceOptions): Promise<SourcePlan | undefined> {
  const source = await loadSource(ctx, options);
  if (!source) return undefined;
  const location = await locateLiveCluster({ cwd: ctx.cwd, env: ctx.env, repo: options.repo, state: options.state });
  const cluster = readLiveCluster(location);
  try {
    const { plan, findings } = planSource(source, cluster.store, readInventory(location.stateDir));
    if (!reportPlanFindings(ctx, findings, options.color)) return undefined;
    return { plan, source, location };
  } finally {
    cluster.stop();
  }
}

export async function loadSource(ctx: CliContext, options: SourceOptions): Promise<LoadedSource | undefined> {
  const source = await loadDesiredSource({
    cwd: ctx.cwd,
    env: ctx.env,
    repo: options.repo,
    path: options.path,
    ref: options.ref,
    state: options.state,
    files: options.filename,
    defaultNamespace: options.namespace,
    version: ctx.version,
    stdin: ctx.readStdin,
  });
  if (!source.ok) {
    ctx.stderr.write(renderValidateReport(source.report, "text", { color: ctx.color(options.color), version: ctx.version }));
    ctx.stderr.write("error: the manifests have errors; nothing was planned or applied\n");
    ctx.exitCode = EXIT.FAILED;
    return undefined;
  }
  // Warnings do not block a plan, but they are not dropped either.
  const { warnings } = source.report.summary;
  if (warnings > 0) {
    const validate = source.kind === "files" ? `drydock validate ${options.filename.join(" ")}` : "drydock validate";
    ctx.stderr.write(`note: the manifests have ${warnings} warning${warnings === 1 ? "" : "s"}; ${validate} lists them\n`);
  }
  return source;
}

/** Planner findings (bad sync waves, duplicates): errors block, like validation errors. */
export function reportPlanFindings(ctx: CliContext, findings: readonly Finding[], color: boolean): boolean {
  const paint = painter(ctx.color(color));
  for (const f of findings) ctx.stderr.write(`${findingLines(f, paint).join("\n")}\n`);
  if (findings.some((f) => f.severity === "error")) {
    ctx.exitCode = EXIT.FAILED;
    return false;
  }
  return true;
}

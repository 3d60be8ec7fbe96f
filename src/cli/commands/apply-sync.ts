// `drydock apply`: validate the desired state (the repository at --ref, a folder outside git, or -f
// files), plan against the saved cluster and the inventory, show the plan (stdout), confirm (a
// terminal) or --yes when it changes something, then apply it wave by wave under the state lock,
// waiting in simulated time for each wave, and at the end for everything desired, to be healthy.
// stdout: the plan, then one kubectl-style line per object (`deployment.apps/web -n shop created`).
// stderr: progress while waiting and the reason of a failure. The inventory and the sync history
// in the state dir are updated. Exit 0 healthy, 1 failed/degraded/invalid, 2 usage.
import { createInterface } from "node:readline/promises";
import { applyPlan } from "../../engine/apply-plan.js";
import { readInventory, updatedInventory, writeInventory } from "../../engine/inventory.js";
import { changeLiveCluster, locateLiveCluster } from "../../engine/live-cluster.js";
import { planSource, type LoadedSource } from "../../engine/desired-state.js";
import { appendHistory } from "../../engine/sync-history.js";
import { formatTimestamp } from "../../runtime/clock/timestamps.js";
import { formatResourceKey } from "../../manifests/resource-key.js";
import { hasChanges, renderPlanText } from "../../planner/index.js";
import type { CliContext } from "../cli-context.js";
import { EXIT, UsageError } from "../exit-codes.js";
import { loadSource, planFromSource, reportPlanFindings, type SourceOptions } from "./plan.js";

export interface DesiredApplyOptions extends SourceOptions {
  yes: boolean;
}

export async function applyDesired(ctx: CliContext, options: DesiredApplyOptions, timeoutMs: number): Promise<void> {
  const preview = options.yes ? undefined : await previewAndConfirm(ctx, options);
  if (preview === null) return;
  const source = preview?.source ?? (await loadSource(ctx, options));
  if (!source) return;
  const location = await locateLiveCluster({ cwd: ctx.cwd, env: ctx.env, repo: options.repo, state: options.state });
  await changeLiveCluster(location, (cluster) => {
    const inventory = readInventory(location.stateDir);
    const { plan, findings, desired } = planSource(source, cluster.store, inventory);
    if (!reportPlanFindings(ctx, findings, options.color)) return;
    const text = renderPlanText(plan);
    if (preview === undefined) ctx.stdout.write(text);
    else if (text !== preview.text) {
      ctx.stderr.write("error: the cluster changed since the plan was shown; nothing was applied. Run apply again.\n");
      ctx.exitCode = EXIT.FAILED;
      return;
    }
    const report = applyPlan({ cluster, plan, desired, inventory, timeoutMs, ignoreDifferences: source.config.sync.ignoreDifferences, progress: (line) => ctx.stderr.write(`${line}\n`) });
    if (report.results.length > 0) ctx.stdout.write("\n");
    for (const r of report.results) ctx.stdout.write(`${formatResourceKey(r.key)} ${r.result}\n`);
    for (const failure of report.failures) ctx.stderr.write(`${failure}\n`);
    writeInventory(location.stateDir, updatedInventory(inventory, report.applied, report.removed));
    appendHistory(location.stateDir, {
      revision: source.revision,
      subject: source.kind === "files" ? `-f ${options.filename.join(" ")}` : (source.commit?.message.split("\n")[0] ?? ""),
      startedAt: formatTimestamp(report.startedAt),
      durationMs: report.endedAt - report.startedAt,
      result: report.ok ? "Succeeded" : "Failed",
      health: report.health,
      summary: plan.summary,
      ...(report.failures.length > 0 ? { message: report.failures[0] } : {}),
    });
    if (!report.ok) {
      ctx.stderr.write(`error: apply failed: ${report.failures.length} resource${report.failures.length === 1 ? "" : "s"} not healthy\n`);
      ctx.exitCode = EXIT.FAILED;
    } else {
      ctx.stdout.write(`Apply complete: ${plan.summary.create} created, ${plan.summary.update} updated, ${plan.summary.delete} deleted. Health: ${report.health}.\n`);
    }
  });
}

/** Shows the plan and asks for confirmation when it changes something; null when the apply must stop. */
async function previewAndConfirm(ctx: CliContext, options: DesiredApplyOptions): Promise<{ source: LoadedSource; text: string } | null> {
  const preview = await planFromSource(ctx, options);
  if (!preview) return null;
  const text = renderPlanText(preview.plan);
  ctx.stdout.write(text);
  // With nothing to change there is nothing to confirm: the apply waits for health and records the sync.
  if (hasChanges(preview.plan.summary)) {
    if (process.stdin.isTTY !== true) throw new UsageError("apply needs --yes when there is no terminal to confirm on; nothing was applied");
    if (!(await confirm("Apply these changes? (yes/no) "))) {
      ctx.stderr.write("Apply cancelled.\n");
      ctx.exitCode = EXIT.FAILED;
      return null;
    }
  }
  return { source: preview.source, text };
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(question);
    return answer.trim().toLowerCase() === "yes";
  } finally {
    rl.close();
  }
}

// `drydock apply` in a git repository: validate the manifests at --ref, plan against the saved
// cluster and the inventory, show the plan (stdout), confirm (a terminal) or --yes, then apply it
// wave by wave under the state lock, waiting in simulated time for each wave to be healthy.
// stdout: the plan, then one kubectl-style line per object (`deployment.apps/web -n shop created`).
// stderr: progress while waiting and the reason of a failure. The inventory and the sync history
// in the state dir are updated. Exit 0 healthy, 1 failed/degraded/invalid, 2 usage.
import { createInterface } from "node:readline/promises";
import { applyPlan } from "../../engine/apply-plan.js";
import { readInventory, updatedInventory, writeInventory } from "../../engine/inventory.js";
import { changeLiveCluster, locateLiveCluster } from "../../engine/live-cluster.js";
import { planAgainstStore } from "../../engine/plan-engine.js";
import { appendHistory } from "../../engine/sync-history.js";
import { formatTimestamp } from "../../runtime/clock/timestamps.js";
import { formatResourceKey } from "../../manifests/resource-key.js";
import { hasChanges, renderPlanText } from "../../planner/index.js";
import type { CliContext } from "../cli-context.js";
import { EXIT, UsageError } from "../exit-codes.js";
import { loadSource, planFromSource, reportPlanFindings, type SourceOptions } from "./plan.js";

export interface RepositoryApplyOptions extends SourceOptions {
  yes: boolean;
}

export async function applyRepository(ctx: CliContext, options: RepositoryApplyOptions, timeoutMs: number, namespace: string | undefined): Promise<void> {
  if (namespace !== undefined) throw new UsageError("-n does not apply to a repository: manifests name their namespace, or drydock.yaml's validation.defaultNamespace is used");
  let shown: string | undefined;
  if (!options.yes) {
    const preview = await planFromSource(ctx, options);
    if (!preview) return;
    shown = renderPlanText(preview.plan);
    ctx.stdout.write(shown);
    if (!hasChanges(preview.plan.summary)) return;
    if (process.stdin.isTTY !== true) {
      throw new UsageError("apply needs --yes when there is no terminal to confirm on; nothing was applied");
    }
    if (!(await confirm("Apply these changes? (yes/no) "))) {
      ctx.stderr.write("Apply cancelled.\n");
      ctx.exitCode = EXIT.FAILED;
      return;
    }
  }
  const source = await loadSource(ctx, options);
  if (!source) return;
  const location = await locateLiveCluster({ cwd: ctx.cwd, env: ctx.env, repo: options.repo, state: options.state });
  await changeLiveCluster(location, (cluster) => {
    const inventory = readInventory(location.stateDir);
    const { plan, findings, desired } = planAgainstStore(source.files, cluster.store, inventory, source.config, source.revision);
    if (!reportPlanFindings(ctx, findings)) return;
    const text = renderPlanText(plan);
    if (shown === undefined) ctx.stdout.write(text);
    else if (text !== shown) {
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
      subject: source.commit?.message.split("\n")[0] ?? "",
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

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(question);
    return answer.trim().toLowerCase() === "yes";
  } finally {
    rl.close();
  }
}

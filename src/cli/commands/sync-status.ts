// `drydock status` and `drydock history`: where the cluster stands against git (Synced/OutOfSync
// from a plan, overall health of what drydock applied, the last sync) and the sync history from the
// state dir. Text for people, -o json for machines.
import { Option, type Command } from "commander";
import { readInventory } from "../../engine/inventory.js";
import { readLiveCluster } from "../../engine/live-cluster.js";
import { readHistory, type SyncRecord } from "../../engine/sync-history.js";
import { healthOf, worstHealth } from "../../health/index.js";
import { locateLiveCluster } from "../../engine/live-cluster.js";
import { shortRevision } from "../../git/revisions.js";
import { loadDesiredSource, planSource } from "../../engine/desired-state.js";
import { FILES_REVISION } from "../../engine/plan-engine.js";
import { formatDuration } from "../../runtime/clock/duration.js";
import type { CliContext } from "../cli-context.js";

const FORMATS = ["text", "json"] as const;

interface StatusOptions {
  repo?: string;
  path?: string;
  ref: string;
  state?: string;
  output: (typeof FORMATS)[number];
}

export function registerStatus(program: Command, ctx: CliContext): void {
  program
    .command("status")
    .description("sync status (Synced/OutOfSync against git), health of what drydock applied, and the last sync")
    .option("--repo <dir>", "the repository (default: the one holding the current folder)")
    .option("--path <subdir>", "manifests folder inside the repository")
    .option("--ref <rev>", "revision to compare with: branch, tag, SHA, REV~N, or WORKTREE", "HEAD")
    .option("--state <dir>", "state folder (default: .drydock/ at the repository root, or DRYDOCK_STATE)")
    .addOption(new Option("-o, --output <format>", "output format").choices(FORMATS).default("text"))
    .option("--no-color", "plain text output (also NO_COLOR)")
    .action(async (options: StatusOptions) => {
      const location = await locateLiveCluster({ cwd: ctx.cwd, env: ctx.env, repo: options.repo, state: options.state });
      const source = await loadDesiredSource({ cwd: ctx.cwd, env: ctx.env, repo: options.repo, path: options.path, ref: options.ref, state: options.state, files: [], version: ctx.version });
      const inventory = readInventory(location.stateDir);
      const history = readHistory(location.stateDir);
      const last = history.at(-1);
      const cluster = readLiveCluster(location);
      let sync: { status: "Synced" | "OutOfSync" | "Unknown"; differences: number; message?: string };
      let health;
      try {
        if (source.ok) {
          const { plan } = planSource(source, cluster.store, inventory);
          const differences = plan.summary.create + plan.summary.update + plan.summary.delete;
          sync = { status: differences === 0 ? "Synced" : "OutOfSync", differences };
        } else {
          sync = { status: "Unknown", differences: 0, message: `the manifests have ${source.report.summary.errors} error(s); run drydock validate` };
        }
        health = inventory.length === 0 ? "Missing" : worstHealth(inventory.map((e) => healthOf(cluster.store.get({ group: e.key.group, kind: e.key.kind, namespace: e.key.namespace, name: e.key.name })).status));
      } finally {
        cluster.stop();
      }
      const revision = source.ok ? source.revision : (source.report.summary.revision ?? options.ref);
      const subject = source.ok ? (source.commit?.message.split("\n")[0] ?? "") : "";
      // The desired state last applied whole; a later `apply -f` of some files shows as the last sync.
      const applied = [...history].reverse().find((r) => r.result === "Succeeded" && r.revision !== FILES_REVISION)?.revision;
      if (options.output === "json") {
        ctx.stdout.write(`${JSON.stringify({ revision, subject, appliedRevision: applied ?? null, sync, health, lastSync: last ?? null }, null, 2)}\n`);
        return;
      }
      const lines = [
        `Revision:   ${shortRevision(revision)}${subject ? `  ${subject}` : ""}`,
        `Applied:    ${applied ? shortRevision(applied) : "(never)"}`,
        `Sync:       ${sync.status}${sync.status === "OutOfSync" ? ` (${sync.differences} resource${sync.differences === 1 ? "" : "s"} differ)` : ""}${sync.message ? ` (${sync.message})` : ""}`,
        `Health:     ${health}`,
        `Last sync:  ${last ? `${last.result} at ${last.startedAt} (${shortRevision(last.revision)}, took ${formatDuration(last.durationMs)})${last.message ? `: ${last.message}` : ""}` : "(never)"}`,
      ];
      ctx.stdout.write(`${lines.join("\n")}\n`);
    });
}

interface HistoryOptions {
  repo?: string;
  state?: string;
  output: (typeof FORMATS)[number];
}

export function registerHistory(program: Command, ctx: CliContext): void {
  program
    .command("history")
    .description("sync history, oldest first: revision, commit subject, time, result, duration (simulated)")
    .option("--repo <dir>", "the repository (default: the one holding the current folder)")
    .option("--state <dir>", "state folder (default: .drydock/ at the repository root, or DRYDOCK_STATE)")
    .addOption(new Option("-o, --output <format>", "output format").choices(FORMATS).default("text"))
    .option("--no-color", "plain text output (also NO_COLOR)")
    .action(async (options: HistoryOptions) => {
      const location = await locateLiveCluster({ cwd: ctx.cwd, env: ctx.env, repo: options.repo, state: options.state });
      const history = readHistory(location.stateDir);
      if (options.output === "json") {
        ctx.stdout.write(`${JSON.stringify(history, null, 2)}\n`);
        return;
      }
      if (history.length === 0) {
        ctx.stdout.write("No syncs yet.\n");
        return;
      }
      ctx.stdout.write(historyTable(history));
    });
}

export function historyTable(history: readonly SyncRecord[]): string {
  const rows = [
    ["REVISION", "SUBJECT", "TIME", "RESULT", "DURATION", "HEALTH"],
    ...history.map((r) => [shortRevision(r.revision), r.subject || "-", r.startedAt, r.result, formatDuration(r.durationMs), r.health]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] + 3))).join("")).join("\n") + "\n";
}

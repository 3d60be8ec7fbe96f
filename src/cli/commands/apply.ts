// `drydock apply`: plan, confirm on a terminal (or --yes), apply wave by wave, wait until healthy
// (apply-sync.ts). The desired state is the repository at --ref, a folder outside git as its
// drydock.yaml selects it, or the files of -f (which prune nothing).
import type { Command } from "commander";
import { parseDuration } from "../../runtime/clock/duration.js";
import type { CliContext } from "../cli-context.js";
import { UsageError } from "../exit-codes.js";
import { applyDesired } from "./apply-sync.js";
import { addSourceOptions, checkSourceOptions, type SourceOptions } from "./plan.js";

interface ApplyOptions extends SourceOptions {
  yes: boolean;
  timeout: string;
}

export function registerApply(program: Command, ctx: CliContext): void {
  const command = program
    .command("apply")
    .description("apply the plan wave by wave, then wait in simulated time until everything desired is healthy")
    .option("--yes", "apply without asking (required when there is no terminal to confirm on)", false)
    .option("--timeout <duration>", "simulated time to wait for health at most", "10m");
  addSourceOptions(command);
  command.action(async (options: ApplyOptions, cmd: Command) => {
    const timeout = parseDuration(options.timeout);
    if (!timeout.ok) throw new UsageError(`--timeout: ${timeout.message}`);
    checkSourceOptions(options, cmd);
    await applyDesired(ctx, { ...options, color: options.color !== false }, timeout.ms);
  });
}

// `drydock advance DURATION`: move the simulated clock forward and run everything that falls due on
// the way — rollouts, back-offs, node heartbeats, evictions, event expiry.
import type { Command } from "commander";
import { changeLiveCluster } from "../../engine/live-cluster.js";
import { formatDuration, parseDuration } from "../../runtime/clock/duration.js";
import { formatTimestamp } from "../../runtime/clock/timestamps.js";
import type { CliContext } from "../cli-context.js";
import { UsageError } from "../exit-codes.js";
import { addLiveOptions, locate, type LiveOptions } from "../output/kube/live-command.js";

export function registerAdvance(program: Command, ctx: CliContext): void {
  const command = program
    .command("advance")
    .description("move simulated time forward (30s, 5m, 1h30m) and run everything that falls due")
    .argument("<duration>", "how far: a Go duration such as 30s, 5m, 2h or 1h30m");
  addLiveOptions(command, { namespace: false });
  command.action(async (text: string, options: LiveOptions) => {
    const duration = parseDuration(text);
    if (!duration.ok) throw new UsageError(duration.message);
    if (duration.ms < 0) throw new UsageError(`simulated time only moves forward; ${JSON.stringify(text)} is negative`);
    const now = await changeLiveCluster(await locate(ctx, options), (cluster) => {
      cluster.clock.advance(duration.ms);
      return cluster.clock.now();
    });
    ctx.stdout.write(`advanced ${formatDuration(duration.ms)} to ${formatTimestamp(now)}\n`);
  });
}

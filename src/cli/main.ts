// The `drydock` command line: parses arguments, runs one command, returns the exit code.
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { CliContext, type CliStreams } from "./cli-context.js";
import { registerAdvance } from "./commands/advance.js";
import { registerApply } from "./commands/apply.js";
import { registerPlan } from "./commands/plan.js";
import { registerHistory, registerStatus } from "./commands/sync-status.js";
import { registerDelete } from "./commands/delete.js";
import { registerDescribe } from "./commands/describe.js";
import { registerEvents } from "./commands/events.js";
import { registerGet } from "./commands/get.js";
import { registerInit } from "./commands/init.js";
import { registerNode } from "./commands/node.js";
import { registerPatch } from "./commands/patch.js";
import { registerRollout } from "./commands/rollout.js";
import { registerScale } from "./commands/scale.js";
import { registerPolicy } from "./commands/policy.js";
import { registerValidate } from "./commands/validate.js";
import { EXIT } from "./exit-codes.js";
import { isUserError } from "./user-errors.js";

const PACKAGE = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

export interface MainOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  streams: CliStreams;
}

export async function main(argv: readonly string[], options: MainOptions): Promise<number> {
  const ctx = new CliContext(options.streams, options.cwd, options.env, PACKAGE.version);
  const program = new Command()
    .name("drydock")
    .description("GitOps reconciler and policy checker for Kubernetes manifests, with a simulated cluster")
    .version(PACKAGE.version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) })
    .showSuggestionAfterError(true);
  registerValidate(program, ctx);
  registerPolicy(program, ctx);
  registerInit(program, ctx);
  registerPlan(program, ctx);
  registerApply(program, ctx);
  registerStatus(program, ctx);
  registerHistory(program, ctx);
  registerGet(program, ctx);
  registerDescribe(program, ctx);
  registerEvents(program, ctx);
  registerRollout(program, ctx);
  registerScale(program, ctx);
  registerPatch(program, ctx);
  registerDelete(program, ctx);
  registerNode(program, ctx);
  registerAdvance(program, ctx);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end "successfully"; every other parse failure is a usage error.
      return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (isUserError(error)) {
      ctx.stderr.write(`drydock: ${error.message}\n`);
      return EXIT.USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    ctx.stderr.write(`drydock: internal error: ${message}\n`);
    if (options.env.DRYDOCK_DEBUG && error instanceof Error) ctx.stderr.write(`${error.stack ?? ""}\n`);
    return EXIT.USAGE;
  }
}

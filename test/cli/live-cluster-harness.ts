// Runs the live-cluster commands in this process, wired as src/cli/main.ts wires every command, so
// their tests need neither a build nor the lead's registration in main.ts.
import { Command, CommanderError } from "commander";
import { CliContext } from "../../src/cli/cli-context.js";
import { registerAdvance } from "../../src/cli/commands/advance.js";
import { registerApply } from "../../src/cli/commands/apply.js";
import { registerDelete } from "../../src/cli/commands/delete.js";
import { registerDescribe } from "../../src/cli/commands/describe.js";
import { registerEvents } from "../../src/cli/commands/events.js";
import { registerGet } from "../../src/cli/commands/get.js";
import { registerNode } from "../../src/cli/commands/node.js";
import { registerPatch } from "../../src/cli/commands/patch.js";
import { registerScale } from "../../src/cli/commands/scale.js";
import { EXIT } from "../../src/cli/exit-codes.js";
import { isUserError } from "../../src/cli/user-errors.js";

export interface LiveRun {
  status: number;
  stdout: string;
  stderr: string;
}

export async function runLive(argv: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<LiveRun> {
  let stdout = "";
  let stderr = "";
  const ctx = new CliContext(
    { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } },
    options.cwd,
    { NO_COLOR: "1", ...options.env },
    "0.0.0-test",
  );
  const program = new Command()
    .name("drydock")
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) });
  for (const register of [registerGet, registerDescribe, registerEvents, registerScale, registerPatch, registerDelete, registerNode, registerAdvance, registerApply]) register(program, ctx);
  let status: number;
  try {
    await program.parseAsync(argv, { from: "user" });
    status = ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) status = error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    else if (isUserError(error)) {
      ctx.stderr.write(`drydock: ${error.message}\n`);
      status = EXIT.USAGE;
    } else throw error;
  }
  return { status, stdout, stderr };
}

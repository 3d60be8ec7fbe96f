// `drydock init [DIR]`: a new repository to start from.
import { resolve } from "node:path";
import type { Command } from "commander";
import { initRepository } from "../../engine/init-repository.js";
import { authorFromEnv } from "../../git/new-repository.js";
import type { CliContext } from "../cli-context.js";

export function registerInit(program: Command, ctx: CliContext): void {
  program
    .command("init")
    .description("create a repository with drydock.yaml, example manifests, an example policy with tests, and a first commit")
    .argument("[dir]", "folder to create (empty or new)", ".")
    .action(async (dir: string) => {
      const result = await initRepository(resolve(ctx.cwd, dir), { author: authorFromEnv(ctx.env), now: new Date() });
      ctx.stdout.write(
        [
          `Created a drydock repository in ${result.dir} (commit ${result.commit.slice(0, 7)}):`,
          ...result.files.map((f) => `  ${f}`),
          "",
          "Next:",
          `  cd ${dir}`,
          "  drydock validate          # schemas and policies at HEAD",
          "  drydock policy test       # the example policy's test cases",
          "",
        ].join("\n"),
      );
    });
}

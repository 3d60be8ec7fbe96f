// `drydock validate [PATH…]`: schema and API checks of files and folders.
import { Option, type Command } from "commander";
import { runValidate } from "../../engine/validate-run.js";
import { DEFAULT_MAX_FILE_BYTES } from "../../manifests/file-content.js";
import { parseKubeVersion, type KubeVersion } from "../../validate/api-lifecycle.js";
import type { CliContext } from "../cli-context.js";
import { EXIT } from "../exit-codes.js";
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
  workers: number | "auto";
  color: boolean;
}

export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command("validate")
    .description("check manifests against strict Kubernetes schemas and what the API server would reject")
    .argument("[paths...]", "files and folders to validate, - for standard input (default: the current folder)")
    .addOption(new Option("-o, --output <format>", "report format").choices(VALIDATE_FORMATS).default("text"))
    .option("--no-strict", "allow fields the schema does not define; duplicate keys only warn")
    .option("--kube-version <version>", "Kubernetes version to judge apiVersions against", parseVersion, parseKubeVersion("1.30"))
    .option("--schema-dir <dir>", "extra JSON schemas in kubeconform's layout (repeatable)", collect, [])
    .option("--skip-unknown", "let kinds with no schema pass instead of failing", false)
    .option("--skip <kinds>", "kinds to leave out, as Kind or apiVersion/Kind (comma-separated, repeatable)", collectList, [])
    .option("--reject <kinds>", "kinds that must not appear (comma-separated, repeatable)", collectList, [])
    .option("--default-namespace <namespace>", "namespace of objects that do not name one", "default")
    .option("--max-file-size <size>", "largest file to read, e.g. 5MiB", parseByteSize, DEFAULT_MAX_FILE_BYTES)
    .option("--fail-on-warning", "exit 1 when there are warnings", false)
    .option("--workers <n>", "worker threads: a number, 0 for none, or auto", parseWorkers, "auto")
    .option("--no-color", "plain text output (also NO_COLOR)")
    .action(async (paths: string[], options: ValidateOptions) => {
      const report = await runValidate({
        paths: paths.length > 0 ? paths : ["."],
        cwd: ctx.cwd,
        parallelism: options.workers,
        stdin: ctx.readStdin,
        settings: {
          strict: options.strict,
          kubeVersion: options.kubeVersion,
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

// `drydock policy list` and `drydock policy test [DIR]`.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Option, type Command } from "commander";
import { openPolicyWorkspace, type PolicyWorkspace } from "../../engine/policy-workspace.js";
import { runPolicyTests } from "../../engine/run-policy-tests.js";
import { parseKubeVersion } from "../../validate/api-lifecycle.js";
import { listRules } from "../../policy/rule-listing.js";
import { DEFAULT_MAX_FILE_BYTES } from "../../manifests/file-content.js";
import type { CliContext } from "../cli-context.js";
import { EXIT } from "../exit-codes.js";
import { renderPolicyTests, renderRuleList, renderRuleListJson } from "../output/policy-output.js";
import { renderValidateText } from "../output/validate-text.js";

export function registerPolicy(program: Command, ctx: CliContext): void {
  const policy = program.command("policy").description("list policy rules, and run the test cases of TypeScript policies");

  policy
    .command("list")
    .description("every built-in rule and TypeScript policy, with its severity as drydock.yaml sets it")
    .addOption(new Option("-o, --output <format>", "report format").choices(["text", "json"]).default("text"))
    .option("--policy-dir <dir>", "folder of TypeScript policies (default: drydock.yaml's policy.dir, else policies)")
    .option("--no-color", "plain text output (also NO_COLOR)")
    .action(async (options: { output: "text" | "json"; policyDir?: string; color: boolean }) => {
      const workspace = await open(ctx, options.policyDir);
      if (reportConfigProblems(ctx, workspace, options.color)) return;
      const rules = listRules(workspace.stage.settings, workspace.stage.custom);
      ctx.stdout.write(options.output === "json" ? renderRuleListJson(rules) : renderRuleList(rules, { color: ctx.color(options.color) }));
      if (workspace.stage.findings.length > 0) {
        ctx.stderr.write(workspace.stage.findings.map((f) => `${f.file}:${f.line ?? 1}:${f.column ?? 1}: ${f.severity} [${f.rule}] ${f.message}\n`).join(""));
        ctx.exitCode = EXIT.FAILED;
      }
    });

  policy
    .command("test")
    .description("run the *.test.yaml cases beside the policies: each rule listed under pass must report nothing, each under fail something")
    .argument("[dir]", "the policy folder (default: drydock.yaml's policy.dir, else policies)")
    .option("--no-color", "plain text output (also NO_COLOR)")
    .action(async (dir: string | undefined, options: { color: boolean }) => {
      const workspace = await open(ctx, dir);
      if (reportConfigProblems(ctx, workspace, options.color)) return;
      const v = workspace.config.validation;
      const report = await runPolicyTests({
        files: workspace.files.tests,
        policy: workspace.stage,
        settings: {
          strict: v.strict,
          kubeVersion: parseKubeVersion(v.kubeVersion) ?? { major: 1, minor: 30 },
          skipUnknown: v.skipUnknown,
          schemaDirs: v.schemaDirs.map((d) => join(workspace.base, d)),
          skipKinds: v.skipKinds,
          rejectKinds: v.rejectKinds,
          defaultNamespace: v.defaultNamespace,
          maxFileBytes: DEFAULT_MAX_FILE_BYTES,
        },
        readFile: (display) => readFile(join(workspace.base, display)).then((b) => new Uint8Array(b), () => undefined),
      });
      if (report.cases.length === 0 && report.findings.length === 0) {
        ctx.stderr.write(`drydock: no policy test cases (*.test.yaml) in ${workspace.dir}\n`);
        ctx.exitCode = EXIT.FAILED;
        return;
      }
      ctx.stdout.write(renderPolicyTests(report, { color: ctx.color(options.color) }));
      ctx.exitCode = report.findings.length > 0 || report.cases.some((c) => !c.passed) ? EXIT.FAILED : EXIT.OK;
    });
}

function open(ctx: CliContext, dir: string | undefined): Promise<PolicyWorkspace> {
  return openPolicyWorkspace({ cwd: ctx.cwd, dir, exemptions: true, drydockVersion: ctx.version });
}

/** drydock.yaml's problems, reported as validate reports them; true when there were any. */
function reportConfigProblems(ctx: CliContext, workspace: PolicyWorkspace, color: boolean): boolean {
  const findings = workspace.configFindings;
  if (findings.length === 0) return false;
  const summary = { files: 1, resources: 0, errors: findings.length, warnings: 0, infos: 0, skipped: 0, exempted: 0 };
  ctx.stdout.write(renderValidateText({ summary, findings, exemptions: [], resources: [] }, { color: ctx.color(color) }));
  ctx.exitCode = EXIT.FAILED;
  return true;
}

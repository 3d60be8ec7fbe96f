// `drydock policy list` and `drydock policy test` reports.
import type { PolicyTestReport } from "../../engine/run-policy-tests.js";
import type { Finding } from "../../findings/finding.js";
import type { RuleListing } from "../../policy/rule-listing.js";
import { painter } from "../terminal-style.js";

export function renderRuleList(rules: readonly RuleListing[], options: { color: boolean }): string {
  const paint = painter(options.color);
  const rows = rules.map((r) => [r.rule, r.enabled ? r.severity : "off", r.category === "custom" ? `custom (${r.file})` : r.category, r.description]);
  const header = ["RULE", "SEVERITY", "CATEGORY", "DESCRIPTION"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ");
  const enabled = rules.filter((r) => r.enabled).length;
  return [paint("bold", line(header)), ...rows.map(line), "", `${enabled} of ${rules.length} rules run (opt-in rules are off until drydock.yaml's policy.enable names them)`].join("\n") + "\n";
}

export function renderRuleListJson(rules: readonly RuleListing[]): string {
  return JSON.stringify({ rules }, null, 2) + "\n";
}

export function renderPolicyTests(report: PolicyTestReport, options: { color: boolean }): string {
  const paint = painter(options.color);
  const out: string[] = report.findings.map((f) => findingLine(f));
  let file: string | undefined;
  for (const c of report.cases) {
    if (c.file !== file) {
      file = c.file;
      out.push(paint("bold", file));
    }
    out.push(c.passed ? `  ${paint("green", "✔")} ${c.name}` : `  ${paint("red", "✖")} ${c.name} ${paint("dim", `(line ${c.line})`)}`);
    for (const problem of c.problems) out.push(`      ${problem}`);
  }
  const failed = report.cases.filter((c) => !c.passed).length;
  const summary = `${report.cases.length - failed} passed, ${failed} failed${report.findings.length > 0 ? `, ${report.findings.length} ${report.findings.length === 1 ? "problem" : "problems"} in policy or test files` : ""}`;
  out.push("", failed > 0 || report.findings.length > 0 ? paint("red", `✖ ${summary}`) : paint("green", `✔ ${summary}`));
  return out.join("\n") + "\n";
}

function findingLine(f: Finding): string {
  const where = f.line !== undefined ? `${f.file}:${f.line}:${f.column ?? 1}` : f.file;
  return `${where}: ${f.severity} [${f.rule}] ${f.message}`;
}

// Compiler-style report: `file:line:col: severity [rule] message`, the source line with a caret under
// the span, the hint, then a summary.
import type { Finding } from "../../findings/finding.js";
import type { ValidateReport } from "../../engine/validate-run.js";
import { shortRevision } from "../../git/revisions.js";
import { painter, type Style } from "../terminal-style.js";

const SEVERITY_STYLE: Record<Finding["severity"], Style> = { error: "red", warning: "yellow", info: "cyan" };

export function renderValidateText(report: ValidateReport, options: { color: boolean }): string {
  const paint = painter(options.color);
  const out: string[] = [];
  for (const f of report.findings) out.push(...findingLines(f, paint));
  if (report.exemptions.length > 0) {
    if (report.findings.length > 0) out.push("");
    out.push(paint("dim", `exempted by ${plural(report.exemptions.length, "annotation")}:`));
    for (const f of report.exemptions) {
      const where = f.line !== undefined ? `${f.file}:${f.line}:${f.column ?? 1}` : f.file;
      out.push(paint("dim", `  ${where}: [${f.rule}] ${f.message}${f.reason ? ` (reason: ${f.reason})` : " (no reason given)"}`));
    }
  }
  if (report.findings.length > 0 || report.exemptions.length > 0) out.push("");
  out.push(summaryLine(report, paint));
  return out.join("\n") + "\n";
}

/** One finding as compiler-style lines: position, severity, rule and message; the source excerpt; the hint. */
export function findingLines(f: Finding, paint: Paint): string[] {
  const where = f.line !== undefined ? `${f.file}:${f.line}:${f.column ?? 1}` : f.file;
  const out = [`${paint("bold", `${where}:`)} ${paint(SEVERITY_STYLE[f.severity], f.severity)} ${paint("dim", `[${f.rule}]`)} ${f.message}`];
  if (f.snippet !== undefined && f.line !== undefined) out.push(...excerpt(f, paint));
  if (f.hint) out.push(`  ${paint("cyan", "hint:")} ${f.hint}`);
  if (f.origin) out.push(`  ${paint("dim", `rendered from ${f.origin}`)}`);
  return out;
}

type Paint = (s: Style, t: string) => string;

function excerpt(f: Finding, paint: (s: Style, t: string) => string): string[] {
  const number = String(f.line);
  const line = (f.snippet ?? "").replace(/\t/g, " ");
  const column = Math.max(1, f.column ?? 1);
  const end = f.endLine === f.line && f.endColumn !== undefined && f.endColumn > column ? f.endColumn : column + 1;
  const width = Math.max(1, Math.min(end, line.length + 1) - column);
  return [
    `  ${paint("dim", `${number} |`)} ${line}`,
    `  ${paint("dim", `${" ".repeat(number.length)} |`)} ${" ".repeat(column - 1)}${paint(SEVERITY_STYLE[f.severity], "^".repeat(width))}`,
  ];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function summaryLine(report: ValidateReport, paint: (s: Style, t: string) => string = (_s, t) => t): string {
  const { summary: s } = report;
  const counts = `${plural(s.errors, "error")}, ${plural(s.warnings, "warning")}`;
  const at = s.revision ? ` at ${shortRevision(s.revision)}` : "";
  const scope = `${plural(s.resources, "resource")} in ${plural(s.files, "file")}${at}${s.skipped > 0 ? `, ${s.skipped} skipped` : ""}${s.exempted > 0 ? `, ${s.exempted} exempted` : ""}`;
  return s.errors > 0 ? paint("red", `✖ ${counts} (${scope})`) : paint("green", `✔ ${counts} (${scope})`);
}

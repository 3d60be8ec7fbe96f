// GitHub Actions workflow commands: one annotation per finding, on its file, line and column.
import type { ValidateReport } from "../../engine/validate-run.js";
import { summaryLine } from "./validate-text.js";

const LEVEL = { error: "error", warning: "warning", info: "notice" } as const;

export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function renderValidateGithub(report: ValidateReport): string {
  const lines = report.findings.map((f) => {
    const props = [`file=${escapeProperty(f.file)}`];
    if (f.line !== undefined) {
      props.push(`line=${f.line}`);
      if (f.column !== undefined) props.push(`col=${f.column}`);
      if (f.endLine !== undefined) props.push(`endLine=${f.endLine}`);
      if (f.endColumn !== undefined && f.endLine === f.line) props.push(`endColumn=${f.endColumn}`);
    }
    props.push(`title=${escapeProperty(`drydock ${f.rule}`)}`);
    const message = f.hint ? `${f.message}\nhint: ${f.hint}` : f.message;
    return `::${LEVEL[f.severity]} ${props.join(",")}::${escapeData(message)}`;
  });
  lines.push(summaryLine(report));
  return lines.join("\n") + "\n";
}

import type { ValidateReport } from "../../engine/validate-run.js";

/** The machine interface: `{ summary: { files, resources, errors, warnings, … }, findings: [Finding…] }`. */
export function renderValidateJson(report: ValidateReport): string {
  return JSON.stringify({ summary: report.summary, findings: report.findings }, null, 2) + "\n";
}

import type { ValidateReport } from "../../engine/validate-run.js";

/**
 * The machine interface: `{ summary: { files, resources, errors, warnings, … }, findings: [Finding…] }`,
 * with `commit` (sha, author, date, message) when a commit was validated.
 */
export function renderValidateJson(report: ValidateReport): string {
  const commit = report.commit ? { commit: report.commit } : {};
  return JSON.stringify({ summary: report.summary, ...commit, findings: report.findings }, null, 2) + "\n";
}

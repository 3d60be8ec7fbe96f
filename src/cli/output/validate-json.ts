import type { ValidateReport } from "../../engine/validate-run.js";

/**
 * The machine interface: `{ summary: { files, resources, errors, warnings, … }, findings: [Finding…] }`,
 * with `commit` (sha, author, date, message) when a commit was validated, and `exemptions` (policy
 * findings that objects' annotations exempt, each with its `reason`) when there are any.
 */
export function renderValidateJson(report: ValidateReport): string {
  const commit = report.commit ? { commit: report.commit } : {};
  const exemptions = report.exemptions.length > 0 ? { exemptions: report.exemptions } : {};
  return JSON.stringify({ summary: report.summary, ...commit, findings: report.findings, ...exemptions }, null, 2) + "\n";
}

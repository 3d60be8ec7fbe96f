import type { ValidateReport } from "../../engine/validate-run.js";
import { renderValidateGithub } from "./validate-github.js";
import { renderValidateJson } from "./validate-json.js";
import { renderValidateJunit } from "./validate-junit.js";
import { renderValidateSarif } from "./validate-sarif.js";
import { renderValidateText } from "./validate-text.js";

export const VALIDATE_FORMATS = ["text", "json", "junit", "sarif", "github"] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

export function renderValidateReport(report: ValidateReport, format: ValidateFormat, options: { color: boolean; version: string }): string {
  switch (format) {
    case "text":
      return renderValidateText(report, options);
    case "json":
      return renderValidateJson(report);
    case "junit":
      return renderValidateJunit(report);
    case "sarif":
      return renderValidateSarif(report, options);
    case "github":
      return renderValidateGithub(report);
    default:
      return format satisfies never;
  }
}

// SARIF 2.1.0 for code-scanning dashboards. Regions are the real spans; a finding with no place in a
// file (an unreadable file, an empty input) has an artifact location and no region.
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import type { Finding } from "../../findings/finding.js";
import { allRules } from "../../findings/rule-catalog.js";
import type { ValidateReport } from "../../engine/validate-run.js";

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

export function renderValidateSarif(report: ValidateReport, options: { version: string }): string {
  const rules = allRules();
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "drydock",
            version: options.version,
            rules: rules.map((r) => ({ id: r.id, shortDescription: { text: r.description } })),
          },
        },
        results: [
          ...report.findings.map((f) => result(f, ruleIndex)),
          // Exempted findings stay visible to code scanning, as suppressed in source.
          ...report.exemptions.map((f) => ({ ...result(f, ruleIndex), suppressions: [{ kind: "inSource", ...(f.reason ? { justification: f.reason } : {}) }] })),
        ],
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}

function result(f: Finding, ruleIndex: ReadonlyMap<string, number>): Record<string, unknown> {
  return {
    ruleId: f.rule,
    ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
    level: LEVEL[f.severity],
    message: { text: f.hint ? `${f.message}\nhint: ${f.hint}` : f.message },
    locations: [{ physicalLocation: physicalLocation(f) }],
  };
}

function physicalLocation(f: Finding): Record<string, unknown> {
  const uri = isAbsolute(f.file) ? pathToFileURL(f.file).href : encodeURI(f.file);
  const location: Record<string, unknown> = { artifactLocation: { uri } };
  if (f.line !== undefined) {
    const region: Record<string, unknown> = { startLine: f.line, startColumn: f.column ?? 1 };
    if (f.endLine !== undefined) {
      region.endLine = f.endLine;
      if (f.endColumn !== undefined) region.endColumn = f.endColumn;
    }
    if (f.snippet !== undefined) region.snippet = { text: f.snippet };
    location.region = region;
  }
  return location;
}

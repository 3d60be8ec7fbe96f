// JUnit XML: a test suite per file, a test case per object (and one for problems outside any object),
// a failure per error. Warnings and infos go to system-out so they do not fail the build.
import type { Finding } from "../../findings/finding.js";
import type { ValidateReport } from "../../engine/validate-run.js";
import { escapeXml } from "./xml.js";

interface TestCase {
  name: string;
  findings: Finding[];
}

export function renderValidateJunit(report: ValidateReport): string {
  const suites = new Map<string, Map<string, TestCase>>();
  const suite = (file: string): Map<string, TestCase> => {
    let s = suites.get(file);
    if (!s) suites.set(file, (s = new Map()));
    return s;
  };
  for (const r of report.resources) suite(r.file).set(r.resource, { name: r.resource, findings: [] });
  for (const f of report.findings) {
    const name = f.resource ?? "file";
    const cases = suite(f.file);
    let testCase = cases.get(name);
    if (!testCase) cases.set(name, (testCase = { name, findings: [] }));
    testCase.findings.push(f);
  }
  let tests = 0;
  let failures = 0;
  const body: string[] = [];
  for (const file of [...suites.keys()].sort()) {
    const cases = [...suites.get(file)!.values()];
    const failed = cases.filter((c) => c.findings.some((f) => f.severity === "error")).length;
    tests += cases.length;
    failures += failed;
    body.push(`  <testsuite name="${escapeXml(file)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0">`);
    for (const c of cases) body.push(...testCaseXml(file, c));
    body.push("  </testsuite>");
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="drydock validate" tests="${tests}" failures="${failures}" errors="0">`,
    ...body,
    "</testsuites>",
    "",
  ].join("\n");
}

function testCaseXml(file: string, c: TestCase): string[] {
  const open = `    <testcase classname="${escapeXml(file)}" name="${escapeXml(c.name)}"`;
  if (c.findings.length === 0) return [`${open}/>`];
  const lines = [`${open}>`];
  for (const f of c.findings.filter((f) => f.severity === "error")) {
    lines.push(`      <failure type="${escapeXml(f.rule)}" message="${escapeXml(f.message)}">${escapeXml(describe(f))}</failure>`);
  }
  const notes = c.findings.filter((f) => f.severity !== "error");
  if (notes.length > 0) lines.push(`      <system-out>${escapeXml(notes.map((f) => `${f.severity}: ${describe(f)}`).join("\n"))}</system-out>`);
  lines.push("    </testcase>");
  return lines;
}

function describe(f: Finding): string {
  const where = f.line !== undefined ? `${f.file}:${f.line}:${f.column ?? 1}` : f.file;
  return `${where}: [${f.rule}] ${f.message}${f.hint ? ` (hint: ${f.hint})` : ""}`;
}

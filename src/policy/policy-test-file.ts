// Policy test cases: a YAML file beside a policy (`no-latest.test.yaml`) listing resources and the
// rules expected to pass or fail on them. Parsing is pure; src/engine runs the cases.
//
//   cases:
//     - name: a pinned image passes
//       resources: [ { apiVersion: apps/v1, kind: Deployment, ... } ]   # or file: fixtures/x.yaml
//       expect:
//         pass: [no-latest]
//         fail: [latest-tag]
import type { Finding } from "../findings/finding.js";
import type { FindingDraft } from "../findings/finding-draft.js";
import { isPlainObject } from "../manifests/extract-manifests.js";
import { decodeManifestBytes } from "../manifests/file-content.js";
import { SourceFile } from "../manifests/source-file.js";
import { bareRuleId } from "./policy-settings.js";

export const POLICY_TEST_SUFFIX = ".test.yaml";

export interface PolicyTestCase {
  name: string;
  /** Where the case starts in the test file. */
  line: number;
  /** The case's objects, or a file (relative to the test file) holding them. */
  input: { kind: "resources"; objects: unknown[] } | { kind: "file"; path: string };
  /** Rule ids (without `policy/`) that must report nothing, and that must report something. */
  pass: string[];
  fail: string[];
}

export type PolicyTestFile = { ok: true; cases: PolicyTestCase[] } | { ok: false; findings: Finding[] };

export function parsePolicyTestFile(display: string, bytes: Uint8Array): PolicyTestFile {
  const decoded = decodeManifestBytes(bytes, { maxBytes: 5 * 1024 * 1024 });
  if (!decoded.ok) return { ok: false, findings: [{ ...decoded.finding, file: display }] };
  const source = new SourceFile(display, decoded.text);
  const syntax = source.detailed.findings.filter((d) => d.severity === "error");
  if (syntax.length > 0) return { ok: false, findings: syntax.map((d) => source.position(d)) };
  const problems: FindingDraft[] = [];
  const problem = (pointer: string, message: string): void => {
    problems.push({ severity: "error", rule: "policy-test/invalid", message, location: { kind: "node", documentIndex: 0, pointer, target: "value" } });
  };
  const root = source.detailed.documents[0]?.value;
  const cases: PolicyTestCase[] = [];
  if (!isPlainObject(root) || !Array.isArray(root.cases)) {
    problem("", "a policy test file is a mapping with a list of cases under `cases`");
  } else {
    root.cases.forEach((item: unknown, i: number) => {
      const at = `/cases/${i}`;
      if (!isPlainObject(item)) return problem(at, "a case is a mapping with name, resources (or file) and expect");
      const name = typeof item.name === "string" && item.name !== "" ? item.name : `case ${i + 1}`;
      const expect = isPlainObject(item.expect) ? item.expect : undefined;
      const pass = ruleList(expect?.pass);
      const fail = ruleList(expect?.fail);
      if (!expect || !pass || !fail || pass.length + fail.length === 0) {
        return problem(`${at}/expect`, `case "${name}": expect lists rule ids under pass and/or fail`);
      }
      let input: PolicyTestCase["input"];
      if (Array.isArray(item.resources)) input = { kind: "resources", objects: item.resources };
      else if (typeof item.file === "string" && item.file !== "") input = { kind: "file", path: item.file };
      else return problem(at, `case "${name}" needs resources (a list of objects) or file (a manifest file beside the test)`);
      const line = source.position({ severity: "info", rule: "policy-test/invalid", message: "", location: { kind: "node", documentIndex: 0, pointer: at, target: "value" } }).line ?? 1;
      cases.push({ name, line, input, pass, fail });
    });
  }
  if (problems.length > 0) return { ok: false, findings: problems.map((d) => source.position(d)) };
  return { ok: true, cases };
}

function ruleList(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) return undefined;
  return value.map(bareRuleId);
}

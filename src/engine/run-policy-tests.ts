// `drydock policy test`: each case's objects go through the same pipeline as `validate` (parsing,
// schemas, policies), and the rules that reported are compared with what the case expects.
import { dirname, join } from "node:path";
import type { Finding } from "../findings/finding.js";
import { BUILTIN_RULES } from "../policy/builtin-catalog.js";
import { parsePolicyTestFile, type PolicyTestCase } from "../policy/policy-test-file.js";
import { POLICY_PREFIX } from "../policy/policy-settings.js";
import type { PolicyStageOptions } from "./policy-stage.js";
import type { ValidateSettings } from "./validate-batch.js";
import { validateFiles } from "./validate-run.js";

export interface PolicyTestSource {
  /** Shown to users, e.g. policies/no-latest.test.yaml. */
  display: string;
  bytes: Uint8Array;
}

export interface PolicyTestRequest {
  files: readonly PolicyTestSource[];
  policy: PolicyStageOptions;
  settings: ValidateSettings;
  /** Reads a file a case names, by its display path; undefined when there is none. */
  readFile: (display: string) => Promise<Uint8Array | undefined>;
}

export interface PolicyCaseResult {
  file: string;
  line: number;
  name: string;
  passed: boolean;
  /** Why it failed, one sentence each. */
  problems: string[];
}

export interface PolicyTestReport {
  cases: PolicyCaseResult[];
  /** Test files that could not be read as tests, and policies that did not load. */
  findings: Finding[];
}

export async function runPolicyTests(request: PolicyTestRequest): Promise<PolicyTestReport> {
  const findings: Finding[] = [...request.policy.findings];
  const cases: PolicyCaseResult[] = [];
  const known = new Set([...BUILTIN_RULES.map((r) => r.id), ...request.policy.custom.map((p) => p.id)]);
  // Loading problems are reported once, above the cases, not inside each one.
  const policy = { ...request.policy, findings: [] };
  for (const file of request.files) {
    const parsed = parsePolicyTestFile(file.display, file.bytes);
    if (!parsed.ok) {
      findings.push(...parsed.findings);
      continue;
    }
    for (const testCase of parsed.cases) {
      cases.push(await runCase(file.display, testCase, { ...request, policy }, known));
    }
  }
  return { cases, findings };
}

async function runCase(testFile: string, testCase: PolicyTestCase, request: PolicyTestRequest, known: ReadonlySet<string>): Promise<PolicyCaseResult> {
  const result = { file: testFile, line: testCase.line, name: testCase.name };
  const unknown = [...testCase.pass, ...testCase.fail].filter((id) => !id.includes("/") && !known.has(id));
  if (unknown.length > 0) return { ...result, passed: false, problems: unknown.map((id) => `no rule is called "${id}" (see drydock policy list)`) };

  let display: string;
  let content: Uint8Array | undefined;
  if (testCase.input.kind === "file") {
    display = join(dirname(testFile), testCase.input.path);
    content = await request.readFile(display);
    if (!content) return { ...result, passed: false, problems: [`${display} does not exist`] };
  } else {
    display = `${testFile} (case "${testCase.name}")`;
    content = new TextEncoder().encode(testCase.input.objects.map((o) => JSON.stringify(o)).join("\n---\n"));
  }
  const report = await validateFiles(
    { files: [{ path: display, display, content }], findings: [], inputs: [display] },
    { settings: request.settings, parallelism: 0, policy: request.policy },
  );
  const reported = (id: string): Finding[] => report.findings.filter((f) => f.rule === id || f.rule === POLICY_PREFIX + id);
  const problems: string[] = [];
  for (const id of testCase.fail) {
    if (reported(id).length === 0) problems.push(`expected ${id} to fail, and it passed`);
  }
  for (const id of testCase.pass) {
    const found = reported(id);
    if (found.length > 0) problems.push(`expected ${id} to pass, and it failed: ${found[0].message}${found.length > 1 ? ` (and ${found.length - 1} more)` : ""}`);
  }
  return { ...result, passed: problems.length === 0, problems };
}

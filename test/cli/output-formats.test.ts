import { describe, expect, it } from "vitest";
import type { ValidateReport } from "../../src/engine/validate-run.js";
import { allRules } from "../../src/findings/rule-catalog.js";
import { escapeData, escapeProperty, renderValidateGithub } from "../../src/cli/output/validate-github.js";
import { renderValidateJson } from "../../src/cli/output/validate-json.js";
import { renderValidateJunit } from "../../src/cli/output/validate-junit.js";
import { renderValidateSarif } from "../../src/cli/output/validate-sarif.js";
import { renderValidateText } from "../../src/cli/output/validate-text.js";

const REPORT: ValidateReport = {
  summary: { files: 2, resources: 3, errors: 2, warnings: 1, infos: 0, skipped: 0, exempted: 0 },
  exemptions: [],
  resources: [
    { file: "apps/web.yaml", resource: "deployment.apps/web -n shop" },
    { file: "apps/web.yaml", resource: "service/web -n shop" },
    { file: "cm & co.yaml", resource: "configmap/a -n default" },
  ],
  findings: [
    {
      severity: "error",
      rule: "schema/unknown-field",
      message: 'unknown field "spec.replica"',
      hint: 'did you mean "replicas"?',
      file: "apps/web.yaml",
      line: 9,
      column: 3,
      endLine: 9,
      endColumn: 10,
      pointer: "/spec/replica",
      resource: "deployment.apps/web -n shop",
      snippet: "  replica: 3",
    },
    {
      severity: "warning",
      rule: "yaml/ambiguous-scalar",
      message: "yes is read by Kubernetes (YAML 1.1) as the boolean true, but as the string \"yes\" by YAML 1.2 tools",
      file: "cm & co.yaml",
      line: 6,
      column: 6,
      endLine: 6,
      endColumn: 9,
      snippet: "  a: yes",
      resource: "configmap/a -n default",
    },
    { severity: "error", rule: "input/binary", message: "file is binary, 100%: not a manifest", file: "logo.png" },
  ],
};

describe("text", () => {
  it("prints compiler-style lines, the source with a caret under the span, hints and a summary", () => {
    expect(renderValidateText(REPORT, { color: false })).toBe(
      [
        'apps/web.yaml:9:3: error [schema/unknown-field] unknown field "spec.replica"',
        "  9 |   replica: 3",
        "    |   ^^^^^^^",
        '  hint: did you mean "replicas"?',
        'cm & co.yaml:6:6: warning [yaml/ambiguous-scalar] yes is read by Kubernetes (YAML 1.1) as the boolean true, but as the string "yes" by YAML 1.2 tools',
        "  6 |   a: yes",
        "    |      ^^^",
        "logo.png: error [input/binary] file is binary, 100%: not a manifest",
        "",
        "✖ 2 errors, 1 warning (3 resources in 2 files)",
        "",
      ].join("\n"),
    );
  });

  it("colours only when asked", () => {
    expect(renderValidateText(REPORT, { color: true })).toContain("\u001b[31merror\u001b[39m");
    expect(renderValidateText(REPORT, { color: false })).not.toContain("\u001b[");
  });
});

describe("json", () => {
  it("is the documented shape: summary and findings", () => {
    const parsed = JSON.parse(renderValidateJson(REPORT));
    expect(Object.keys(parsed)).toEqual(["summary", "findings"]);
    expect(parsed.summary).toEqual({ files: 2, resources: 3, errors: 2, warnings: 1, infos: 0, skipped: 0, exempted: 0 });
    expect(parsed.findings[0]).toMatchObject({ severity: "error", rule: "schema/unknown-field", file: "apps/web.yaml", line: 9, column: 3, pointer: "/spec/replica" });
  });
});

describe("junit", () => {
  const xml = renderValidateJunit(REPORT);

  it("has a suite per file and a case per object, failing only on errors", () => {
    expect(xml).toContain('<testsuites name="drydock validate" tests="4" failures="2" errors="0">');
    expect(xml).toContain('<testsuite name="apps/web.yaml" tests="2" failures="1" errors="0" skipped="0">');
    expect(xml).toContain('<testcase classname="apps/web.yaml" name="service/web -n shop"/>');
    expect(xml).toContain('<failure type="schema/unknown-field" message="unknown field &quot;spec.replica&quot;">apps/web.yaml:9:3: [schema/unknown-field]');
    expect(xml).toContain('<testsuite name="cm &amp; co.yaml" tests="1" failures="0"');
    expect(xml).toContain("<system-out>warning: cm &amp; co.yaml:6:6: [yaml/ambiguous-scalar]");
    expect(xml).toContain('<testcase classname="logo.png" name="file">');
  });

  it("is well-formed XML", () => {
    const opened: string[] = [];
    for (const tag of xml.matchAll(/<(\/?)([a-z-]+)[^>]*?(\/?)>/g)) {
      const [, closing, name, selfClosing] = tag;
      if (selfClosing) continue;
      if (closing) expect(opened.pop()).toBe(name);
      else opened.push(name);
    }
    expect(opened).toEqual([]);
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });
});

describe("sarif", () => {
  const sarif = JSON.parse(renderValidateSarif(REPORT, { version: "9.9.9" }));

  it("declares the tool and every rule", () => {
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].tool.driver).toMatchObject({ name: "drydock", version: "9.9.9" });
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(allRules().map((r) => r.id));
  });

  it("gives real regions, and none where a finding has no place in the file", () => {
    const [first, second, third] = sarif.runs[0].results;
    expect(first).toMatchObject({
      ruleId: "schema/unknown-field",
      level: "error",
      message: { text: 'unknown field "spec.replica"\nhint: did you mean "replicas"?' },
      locations: [{ physicalLocation: { artifactLocation: { uri: "apps/web.yaml" }, region: { startLine: 9, startColumn: 3, endLine: 9, endColumn: 10, snippet: { text: "  replica: 3" } } } }],
    });
    expect(second.level).toBe("warning");
    expect(second.locations[0].physicalLocation.artifactLocation.uri).toBe("cm%20&%20co.yaml");
    expect(third.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "logo.png" } });
    expect(first.ruleIndex).toBe(allRules().findIndex((r) => r.id === "schema/unknown-field"));
  });
});

describe("github", () => {
  it("annotates each finding on its file, line and column, escaping properly", () => {
    expect(renderValidateGithub(REPORT).split("\n")).toEqual([
      '::error file=apps/web.yaml,line=9,col=3,endLine=9,endColumn=10,title=drydock schema/unknown-field::unknown field "spec.replica"%0Ahint: did you mean "replicas"?',
      '::warning file=cm & co.yaml,line=6,col=6,endLine=6,endColumn=9,title=drydock yaml/ambiguous-scalar::yes is read by Kubernetes (YAML 1.1) as the boolean true, but as the string "yes" by YAML 1.2 tools',
      "::error file=logo.png,title=drydock input/binary::file is binary, 100%25: not a manifest",
      "✖ 2 errors, 1 warning (3 resources in 2 files)",
      "",
    ]);
  });

  it("escapes data and property values as the runner expects", () => {
    expect(escapeData("50%\r\nnext")).toBe("50%25%0D%0Anext");
    expect(escapeProperty("a:b,c%")).toBe("a%3Ab%2Cc%25");
  });
});

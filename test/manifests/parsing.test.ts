import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import fc from "fast-check";
import jsYaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseDetailed, MAX_ALIAS_EXPANSION } from "../../src/manifests/detailed-parse.js";
import { parseFast } from "../../src/manifests/fast-parse.js";
import { SourceFile } from "../../src/manifests/source-file.js";
import { CORPUS, itWithCorpus } from "../helpers.js";

function positioned(text: string) {
  const source = new SourceFile("f.yaml", text);
  return source.detailed.findings.map((d) => source.position(d));
}

describe("detailed parse: errors with rule ids and positions", () => {
  it("reports a syntax error where it is and keeps the other documents", () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nkey: [unclosed\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n";
    const parsed = parseDetailed(text);
    expect(parsed.documents.map((d) => (d.value as { metadata?: { name: string } } | undefined)?.metadata?.name)).toEqual(["a", undefined, "b"]);
    const findings = positioned(text);
    expect(findings.every((f) => f.rule === "yaml/syntax")).toBe(true);
    // The unclosed "[" is noticed where its document ends.
    expect(findings[0]).toMatchObject({ line: 6, column: 1, severity: "error" });
    expect(findings[0].message).toContain("must be sufficiently indented and end with a ]");
  });

  it("reports tabs used for indentation", () => {
    const findings = positioned("metadata:\n\tname: x\n");
    expect(findings.map((f) => [f.rule, f.line, f.column])).toContainEqual(["yaml/tab-indent", 2, 1]);
  });

  it("reports a duplicate key at the second occurrence, naming the first", () => {
    const findings = positioned("spec:\n  containers: []\n  replicas: 1\n  containers: [x]\n");
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "yaml/duplicate-key", line: 4, column: 3, endLine: 4, endColumn: 13 });
    expect(findings[0].message).toContain("first defined at line 2");
  });

  it("treats keys that become the same JSON key as duplicates (true and 'true' differ in YAML, not in JSON)", () => {
    const findings = positioned("data:\n  on: a\n  'true': b\n");
    expect(findings.map((f) => f.rule)).toContain("yaml/duplicate-key");
  });

  it("caps alias expansion and reports a billion-laughs document at its first alias", () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
    }
    const text = levels.join("\n") + "\n";
    const started = Date.now();
    const parsed = parseDetailed(text);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(parsed.documents[0].value).toBeUndefined();
    const findings = positioned(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "yaml/alias-bomb", line: 2, column: 8 });
    expect(findings[0].message).toContain(String(MAX_ALIAS_EXPANSION));
  });

  it("expands ordinary aliases and merge keys as Kubernetes does", () => {
    const parsed = parseDetailed("base: &b {cpu: 100m, memory: 1Gi}\nlimits:\n  <<: *b\n  memory: 2Gi\nlist: [*b]\n");
    expect(parsed.findings).toEqual([]);
    expect(parsed.documents[0].value).toEqual({
      base: { cpu: "100m", memory: "1Gi" },
      limits: { cpu: "100m", memory: "2Gi" },
      list: [{ cpu: "100m", memory: "1Gi" }],
    });
  });

  it("warns where YAML 1.1 and 1.2 disagree, at the scalar, with a fix", () => {
    const findings = positioned("data:\n  enabled: yes\n  mode: 0644\n  quoted: 'yes'\n  ok: true\n");
    expect(findings.map((f) => [f.rule, f.severity, f.line, f.column])).toEqual([
      ["yaml/ambiguous-scalar", "warning", 2, 12],
      ["yaml/ambiguous-scalar", "warning", 3, 9],
    ]);
    expect(findings[1].message).toBe("0644 is read by Kubernetes (YAML 1.1) as the number 420, but as the number 644 by YAML 1.2 tools");
    expect(findings[1].hint).toContain("0o644");
  });

  it("rejects null and collection keys, which Kubernetes cannot turn into JSON", () => {
    const findings = positioned("metadata:\n  ~: x\n  ? [a, b]\n  : z\n");
    expect(findings.map((f) => [f.rule, f.line, f.column])).toEqual([
      ["yaml/invalid-key", 2, 3],
      ["yaml/invalid-key", 3, 5],
    ]);
    expect(parseFast("- ~: 'yes'\n").ok).toBe(false);
    expect(parseFast("a: {~: 1}\n").ok).toBe(false);
    expect(parseFast("image: nginx:1.27\nurl: http://x:80/\n").ok).toBe(true);
  });

  it("rejects values JSON cannot hold", () => {
    const findings = positioned("spec:\n  ratio: .inf\n");
    expect(findings.map((f) => [f.rule, f.severity, f.line])).toEqual([["yaml/not-json", "error", 2]]);
  });

  it("reads Kubernetes values: YAML 1.1 booleans, octal, stringified non-string keys", () => {
    const parsed = parseDetailed("a: on\nb: 0755\nc: '0755'\n5: x\n3.14: y\ntrue: z\nd:\nn: 1\n");
    expect(parsed.documents[0].value).toEqual({ a: true, b: 493, c: "0755", "5": "x", "3.14": true, true: "z", d: null, false: 1 });
  });

  itWithCorpus("carries Helm's # Source: comments forward to the documents rendered from each template", () => {
    const text = readFileSync(join(CORPUS, "yannh__kubeconform/fixtures/multi_valid_source.yaml"), "utf8");
    const origins = parseDetailed(text).documents.map((d) => d.origin?.replace(/^chart\/templates\//, ""));
    // kubeval's TestValidateSourceExtraction: primary ×2, secondary ×2, frontend ×4 (the file then ends
    // with one more, empty, document).
    expect(origins.slice(0, 8)).toEqual([
      "primary.yaml",
      "primary.yaml",
      "secondary.yaml",
      "secondary.yaml",
      "frontend.yaml",
      "frontend.yaml",
      "frontend.yaml",
      "frontend.yaml",
    ]);
  });
});

describe("the fast path", () => {
  it("declines files the detailed path must handle", () => {
    expect(parseFast("a: [x\n").ok).toBe(false);
    expect(parseFast("a: 1\na: 2\n").ok).toBe(false);
    expect(parseFast("a: &x 1\nb: *x\n").ok).toBe(false);
    expect(parseFast("a: yes\n").ok).toBe(false);
    expect(parseFast("a:\n\tb: 1\n").ok).toBe(false);
    expect(parseFast("url: http://x/?a=1&b=2\ncount: 42\n")).toEqual({ ok: true, documents: [{ url: "http://x/?a=1&b=2", count: 42 }] });
    // `n` is a YAML 1.1 boolean: the key is `false` for Kubernetes, worth a warning.
    expect(parseFast("n: 42\n").ok).toBe(false);
  });

  it("produces exactly the detailed path's values for any document it accepts", () => {
    const scalar = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constantFrom("yes", "off", "0755", "1_000", "0x1F", "~", "", "1.10", "2001-12-14", "y", "<<"),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("node"), { maxLength: 4 }), fc.dictionary(fc.string({ minLength: 1 }), tie("node"), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(value, fc.boolean(), (doc, quoteAll) => {
        // Dumped both ways: quoted (every string stays a string) and plain (strings may become numbers or booleans).
        const text = quoteAll ? stringify(doc, { defaultStringType: "QUOTE_DOUBLE" }) : jsYaml.dump(doc, { schema: jsYaml.FAILSAFE_SCHEMA, skipInvalid: true });
        const fast = parseFast(text);
        if (!fast.ok) return;
        const detailed = parseDetailed(text).documents.map((d) => (d.value === undefined ? null : d.value));
        expect(fast.documents.map((d) => (d === undefined ? null : d))).toEqual(detailed);
      }),
      { numRuns: 2000 },
    );
  });

  itWithCorpus("agrees with the detailed path on every corpus file it accepts", () => {
    const files = execFileSync("find", [CORPUS, "-name", "*.yaml", "-o", "-name", "*.yml", "-o", "-name", "*.json"], { encoding: "utf8" })
      .trim()
      .split("\n");
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const fast = parseFast(text);
      if (!fast.ok) continue;
      const detailed = parseDetailed(text);
      expect(detailed.findings, file).toEqual([]);
      expect(fast.documents.map((d) => d ?? null), file).toEqual(detailed.documents.map((d) => d.value ?? null));
      compared++;
    }
    expect(compared).toBeGreaterThan(1500);
  });
});

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../../src/findings/rule-catalog.js";
import { BUILTIN_RULES } from "../../src/policy/builtin-catalog.js";
import { ROOT } from "../helpers.js";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

describe("the rule catalog", () => {
  it("lists every rule id the code can report, and nothing else", () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(ROOT, "src"))) {
      // Rule ids are string literals with one of the rule families as prefix.
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/"((?:yaml|input|manifest|schema|api|k8s|resource|config|exemption|policy-file|policy-test|plan)\/[a-z0-9-]+)"/g)) used.add(m[1]);
    }
    // Built-in policy rules are listed from their own catalog, as `policy/<id>`.
    for (const rule of BUILTIN_RULES) used.add(`policy/${rule.id}`);
    const listed = allRules().map((r) => r.id);
    expect([...used].filter((id) => !listed.includes(id)).sort()).toEqual([]);
    expect(listed.filter((id) => !used.has(id))).toEqual([]);
    expect(new Set(listed).size).toBe(listed.length);
  });
});

describe("the README", () => {
  it("documents every rule", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(allRules().filter((r) => !readme.includes(`\`${r.id}\``)).map((r) => r.id)).toEqual([]);
  });
});

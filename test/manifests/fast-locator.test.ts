// The fast locator must give exactly the span locatePointer gives on the detailed parse, or nothing.
// Unit cases pin the spans and the bail-outs; the corpus and the generated repository check every
// pointer of every node against the detailed parse, and measure how often the fast path answers.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateRepo } from "../../bench/generate-repo.js";
import { parseDetailed } from "../../src/manifests/detailed-parse.js";
import { FastLocator } from "../../src/manifests/fast-locator.js";
import { joinPointer } from "../../src/manifests/json-pointer.js";
import { LineIndex } from "../../src/manifests/line-index.js";
import { SourceFile } from "../../src/manifests/source-file.js";
import { locatePointer, type SourceSpan } from "../../src/manifests/source-locator.js";
import { CORPUS, itWithCorpus, tempDir } from "../helpers.js";

type Target = "key" | "value";

function fast(text: string, pointer: string, target: Target = "value", documentIndex = 0): SourceSpan | undefined {
  return new FastLocator(text, new LineIndex(text)).locate(documentIndex, pointer, target);
}

function detailed(text: string, pointer: string, target: Target = "value", documentIndex = 0): SourceSpan | undefined {
  const doc = parseDetailed(text).documents[documentIndex];
  return doc && locatePointer(doc.node, pointer, target);
}

/** The fast answer, checked against the detailed one, as the text it spans. */
function at(text: string, pointer: string, target: Target = "value", documentIndex = 0): { text: string; exact: boolean } {
  const span = fast(text, pointer, target, documentIndex);
  expect(span, `fast locator answers ${pointer} (${target})`).toBeDefined();
  expect(span).toEqual(detailed(text, pointer, target, documentIndex));
  return { text: text.slice(span!.start, span!.end), exact: span!.exact };
}

/** Every node's pointer in a document's value, plus missing ones: a child of each scalar, a key and an index past the end. */
function* pointersOf(value: unknown, base = ""): Generator<string> {
  yield base;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* pointersOf(value[i], joinPointer(base, i));
    yield joinPointer(base, value.length);
    yield joinPointer(base, "name");
  } else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) yield* pointersOf(child, joinPointer(base, key));
    yield joinPointer(base, "not-there");
  } else {
    yield joinPointer(base, "child");
  }
}

interface Comparison {
  queries: number;
  answered: number;
  mismatches: string[];
}

/** Asks every pointer of every document, both targets; undefined when the detailed parse reports errors. */
function compareAll(text: string, label = "text"): Comparison | undefined {
  const parse = parseDetailed(text);
  if (parse.documents.some((d) => d.node.errors.length > 0)) return undefined;
  const locator = new FastLocator(text, new LineIndex(text));
  const result: Comparison = { queries: 0, answered: 0, mismatches: [] };
  for (const doc of parse.documents) {
    const value = doc.node.toJS({ maxAliasCount: 10_000 });
    for (const pointer of pointersOf(value)) {
      for (const target of ["key", "value"] as const) {
        result.queries++;
        const answer = locator.locate(doc.index, pointer, target);
        if (!answer) continue;
        result.answered++;
        const expected = locatePointer(doc.node, pointer, target);
        if (JSON.stringify(answer) !== JSON.stringify(expected)) {
          result.mismatches.push(`${label} doc ${doc.index} ${pointer} (${target}): fast ${JSON.stringify(answer)}, detailed ${JSON.stringify(expected)}`);
        }
      }
    }
  }
  return result;
}

/** All pointers of a text agree with the detailed parse, and the fast locator answers every one. */
function expectAllAnswered(text: string): void {
  const result = compareAll(text);
  expect(result, "the detailed parse reads the text without errors").toBeDefined();
  expect(result!.mismatches).toEqual([]);
  expect(result!.answered).toBe(result!.queries);
}

const DEPLOYMENT = `# leading comment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web   # trailing comment
  labels:
    app: web

    # a comment between entries
    tier: 'front end'
spec:
  replicas: 2
  template:
    spec:
      containers:
      - name: web
        image: "nginx:1.27"
        ports:
          - containerPort: 80
            name: http
        env:
        - name: EMPTY
          value:
      - name: side
        image: busybox
`;

describe("fast locator: spans", () => {
  it("finds values and keys in nested maps", () => {
    expect(at(DEPLOYMENT, "/metadata/name")).toEqual({ text: "web", exact: true });
    expect(at(DEPLOYMENT, "/metadata/name", "key")).toEqual({ text: "name", exact: true });
    expect(at(DEPLOYMENT, "/spec/replicas")).toEqual({ text: "2", exact: true });
    expect(at(DEPLOYMENT, "/kind", "key")).toEqual({ text: "kind", exact: true });
  });

  it("spans plain, single-quoted and double-quoted scalars as the parser does", () => {
    expect(at(DEPLOYMENT, "/metadata/labels/tier").text).toBe("'front end'");
    expect(at(DEPLOYMENT, "/spec/template/spec/containers/0/image").text).toBe('"nginx:1.27"');
    expect(at(DEPLOYMENT, "/spec/template/spec/containers/1/image").text).toBe("busybox");
    const text = "a: it's plain  # not part of it\nb: 'it''s'\nc: \"say \\\"hi\\\"\"\n";
    expect(at(text, "/a").text).toBe("it's plain");
    expect(at(text, "/b").text).toBe("'it''s'");
    expect(at(text, "/c").text).toBe('"say \\"hi\\""');
  });

  it("addresses sequences of maps, with dashes at the key's column and indented", () => {
    expect(at(DEPLOYMENT, "/spec/template/spec/containers/1/name")).toEqual({ text: "side", exact: true });
    expect(at(DEPLOYMENT, "/spec/template/spec/containers/0/ports/0/name")).toEqual({ text: "http", exact: true });
    expect(at(DEPLOYMENT, "/spec/template/spec/containers/0/ports/0").text).toBe("containerPort: 80\n            name: http\n");
    expect(at(DEPLOYMENT, "/spec/template/spec/containers/0/env/0", "key").text).toBe("name: EMPTY\n          value:");
  });

  it("gives an empty value the empty span after its colon", () => {
    const span = fast(DEPLOYMENT, "/spec/template/spec/containers/0/env/0/value");
    expect(span).toEqual(detailed(DEPLOYMENT, "/spec/template/spec/containers/0/env/0/value"));
    expect(span!.end).toBe(span!.start);
    expect(DEPLOYMENT.slice(span!.start - "value:".length, span!.start)).toBe("value:");
    expect(at("a:   # nothing\nb: 1\n", "/a")).toEqual({ text: "", exact: true });
  });

  it("answers a missing field with the nearest existing ancestor, at every depth", () => {
    expect(at(DEPLOYMENT, "/status")).toEqual({ text: DEPLOYMENT.slice(DEPLOYMENT.indexOf("apiVersion")), exact: false });
    expect(at(DEPLOYMENT, "/metadata/namespace")).toEqual({ text: "metadata", exact: false });
    expect(at(DEPLOYMENT, "/spec/template/spec/securityContext/runAsNonRoot")).toEqual({ text: "spec", exact: false });
    expect(at(DEPLOYMENT, "/spec/template/spec/containers/1/resources/limits")).toEqual({ text: "name: side\n        image: busybox\n", exact: false });
    expect(at(DEPLOYMENT, "/spec/template/spec/containers/7/name")).toEqual({ text: "containers", exact: false });
    expect(at(DEPLOYMENT, "/spec/template/spec/containers/first")).toEqual({ text: "containers", exact: false });
    expect(at(DEPLOYMENT, "/metadata/name/first", "value")).toEqual({ text: "name", exact: false });
  });

  it("addresses the items of a List", () => {
    const list = "apiVersion: v1\nkind: List\nitems:\n" + [0, 1, 2, 3].map((i) => `- kind: ConfigMap\n  metadata:\n    name: cm-${i}\n`).join("");
    expect(at(list, "/items/3/metadata/name").text).toBe("cm-3");
    expect(at(list, "/items/3/data")).toEqual({ text: "kind: ConfigMap\n  metadata:\n    name: cm-3\n", exact: false });
  });

  it("counts documents as the detailed parser does, empty ones included", () => {
    const text = "# header\n---\na: 0\n---\n---\n# only a comment\n---\nb: 2\n...\n---\nc: 4\n---\n";
    expect(parseDetailed(text).documents).toHaveLength(6);
    expect(at(text, "/a", "value", 0).text).toBe("0");
    expect(at(text, "/b", "value", 3).text).toBe("2");
    expect(at(text, "/c", "value", 4).text).toBe("4");
    // Empty documents are left to the detailed parse, as are documents that do not exist.
    expect(fast(text, "", "value", 1)).toBeUndefined();
    expect(fast(text, "", "value", 5)).toBeUndefined();
    expect(fast(text, "", "value", 6)).toBeUndefined();
    expect(at("a: 1\n---\nb: 2", "/b", "value", 1).text).toBe("2");
  });

  it("unescapes ~0 and ~1 in pointers", () => {
    const text = "metadata:\n  annotations:\n    example.com/a~b: x\n    'quoted/key': y\n";
    expect(at(text, "/metadata/annotations/example.com~1a~0b").text).toBe("x");
    expect(at(text, "/metadata/annotations/quoted~1key", "key").text).toBe("'quoted/key'");
  });

  it("matches keys as Kubernetes reads them, the last of duplicates winning", () => {
    const text = "80: http\n0x10: sixteen\ntrue: yes\n1.0: one\n\"1.0\": quoted\nk: first\nk: second\n";
    expect(at(text, "/80").text).toBe("http");
    expect(at(text, "/16").text).toBe("sixteen");
    expect(at(text, "/true").text).toBe("yes");
    expect(at(text, "/1").text).toBe("one");
    expect(at(text, "/1.0").text).toBe("quoted");
    expect(at(text, "/k").text).toBe("second");
    expect(at(text, "/0x10")).toEqual({ text, exact: false });
  });

  it("reads CRLF line endings and a leading byte order mark", () => {
    const crlf = DEPLOYMENT.replace(/\n/g, "\r\n");
    expect(at(crlf, "/spec/template/spec/containers/1/image").text).toBe("busybox");
    expect(at(crlf, "/spec/template/spec/containers/1/resources").text).toBe("name: side\r\n        image: busybox\r\n");
    expectAllAnswered(crlf);
    // Files are decoded without their BOM, but text from elsewhere may keep it.
    expect(at("\ufeffa:\n  b: 1\n", "/a/b").text).toBe("1");
  });

  it("reads block scalars with clip and strip chomping", () => {
    const text = "data:\n  script: |\n    echo hi\n\n    exit 0\n\n  folded: >-\n    one\n    two\n  last: x\n";
    expect(at(text, "/data/script").text).toBe("|\n    echo hi\n\n    exit 0\n");
    expect(at(text, "/data/folded").text).toBe(">-\n    one\n    two\n");
  });

  it("reads flow collections, on one line or as JSON", () => {
    const text = 'spec:\n  args: ["--port", 80, {a: b}]\n  resources: {}\n  labels: { app: web , "tier" : db }\n';
    expect(at(text, "/spec/args/1").text).toBe("80");
    expect(at(text, "/spec/args/2/a").text).toBe("b");
    expect(at(text, "/spec/args").text).toBe('["--port", 80, {a: b}]');
    expect(at(text, "/spec/resources/limits")).toEqual({ text: "resources", exact: false });
    expect(at(text, "/spec/labels/tier", "key").text).toBe('"tier"');
    const json = '{\n  "kind": "Pod",\n  "spec": {\n    "containers": [\n      { "name": "a", "image": "x" }  # comment\n    ]\n  }\n}\n';
    expect(at(json, "/spec/containers/0/image").text).toBe('"x"');
    expect(at(json, "/spec/containers/0/resources")).toEqual({ text: '{ "name": "a", "image": "x" }', exact: false });
  });

  it("ends a collection where trailing comments leave it", () => {
    // Comments after a collection's last scalar, indented no deeper than the collection, stay out of its range.
    expectAllAnswered("items:\n- a: 1\n  b: 2\n# about the next one\n- c: 3\n");
    expectAllAnswered("spec:\n  containers:\n  - name: a\n    image: x\n  # volumes next\n  volumes: []\n");
    expectAllAnswered("root:\n  a:\n    b: 1\n# z\nnext: 2\n");
  });

  it("agrees on every pointer of an ordinary manifest", () => {
    expectAllAnswered(DEPLOYMENT);
    expectAllAnswered(DEPLOYMENT.replace(/\n/g, "\r\n"));
  });
});

describe("fast locator: bail-outs", () => {
  const undecided = (text: string, pointer: string, target: Target = "value", documentIndex = 0) => {
    expect(fast(text, pointer, target, documentIndex), `${JSON.stringify(text)} ${pointer}`).toBeUndefined();
    // Whatever it declines, the detailed parse answers.
    return detailed(text, pointer, target, documentIndex);
  };

  it("declines tabs used for indentation", () => {
    undecided("a:\n\tb: 1\n", "/a/b");
    undecided("a: 1\n\t\nb: 2\n", "/b");
  });

  it("declines anchors, aliases, merge keys and tags on the way", () => {
    undecided("base: &b\n  cpu: 1\nother: *b\n", "/base/cpu");
    undecided("base: &b\n  cpu: 1\nother: *b\n", "/other/cpu");
    undecided("limits:\n  <<: {cpu: 1}\n  memory: 2\n", "/limits/cpu");
    undecided("a: !!str 1\n", "/a");
    undecided("a: !custom\n  b: 1\n", "/a/b");
  });

  it("declines multi-line plain scalars and block scalars it cannot end", () => {
    undecided("a: one\n  two\nb: 1\n", "/a");
    undecided("a: |+\n  keep\n\nb: 1\n", "/a");
    undecided("a: |2\n   indented\n", "/a");
  });

  it("declines complex keys, directives, escaped keys and empty flow values", () => {
    undecided("? a\n: 1\n", "/a");
    undecided("%YAML 1.2\n---\na: 1\n", "/a");
    undecided('"a\\tb": 1\n', "/a\tb");
    undecided("'it''s': 1\n", "/it's");
    undecided("a: {b: , c: 1}\n", "/a/c");
  });

  it("declines ends that trailing comments may move", () => {
    // The comment is deeper than the map holding `b`, so the parser gives it to the scalar `1`.
    const text = "a:\n  b: 1\n    # deeper\nc: 2\n";
    expect(detailed(text, "/a")!.end).toBe(text.indexOf("c: 2"));
    undecided(text, "/a");
    undecided("a:\n  b:\n# after an empty value\nc: 2\n", "/a");
  });

  it("declines documents that start on their marker line", () => {
    undecided("--- |\n  text\n", "");
    expect(at("--- |\n  text\n---\na: 1\n", "/a", "value", 1).text).toBe("1");
  });
});

describe("SourceFile positions node findings without the detailed parse", () => {
  const draft = (pointer: string, target: Target = "value", documentIndex = 0) =>
    ({ severity: "warning", rule: "t", message: "m", location: { kind: "node", documentIndex, pointer, target } }) as const;

  it("gives the same finding as the detailed path, snippet included", () => {
    const pointers = ["/spec/template/spec/containers/0/image", "/spec/template/spec/containers/1/resources/limits", "/metadata/labels/tier", "/nope"];
    for (const pointer of pointers) {
      const quick = new SourceFile("f.yaml", DEPLOYMENT);
      const found = quick.position(draft(pointer));
      expect(quick.hasDetailedParse).toBe(false);
      const slow = new SourceFile("f.yaml", DEPLOYMENT);
      void slow.detailed;
      expect(found).toEqual(slow.position(draft(pointer)));
      expect(found.snippet).toBeTruthy();
    }
  });

  it("falls back to the detailed parse when unsure", () => {
    const text = "base: &b\n  cpu: 1\nlimits:\n  <<: *b\n  memory: 2\n";
    const source = new SourceFile("m.yaml", text);
    expect(source.position(draft("/limits/cpu"))).toMatchObject({ line: 2, column: 8 });
    expect(source.hasDetailedParse).toBe(true);
  });

  it("keeps Helm origins, which only the detailed parse knows", () => {
    const text = "---\n# Source: chart/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\n---\n# Source: chart/templates/b.yaml\napiVersion: v1\nkind: Secret\n";
    const source = new SourceFile("out.yaml", text);
    expect(source.position(draft("/kind", "value", 1))).toMatchObject({ line: 8, origin: "chart/templates/b.yaml" });
    expect(source.hasDetailedParse).toBe(true);
  });
});

// Random block YAML laid out in random ways: comment lines at any indentation, blank lines, trailing
// spaces, empty values, sequences at the key's column or indented, several documents, CRLF.
type Tree = { kind: "scalar"; text: string } | { kind: "map"; entries: Array<[string, Tree]> } | { kind: "seq"; items: Tree[] };

const SCALARS = ["web", "1", "it's", '"quoted"', "'single'", "", "http://x:80", "a b c", "~", "[]", "{}", "[1, 2]", "{a: b, c: [d]}", '["x", "y"]', "|\n  one\n  two", ">-\n  folded", "# comment", "v # c", "&anchor x", "plain\n  continued", '"multi\n  line"'];
const KEYS = ["a", "b", "name", "80", "true", "'q'", '"d"', "x.y/z", "k~1", "0x10", "1.0"];

const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(...SCALARS).map((text): Tree => ({ kind: "scalar", text })),
    fc.array(fc.tuple(fc.constantFrom(...KEYS), tie("tree") as fc.Arbitrary<Tree>), { minLength: 1, maxLength: 3 }).map((entries): Tree => ({ kind: "map", entries })),
    fc.array(tie("tree") as fc.Arbitrary<Tree>, { minLength: 1, maxLength: 3 }).map((items): Tree => ({ kind: "seq", items })),
  ),
}));

function layOut(documents: Tree[], dice: number[], crlf: boolean): string {
  let roll = 0;
  const die = (sides: number) => dice[roll++ % dice.length] % sides;
  const step = [1, 2, 2, 4][die(4)];
  const out: string[] = [];
  const scalar = (text: string, indent: number) => text.replace(/\n {2}/g, "\n" + " ".repeat(indent + step));
  const noise = (indent: number) => {
    const r = die(20);
    if (r < 3) out.push(" ".repeat(die(indent + 6)) + "# noise");
    else if (r < 4) out.push(" ".repeat(die(6)));
  };
  const write = (node: Tree, indent: number, lead: string | undefined): void => {
    if (node.kind === "scalar") out.push((lead ?? " ".repeat(indent)) + scalar(node.text, indent));
    else if (node.kind === "map") {
      node.entries.forEach(([key, value], i) => {
        const prefix = i === 0 && lead !== undefined ? lead : " ".repeat(indent);
        if (value.kind === "scalar") out.push(`${prefix}${key}: ${scalar(value.text, indent)}${die(8) === 0 ? "  " : ""}`);
        else {
          out.push(`${prefix}${key}:${die(8) === 0 ? " # c" : ""}`);
          write(value, value.kind === "seq" && die(2) === 0 ? indent : indent + step, undefined);
        }
        noise(indent);
      });
    } else {
      node.items.forEach((item, i) => {
        const prefix = (i === 0 && lead !== undefined ? lead : " ".repeat(indent)) + ["- ", "- ", "-   "][die(3)];
        if (item.kind === "seq") {
          out.push(prefix.trimEnd());
          write(item, indent + step, undefined);
        } else write(item, prefix.length, prefix);
        noise(indent);
      });
    }
  };
  for (const [i, document] of documents.entries()) {
    if (i > 0 || die(3) === 0) out.push(["---", "---  # next", "---"][die(3)]);
    write(document, 0, undefined);
  }
  const text = out.join("\n") + "\n";
  return crlf ? text.replace(/\n/g, "\r\n") : text;
}

describe("fast locator: generated layouts", () => {
  it("agrees with locatePointer wherever it answers", () => {
    let queries = 0;
    let answered = 0;
    const documents = fc.array(tree, { minLength: 1, maxLength: 2 });
    const dice = fc.array(fc.nat(999), { minLength: 32, maxLength: 32 });
    fc.assert(
      fc.property(documents, dice, fc.boolean(), (docs, rolls, crlf) => {
        const result = compareAll(layOut(docs, rolls, crlf));
        if (!result) return;
        queries += result.queries;
        answered += result.answered;
        expect(result.mismatches).toEqual([]);
      }),
      { numRuns: 1500 },
    );
    console.info(`[fast locator] generated layouts: ${queries} queries, answered ${answered}`);
    expect(answered).toBeGreaterThan(queries / 2);
  });
});

describe("fast locator: equivalence with the detailed parse", () => {
  itWithCorpus("agrees with locatePointer on every pointer of the corpus", () => {
    const files = yamlFiles(CORPUS);
    const total: Comparison = { queries: 0, answered: 0, mismatches: [] };
    let read = 0;
    for (const file of files) {
      const result = compareAll(readFileSync(file, "utf8"), file.slice(CORPUS.length + 1));
      if (!result) continue;
      read++;
      total.queries += result.queries;
      total.answered += result.answered;
      total.mismatches.push(...result.mismatches);
    }
    const rate = total.answered / total.queries;
    console.info(`[fast locator] corpus: ${read} files, ${total.queries} queries, answered ${total.answered} (${(rate * 100).toFixed(2)}%)`);
    expect(total.mismatches.slice(0, 20)).toEqual([]);
    expect(read).toBeGreaterThan(1000);
    expect(rate).toBeGreaterThan(0.98);
  });

  it("answers every pointer of a generated repository, as the detailed parse does", () => {
    const dir = tempDir();
    generateRepo(dir, 300);
    const total: Comparison = { queries: 0, answered: 0, mismatches: [] };
    for (const file of yamlFiles(dir)) {
      const result = compareAll(readFileSync(file, "utf8"), file);
      expect(result).toBeDefined();
      total.queries += result!.queries;
      total.answered += result!.answered;
      total.mismatches.push(...result!.mismatches);
    }
    console.info(`[fast locator] generated repo: ${total.queries} queries, answered ${total.answered}`);
    expect(total.mismatches.slice(0, 20)).toEqual([]);
    expect(total.queries).toBeGreaterThan(30_000);
    expect(total.answered).toBe(total.queries);
  });
});

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(entry.name)) out.push(path);
  }
  return out;
}

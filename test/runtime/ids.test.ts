import { describe, expect, it } from "vitest";
import { IdGenerator } from "../../src/runtime/ids/id-generator.js";
import { SAFE_ALPHABET, safeEncodeString } from "../../src/runtime/ids/name-alphabet.js";
import { Prng } from "../../src/runtime/ids/prng.js";
import { canonicalJson, computeTemplateHash } from "../../src/runtime/ids/template-hash.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("id generator", () => {
  it("makes version 4 uuids", () => {
    const ids = IdGenerator.fromSeed("t");
    for (let i = 0; i < 200; i++) expect(ids.uid()).toMatch(UUID_V4);
  });

  it("gives the same sequence for the same seed, another for another seed", () => {
    const take = (seed: string) => {
      const ids = IdGenerator.fromSeed(seed);
      return [ids.uid(), ids.generateName("web-"), ids.uid()];
    };
    expect(take("a")).toEqual(take("a"));
    expect(take("a")).not.toEqual(take("b"));
  });

  it("continues the same sequence from a saved state", () => {
    const original = IdGenerator.fromSeed("s");
    original.uid();
    const saved = JSON.parse(JSON.stringify(original.state()));
    const expected = [original.uid(), original.randomString(10)];
    const resumed = IdGenerator.fromState(saved);
    expect([resumed.uid(), resumed.randomString(10)]).toEqual(expected);
  });

  it("restore rewinds to an earlier state", () => {
    const ids = IdGenerator.fromSeed("s");
    const state = ids.state();
    const first = ids.uid();
    ids.restore(state);
    expect(ids.uid()).toBe(first);
    expect(() => ids.restore(IdGenerator.fromSeed("other").state())).toThrow(/seed/);
  });

  it("generated names append 5 characters of the safe alphabet, keeping names within 63 characters", () => {
    const ids = IdGenerator.fromSeed("n");
    const name = ids.generateName("web-7d4b9c8f5-");
    expect(name).toMatch(new RegExp(`^web-7d4b9c8f5-[${SAFE_ALPHABET}]{5}$`));
    expect(ids.generateName("x".repeat(80))).toHaveLength(63);
  });

  it("draws every letter of the alphabet and nothing else", () => {
    const ids = IdGenerator.fromSeed("letters");
    const seen = new Set(ids.randomString(5000));
    expect([...seen].sort().join("")).toBe([...SAFE_ALPHABET].sort().join(""));
  });

  it("spreads a seed of zeros into a non-zero state", () => {
    expect(Prng.fromSeed("").state().some((w) => w !== 0)).toBe(true);
  });
});

describe("template hash", () => {
  it("maps the decimal FNV-32a hash through the safe alphabet, as upstream's ComputeHash", () => {
    // '0'..'9' are code points 48..57, which land on "456789bcdf".
    expect(safeEncodeString("0123456789")).toBe("456789bcdf");
    const hash = computeTemplateHash({ spec: { containers: [{ name: "c", image: "nginx:1.7.9" }] } });
    expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
  });

  it("does not depend on key order, and changes with the template or the collision count", () => {
    const a = computeTemplateHash({ metadata: { labels: { app: "web" } }, spec: { x: 1 } });
    const b = computeTemplateHash({ spec: { x: 1 }, metadata: { labels: { app: "web" } } });
    expect(a).toBe(b);
    expect(computeTemplateHash({ spec: { x: 2 } })).not.toBe(computeTemplateHash({ spec: { x: 1 } }));
    expect(computeTemplateHash({ spec: { x: 1 } }, 1)).not.toBe(computeTemplateHash({ spec: { x: 1 } }));
  });

  it("canonical JSON sorts keys and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: null }] })).toBe('{"a":[{"c":null}],"b":1}');
  });
});

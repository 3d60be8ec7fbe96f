import { describe, expect, it } from "vitest";
import { matchesLabelSelector } from "../../src/kube/label-selector.js";
import { formatFieldSelector, matchesFieldSelector, parseFieldSelector } from "../../src/runtime/store/field-selector.js";
import { formatLabelSelector, parseLabelSelector } from "../../src/runtime/store/label-selector-syntax.js";

function selects(text: string, labels: Record<string, string>): boolean {
  const parsed = parseLabelSelector(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return matchesLabelSelector(parsed.selector, labels);
}

describe("label selector strings", () => {
  it.each([
    ["app=web", { app: "web" }, true],
    ["app=web", { app: "api" }, false],
    ["app==web", { app: "web" }, true],
    ["app!=web", { app: "api" }, true],
    ["app!=web", {}, true],
    ["app!=web", { app: "web" }, false],
    ["tier in (front, back)", { tier: "back" }, true],
    ["tier in (front,back)", { tier: "db" }, false],
    ["tier in (front)", {}, false],
    ["tier notin (front,back)", { tier: "db" }, true],
    ["tier notin (front,back)", {}, true],
    ["tier notin (front,back)", { tier: "front" }, false],
    ["release", { release: "" }, true],
    ["release", {}, false],
    ["!canary", {}, true],
    ["!canary", { canary: "yes" }, false],
    ["app=web,tier in (front),!canary", { app: "web", tier: "front" }, true],
    ["app=web, tier in (front), !canary", { app: "web", tier: "front", canary: "1" }, false],
    ["app=", { app: "" }, true],
    ["app=", { app: "x" }, false],
    ["example.com/team=a", { "example.com/team": "a" }, true],
    ["", { anything: "x" }, true],
  ])("%j on %j is %s", (text, labels, expected) => {
    expect(selects(text, labels)).toBe(expected);
  });

  it.each([
    ["app=web,", "it ends with a comma"],
    ["app in ()", "the set of values cannot be empty"],
    ["app in (a", 'expected ")"'],
    ["app in a", 'expected "(" after "in"'],
    ["app web", 'unexpected "web" after the key "app"'],
    ["-app=x", "not a valid label key"],
    ["app=has space", 'expected "," before "space"'],
    ["app=-x-", "not a valid label value"],
    ["Example.COM/x=1", "must be a DNS subdomain"],
    ["n>1", "only supported in node selector terms"],
    ["=x", "expected a label key"],
    ["!a=b", 'expected "," before "="'],
  ])("refuses %j: %s", (text, why) => {
    const parsed = parseLabelSelector(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(why);
  });

  it("formats selectors as kubectl's SELECTOR column", () => {
    expect(formatLabelSelector({ matchLabels: { b: "2", a: "1" }, matchExpressions: [{ key: "c", operator: "In", values: ["y", "x"] }, { key: "d", operator: "DoesNotExist" }] })).toBe(
      "a=1,b=2,c in (x,y),!d",
    );
    expect(formatLabelSelector({})).toBe("<none>");
    expect(formatLabelSelector(undefined)).toBe("<none>");
  });
});

describe("field selectors", () => {
  const pod = { metadata: { name: "web-1", namespace: "shop" }, spec: { nodeName: "node-1", hostNetwork: false }, status: { phase: "Running" } };

  it("parses =, == and != and matches by field", () => {
    const parsed = parseFieldSelector("metadata.name=web-1,status.phase!=Pending,spec.nodeName==node-1", "Pod");
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.selector.requirements).toEqual([
      { field: "metadata.name", operator: "=", value: "web-1" },
      { field: "status.phase", operator: "!=", value: "Pending" },
      { field: "spec.nodeName", operator: "=", value: "node-1" },
    ]);
    expect(matchesFieldSelector(parsed.selector, pod)).toBe(true);
    expect(formatFieldSelector(parsed.selector)).toBe("metadata.name=web-1,status.phase!=Pending,spec.nodeName=node-1");
  });

  it("reads unset fields as empty and booleans as text", () => {
    const unscheduled = parseFieldSelector("spec.nodeName=");
    const hostNetwork = parseFieldSelector("spec.hostNetwork=false");
    expect(unscheduled.ok && matchesFieldSelector(unscheduled.selector, { spec: {} })).toBe(true);
    expect(unscheduled.ok && matchesFieldSelector(unscheduled.selector, pod)).toBe(false);
    expect(hostNetwork.ok && matchesFieldSelector(hostNetwork.selector, pod)).toBe(true);
  });

  it("selects events by source component", () => {
    const parsed = parseFieldSelector("source=kubelet,involvedObject.name=web-1", "Event");
    expect(parsed.ok && matchesFieldSelector(parsed.selector, { source: { component: "kubelet" }, involvedObject: { name: "web-1" } })).toBe(true);
  });

  it("refuses fields the kind does not support, with upstream's message", () => {
    expect(parseFieldSelector("spec.replicas=3", "Deployment")).toEqual({ ok: false, message: "field label not supported: spec.replicas" });
    expect(parseFieldSelector("metadata.namespace=x", "Deployment").ok).toBe(true);
  });

  it("refuses a term without operator and accepts escaped separators", () => {
    expect(parseFieldSelector("metadata.name").ok).toBe(false);
    const escaped = parseFieldSelector("metadata.name=a\\,b");
    expect(escaped.ok && escaped.selector.requirements[0].value).toBe("a,b");
    expect(parseFieldSelector("")).toEqual({ ok: true, selector: { requirements: [] } });
  });
});

import { describe, expect, it } from "vitest";
import { buildPlan, liveLookupFrom, renderPlanJson, renderPlanMarkdown, renderPlanText } from "../../src/planner/index.js";
import { cm, desired, ns, object, OPTIONS } from "./fixtures.js";
import { samplePlan } from "./sample-plan.js";

describe("text", () => {
  it("reads like terraform plan", () => {
    expect(renderPlanText(samplePlan())).toBe(
      [
        "~ update deployment.apps/web -n shop",
        "    /spec/paused: (absent) → false",
        "    /spec/replicas: 2 → 3",
        '    /spec/template/spec/containers/0/image: "nginx:1.7.9" → "nginx:1.9.1"',
        "+ create configmap/app -n shop (4 fields, wave 1)",
        "- delete configmap/old -n shop",
        '  keep configmap/legacy -n shop (not pruned: annotation drydock.dev/prune: "false")',
        "",
        "2 unchanged.",
        "Plan: 1 to create, 1 to update, 1 to delete.",
        "",
      ].join("\n"),
    );
  });

  it("says so when there is nothing to do", () => {
    const plan = buildPlan({ revision: "r", desired: [desired(ns("a"))], live: liveLookupFrom([object(ns("a"))]), inventory: [] }, OPTIONS).plan;
    expect(renderPlanText(plan)).toBe("No changes. The cluster matches the desired state.\n");
  });

  it("shortens long values", () => {
    const long = "x".repeat(100);
    const plan = buildPlan(
      { revision: "r", desired: [desired(cm("c", "a", { body: { data: { k: long } } }))], live: liveLookupFrom([object(cm("c", "a"))]), inventory: [] },
      OPTIONS,
    ).plan;
    const line = renderPlanText(plan, { maxValueLength: 20 }).split("\n")[1];
    expect(line).toBe('    /data: {"a":"1"} → {"k":"xxxxxxxxxxxxx…');
  });
});

describe("markdown", () => {
  it("has a summary line and a collapsible diff per updated object", () => {
    expect(renderPlanMarkdown(samplePlan())).toBe(
      [
        "**drydock plan** for `abc1234`: 1 to create, 1 to update, 1 to delete, 2 unchanged.",
        "",
        "<details><summary>~ deployment.apps/web -n shop (3 changes)</summary>",
        "",
        "```diff",
        "+ /spec/paused: false",
        "- /spec/replicas: 2",
        "+ /spec/replicas: 3",
        '- /spec/template/spec/containers/0/image: "nginx:1.7.9"',
        '+ /spec/template/spec/containers/0/image: "nginx:1.9.1"',
        "```",
        "",
        "</details>",
        "",
        "- `+ configmap/app -n shop` (create, 4 fields, wave 1)",
        "- `- configmap/old -n shop` (delete)",
        '- `configmap/legacy -n shop` kept (not pruned: annotation drydock.dev/prune: "false")',
        "",
      ].join("\n"),
    );
  });

  it("uses a longer fence when a value holds backticks", () => {
    const plan = buildPlan(
      { revision: "r", desired: [desired(cm("c", "a", { body: { data: { k: "```" } } }))], live: liveLookupFrom([object(cm("c", "a"))]), inventory: [] },
      OPTIONS,
    ).plan;
    expect(renderPlanMarkdown(plan)).toContain("\n````diff\n");
  });

  it("says so when there is nothing to do", () => {
    const plan = buildPlan({ revision: "r", desired: [], live: () => undefined, inventory: [] }, OPTIONS).plan;
    expect(renderPlanMarkdown(plan)).toBe("**drydock plan** for `r`: no changes. The cluster matches the desired state.\n");
  });
});

describe("json", () => {
  it("prints { revision, actions, summary } with a stable key order", () => {
    const key = (kind: string, name: string, namespace?: string, group = "", version = "v1") =>
      namespace === undefined ? { group, version, kind, name } : { group, version, kind, namespace, name };
    const expected = {
      revision: "abc1234",
      actions: [
        { action: "unchanged", resource: "namespace/shop", key: key("Namespace", "shop"), wave: 0, changes: [], source: "manifests/shop.yaml" },
        {
          action: "update",
          resource: "deployment.apps/web -n shop",
          key: key("Deployment", "web", "shop", "apps"),
          wave: 0,
          changes: [
            { path: "/spec/paused", after: false },
            { path: "/spec/replicas", before: 2, after: 3 },
            { path: "/spec/template/spec/containers/0/image", before: "nginx:1.7.9", after: "nginx:1.9.1" },
          ],
          source: "manifests/web.yaml",
        },
        { action: "create", resource: "configmap/app -n shop", key: key("ConfigMap", "app", "shop"), wave: 1, changes: [], fields: 4, source: "manifests/app.yaml" },
        { action: "delete", resource: "configmap/old -n shop", key: key("ConfigMap", "old", "shop"), wave: 0, changes: [] },
        {
          action: "unchanged",
          resource: "configmap/legacy -n shop",
          key: key("ConfigMap", "legacy", "shop"),
          wave: 0,
          changes: [],
          kept: "prune-annotation",
          note: 'not pruned: annotation drydock.dev/prune: "false"',
        },
      ],
      summary: { create: 1, update: 1, delete: 1, unchanged: 2 },
    };
    // Comparing strings checks key order too.
    expect(renderPlanJson(samplePlan())).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });
});

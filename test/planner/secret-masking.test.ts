import { describe, expect, it } from "vitest";
import type { FieldChange } from "../../src/diff/field-change.js";
import { buildPlan, liveLookupFrom, renderPlanJson, renderPlanMarkdown, renderPlanText, type DiffFunction, type Plan } from "../../src/planner/index.js";
import { desired, object, type ObjectSpec } from "./fixtures.js";
import { leafDiff } from "./sample-plan.js";

const b64 = (s: string) => Buffer.from(s).toString("base64");
const SECRETS = ["hunter2", "hunter3", "s3cr3t-token"];
const FORBIDDEN = [...SECRETS, ...SECRETS.map(b64)];

const secret = (name: string, data: Record<string, string>, extra: Partial<ObjectSpec> = {}): ObjectSpec => ({
  apiVersion: "v1",
  kind: "Secret",
  name,
  namespace: "shop",
  body: { type: "Opaque", data },
  ...extra,
});

function planWith(diff: DiffFunction): Plan {
  const live = secret("db", { password: b64("hunter2"), user: b64("admin") });
  return buildPlan(
    {
      revision: "r",
      desired: [secret("db", { password: b64("hunter3"), user: b64("admin") }), secret("token", { token: b64("s3cr3t-token") })].map(desired),
      live: liveLookupFrom([object(live)]),
      inventory: [],
    },
    { diff },
  ).plan;
}

function outputs(plan: Plan): string[] {
  return [renderPlanText(plan), renderPlanMarkdown(plan), renderPlanJson(plan)];
}

describe("Secret values", () => {
  it("never appear in any format, even when the diff did not mask them", () => {
    const plan = planWith(leafDiff);
    for (const out of outputs(plan)) for (const value of FORBIDDEN) expect(out).not.toContain(value);
    expect(plan.actions.find((a) => a.action === "update")?.changes).toEqual([{ path: "/data/password", before: "++++++++", after: "+++++++++", masked: true }]);
    expect(renderPlanText(plan)).toContain("    /data/password: ++++++++ → +++++++++ (sensitive)\n");
    expect(renderPlanText(plan)).toContain("+ create secret/token -n shop (4 fields)\n");
  });

  it("masks whole data maps entry by entry, and the last-applied annotation", () => {
    const diff: DiffFunction = () => [
      { path: "/data", before: { password: b64("hunter2"), user: b64("admin") }, after: { password: b64("hunter3"), user: b64("admin") } },
      { path: "/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration", after: JSON.stringify({ data: { password: b64("hunter3") } }) },
    ];
    const plan = planWith(diff);
    for (const out of outputs(plan)) for (const value of FORBIDDEN) expect(out).not.toContain(value);
    // An unchanged entry keeps the plain mask, a changed one gets the longer run.
    expect(plan.actions.find((a) => a.action === "update")?.changes[0]).toEqual({
      path: "/data",
      before: { password: "++++++++", user: "++++++++" },
      after: { password: "+++++++++", user: "++++++++" },
      masked: true,
    });
  });

  it("keeps the masks a diff already made", () => {
    const masked: FieldChange = { path: "/data/password", before: "++++", after: "+++++", masked: true };
    const plan = planWith(() => [masked]);
    expect(plan.actions.find((a) => a.action === "update")?.changes).toEqual([masked]);
    expect(renderPlanMarkdown(plan)).toContain("- /data/password: ++++ (sensitive)\n+ /data/password: +++++ (sensitive)\n");
  });
});

import { describe, expect, it } from "vitest";
import { buildPlan, liveLookupFrom, type DiffContext, type LiveObject, type PlanInput } from "../../src/planner/index.js";
import { cm, deploy, desired, fakeDiff, inventoryOf, ns, object, OPTIONS, type ObjectSpec } from "./fixtures.js";

function input(parts: { desired?: ObjectSpec[]; live?: ObjectSpec[]; inventory?: ObjectSpec[] }): PlanInput {
  return {
    revision: "abc1234",
    desired: (parts.desired ?? []).map(desired),
    live: liveLookupFrom((parts.live ?? []).map(object)),
    inventory: (parts.inventory ?? []).map((s) => inventoryOf(s)),
  };
}

const summaryOf = (i: PlanInput, prune?: boolean) => buildPlan(i, { ...OPTIONS, prune }).plan;
const brief = (i: PlanInput, prune?: boolean) => summaryOf(i, prune).actions.map((a) => `${a.action} ${a.resource}`);

describe("classification", () => {
  it("creates what is not live, updates what differs, leaves the rest unchanged", () => {
    const web = deploy("web", "shop");
    const api = deploy("api", "shop");
    const plan = summaryOf(
      input({
        desired: [ns("shop"), web, { ...api, body: { spec: { replicas: 3 } } }],
        live: [ns("shop"), web, api],
      }),
    );
    expect(plan.actions.map((a) => [a.action, a.resource])).toEqual([
      ["unchanged", "namespace/shop"],
      ["update", "deployment.apps/api -n shop"],
      ["unchanged", "deployment.apps/web -n shop"],
    ]);
    expect(plan.actions[1].changes).toEqual([{ path: "/spec", before: { replicas: 1 }, after: { replicas: 3 } }]);
    expect(plan.summary).toEqual({ create: 0, update: 1, delete: 0, unchanged: 2 });
    expect(plan.revision).toBe("abc1234");
  });

  it("counts the fields of a created object instead of showing them, and keeps the source file", () => {
    const [action] = summaryOf(input({ desired: [cm("app", "shop", { body: { data: { a: "1", b: "2" } } })] })).actions;
    // metadata.name, metadata.namespace, data.a, data.b
    expect(action).toMatchObject({ action: "create", fields: 4, changes: [], source: "manifests/app.yaml", wave: 0 });
  });

  it("matches live objects whatever their version, as the API server does", () => {
    const live = { ...deploy("web", "shop"), apiVersion: "apps/v1beta1" };
    expect(brief(input({ desired: [deploy("web", "shop")], live: [live] }))).toEqual(["unchanged deployment.apps/web -n shop"]);
  });

  it("gives the diff the owned fields from the inventory and the matching ignore rules", () => {
    const seen: DiffContext[] = [];
    const web = deploy("web", "shop");
    buildPlan(
      { revision: "r", desired: [desired(web), desired(cm("app", "shop"))], live: liveLookupFrom([object(web), object(cm("app", "shop"))]), inventory: [inventoryOf(web, ["/spec/replicas"])] },
      {
        diff: (d, l: LiveObject, context) => (seen.push(context), fakeDiff(d, l, context)),
        ignoreDifferences: [
          { group: "apps", kind: "Deployment", jsonPointers: ["/spec/replicas"] },
          { kind: "Deployment", name: "other", jsonPointers: ["/spec/paused"] },
          { kind: "ConfigMap", namespace: "shop", jsonPointers: ["/data"] },
        ],
      },
    );
    // Called in input order: the web Deployment first, then the ConfigMap.
    expect(seen).toEqual([
      { owned: ["/spec/replicas"], ignore: ["/spec/replicas"] },
      { owned: undefined, ignore: ["/data"] },
    ]);
  });

  it("reports a resource defined twice and plans the first definition", () => {
    const { plan, findings } = buildPlan(input({ desired: [cm("app", "shop"), cm("app", "shop", { body: { data: {} } })] }), OPTIONS);
    expect(plan.actions).toHaveLength(1);
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([["plan/duplicate-resource", "error"]]);
  });
});

describe("pruning", () => {
  const old = cm("old", "shop");
  const manual = cm("manual", "shop");

  it("deletes only inventory entries that left Git and still exist", () => {
    const gone = cm("gone", "shop");
    const plan = summaryOf(input({ desired: [], live: [old, manual], inventory: [old, gone] }));
    expect(plan.actions.map((a) => `${a.action} ${a.resource}`)).toEqual(["delete configmap/old -n shop"]);
    expect(plan.summary).toEqual({ create: 0, update: 0, delete: 1, unchanged: 0 });
  });

  it("never deletes objects drydock did not apply", () => {
    expect(brief(input({ live: [manual, ns("shop")] }))).toEqual([]);
  });

  it("keeps them with sync.prune false, as unchanged with a reason", () => {
    const plan = summaryOf(input({ live: [old], inventory: [old] }), false);
    expect(plan.actions).toEqual([{ action: "unchanged", resource: "configmap/old -n shop", key: expect.anything(), wave: 0, changes: [], kept: "prune-disabled" }]);
    expect(plan.summary.unchanged).toBe(1);
  });

  it("prunes a live object with a bad sync wave in wave 0, without a finding (it is not in Git)", () => {
    const bad = cm("bad", "shop", { annotations: { "drydock.dev/sync-wave": "x" } });
    const { plan, findings } = buildPlan(input({ live: [bad], inventory: [bad] }), OPTIONS);
    expect(plan.actions.map((a) => [a.action, a.wave])).toEqual([["delete", 0]]);
    expect(findings).toEqual([]);
  });

  it("keeps objects annotated drydock.dev/prune: \"false\"", () => {
    const pinned = cm("pinned", "shop", { annotations: { "drydock.dev/prune": "false" } });
    const plan = summaryOf(input({ live: [pinned, old], inventory: [pinned, old] }));
    expect(plan.actions.map((a) => [a.action, a.resource, a.action === "unchanged" ? a.kept : undefined])).toEqual([
      ["unchanged", "configmap/pinned -n shop", "prune-annotation"],
      ["delete", "configmap/old -n shop", undefined],
    ]);
  });
});

describe("sync waves", () => {
  it("reads drydock.dev/sync-wave; a bad value is an error finding and wave 0", () => {
    const { plan, findings } = buildPlan(
      input({ desired: [cm("a", "x", { annotations: { "drydock.dev/sync-wave": "-2" } }), cm("b", "x", { annotations: { "drydock.dev/sync-wave": "soon" } })], live: [ns("x")] }),
      OPTIONS,
    );
    expect(plan.actions.map((a) => [a.resource, a.wave])).toEqual([
      ["configmap/a -n x", -2],
      ["configmap/b -n x", 0],
    ]);
    expect(findings).toEqual([
      {
        severity: "error",
        rule: "plan/invalid-sync-wave",
        message: 'drydock.dev/sync-wave must be an integer, not "soon".',
        file: "manifests/b.yaml",
        pointer: "/metadata/annotations/drydock.dev~1sync-wave",
        resource: "configmap/b -n x",
        hint: 'Write a whole number in quotes, e.g. drydock.dev/sync-wave: "1".',
      },
    ]);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { objectIdentity } from "../../src/manifests/resource-key.js";
import { buildPlan, liveLookupFrom, type Action, type PlanInput } from "../../src/planner/index.js";
import { desired, inventoryOf, object, OPTIONS, type ObjectSpec } from "./fixtures.js";

const NAMESPACES = ["a", "b", "c"];

const crd: ObjectSpec = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  name: "widgets.example.com",
  body: { spec: { group: "example.com", names: { kind: "Widget" } } },
};

const arbSpec: fc.Arbitrary<ObjectSpec> = fc
  .record({
    type: fc.constantFrom("ns", "cm", "deploy", "widget", "crd"),
    name: fc.constantFrom("x", "y", "z"),
    namespace: fc.constantFrom(...NAMESPACES),
    wave: fc.integer({ min: -2, max: 2 }),
  })
  .map(({ type, name, namespace, wave }) => {
    const annotations = { "drydock.dev/sync-wave": String(wave) };
    switch (type) {
      case "ns":
        return { apiVersion: "v1", kind: "Namespace", name: namespace, annotations };
      case "cm":
        return { apiVersion: "v1", kind: "ConfigMap", name, namespace, annotations };
      case "deploy":
        return { apiVersion: "apps/v1", kind: "Deployment", name, namespace, annotations };
      case "widget":
        return { apiVersion: "example.com/v1", kind: "Widget", name, namespace, annotations };
      default:
        return { ...crd, annotations };
    }
  });

const arbSet = fc.array(arbSpec, { maxLength: 20 }).map((specs) => {
  const byId = new Map(specs.map((s) => [objectIdentity(desired(s).key), s]));
  return [...byId.values()];
});

/** Every Namespace comes before the objects in it, and the CRD before every Widget. */
function checkDependencies(actions: Action[]): void {
  actions.forEach((action, i) => {
    const nsIndex = actions.findIndex((a) => a.key.kind === "Namespace" && a.key.name === action.key.namespace);
    if (nsIndex >= 0) expect(nsIndex).toBeLessThan(i);
    if (action.key.kind === "Widget") {
      const crdIndex = actions.findIndex((a) => a.key.kind === "CustomResourceDefinition");
      if (crdIndex >= 0) expect(crdIndex).toBeLessThan(i);
    }
  });
}

describe("ordering properties", () => {
  it("applies in non-decreasing waves with Namespaces and CRDs ahead of their dependents", () => {
    fc.assert(
      fc.property(arbSet, (specs) => {
        const input: PlanInput = { revision: "r", desired: specs.map(desired), live: () => undefined, inventory: [] };
        const { actions } = buildPlan(input, OPTIONS).plan;
        expect(actions).toHaveLength(specs.length);
        for (let i = 1; i < actions.length; i++) expect(actions[i].wave).toBeGreaterThanOrEqual(actions[i - 1].wave);
        checkDependencies(actions);
      }),
    );
  });

  it("deletes in exactly the reverse of the order the same objects would be applied", () => {
    fc.assert(
      fc.property(arbSet, (specs) => {
        const applied = buildPlan({ revision: "r", desired: specs.map(desired), live: () => undefined, inventory: [] }, OPTIONS).plan.actions;
        const pruned = buildPlan({ revision: "r", desired: [], live: liveLookupFrom(specs.map(object)), inventory: specs.map((s) => inventoryOf(s)) }, OPTIONS).plan.actions;
        expect(pruned.every((a) => a.action === "delete")).toBe(true);
        expect(pruned.map((a) => a.resource)).toEqual(applied.map((a) => a.resource).reverse());
      }),
    );
  });
});

import { describe, expect, it } from "vitest";
import { buildPlan, liveLookupFrom, planSteps, type PlanInput } from "../../src/planner/index.js";
import { cm, deploy, desired, inventoryOf, ns, object, OPTIONS, type ObjectSpec } from "./fixtures.js";

const wave = (n: number) => ({ annotations: { "drydock.dev/sync-wave": String(n) } });

function plan(parts: { desired?: ObjectSpec[]; live?: ObjectSpec[]; inventory?: ObjectSpec[] }) {
  const i: PlanInput = {
    revision: "r",
    desired: (parts.desired ?? []).map(desired),
    live: liveLookupFrom((parts.live ?? []).map(object)),
    inventory: (parts.inventory ?? []).map((s) => inventoryOf(s)),
  };
  return buildPlan(i, OPTIONS).plan;
}
const order = (p: ReturnType<typeof plan>) => p.actions.map((a) => `${a.action} ${a.resource} @${a.wave}`);

const crd: ObjectSpec = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  name: "widgets.example.com",
  body: { spec: { group: "example.com", names: { kind: "Widget", plural: "widgets" }, scope: "Namespaced" } },
};
const widget = (name: string, extra: Partial<ObjectSpec> = {}): ObjectSpec => ({ apiVersion: "example.com/v1", kind: "Widget", name, namespace: "a", ...extra });

describe("apply order", () => {
  it("sorts by wave, then kind order, then namespace, then name; unknown kinds last", () => {
    const p = plan({
      desired: [
        widget("w"),
        deploy("web", "b"),
        deploy("web", "a"),
        deploy("api", "b"),
        cm("conf", "a", wave(1)),
        ns("a"),
        ns("b"),
        { apiVersion: "v1", kind: "Service", name: "web", namespace: "a" },
        { apiVersion: "v1", kind: "Secret", name: "early", namespace: "a", ...wave(-1) },
      ],
    });
    expect(order(p)).toEqual([
      // namespace/a moved ahead of the first object in it, and into its wave.
      "create namespace/a @-1",
      "create secret/early -n a @-1",
      "create namespace/b @0",
      "create service/web -n a @0",
      "create deployment.apps/web -n a @0",
      "create deployment.apps/api -n b @0",
      "create deployment.apps/web -n b @0",
      "create widget.example.com/w -n a @0",
      "create configmap/conf -n a @1",
    ]);
  });

  it("moves a Namespace of a later wave before the first object in it, into that object's wave", () => {
    const p = plan({ desired: [deploy("web", "shop"), cm("conf", "shop", wave(3)), ns("shop", wave(5))] });
    expect(order(p)).toEqual(["create namespace/shop @0", "create deployment.apps/web -n shop @0", "create configmap/conf -n shop @3"]);
  });

  it("moves a CRD before its custom resources", () => {
    const p = plan({ desired: [ns("a"), widget("w", wave(-1)), { ...crd, ...wave(2) }], live: [ns("a")] });
    expect(order(p)).toEqual(["unchanged namespace/a @-1", "create customresourcedefinition.apiextensions.k8s.io/widgets.example.com @-1", "create widget.example.com/w -n a @-1"]);
  });

  it("deletes after every apply, in reverse apply order", () => {
    const gone = [ns("old"), cm("conf", "old"), deploy("web", "old"), crd, widget("w", { namespace: "old" })];
    const p = plan({ desired: [deploy("web", "shop"), ns("shop")], live: gone, inventory: gone });
    expect(order(p)).toEqual([
      "create namespace/shop @0",
      "create deployment.apps/web -n shop @0",
      "delete widget.example.com/w -n old @0",
      "delete deployment.apps/web -n old @0",
      "delete customresourcedefinition.apiextensions.k8s.io/widgets.example.com @0",
      "delete configmap/conf -n old @0",
      "delete namespace/old @0",
    ]);
  });
});

describe("planSteps", () => {
  it("groups work by wave, applies then prunes, and leaves unchanged objects out", () => {
    const gone = [cm("x", "shop", wave(1)), cm("y", "shop")];
    const p = plan({
      desired: [ns("shop"), deploy("web", "shop", wave(2)), cm("conf", "shop", wave(2))],
      live: [ns("shop"), ...gone],
      inventory: gone,
    });
    expect(planSteps(p).map((s) => [s.phase, s.wave, s.actions.map((a) => a.resource)])).toEqual([
      ["apply", 2, ["configmap/conf -n shop", "deployment.apps/web -n shop"]],
      ["prune", 1, ["configmap/x -n shop"]],
      ["prune", 0, ["configmap/y -n shop"]],
    ]);
  });
});

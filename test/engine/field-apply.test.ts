import { describe, expect, it } from "vitest";
import { ownedPaths } from "../../src/diff/index.js";
import { applyFields } from "../../src/engine/field-apply.js";
import { updatedInventory } from "../../src/engine/inventory.js";

const key = (name: string) => ({ group: "apps", version: "v1", kind: "Deployment", namespace: "shop", name });

function deployment(spec: Record<string, unknown>, labels: Record<string, string> = { app: "web" }) {
  return { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "shop", labels }, spec };
}

describe("applyFields (server-side-apply style writes)", () => {
  it("sets desired fields and keeps fields others own (replicas set by an HPA, controller fields)", () => {
    const live = { ...deployment({ replicas: 5, revisionHistoryLimit: 10, template: { spec: { containers: [{ name: "web", image: "nginx:1", imagePullPolicy: "IfNotPresent" }] } } }), status: { replicas: 5 } };
    const desired = deployment({ template: { spec: { containers: [{ name: "web", image: "nginx:2" }] } } });
    const out = applyFields(live, desired, ownedPaths(desired)) as any;
    expect(out.spec.replicas).toBe(5);
    expect(out.spec.revisionHistoryLimit).toBe(10);
    expect(out.spec.template.spec.containers).toEqual([{ name: "web", image: "nginx:2", imagePullPolicy: "IfNotPresent" }]);
    expect(out.status).toEqual({ replicas: 5 });
    expect((live as any).spec.template.spec.containers[0].image).toBe("nginx:1");
  });

  it("removes what drydock set before and no longer sets, but not what others added", () => {
    const before = deployment({ replicas: 2, template: { spec: { containers: [{ name: "web", image: "a" }, { name: "sidecar", image: "b" }] } } }, { app: "web", team: "x" });
    const live = structuredClone(before) as any;
    live.metadata.labels.handmade = "yes";
    live.spec.template.spec.containers.push({ name: "injected", image: "c" });
    const desired = deployment({ template: { spec: { containers: [{ name: "web", image: "a" }] } } });
    const out = applyFields(live, desired, ownedPaths(before)) as any;
    expect(out.metadata.labels).toEqual({ app: "web", handmade: "yes" });
    expect(out.spec.replicas).toBeUndefined();
    expect(out.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(["web", "injected"]);
  });

  it("drops maps its removals leave empty, but keeps a map the manifest still sets empty or others fill", () => {
    const before = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", labels: { app: "a" }, annotations: { note: "x" } }, data: { k: "v" } };
    const desired = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", annotations: {} }, data: { k: "v" } };
    const out = applyFields(structuredClone(before), desired, ownedPaths(before)) as any;
    expect(out.metadata).toEqual({ name: "a", annotations: {} });
    const shared = structuredClone(before) as any;
    shared.metadata.labels.team = "y";
    expect((applyFields(shared, desired, ownedPaths(before)) as any).metadata.labels).toEqual({ team: "y" });
  });

  it("updates the inventory: applied entries replace, pruned keys go", () => {
    const previous = [{ key: key("a"), owned: ["/x"], revision: "r1" }, { key: key("b"), owned: ["/y"], revision: "r1" }];
    const next = updatedInventory(previous, [{ key: key("a"), owned: ["/z"], revision: "r2" }], [key("b")]);
    expect(next).toEqual([{ key: key("a"), owned: ["/z"], revision: "r2" }]);
  });
});

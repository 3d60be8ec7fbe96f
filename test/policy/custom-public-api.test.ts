// `drydock/policy`, the module policy files import: its runtime part and the declarations policies
// are type-checked against.
import { describe, expect, it } from "vitest";
import { BUILTIN_KIND_GROUPS } from "../../src/policy/custom/builtin-kinds.js";
import { locatePublicApi, publicApiDeclarations } from "../../src/policy/custom/public-api-declarations.js";
import { definePolicy } from "../../src/policy/public-api.js";

describe("drydock/policy", () => {
  it("definePolicy returns its argument", () => {
    const policy = { id: "x", description: "", severity: "info" as const, validate() {} };
    expect(definePolicy(policy)).toBe(policy);
  });

  it("has declarations that need nothing but kubernetes-types", async () => {
    const declarations = publicApiDeclarations(await import("ts-morph"));
    const imported = [...declarations.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
    expect(imported.length).toBeGreaterThan(10);
    expect(imported.filter((m) => !m.startsWith("kubernetes-types/"))).toEqual([]);
    expect(declarations).toContain("export declare function definePolicy");
    // From the sources here; a build reads dist/policy/public-api.d.ts instead.
    expect(locatePublicApi().kind).toBe("source");
  });

  it("knows the groups of the built-in kinds", () => {
    const groups = (kind: string) => [...(BUILTIN_KIND_GROUPS.get(kind) ?? [])].sort();
    expect(groups("Pod")).toEqual([""]);
    expect(groups("Deployment")).toEqual(["apps"]);
    expect(groups("CronJob")).toEqual(["batch"]);
    expect(groups("Ingress")).toEqual(["networking.k8s.io"]);
    expect(groups("PodDisruptionBudget")).toEqual(["policy"]);
    expect(groups("ClusterRoleBinding")).toEqual(["rbac.authorization.k8s.io"]);
    expect(groups("Event")).toEqual(["", "events.k8s.io"]);
    expect(BUILTIN_KIND_GROUPS.has("Certificate")).toBe(false);
  });
});

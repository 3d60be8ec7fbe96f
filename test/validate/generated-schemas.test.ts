import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateSchemaFiles, outDir } from "../../scripts/generate-schemas.js";
import { builtinDefinitions, builtinKinds } from "../../src/validate/builtin-schemas.js";

describe("the committed schemas", () => {
  it("are exactly what `npm run schemas` generates from kubernetes-types", () => {
    const generated = generateSchemaFiles();
    expect(readdirSync(outDir).sort()).toEqual([...generated.keys()].sort());
    for (const [name, content] of generated) expect(readFileSync(join(outDir, name), "utf8"), name).toBe(content);
  });

  it("cover the built-in kinds of Kubernetes 1.30 with their scope", () => {
    const kinds = new Map(builtinKinds().map((k) => [`${k.apiVersion}/${k.kind}`, k]));
    expect(kinds.size).toBe(83);
    for (const key of ["apps/v1/Deployment", "v1/Service", "batch/v1/CronJob", "autoscaling/v2/HorizontalPodAutoscaler", "networking.k8s.io/v1/Ingress", "apiregistration.k8s.io/v1/APIService", "policy/v1/PodDisruptionBudget"]) {
      expect(kinds.get(key)?.namespaced, key).toBe(key !== "apiregistration.k8s.io/v1/APIService");
    }
    expect(kinds.get("v1/Namespace")?.namespaced).toBe(false);
    expect(kinds.get("rbac.authorization.k8s.io/v1/ClusterRole")?.namespaced).toBe(false);
    expect(kinds.has("extensions/v1beta1/Ingress")).toBe(false);
  });

  it("are strict, integer-typed, null-tolerant and carry the server's enumerations", () => {
    const defs = builtinDefinitions().definitions as Record<string, { properties?: Record<string, Record<string, unknown>>; additionalProperties?: unknown; required?: string[] }>;
    const container = defs["io.k8s.api.core.v1.Container"];
    expect(container.additionalProperties).toBe(false);
    expect(container.required).toEqual(["name"]);
    expect(container.properties!.imagePullPolicy).toMatchObject({ type: ["string", "null"], enum: ["Always", "IfNotPresent", "Never", "", null] });
    expect(defs["io.k8s.api.apps.v1.DeploymentSpec"].properties!.replicas.type).toEqual(["integer", "null"]);
    expect(defs["io.k8s.api.core.v1.ServicePort"].properties!.targetPort.type).toEqual(["integer", "string", "null"]);
    expect(defs["io.k8s.api.core.v1.ResourceRequirements"].properties!.limits.additionalProperties).toEqual({ type: ["string", "number", "null"], format: "quantity" });
    expect(defs["io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps"].properties!.maximum.type).toEqual(["number", "null"]);
    expect(Object.keys(defs["io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps"].properties!)).toContain("x-kubernetes-preserve-unknown-fields");
    expect(Object.keys(defs["io.k8s.api.admissionregistration.v1.RuleWithOperations"].properties!)).toEqual(["apiGroups", "apiVersions", "operations", "resources", "scope"]);
  });
});

import { describe, expect, it } from "vitest";
import { deployment, policyResources, runRule, where } from "./policy-helpers.js";

const hpa = (target: string, minReplicas?: number, namespace = "shop") => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: ${target}-hpa, namespace: ${namespace}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
${minReplicas === undefined ? "" : `  minReplicas: ${minReplicas}\n`}  maxReplicas: 10`;

const PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, namespace: shop}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: web}}`;

describe("policy/single-replica", () => {
  it("reports replicas: 1 at the field", () => {
    const found = runRule("single-replica", deployment({ replicas: 1 }));
    expect(where(found)).toEqual(["Deployment/web /spec/replicas"]);
    expect(found[0].message).toContain('Deployment "web" runs a single replica');
  });

  it("reports unset replicas at spec, saying that it defaults to one", () => {
    const [v] = runRule("single-replica", deployment());
    expect(v).toMatchObject({ pointer: "/spec", target: "key" });
    expect(v.message).toContain("does not set spec.replicas, so it runs a single replica");
  });

  it("reports StatefulSets", () => {
    const found = runRule("single-replica", `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec: {replicas: 1, template: {spec: {containers: []}}}`);
    expect(where(found)).toEqual(["StatefulSet/db /spec/replicas"]);
  });

  it("accepts more replicas, zero, DaemonSets, and workloads an HPA scales", () => {
    expect(runRule("single-replica", deployment({ replicas: 3 }))).toEqual([]);
    expect(runRule("single-replica", deployment({ replicas: 0 }))).toEqual([]);
    expect(runRule("single-replica", `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d}\nspec: {template: {spec: {containers: []}}}`)).toEqual([]);
    expect(runRule("single-replica", policyResources(deployment({ replicas: 1 })), { others: policyResources(hpa("web", 1)) })).toEqual([]);
  });

  it("does not count an HPA of another namespace", () => {
    expect(runRule("single-replica", policyResources(deployment({ replicas: 1 })), { others: policyResources(hpa("web", 3, "other")) })).toHaveLength(1);
  });
});

describe("policy/missing-pdb", () => {
  it("reports replicated workloads no PodDisruptionBudget covers", () => {
    const found = runRule("missing-pdb", deployment({ replicas: 3 }));
    expect(where(found)).toEqual(["Deployment/web /spec/replicas"]);
    expect(found[0].message).toBe(
      'Deployment "web" runs 3 replicas, but no PodDisruptionBudget in namespace "shop" selects its pods (app=web): a node drain or cluster upgrade can evict them all at once',
    );
  });

  it("reports workloads an HPA keeps above one replica", () => {
    const [v] = runRule("missing-pdb", policyResources(deployment()), { others: policyResources(hpa("web", 3)) });
    expect(v.pointer).toBe("/metadata/name");
    expect(v.message).toContain('is scaled by HorizontalPodAutoscaler "web-hpa" to at least 3 replicas');
  });

  it("accepts workloads a PDB in their namespace covers", () => {
    expect(runRule("missing-pdb", policyResources(deployment({ replicas: 3 })), { others: policyResources(PDB) })).toEqual([]);
  });

  it("does not count a PDB of another namespace or other labels", () => {
    const elsewhere = PDB.replace("namespace: shop", "namespace: other");
    const otherLabels = PDB.replace("{app: web}", "{app: api}");
    expect(runRule("missing-pdb", policyResources(deployment({ replicas: 3 })), { others: policyResources(`${elsewhere}\n---\n${otherLabels}`) })).toHaveLength(1);
  });

  it("does not ask for a PDB for one replica, or when an HPA may scale to one", () => {
    expect(runRule("missing-pdb", deployment())).toEqual([]);
    expect(runRule("missing-pdb", policyResources(deployment({ replicas: 5 })), { others: policyResources(hpa("web")) })).toEqual([]);
  });
});

describe("policy/hpa-min-replicas", () => {
  it("reports minReplicas 1 at the field", () => {
    const found = runRule("hpa-min-replicas", hpa("web", 1));
    expect(where(found)).toEqual(["HorizontalPodAutoscaler/web-hpa /spec/minReplicas"]);
    expect(found[0].message).toContain('HorizontalPodAutoscaler "web-hpa" can scale Deployment "web" down to 1 replica (minReplicas is 1; at least 2 required)');
  });

  it("reports unset minReplicas, which defaults to 1", () => {
    const [v] = runRule("hpa-min-replicas", hpa("web"));
    expect(v).toMatchObject({ pointer: "/spec", target: "key" });
    expect(v.message).toContain("minReplicas is not set and defaults to 1");
  });

  it("accepts two or more, and takes the minimum from the options", () => {
    expect(runRule("hpa-min-replicas", hpa("web", 2))).toEqual([]);
    const [v] = runRule("hpa-min-replicas", hpa("web", 2), { options: { minimum: 3 } });
    expect(v.message).toContain("down to 2 replicas");
    expect(v.hint).toBe("set spec.minReplicas to 3 or more");
  });
});

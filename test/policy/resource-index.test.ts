import { describe, expect, it } from "vitest";
import { ResourceIndex, WELL_KNOWN_NAMESPACES } from "../../src/policy/resource-index.js";
import { deployment, policyResources, syntheticRepository } from "./policy-helpers.js";

const OBJECTS = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: manual, namespace: shop}
spec: {ports: [{port: 80}]}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, namespace: shop}
spec: {maxUnavailable: 1, selector: {matchExpressions: [{key: app, operator: In, values: [web, api]}]}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 2, maxReplicas: 5}
---
${deployment({ name: "web", namespace: "shop" })}
---
${deployment({ name: "web", namespace: "other" })}
`;

describe("ResourceIndex", () => {
  const desired = policyResources(OBJECTS);
  const index = new ResourceIndex(desired);

  it("finds objects by group, kind, namespace and name", () => {
    expect(index.find("", "ConfigMap", "shop", "settings")?.key.name).toBe("settings");
    expect(index.find("", "ConfigMap", "other", "settings")).toBeUndefined();
    expect(index.find("", "Namespace", undefined, "shop")?.key.kind).toBe("Namespace");
    expect(index.find("apps", "Deployment", "other", "web")?.key.namespace).toBe("other");
    expect(index.findByKind("Deployment", "shop", "web")?.key.group).toBe("apps");
  });

  it("knows defined and well-known namespaces", () => {
    expect(index.namespaceExists("shop")).toBe(true);
    expect(index.namespaceExists("other")).toBe(false);
    for (const ns of WELL_KNOWN_NAMESPACES) expect(index.namespaceExists(ns)).toBe(true);
  });

  it("lists workloads per namespace and matches selectors against their pod labels", () => {
    expect(index.workloadsIn("shop").map((w) => w.resource.key.name)).toEqual(["web"]);
    expect(index.workloadsMatching("shop", { matchLabels: { app: "web" } })).toHaveLength(1);
    expect(index.workloadsMatching("shop", { matchLabels: { app: "api" } })).toHaveLength(0);
    expect(index.workloadsMatching("shop", { matchExpressions: [{ key: "app", operator: "Exists" }] })).toHaveLength(1);
    expect(index.workloadsMatching("nowhere", {})).toHaveLength(0);
  });

  it("finds Services, PDBs and HPAs for a workload's pods", () => {
    const web = index.find("apps", "Deployment", "shop", "web")!;
    expect(index.servicesIn("shop").map((s) => s.key.name)).toEqual(["web", "manual"]);
    expect(index.servicesSelecting("shop", { app: "web", version: "2" }).map((s) => s.key.name)).toEqual(["web"]);
    expect(index.servicesSelecting("other", { app: "web" })).toEqual([]);
    expect(index.podDisruptionBudgetsIn("shop")).toHaveLength(1);
    expect(index.podDisruptionBudgetsSelecting("shop", { app: "api" }).map((p) => p.key.name)).toEqual(["web"]);
    expect(index.podDisruptionBudgetsSelecting("shop", { app: "db" })).toEqual([]);
    expect(index.horizontalPodAutoscalersIn("shop")).toHaveLength(1);
    expect(index.horizontalPodAutoscalersTargeting(web).map((h) => h.key.name)).toEqual(["web"]);
    expect(index.horizontalPodAutoscalersTargeting(index.find("apps", "Deployment", "other", "web")!)).toEqual([]);
  });

  it("counts live objects, preferring the desired version of an object in both", () => {
    const live = policyResources(
      `apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop, labels: {live: "yes"}}`,
      { live: true },
    );
    const withLive = new ResourceIndex(desired, live);
    expect(withLive.hasLive).toBe(true);
    expect(withLive.find("", "Secret", "shop", "db")).toBeDefined();
    expect(withLive.find("", "ConfigMap", "shop", "settings")?.source).toBeDefined();
    expect(index.hasLive).toBe(false);
  });

  it("knows Secrets that SealedSecrets, ExternalSecrets and Certificates produce", () => {
    const producers = new ResourceIndex(
      policyResources(`
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: sealed, namespace: shop}
spec: {encryptedData: {}}
---
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: sealed2, namespace: shop}
spec: {template: {metadata: {name: renamed}}}
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata: {name: external, namespace: shop}
spec: {target: {name: external-target}}
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata: {name: unmanaged, namespace: shop}
spec: {target: {creationPolicy: None}}
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: tls, namespace: shop}
spec: {secretName: web-tls}`),
    );
    for (const name of ["sealed", "renamed", "external-target", "web-tls"]) expect(producers.exists("", "Secret", "shop", name)).toBe(true);
    for (const name of ["sealed2", "external", "unmanaged", "tls"]) expect(producers.exists("", "Secret", "shop", name)).toBe(false);
    expect(producers.find("", "Secret", "shop", "web-tls")).toBeUndefined();
  });

  it("knows what LimitRanges fill in for containers", () => {
    const withDefaults = new ResourceIndex(
      policyResources(`apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: shop}
spec:
  limits:
    - type: Container
      default: {memory: 512Mi}
      defaultRequest: {cpu: 100m}
    - type: Pod
      max: {cpu: "4"}`),
    );
    const defaults = withDefaults.containerDefaultsIn("shop");
    expect([...defaults.limits]).toEqual(["memory"]);
    expect([...defaults.requests].sort()).toEqual(["cpu", "memory"]);
    expect(withDefaults.containerDefaultsIn("other").limits.size).toBe(0);
  });

  it("serves 30,000 resources through its label buckets", () => {
    const big = new ResourceIndex(syntheticRepository(10_000));
    // Each Service finds its one Deployment among 200 in its namespace without looking at the others.
    expect(big.workloadsMatching("ns7", { matchLabels: { app: "app7" } }).map((w) => w.resource.key.name)).toEqual(["app7"]);
    expect(big.servicesSelecting("ns7", { app: "app7" })).toHaveLength(1);
  });
});

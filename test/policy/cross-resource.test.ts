// Rules that look at more than one object: across namespaces, and with a live cluster's objects.
import { describe, expect, it } from "vitest";
import { BUILTIN_RULES } from "../../src/policy/builtin-catalog.js";
import type { PolicyResource } from "../../src/policy/policy-resource.js";
import { ResourceIndex } from "../../src/policy/resource-index.js";
import { deployment, policyResources, runRule, where } from "./policy-helpers.js";

const REPOSITORY = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: billing}
---
${deployment({ name: "web", namespace: "shop", replicas: 3, container: "envFrom: [{configMapRef: {name: billing-config}}]" })}
---
${deployment({ name: "invoices", namespace: "billing", replicas: 2, pod: "serviceAccountName: invoices" })}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: invoices, namespace: shop}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: billing-config, namespace: billing}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: billing}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web, namespace: shop}
spec: {maxUnavailable: 1, selector: {matchLabels: {app: web}}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: invoices, namespace: shop}
spec: {maxUnavailable: 1, selector: {matchLabels: {app: invoices}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: billing}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 2, maxReplicas: 5}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: front, namespace: billing}
spec:
  rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}]}}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: stray, namespace: staging}
`;

/** Every reference rule over every object, as `rule resource pointer`. */
function referenceFindings(desired: readonly PolicyResource[], live: readonly PolicyResource[] = []): string[] {
  const index = new ResourceIndex(desired, live);
  return BUILTIN_RULES.filter((r) => r.category === "references").flatMap((rule) =>
    desired.flatMap((resource) =>
      rule.check(resource, { index, options: { ...rule.defaults } }).map((v) => `${rule.id} ${resource.key.kind}/${resource.key.namespace}/${resource.key.name} ${v.pointer}`),
    ),
  );
}

describe("cross-resource rules across namespaces", () => {
  it("never resolves a reference in another namespace", () => {
    expect(referenceFindings(policyResources(REPOSITORY)).sort()).toEqual(
      [
        // The Service in billing selects app=web, whose pods run in shop.
        "dangling-service Service/billing/web /spec/selector",
        // The ConfigMap is in billing, the Deployment in shop.
        "missing-configmap Deployment/shop/web /spec/template/spec/containers/0/envFrom/0/configMapRef/name",
        // The ServiceAccount is in shop, the Deployment in billing.
        "missing-service-account Deployment/billing/invoices /spec/template/spec/serviceAccountName",
        // The PDB for invoices is in shop; invoices runs in billing.
        "dangling-pdb PodDisruptionBudget/shop/invoices /spec/selector",
        // The HPA in billing names web, which is in shop.
        "dangling-hpa HorizontalPodAutoscaler/billing/web /spec/scaleTargetRef/name",
        // billing's Service web has no port named http (shop's has).
        "ingress-missing-service Ingress/billing/front /spec/rules/0/http/paths/0/backend/service/port/name",
        "unknown-namespace ConfigMap/staging/stray /metadata/namespace",
      ].sort(),
    );
  });

  it("matches PDBs and HPAs to workloads only within their namespace", () => {
    const desired = policyResources(REPOSITORY);
    const missing = runRule("missing-pdb", desired.filter((r) => r.key.kind === "Deployment"), { others: desired.filter((r) => r.key.kind !== "Deployment") });
    expect(where(missing)).toEqual(["Deployment/invoices /spec/replicas"]);
    expect(runRule("single-replica", desired)).toEqual([]);
  });
});

describe("live objects", () => {
  const desired = policyResources(`${deployment({ name: "web", namespace: "shop", container: "envFrom: [{configMapRef: {name: app-config}}]", pod: "serviceAccountName: web" })}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api, namespace: shop}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}, minReplicas: 2, maxReplicas: 5}
---
apiVersion: v1
kind: Service
metadata: {name: legacy, namespace: shop}
spec: {selector: {app: legacy}, ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: front, namespace: shop}
spec: {defaultBackend: {service: {name: external-auth, port: {number: 443}}}}`);

  const live = policyResources(
    `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: app-config, namespace: shop}
data: {mode: fast}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
---
${deployment({ name: "api", namespace: "shop" })}
---
apiVersion: v1
kind: Pod
metadata: {name: legacy-7d9f, namespace: shop, labels: {app: legacy}}
spec: {containers: [{name: legacy, image: legacy:1}]}
---
apiVersion: v1
kind: Service
metadata: {name: external-auth, namespace: shop}
spec: {type: ExternalName, externalName: auth.example.com}`,
    { live: true },
  );

  it("reports every reference the repository alone cannot satisfy", () => {
    expect(referenceFindings(desired).map((f) => f.split(" ")[0]).sort()).toEqual(
      ["dangling-hpa", "dangling-service", "ingress-missing-service", "missing-configmap", "missing-service-account", "unknown-namespace", "unknown-namespace", "unknown-namespace", "unknown-namespace"].sort(),
    );
  });

  it("counts objects that exist only in the live cluster as existing", () => {
    expect(referenceFindings(desired, live)).toEqual([]);
  });

  it("finds a ConfigMap that exists only in the live cluster", () => {
    const withoutLive = runRule("missing-configmap", desired);
    expect(withoutLive).toHaveLength(1);
    expect(withoutLive[0].message).toContain('ConfigMap "app-config" in namespace "shop", which is not defined in the manifests');
    expect(runRule("missing-configmap", desired, { live })).toEqual([]);
  });

  it("says it looked in the cluster too when a reference is still missing", () => {
    const liveWithoutConfig = live.filter((r) => r.key.kind !== "ConfigMap");
    const [v] = runRule("missing-configmap", desired, { live: liveWithoutConfig });
    expect(v.message).toContain("which is defined neither in the manifests nor in the cluster");
  });

  it("prefers the repository's version of an object that is also live", () => {
    const desiredConfig = policyResources(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-config, namespace: shop}\ndata: {other: x}`);
    const reader = policyResources(deployment({ name: "web", namespace: "shop", container: "env: [{name: MODE, valueFrom: {configMapKeyRef: {name: app-config, key: mode}}}]" }));
    // The live ConfigMap has the key, but the sync will replace it with the repository's, which does not.
    const found = runRule("missing-configmap", reader, { others: desiredConfig, live });
    expect(where(found)).toEqual(["Deployment/web /spec/template/spec/containers/0/env/0/valueFrom/configMapKeyRef/key"]);
  });
});

import { describe, expect, it } from "vitest";
import { deployment, policyResources, runRule, SHOP_NAMESPACE, where } from "./policy-helpers.js";

const POD = "/spec/template/spec";
const C = `${POD}/containers/0`;

const USES_EVERYTHING = deployment({
  pod: `serviceAccountName: web
imagePullSecrets: [{name: registry}]
volumes:
  - name: config
    configMap:
      name: app-config
      items: [{key: app.yaml, path: app.yaml}]
  - name: tls
    secret: {secretName: web-tls}
  - name: data
    persistentVolumeClaim: {claimName: web-data}
  - name: bundle
    projected:
      sources:
        - configMap: {name: bundle-config}
        - secret: {name: bundle-secret}
        - serviceAccountToken: {path: token}`,
  container: `envFrom:
  - configMapRef: {name: env-config}
  - secretRef: {name: env-secret}
env:
  - name: DB_PASSWORD
    valueFrom: {secretKeyRef: {name: db, key: password}}
  - name: MODE
    valueFrom: {configMapKeyRef: {name: app-config, key: mode}}`,
});

const EVERYTHING = `apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
---
apiVersion: v1
kind: Secret
metadata: {name: registry, namespace: shop}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: app-config, namespace: shop}
data: {app.yaml: "x: 1", mode: fast}
---
apiVersion: v1
kind: Secret
metadata: {name: web-tls, namespace: shop}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: web-data, namespace: shop}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: bundle-config, namespace: shop}
---
apiVersion: v1
kind: Secret
metadata: {name: bundle-secret, namespace: shop}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: env-config, namespace: shop}
---
apiVersion: v1
kind: Secret
metadata: {name: env-secret, namespace: shop}
---
apiVersion: v1
kind: Secret
metadata: {name: db, namespace: shop}
stringData: {password: x}`;

function everythingBut(kind: string, name: string) {
  return policyResources(EVERYTHING).filter((r) => r.key.kind !== kind || r.key.name !== name);
}

describe("policy/missing-configmap", () => {
  it("reports every missing ConfigMap at the name field, naming the object and its namespace", () => {
    const found = runRule("missing-configmap", USES_EVERYTHING);
    expect(where(found)).toEqual([
      `Deployment/web ${POD}/volumes/0/configMap/name`,
      `Deployment/web ${POD}/volumes/3/projected/sources/0/configMap/name`,
      `Deployment/web ${C}/envFrom/0/configMapRef/name`,
      `Deployment/web ${C}/env/1/valueFrom/configMapKeyRef/name`,
    ]);
    expect(found[0].message).toBe(
      'volume "config" refers to ConfigMap "app-config" in namespace "shop", which is not defined in the manifests: the pod cannot start, as the volume does not mount',
    );
    expect(found[2].message).toContain('envFrom of container "web" refers to ConfigMap "env-config" in namespace "shop"');
    expect(found[3].message).toContain('env MODE of container "web" refers to ConfigMap "app-config"');
    expect(found[3].message).toContain("CreateContainerConfigError");
  });

  it("accepts ConfigMaps in the index, the built-in kube-root-ca.crt and optional references", () => {
    expect(runRule("missing-configmap", policyResources(USES_EVERYTHING), { others: policyResources(EVERYTHING) })).toEqual([]);
    const optional = deployment({
      pod: `volumes:\n  - name: ca\n    configMap: {name: kube-root-ca.crt}\n  - name: extra\n    configMap: {name: extra, optional: true}`,
      container: `envFrom: [{configMapRef: {name: more, optional: true}}]`,
    });
    expect(runRule("missing-configmap", optional)).toEqual([]);
  });

  it("reports a key the ConfigMap does not have, listing the keys it has", () => {
    const config = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-config, namespace: shop}\ndata: {app.yaml: "x: 1"}\nbinaryData: {logo.png: AA==}`;
    const found = runRule("missing-configmap", policyResources(USES_EVERYTHING), { others: [...everythingBut("ConfigMap", "app-config"), ...policyResources(config)] });
    expect(where(found)).toEqual([`Deployment/web ${C}/env/1/valueFrom/configMapKeyRef/key`]);
    expect(found[0].message).toContain('reads key "mode" of ConfigMap "app-config" in namespace "shop", which has no such key (its keys: app.yaml, logo.png)');
  });

  it("does not find a ConfigMap of another namespace", () => {
    const other = policyResources(EVERYTHING.replaceAll("namespace: shop", "namespace: other"));
    expect(runRule("missing-configmap", policyResources(USES_EVERYTHING), { others: other })).toHaveLength(4);
  });
});

describe("policy/missing-secret", () => {
  it("reports missing Secrets from volumes, env, envFrom and imagePullSecrets", () => {
    const found = runRule("missing-secret", USES_EVERYTHING);
    expect(where(found)).toEqual([
      `Deployment/web ${POD}/volumes/1/secret/secretName`,
      `Deployment/web ${POD}/volumes/3/projected/sources/1/secret/name`,
      `Deployment/web ${C}/envFrom/1/secretRef/name`,
      `Deployment/web ${C}/env/0/valueFrom/secretKeyRef/name`,
      `Deployment/web ${POD}/imagePullSecrets/0/name`,
    ]);
    expect(found[3].message).toContain('env DB_PASSWORD of container "web" refers to Secret "db" in namespace "shop"');
    expect(found[4].message).toContain("imagePullSecrets refers to Secret \"registry\"");
    expect(found[4].message).toContain("ImagePullBackOff");
  });

  it("accepts Secrets that exist, and the ones SealedSecrets and ExternalSecrets produce", () => {
    expect(runRule("missing-secret", policyResources(USES_EVERYTHING), { others: policyResources(EVERYTHING) })).toEqual([]);
    const produced = policyResources(`apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: db, namespace: shop}
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata: {name: registry-sync, namespace: shop}
spec: {target: {name: registry}}`);
    const found = runRule("missing-secret", policyResources(USES_EVERYTHING), { others: produced });
    expect(found.map((v) => v.pointer)).not.toContain(`${C}/env/0/valueFrom/secretKeyRef/name`);
    expect(found.map((v) => v.pointer)).not.toContain(`${POD}/imagePullSecrets/0/name`);
  });

  it("reports a key missing from a Secret, reading data and stringData", () => {
    const db = `apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\ndata: {user: YQ==}\nstringData: {pass: x}`;
    const found = runRule("missing-secret", policyResources(USES_EVERYTHING), { others: [...everythingBut("Secret", "db"), ...policyResources(db)] });
    expect(where(found)).toEqual([`Deployment/web ${C}/env/0/valueFrom/secretKeyRef/key`]);
    expect(found[0].message).toContain("its keys: user, pass");
  });

  it("skips optional Secrets", () => {
    expect(runRule("missing-secret", deployment({ pod: `volumes: [{name: s, secret: {secretName: s, optional: true}}]` }))).toEqual([]);
  });
});

describe("policy/missing-pvc", () => {
  it("reports a missing claim at claimName", () => {
    const found = runRule("missing-pvc", USES_EVERYTHING);
    expect(where(found)).toEqual([`Deployment/web ${POD}/volumes/2/persistentVolumeClaim/claimName`]);
    expect(found[0].message).toContain('volume "data" refers to PersistentVolumeClaim "web-data" in namespace "shop"');
    expect(found[0].message).toContain("stays Pending");
  });

  it("accepts an existing claim", () => {
    expect(runRule("missing-pvc", policyResources(USES_EVERYTHING), { others: policyResources(EVERYTHING) })).toEqual([]);
  });
});

describe("policy/missing-service-account", () => {
  it("reports a missing ServiceAccount at serviceAccountName", () => {
    const found = runRule("missing-service-account", USES_EVERYTHING);
    expect(where(found)).toEqual([`Deployment/web ${POD}/serviceAccountName`]);
    expect(found[0].message).toContain('serviceAccountName refers to ServiceAccount "web" in namespace "shop"');
  });

  it("reads the deprecated serviceAccount field when serviceAccountName is not set", () => {
    expect(where(runRule("missing-service-account", deployment({ pod: "serviceAccount: robot" })))).toEqual([`Deployment/web ${POD}/serviceAccount`]);
    expect(where(runRule("missing-service-account", deployment({ pod: "serviceAccount: robot\nserviceAccountName: default" })))).toEqual([]);
  });

  it("accepts the default ServiceAccount and defined ones", () => {
    expect(runRule("missing-service-account", deployment({ pod: "serviceAccountName: default" }))).toEqual([]);
    expect(runRule("missing-service-account", deployment())).toEqual([]);
    expect(runRule("missing-service-account", policyResources(USES_EVERYTHING), { others: policyResources(EVERYTHING) })).toEqual([]);
  });
});

describe("policy/dangling-service", () => {
  const service = (selector: string, extra = "") => `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: ${selector}
  ports: [{port: 80}]
${extra}`;

  it("reports a selector no pod template matches, at the selector", () => {
    const found = runRule("dangling-service", policyResources(service("{app: webb}")), { others: policyResources(deployment()) });
    expect(where(found)).toEqual(["Service/web /spec/selector"]);
    expect(found[0].message).toContain('Service "web" selects pods with app=webb, but no workload in namespace "shop" runs pods with these labels');
    expect(found[0].message).toContain('closest: Deployment "web", whose pods have app=web');
  });

  it("accepts a selector that matches, and Services without selector or of type ExternalName", () => {
    expect(runRule("dangling-service", policyResources(service("{app: web}")), { others: policyResources(deployment()) })).toEqual([]);
    expect(runRule("dangling-service", `apiVersion: v1\nkind: Service\nmetadata: {name: manual}\nspec: {ports: [{port: 80}]}`)).toEqual([]);
    expect(runRule("dangling-service", `apiVersion: v1\nkind: Service\nmetadata: {name: manual}\nspec: {selector: {}, ports: [{port: 80}]}`)).toEqual([]);
    expect(runRule("dangling-service", service("{app: none}", "  type: ExternalName\n  externalName: example.com"))).toEqual([]);
  });

  it("matches bare Pods, CronJob pods and other workload kinds", () => {
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop, labels: {app: web}}\nspec: {containers: []}`;
    expect(runRule("dangling-service", policyResources(service("{app: web}")), { others: policyResources(pod) })).toEqual([]);
  });
});

describe("policy/dangling-hpa", () => {
  const hpa = (kind: string, name: string) =>
    `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: shop}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: ${kind}, name: ${name}}, minReplicas: 2, maxReplicas: 4}`;

  it("reports a target that does not exist, at its name", () => {
    const found = runRule("dangling-hpa", policyResources(hpa("Deployment", "api")), { others: policyResources(deployment()) });
    expect(where(found)).toEqual(["HorizontalPodAutoscaler/web /spec/scaleTargetRef/name"]);
    expect(found[0].message).toContain('HorizontalPodAutoscaler "web" scales Deployment "api" in namespace "shop", which is not defined in the manifests');
  });

  it("does not take a StatefulSet of that name for the Deployment", () => {
    const sts = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: api, namespace: shop}\nspec: {template: {spec: {containers: []}}}`;
    expect(runRule("dangling-hpa", policyResources(hpa("Deployment", "api")), { others: policyResources(sts) })).toHaveLength(1);
  });

  it("accepts an existing target, whatever the group of its apiVersion", () => {
    expect(runRule("dangling-hpa", policyResources(hpa("Deployment", "web")), { others: policyResources(deployment()) })).toEqual([]);
    const old = deployment().replace("apps/v1", "extensions/v1beta1");
    expect(runRule("dangling-hpa", policyResources(hpa("Deployment", "web")), { others: policyResources(old) })).toEqual([]);
  });
});

describe("policy/dangling-pdb", () => {
  const pdb = (selector: string) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web, namespace: shop}\nspec: {maxUnavailable: 1, selector: ${selector}}`;

  it("reports a selector that matches no workload", () => {
    const found = runRule("dangling-pdb", policyResources(pdb("{matchLabels: {app: api}}")), { others: policyResources(deployment()) });
    expect(where(found)).toEqual(["PodDisruptionBudget/web /spec/selector"]);
    expect(found[0].message).toContain('PodDisruptionBudget "web" selects pods with app=api, but no workload in namespace "shop" runs pods with these labels: it protects nothing');
  });

  it("reads matchExpressions", () => {
    const found = runRule("dangling-pdb", policyResources(pdb("{matchExpressions: [{key: app, operator: In, values: [api, db]}]}")), { others: policyResources(deployment()) });
    expect(found[0].message).toContain("app in (api, db)");
    expect(runRule("dangling-pdb", policyResources(pdb("{matchExpressions: [{key: app, operator: In, values: [web]}]}")), { others: policyResources(deployment()) })).toEqual([]);
  });

  it("accepts a matching selector, and an empty one when the namespace has pods", () => {
    expect(runRule("dangling-pdb", policyResources(pdb("{matchLabels: {app: web}}")), { others: policyResources(deployment()) })).toEqual([]);
    expect(runRule("dangling-pdb", policyResources(pdb("{}")), { others: policyResources(deployment()) })).toEqual([]);
  });
});

describe("policy/ingress-missing-service", () => {
  const SERVICE = `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}, ports: [{name: http, port: 80}]}`;
  const ingress = (backend: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: ${backend}`;

  it("reports a backend Service that does not exist, at its name", () => {
    const found = runRule("ingress-missing-service", policyResources(ingress("{service: {name: api, port: {number: 80}}}")), { others: policyResources(SERVICE) });
    expect(where(found)).toEqual(["Ingress/shop /spec/rules/0/http/paths/0/backend/service/name"]);
    expect(found[0].message).toContain('path "/" of host "shop.example.com" of Ingress "shop" routes to Service "api" in namespace "shop", which is not defined in the manifests');
  });

  it("reports a port number or name the Service does not expose", () => {
    const byNumber = runRule("ingress-missing-service", policyResources(ingress("{service: {name: web, port: {number: 8080}}}")), { others: policyResources(SERVICE) });
    expect(where(byNumber)).toEqual(["Ingress/shop /spec/rules/0/http/paths/0/backend/service/port/number"]);
    expect(byNumber[0].message).toContain('routes to port 8080 of Service "web", which exposes 80 (http)');
    const byName = runRule("ingress-missing-service", policyResources(ingress("{service: {name: web, port: {name: https}}}")), { others: policyResources(SERVICE) });
    expect(byName[0].pointer).toBe("/spec/rules/0/http/paths/0/backend/service/port/name");
    expect(byName[0].message).toContain('the port named "https"');
  });

  it("checks the default backend and the old serviceName and servicePort fields", () => {
    const text = `apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata: {name: old, namespace: shop}
spec:
  backend: {serviceName: gone, servicePort: 80}
  rules: [{http: {paths: [{path: /api, backend: {serviceName: web, servicePort: 81}}]}}]`;
    const found = runRule("ingress-missing-service", policyResources(text), { others: policyResources(SERVICE) });
    expect(where(found)).toEqual(["Ingress/old /spec/backend/serviceName", "Ingress/old /spec/rules/0/http/paths/0/backend/servicePort"]);
    expect(found[0].message).toContain("the default backend of Ingress");
  });

  it("accepts existing Services and ports, and resource backends", () => {
    expect(runRule("ingress-missing-service", policyResources(ingress("{service: {name: web, port: {name: http}}}")), { others: policyResources(SERVICE) })).toEqual([]);
    expect(runRule("ingress-missing-service", policyResources(ingress("{service: {name: web, port: {number: 80}}}")), { others: policyResources(SERVICE) })).toEqual([]);
    expect(runRule("ingress-missing-service", ingress("{resource: {apiGroup: k8s.example.com, kind: Bucket, name: assets}}"))).toEqual([]);
  });
});

describe("policy/unknown-namespace", () => {
  it("reports a namespace nothing defines, at metadata.namespace", () => {
    const found = runRule("unknown-namespace", deployment());
    expect(where(found)).toEqual(["Deployment/web /metadata/namespace"]);
    expect(found[0].message).toBe('namespace "shop" of Deployment "web" is not defined in the manifests: creating it fails with: namespaces "shop" not found');
  });

  it("reports once, at metadata, when the default namespace is what is missing", () => {
    const found = runRule("unknown-namespace", policyResources(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {}`, { defaultNamespace: "staging" }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ pointer: "/metadata", target: "key" });
    expect(found[0].message).toContain('sets no namespace, so it goes to the default namespace "staging"');
  });

  it("accepts Namespace objects, well-known namespaces, configured ones and cluster-scoped objects", () => {
    expect(runRule("unknown-namespace", policyResources(deployment()), { others: policyResources(SHOP_NAMESPACE) })).toEqual([]);
    expect(runRule("unknown-namespace", `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: kube-system}`)).toEqual([]);
    expect(runRule("unknown-namespace", `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}`)).toEqual([]);
    expect(runRule("unknown-namespace", deployment(), { options: { namespaces: ["shop"] } })).toEqual([]);
    expect(runRule("unknown-namespace", `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}`)).toEqual([]);
  });
});

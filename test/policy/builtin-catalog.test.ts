import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUILTIN_RULES, builtinRule, RULE_CATEGORIES } from "../../src/policy/builtin-catalog.js";
import type { PolicyResource } from "../../src/policy/policy-resource.js";
import { ResourceIndex } from "../../src/policy/resource-index.js";

const EXPECTED: Record<string, [string, string]> = {
  "latest-tag": ["images", "warning"],
  "pull-policy-mutable-tag": ["images", "warning"],
  "cpu-requests-missing": ["resources", "warning"],
  "memory-limit-missing": ["resources", "warning"],
  "memory-requests-missing": ["resources", "warning"],
  "liveness-probe-missing": ["probes", "warning"],
  "probe-port-not-exposed": ["probes", "error"],
  "readiness-probe-missing": ["probes", "warning"],
  "dangerous-capabilities": ["security", "warning"],
  "docker-socket": ["security", "error"],
  "host-ipc": ["security", "warning"],
  "host-network": ["security", "warning"],
  "host-path": ["security", "warning"],
  "host-pid": ["security", "warning"],
  "privilege-escalation": ["security", "warning"],
  privileged: ["security", "warning"],
  "run-as-root": ["security", "warning"],
  "secret-in-env": ["security", "warning"],
  "hpa-min-replicas": ["availability", "warning"],
  "missing-pdb": ["availability", "info"],
  "single-replica": ["availability", "warning"],
  "dangling-hpa": ["references", "error"],
  "dangling-pdb": ["references", "error"],
  "dangling-service": ["references", "error"],
  "ingress-missing-service": ["references", "error"],
  "missing-configmap": ["references", "error"],
  "missing-pvc": ["references", "error"],
  "missing-secret": ["references", "error"],
  "missing-service-account": ["references", "error"],
  "unknown-namespace": ["references", "error"],
};

describe("the built-in rule catalog", () => {
  it("has these rules, in category then id order, with these categories and severities", () => {
    expect(BUILTIN_RULES.map((r) => r.id)).toEqual(Object.keys(EXPECTED));
    for (const rule of BUILTIN_RULES) expect([rule.category, rule.severity]).toEqual(EXPECTED[rule.id]);
    const ranks = BUILTIN_RULES.map((r) => RULE_CATEGORIES.indexOf(r.category));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("describes every rule and its remedy in one line each", () => {
    for (const rule of BUILTIN_RULES) {
      expect(rule.id).toMatch(/^[a-z][a-z0-9-]*$/);
      for (const text of [rule.description, rule.hint]) {
        expect(text.length, rule.id).toBeGreaterThan(10);
        expect(text, rule.id).not.toContain("\n");
      }
    }
  });

  it("looks rules up by id", () => {
    expect(builtinRule("latest-tag")?.category).toBe("images");
    expect(builtinRule("policy/latest-tag")).toBeUndefined();
    expect(builtinRule("nope")).toBeUndefined();
  });

  it("declares the defaults of the options rules read", () => {
    expect(builtinRule("hpa-min-replicas")?.defaults).toEqual({ minimum: 2 });
    expect(builtinRule("dangerous-capabilities")?.defaults?.capabilities).toContain("SYS_ADMIN");
    expect(builtinRule("secret-in-env")?.defaults?.names).toContain("PASSWORD");
    expect(builtinRule("docker-socket")?.defaults?.sockets).toContain("/var/run/docker.sock");
    expect(builtinRule("unknown-namespace")?.defaults).toEqual({ namespaces: [] });
  });
});

// Values shaped like parts of manifests, at any depth, with the wrong types mixed in.
const KEYS = [
  "spec", "template", "jobTemplate", "metadata", "labels", "containers", "initContainers", "volumes", "securityContext", "resources",
  "requests", "limits", "cpu", "memory", "image", "imagePullPolicy", "name", "env", "envFrom", "valueFrom", "secretKeyRef", "configMapKeyRef",
  "configMapRef", "ports", "containerPort", "port", "livenessProbe", "readinessProbe", "httpGet", "tcpSocket", "grpc", "hostPath", "path",
  "selector", "matchLabels", "matchExpressions", "key", "operator", "values", "replicas", "minReplicas", "scaleTargetRef", "kind", "rules",
  "http", "paths", "backend", "service", "number", "serviceName", "servicePort", "capabilities", "add", "runAsUser", "runAsNonRoot",
  "privileged", "hostNetwork", "items", "projected", "sources", "secret", "configMap", "persistentVolumeClaim", "claimName", "secretName",
  "imagePullSecrets", "serviceAccountName", "optional", "namespace", "data", "type", "defaultBackend", "restartPolicy", "value",
];

const manifestValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, 1, -1, 8080, "", "http", "latest", "nginx", "0", "Always", "IfNotPresent", "In", "/var/run", "ALL"),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 5 }),
  ),
})).value;

const KINDS: Array<[string, string]> = [
  ["v1", "Pod"],
  ["apps/v1", "Deployment"],
  ["apps/v1", "StatefulSet"],
  ["batch/v1", "CronJob"],
  ["v1", "Service"],
  ["policy/v1", "PodDisruptionBudget"],
  ["autoscaling/v2", "HorizontalPodAutoscaler"],
  ["networking.k8s.io/v1", "Ingress"],
  ["v1", "ConfigMap"],
  ["v1", "Secret"],
];

// Either a well-shaped value or anything at all, so that rules meet both deep valid structure and junk.
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof(arb, arb, manifestValue);
const some = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> => maybe(fc.array(maybe(arb), { maxLength: 3 }));
const word = fc.constantFrom("web", "http", "db", "app", "x", "");
const labels = maybe(fc.dictionary(fc.constantFrom("app", "tier"), fc.constantFrom("web", "db", 1, true), { maxKeys: 2 }));
const port = maybe(fc.constantFrom(80, 8080, "http", "80", "udp", 0));
const record = (fields: Record<string, fc.Arbitrary<unknown>>) => fc.record(fields, { requiredKeys: [] });

const containerArb = record({
  name: maybe(word),
  image: maybe(fc.constantFrom("nginx", "nginx:latest", "nginx:1.27", "r:5000/x", "x@sha256:00")),
  imagePullPolicy: maybe(fc.constantFrom("Always", "IfNotPresent", "Never")),
  ports: some(record({ name: maybe(word), containerPort: port, protocol: maybe(fc.constantFrom("TCP", "UDP")) })),
  livenessProbe: maybe(record({ httpGet: maybe(record({ port })), tcpSocket: maybe(record({ port })), grpc: maybe(record({ port })) })),
  readinessProbe: maybe(record({ httpGet: maybe(record({ port })) })),
  resources: maybe(record({ requests: maybe(record({ cpu: manifestValue, memory: manifestValue })), limits: maybe(record({ memory: manifestValue })) })),
  securityContext: maybe(
    record({
      privileged: manifestValue,
      allowPrivilegeEscalation: manifestValue,
      runAsUser: maybe(fc.constantFrom(0, 1000)),
      runAsNonRoot: manifestValue,
      capabilities: maybe(record({ add: some(fc.constantFrom("ALL", "net_raw", "CHOWN")) })),
    }),
  ),
  env: some(record({ name: maybe(fc.constantFrom("DB_PASSWORD", "MODE")), value: manifestValue, valueFrom: maybe(record({ configMapKeyRef: maybe(record({ name: maybe(word), key: maybe(word), optional: manifestValue })), secretKeyRef: manifestValue })) })),
  envFrom: some(record({ configMapRef: maybe(record({ name: maybe(word) })), secretRef: maybe(record({ name: maybe(word) })) })),
});

const podSpecArb = record({
  containers: some(containerArb),
  initContainers: some(containerArb),
  volumes: some(
    record({
      name: maybe(word),
      hostPath: maybe(record({ path: maybe(fc.constantFrom("/", "/var/run", "/var/run/docker.sock", "relative", "/var/log")) })),
      configMap: maybe(record({ name: maybe(word), items: some(record({ key: maybe(word) })) })),
      secret: maybe(record({ secretName: maybe(word) })),
      persistentVolumeClaim: maybe(record({ claimName: maybe(word) })),
      projected: maybe(record({ sources: some(record({ configMap: maybe(record({ name: maybe(word) })), secret: manifestValue })) })),
    }),
  ),
  hostNetwork: manifestValue,
  hostPID: manifestValue,
  securityContext: maybe(record({ runAsUser: maybe(fc.constantFrom(0, 1000)), runAsNonRoot: manifestValue })),
  serviceAccountName: maybe(word),
  serviceAccount: maybe(word),
  imagePullSecrets: some(record({ name: maybe(word) })),
  restartPolicy: maybe(fc.constantFrom("Always", "Never")),
  os: manifestValue,
});

const templateArb = maybe(record({ metadata: maybe(record({ labels })), spec: maybe(podSpecArb) }));
const backend = maybe(record({ service: maybe(record({ name: maybe(word), port: maybe(record({ number: port, name: port })) })), serviceName: maybe(word), servicePort: port }));

const specArb = fc.tuple(
  podSpecArb,
  record({
    template: templateArb,
    jobTemplate: maybe(record({ spec: maybe(record({ template: templateArb })) })),
    replicas: maybe(fc.constantFrom(0, 1, 3, "2")),
    selector: maybe(fc.oneof(record({ matchLabels: labels, matchExpressions: some(record({ key: maybe(word), operator: maybe(fc.constantFrom("In", "Exists", "Bogus")), values: manifestValue })) }), labels)),
    ports: some(record({ name: maybe(word), port })),
    type: maybe(fc.constantFrom("ClusterIP", "ExternalName")),
    scaleTargetRef: maybe(record({ kind: maybe(fc.constantFrom("Deployment", "StatefulSet")), name: maybe(word) })),
    minReplicas: maybe(fc.constantFrom(1, 2, 5)),
    defaultBackend: backend,
    backend,
    rules: some(record({ host: maybe(word), http: maybe(record({ paths: some(record({ path: maybe(word), backend })) })) })),
  }),
).map(([pod, rest]) => ({ ...(pod as object), ...(rest as object) }));

const resourceArb = fc
  .record({ kind: fc.constantFrom(...KINDS), spec: maybe(specArb), metadata: maybe(record({ labels, namespace: maybe(word) })), data: manifestValue, name: word, namespace: fc.constantFrom("ns", "default", "other") })
  .map(({ kind: [apiVersion, kind], spec, metadata, data, name, namespace }) => {
    const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
    const resource: PolicyResource = {
      key: { group, version: "v1", kind, namespace, name },
      apiVersion,
      object: { apiVersion, kind, metadata, spec, data },
      display: name,
      source: { file: "f.yaml", documentIndex: 0, pointer: "" },
    };
    return resource;
  });

describe("every built-in rule", () => {
  it("reads objects of any shape without throwing, and reports JSON pointers and messages", () => {
    fc.assert(
      fc.property(fc.array(resourceArb, { minLength: 1, maxLength: 6 }), (resources) => {
        const index = new ResourceIndex(resources, resources.slice(0, 2));
        for (const rule of BUILTIN_RULES) {
          for (const resource of resources) {
            for (const v of rule.check(resource, { index, options: { ...rule.defaults } })) {
              expect(v.pointer === "" || v.pointer.startsWith("/")).toBe(true);
              expect(v.message.length).toBeGreaterThan(0);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("survives options of the wrong type", () => {
    const [resource] = fc.sample(resourceArb, { numRuns: 1, seed: 7 });
    const index = new ResourceIndex([resource]);
    for (const rule of BUILTIN_RULES) {
      for (const options of [{}, { minimum: "two", capabilities: "ALL", names: [1], sockets: null, namespaces: {} }]) {
        expect(() => rule.check(resource, { index, options })).not.toThrow();
      }
    }
  });
});

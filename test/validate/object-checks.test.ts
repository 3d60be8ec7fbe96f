import { describe, expect, it } from "vitest";
import { dns1035Label, dns1123Label, dns1123Subdomain, ianaServiceName, labelValue, pathSegmentName, qualifiedName } from "../../src/validate/object-checks/name-syntax.js";
import { DEPLOYMENT, validateFiles } from "../helpers.js";

async function check(files: Record<string, string>) {
  const report = await validateFiles(files);
  return report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule}: ${f.message}`);
}

describe("name syntaxes", () => {
  it.each([
    [dns1123Label, "web-1", true],
    [dns1123Label, "Web", false],
    [dns1123Label, "a".repeat(63), true],
    [dns1123Label, "a".repeat(64), false],
    [dns1123Label, "-web", false],
    [dns1123Subdomain, "web.example.com", true],
    [dns1123Subdomain, "web_1", false],
    [dns1123Subdomain, "a".repeat(254), false],
    [dns1035Label, "1web", false],
    [dns1035Label, "web1", true],
    [pathSegmentName, "system:controller:foo", true],
    [pathSegmentName, "a/b", false],
    [pathSegmentName, "..", false],
    [qualifiedName, "app.kubernetes.io/name", true],
    [qualifiedName, "App_Name.v2", true],
    [qualifiedName, "Example.com/x", false],
    [qualifiedName, "a/b/c", false],
    [qualifiedName, "/x", false],
    [labelValue, "", true],
    [labelValue, "v1.2_3-a", true],
    [labelValue, "kubelinter@stackrox.com", false],
    [ianaServiceName, "http", true],
    [ianaServiceName, "123", false],
    [ianaServiceName, "http--alt", false],
    [ianaServiceName, "a-very-long-port-name", false],
  ])("%o(%j) valid: %s", (check, value, valid) => {
    expect(check(value) === undefined).toBe(valid);
  });
});

describe("metadata as the API server checks it", () => {
  it("uses the name rule of each kind", async () => {
    expect(
      await check({
        "svc.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: 1web\nspec:\n  ports: [{port: 80}]\n",
        "ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team.a\n",
        "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: team.a\n",
        "role.yaml": "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: system:Reader\nrules: []\n",
        "cron.yaml": `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: ${"c".repeat(53)}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: busybox}]\n`,
      }),
    ).toEqual([
      "cron.yaml:4:9 error k8s/invalid-name: metadata.name \"ccccccccccccccccccccccccccccccccccccccccccccccccccccc\" must be no more than 52 characters for a CronJob (it has 53): Jobs it creates append an 11-character suffix and must stay within 63",
      "ns.yaml:4:9 error k8s/invalid-name: metadata.name \"team.a\" must be a lowercase RFC 1123 label: lower case alphanumeric characters or '-', starting and ending with an alphanumeric character (e.g. 'my-name' or '123-abc')",
      "svc.yaml:4:9 error k8s/invalid-name: metadata.name \"1web\" must be an RFC 1035 label: lower case alphanumeric characters or '-', starting with a letter and ending with an alphanumeric character (e.g. 'my-name' or 'abc-123')",
    ]);
  });

  it("checks label keys and values and annotation keys", async () => {
    const lines = await check({
      "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    owner: me@example.com\n    Example.com/team: a\n  annotations:\n    bad key: x\n",
    });
    expect(lines.map((l) => l.split(": ")[0])).toEqual(["cm.yaml:6:12 error k8s/invalid-label", "cm.yaml:7:5 error k8s/invalid-label", "cm.yaml:9:5 error k8s/invalid-annotation"]);
  });

  it("warns that a namespace on a cluster-scoped object is ignored", async () => {
    expect(await check({ "pv.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  namespace: default\n" })).toEqual([
      "pv.yaml:5:14 warning k8s/namespace-ignored: Namespace is cluster-scoped; metadata.namespace is ignored",
    ]);
  });
});

describe("pod specs", () => {
  const pod = (containers: string, extra = "") =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${extra}  containers:\n${containers}`;

  it("requires unique container names across init and app containers, and images", async () => {
    const lines = await check({
      "p.yaml": pod("  - name: app\n    image: nginx\n  - name: Side\n", "  initContainers:\n  - name: app\n    image: busybox\n"),
    });
    expect(lines).toEqual([
      'p.yaml:10:11 error k8s/duplicate-name: container name "app" is already used by spec.initContainers[0]; container names must be unique within a pod',
      "p.yaml:12:5 error k8s/required: spec.containers[1].image is required",
      "p.yaml:12:11 error k8s/invalid-name: container name \"Side\" must be a lowercase RFC 1123 label: lower case alphanumeric characters or '-', starting and ending with an alphanumeric character (e.g. 'my-name' or '123-abc')",
    ]);
  });

  it("checks port ranges and port names", async () => {
    const lines = await check({
      "p.yaml": pod("  - name: app\n    image: nginx\n    ports:\n    - containerPort: 70000\n      name: http\n    - containerPort: 8080\n      name: http\n      hostPort: 0\n"),
    });
    expect(lines).toEqual([
      "p.yaml:10:22 error k8s/port-range: spec.containers[0].ports[0].containerPort 70000 is out of range: must be between 1 and 65535, inclusive",
      'p.yaml:13:13 error k8s/duplicate-name: port name "http" is already used by spec.containers[0].ports[0]',
    ]);
  });

  it("requires volume mounts to name volumes, counting a StatefulSet's claim templates", async () => {
    const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: db
        image: postgres:16
        volumeMounts:
        - {name: data, mountPath: /var/lib/postgresql}
        - {name: config, mountPath: /etc/db}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;
    expect(await check({ "sts.yaml": sts })).toEqual(['sts.yaml:15:18 error k8s/unknown-volume: volume mount "config" names no volume of this pod']);
  });

  it("requires requests within limits", async () => {
    const lines = await check({
      "p.yaml": pod("  - name: app\n    image: nginx\n    resources:\n      requests: {cpu: 2, memory: 512Mi}\n      limits: {cpu: 1500m, memory: 1Gi}\n"),
    });
    expect(lines).toEqual(["p.yaml:10:23 error k8s/invalid-resources: requests.cpu 2 must be less than or equal to limits.cpu 1500m"]);
  });

  it("checks environment variable names", async () => {
    expect(await check({ "p.yaml": pod("  - name: app\n    image: nginx\n    env:\n    - {name: 1BAD, value: x}\n") })).toEqual([
      "p.yaml:10:14 error k8s/invalid-name: environment variable name \"1BAD\" must consist of alphabetic characters, digits, '_', '-' or '.', and must not start with a digit",
    ]);
  });
});

describe("controllers and their pod templates", () => {
  it("reports a selector that does not select the template's labels", async () => {
    const lines = await check({ "d.yaml": DEPLOYMENT.replace("      labels:\n        app: web\n    spec:", "      labels:\n        app: webapp\n    spec:") });
    expect(lines).toEqual([
      "d.yaml:15:7 error k8s/selector-mismatch: spec.selector does not match the pod template's labels (app=webapp); the Deployment would not own the pods it creates",
    ]);
  });

  it("checks a ReplicationController's map selector, and lets an absent one default to the labels", async () => {
    const rc = (selector: string) =>
      `apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n${selector}  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers: [{name: c, image: nginx}]\n`;
    expect(await check({ "rc.yaml": rc("  selector: {app: b}\n") })).toHaveLength(1);
    expect(await check({ "rc.yaml": rc("") })).toEqual([]);
  });

  it("rejects empty selectors and malformed expressions", async () => {
    const lines = await check({
      "a.yaml": DEPLOYMENT.replace("    matchLabels:\n      app: web\n", "    matchLabels: {}\n"),
      "b.yaml": DEPLOYMENT.replace("name: web\n", "name: web-b\n").replace("    matchLabels:\n      app: web\n", "    matchExpressions:\n    - {key: app, operator: In, values: []}\n"),
    });
    expect(lines).toEqual([
      "a.yaml:11:5 error k8s/selector: empty selector is invalid for a Deployment: it would select every pod in the namespace",
      "b.yaml:12:7 error k8s/selector: spec.selector.matchExpressions[0].values must be non-empty when operator is In",
    ]);
  });

  it("requires the restart policy each controller allows", async () => {
    const job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: busybox}]\n";
    const lines = await check({
      "job.yaml": job,
      "d.yaml": DEPLOYMENT.replace("      containers:", "      restartPolicy: Never\n      containers:"),
    });
    expect(lines).toEqual([
      'd.yaml:18:22 error k8s/restart-policy: spec.template.spec.restartPolicy "Never" is not allowed for a Deployment; it must be Always',
      "job.yaml:6:5 error k8s/restart-policy: spec.template.spec.restartPolicy is required for a Job: one of OnFailure, Never",
    ]);
  });

  it("rejects a rollout that could never progress", async () => {
    const lines = await check({ "d.yaml": DEPLOYMENT.replace("  replicas: 2\n", "  replicas: 2\n  strategy:\n    rollingUpdate: {maxSurge: 0, maxUnavailable: 0%}\n") });
    expect(lines).toEqual([
      "d.yaml:11:50 error k8s/strategy: spec.strategy.rollingUpdate.maxUnavailable may not be 0 when maxSurge is 0: the rollout could never make progress",
    ]);
  });
});

describe("services", () => {
  const svc = (spec: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n${spec}`;

  it("requires names on multiple ports, valid target ports and node ports", async () => {
    const lines = await check({
      "s.yaml": svc("  type: NodePort\n  ports:\n  - port: 80\n    targetPort: \"8080\"\n  - port: 80\n    nodePort: 30000\n  - {name: x, port: 443, nodePort: 8443}\n"),
    });
    expect(lines).toEqual([
      "s.yaml:7:5 error k8s/required: spec.ports[0].name is required when a Service has more than one port",
      's.yaml:8:17 error k8s/invalid-name: spec.ports[0].targetPort "8080" is not a valid port name: it must contain at least one letter',
      "s.yaml:9:5 error k8s/required: spec.ports[1].name is required when a Service has more than one port",
      "s.yaml:9:11 error k8s/duplicate-port: port 80/TCP is already exposed by spec.ports[0]",
      "s.yaml:11:36 warning k8s/node-port: spec.ports[2].nodePort 8443 is outside the default node port range 30000-32767",
    ]);
  });

  it("forbids node ports on ClusterIP services and requires externalName for ExternalName", async () => {
    expect(await check({ "a.yaml": svc("  ports:\n  - {port: 80, nodePort: 30080}\n"), "b.yaml": svc("  type: ExternalName\n").replace("name: s}", "name: ext}") })).toEqual([
      "a.yaml:6:26 error k8s/node-port: spec.ports[0].nodePort may not be set when spec.type is ClusterIP",
      "b.yaml:4:1 error k8s/required: spec.externalName is required when spec.type is ExternalName",
    ]);
  });
});

describe("what the API server requires where the schema cannot say it", () => {
  it("requires ports on a Service unless it is headless or ExternalName, also when it has no spec", async () => {
    const svc = (name: string, spec: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\n${spec}`;
    expect(
      await check({
        "a.yaml": svc("a", "spec:\n  selector: {app: a}\n"),
        "b.yaml": svc("b", ""),
        "c.yaml": svc("c", "spec:\n  ports: []\n"),
        "d.yaml": svc("d", "spec:\n  clusterIP: None\n  selector: {app: d}\n"),
        "e.yaml": svc("e", "spec:\n  type: ExternalName\n  externalName: db.example.com\n"),
      }),
    ).toEqual([
      "a.yaml:4:1 error k8s/required: spec.ports is required: a Service needs at least one port unless it is headless (clusterIP: None) or of type ExternalName",
      "b.yaml:1:1 error k8s/required: spec.ports is required: a Service needs at least one port unless it is headless (clusterIP: None) or of type ExternalName",
      "c.yaml:4:1 error k8s/required: spec.ports is required: a Service needs at least one port unless it is headless (clusterIP: None) or of type ExternalName",
    ]);
  });

  it("requires the spec fields of controllers that have no spec, and containers in every pod spec", async () => {
    const bare = (kind: string, apiVersion: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: x}\n`;
    expect(
      await check({
        "d.yaml": bare("Deployment", "apps/v1"),
        "j.yaml": bare("Job", "batch/v1"),
        "c.yaml": bare("CronJob", "batch/v1"),
        "p.yaml": bare("Pod", "v1"),
        "t.yaml": DEPLOYMENT.replace("  name: web\n", "  name: bare\n").replace(/    spec:\n[\s\S]*$/, ""),
        "e.yaml": DEPLOYMENT.replace(/      containers:\n[\s\S]*$/, "      containers: []\n"),
      }),
    ).toEqual([
      "c.yaml:1:1 error k8s/required: CronJob has no spec; the API server requires spec.schedule and spec.jobTemplate",
      "d.yaml:1:1 error k8s/required: Deployment has no spec; the API server requires spec.selector and spec.template",
      "e.yaml:18:19 error k8s/required: spec.template.spec.containers is required: a pod needs at least one container",
      "j.yaml:1:1 error k8s/required: Job has no spec; the API server requires spec.template",
      "p.yaml:1:1 error k8s/required: spec.containers is required: a pod needs at least one container",
      "t.yaml:13:3 error k8s/required: spec.template.spec.containers is required: a pod needs at least one container",
    ]);
  });
});

describe("server-populated metadata", () => {
  it("refuses metadata.resourceVersion, which the API server rejects on create, on any kind", async () => {
    expect(
      await check({
        "cm.yaml": 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  resourceVersion: "4711"\n  uid: 0b1e1a53-7d4e-4c1c-9f1e-2f0c5c9c0e11\ndata: {}\n',
        "fresh.yaml": 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  resourceVersion: ""\ndata: {}\n',
      }),
    ).toEqual([
      "cm.yaml:5:20 error k8s/resource-version: metadata.resourceVersion is set: the API server refuses to create an object that has one, and an update with it fails once the object has changed (an object exported with kubectl get -o yaml?)",
    ]);
  });
});

describe("CustomResourceDefinitions", () => {
  it("requires the name to be plural.group", async () => {
    const crd = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widget.example.com\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {plural: widgets, singular: widget, kind: Widget}\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema: {type: object}\n";
    expect(await check({ "crd.yaml": crd })).toEqual([
      'crd.yaml:4:9 error k8s/invalid-name: metadata.name of a CustomResourceDefinition must be spec.names.plural + "." + spec.group: "widgets.example.com"',
    ]);
  });
});

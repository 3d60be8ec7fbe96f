import { describe, expect, it } from "vitest";
import { deployment, policyResources, runRule, where } from "./policy-helpers.js";

const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]`;

const READINESS = `readinessProbe:\n  httpGet: {path: /ready, port: http}`;
const LIVENESS = `livenessProbe:\n  httpGet: {path: /live, port: http}`;
const PORTS = `ports:\n  - {name: http, containerPort: 8080}`;

describe("policy/readiness-probe-missing", () => {
  it("reports pods that a Service sends traffic to, naming the Service and the container", () => {
    const found = runRule("readiness-probe-missing", policyResources(deployment()), { others: policyResources(SERVICE) });
    expect(where(found)).toEqual(["Deployment/web /spec/template/spec/containers/0"]);
    expect(found[0].message).toContain('Service "web" sends traffic to these pods, but no container has a readiness probe');
    expect(found[0].message).toContain('requests reach container "web"');
  });

  it("accepts pods with a readiness probe on any container", () => {
    const sidecar = deployment({ container: `${READINESS}\n${PORTS}` }).replace(/(\n {6}containers:\n)/, "$1        - {name: proxy, image: envoy:1.30}\n");
    expect(runRule("readiness-probe-missing", policyResources(sidecar), { others: policyResources(SERVICE) })).toEqual([]);
  });

  it("does not require one when no Service selects the pods", () => {
    expect(runRule("readiness-probe-missing", deployment())).toEqual([]);
    const elsewhere = SERVICE.replace("namespace: shop", "namespace: other");
    expect(runRule("readiness-probe-missing", policyResources(deployment()), { others: policyResources(elsewhere) })).toEqual([]);
    const otherLabels = SERVICE.replace("{app: web}", "{app: web, tier: front}");
    expect(runRule("readiness-probe-missing", policyResources(deployment()), { others: policyResources(otherLabels) })).toEqual([]);
  });

  it("does not require one of Jobs", () => {
    const job = `apiVersion: batch/v1
kind: Job
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {restartPolicy: Never, containers: [{name: web, image: app:1}]}`;
    expect(runRule("readiness-probe-missing", policyResources(job), { others: policyResources(SERVICE) })).toEqual([]);
  });

  it("names every Service that selects the pods", () => {
    const second = SERVICE.replace("name: web, namespace", "name: web-canary, namespace");
    const [v] = runRule("readiness-probe-missing", policyResources(deployment()), { others: policyResources(`${SERVICE}\n---\n${second}`) });
    expect(v.message).toContain('Services "web", "web-canary" send traffic');
  });
});

describe("policy/liveness-probe-missing", () => {
  it("reports each container of a long-running workload, at the container", () => {
    const found = runRule("liveness-probe-missing", deployment());
    expect(where(found)).toEqual(["Deployment/web /spec/template/spec/containers/0"]);
    expect(found[0].message).toBe('container "web" has no liveness probe: if it hangs, Kubernetes will not restart it');
  });

  it("accepts containers with a liveness probe, and ignores init containers", () => {
    expect(runRule("liveness-probe-missing", deployment({ container: `${LIVENESS}\n${PORTS}`, pod: `initContainers: [{name: migrate, image: app:1}]` }))).toEqual([]);
  });

  it("ignores Jobs, CronJobs and Pods that run to completion", () => {
    const pods = policyResources(`apiVersion: v1
kind: Pod
metadata: {name: once}
spec: {restartPolicy: Never, containers: [{name: c, image: x:1}]}
---
apiVersion: v1
kind: Pod
metadata: {name: retry}
spec: {restartPolicy: OnFailure, containers: [{name: c, image: x:1}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: job}
spec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: x:1}]}}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: cron}
spec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: x:1}]}}}}}
---
apiVersion: v1
kind: Pod
metadata: {name: server}
spec: {containers: [{name: c, image: x:1}]}`);
    expect(where(runRule("liveness-probe-missing", pods))).toEqual(["Pod/server /spec/containers/0"]);
  });

  it("checks DaemonSets and StatefulSets", () => {
    const found = runRule(
      "liveness-probe-missing",
      `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec: {template: {spec: {containers: [{name: agent, image: x:1}]}}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec: {template: {spec: {containers: [{name: db, image: x:1}]}}}`,
    );
    expect(found.map((v) => v.resource)).toEqual(["DaemonSet/agent", "StatefulSet/db"]);
  });
});

describe("policy/probe-port-not-exposed", () => {
  const run = (container: string) => runRule("probe-port-not-exposed", deployment({ container }));

  it("reports a probe that names a port the container does not have", () => {
    const [v, ...rest] = run(`${PORTS}\nlivenessProbe:\n  httpGet: {path: /, port: health}`);
    expect(rest).toEqual([]);
    expect(v.pointer).toBe("/spec/template/spec/containers/0/livenessProbe/httpGet/port");
    expect(v.message).toBe('the liveness probe (httpGet) of container "web" checks port "health", but the container has no port of that name (its named ports: http)');
  });

  it("reports a named port when the container declares no ports at all", () => {
    const [v] = run(`readinessProbe:\n  tcpSocket: {port: http}`);
    expect(v.pointer).toBe("/spec/template/spec/containers/0/readinessProbe/tcpSocket/port");
    expect(v.message).toContain("it names none");
  });

  it("reports a port number the container does not declare", () => {
    const [v] = run(`${PORTS}\nstartupProbe:\n  grpc: {port: 9090}`);
    expect(v.pointer).toBe("/spec/template/spec/containers/0/startupProbe/grpc/port");
    expect(v.message).toContain("checks port 9090, which the container does not declare (it declares 8080 (http))");
  });

  it("reports a probe on a UDP port, since probes connect over TCP", () => {
    const [v] = run(`ports: [{name: dns, containerPort: 53, protocol: UDP}]\nlivenessProbe:\n  tcpSocket: {port: dns}`);
    expect(v.message).toContain('port "dns", which is a UDP port');
  });

  it("accepts probes on declared ports, by name or number", () => {
    expect(run(`${PORTS}\n${LIVENESS}\n${READINESS}\nstartupProbe:\n  tcpSocket: {port: 8080}`)).toEqual([]);
  });

  it("accepts a port number when the container declares no ports, and exec probes", () => {
    expect(run(`livenessProbe:\n  httpGet: {path: /, port: 8080}\nreadinessProbe:\n  exec: {command: [cat, /tmp/ready]}`)).toEqual([]);
  });

  it("reads a quoted number as that number", () => {
    expect(run(`${PORTS}\nlivenessProbe:\n  httpGet: {path: /, port: "8080"}`)).toEqual([]);
  });

  it("checks each probe of each container separately", () => {
    const found = runRule(
      "probe-port-not-exposed",
      `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: sidecar
      image: envoy:1
      restartPolicy: Always
      ports: [{name: admin, containerPort: 9901}]
      readinessProbe: {httpGet: {port: stats}}
  containers:
    - name: app
      image: app:1
      ports: [{name: http, containerPort: 8080}]
      livenessProbe: {httpGet: {port: admin}}
      readinessProbe: {httpGet: {port: http}}`,
    );
    expect(where(found)).toEqual(["Pod/p /spec/initContainers/0/readinessProbe/httpGet/port", "Pod/p /spec/containers/0/livenessProbe/httpGet/port"]);
  });
});

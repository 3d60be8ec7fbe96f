// The HorizontalPodAutoscaler walkthrough of the Kubernetes docs, as users run it against the
// simulated cluster: each command a separate process, so the HPA's history goes through the state
// file between them. Load is the `sim.drydock.dev/cpu-utilization` hint, patched onto the HPA.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applied, runCli, tempDir } from "../helpers.js";

const PHP_APACHE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
spec:
  selector:
    matchLabels:
      run: php-apache
  template:
    metadata:
      labels:
        run: php-apache
      annotations:
        sim.drydock.dev/cpu-utilization: "50"
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
          requests:
            cpu: 200m
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: php-apache
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: php-apache
  minReplicas: 1
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 50
`;

const HEADER = "NAME         REFERENCE               TARGETS";

function session() {
  const dir = tempDir({ "php-apache.yaml": PHP_APACHE });
  const state = join(dir, "state");
  return (...args: string[]) => runCli([...args, "--state", state], { cwd: dir });
}

function hint(value: string): string {
  return JSON.stringify({ metadata: { annotations: { "sim.drydock.dev/cpu-utilization": value } } });
}

describe("drydock and the HorizontalPodAutoscaler", () => {
  it("scales php-apache up under load and back down after the stabilization window", () => {
    const cli = session();
    expect(applied(cli("apply", "--yes", "-f", "php-apache.yaml"))).toEqual({ status: 0, results: ["deployment.apps/php-apache -n default created", "horizontalpodautoscaler.autoscaling/php-apache -n default created"] });
    expect(cli("get", "hpa").stdout).toMatch(/^NAME {9}REFERENCE {15}TARGETS {14}MINPODS {3}MAXPODS {3}REPLICAS {3}AGE\nphp-apache {3}Deployment\/php-apache {3}cpu: <unknown>\/50% {3}1 {9}10 {8}1 {10}16s\n$/);
    cli("advance", "30s");
    expect(cli("get", "hpa").stdout).toMatch(/^.*\nphp-apache   Deployment\/php-apache   cpu: 50%\/50%   1         10        1          46s\n$/);

    expect(cli("patch", "hpa", "php-apache", "--type", "merge", "-p", hint("250"))).toMatchObject({ status: 0, stdout: "horizontalpodautoscaler.autoscaling/php-apache patched\n" });
    expect(cli("advance", "1m")).toMatchObject({ status: 0, stdout: "advanced 1m0s to 2026-01-01T00:01:46Z\n" });
    expect(cli("get", "hpa")).toEqual({ status: 0, stdout: `${HEADER}         MINPODS   MAXPODS   REPLICAS   AGE\nphp-apache   Deployment/php-apache   cpu: 250%/50%   1         10        10         106s\n`, stderr: "" });
    expect(cli("get", "deployment", "php-apache").stdout).toBe("NAME         READY   UP-TO-DATE   AVAILABLE   AGE\nphp-apache   10/10   10           10          106s\n");
    const scaledUp = cli("describe", "hpa", "php-apache").stdout;
    expect(scaledUp).toContain("Reference:                                             Deployment/php-apache\n");
    expect(scaledUp).toContain("  resource cpu on pods  (as a percentage of request):  250% (500m) / 50%\n");
    expect(scaledUp).toContain("Deployment pods:                                       10 current / 10 desired\n");
    expect(scaledUp).toContain("  ScalingLimited  True    TooManyReplicas   the desired replica count is more than the maximum replica count\n");
    expect(scaledUp).toMatch(/ {2}Normal {3}SuccessfulRescale {13}46s {3}horizontal-pod-autoscaler {2}New size: 4; reason: cpu resource utilization \(percentage of request\) above target\n/);
    expect(scaledUp).toMatch(/SuccessfulRescale {13}31s {3}horizontal-pod-autoscaler {2}New size: 8; /);
    expect(scaledUp).toMatch(/SuccessfulRescale {13}16s {3}horizontal-pod-autoscaler {2}New size: 10; /);

    // A strategic merge patch (the default) of the annotation: no rollout, the pods keep theirs.
    expect(cli("patch", "hpa", "php-apache", "-p", hint("10")).status).toBe(0);
    expect(cli("advance", "10m")).toMatchObject({ status: 0, stdout: "advanced 10m0s to 2026-01-01T00:11:46Z\n" });
    expect(cli("get", "hpa")).toEqual({ status: 0, stdout: `${HEADER}        MINPODS   MAXPODS   REPLICAS   AGE\nphp-apache   Deployment/php-apache   cpu: 10%/50%   1         10        2          11m\n`, stderr: "" });
    const scaledDown = cli("describe", "hpa", "php-apache").stdout;
    expect(scaledDown).toContain("  AbleToScale     True    ScaleDownStabilized  recent recommendations were higher than current one, applying the highest recent recommendation\n");
    expect(scaledDown).toMatch(/SuccessfulRescale {13}4m46s {2}horizontal-pod-autoscaler {2}New size: 2; reason: All metrics below target\n/);
    expect(cli("get", "replicasets").stdout.trim().split("\n")).toHaveLength(2);
  }, 120_000);

  it("reads the hint of a single patched pod", () => {
    const cli = session();
    cli("apply", "--yes", "-f", "php-apache.yaml");
    cli("advance", "30s");
    const pod = cli("get", "pods", "-o", "name").stdout.trim();
    expect(pod).toMatch(/^pod\/php-apache-[a-z0-9]+-[a-z0-9]+$/);
    expect(cli("patch", pod, "-p", hint("250"))).toMatchObject({ status: 0, stdout: `${pod} patched\n` });
    cli("advance", "15s");
    expect(cli("get", "hpa", "php-apache").stdout).toContain("cpu: 250%/50%   1         10        1 ");
    expect(cli("get", "deployment", "php-apache").stdout).toMatch(/php-apache {3}\d+\/4 /);
  });
});

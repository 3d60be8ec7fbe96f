// A StatefulSet from a shell, as users run drydock (node bin/drydock.js, one process per command):
// apply the headless Service `nginx` and the StatefulSet `web` (2 replicas, nginx:1.9.1, a `www`
// claim template of 1Gi), then read it back with get, describe and rollout, and change it.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applied, runCli, tempDir } from "../helpers.js";

const MANIFESTS = `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.9.1
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
`;

describe("drydock with a StatefulSet", () => {
  it("apply, get, describe, rollout status; scale down keeps the claims; an image change rolls from the top", () => {
    const dir = tempDir({ "web.yaml": MANIFESTS });
    const cli = (...args: string[]) => runCli([...args, "--state", join(dir, "state")], { cwd: dir });

    expect(applied(cli("apply", "--yes", "-f", "web.yaml"))).toEqual({ status: 0, results: ["service/nginx -n default created", "statefulset.apps/web -n default created"] });
    expect(cli("get", "statefulsets").stdout).toMatch(/^NAME +READY +AGE\nweb +2\/2 +\d+s\n$/);
    expect(cli("get", "pods").stdout).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nweb-0 +1\/1 +Running +0 +\d+s\nweb-1 +1\/1 +Running +0 +\d+s\n$/);
    const claims = cli("get", "pvc").stdout.split("\n");
    expect(claims[0]).toMatch(/^NAME +STATUS +VOLUME +CAPACITY +ACCESS MODES +STORAGECLASS/);
    expect(claims.slice(1, 3).map((line) => line.split(/ +/)[0])).toEqual(["www-web-0", "www-web-1"]);
    expect(cli("get", "controllerrevisions").stdout).toMatch(/^NAME +CONTROLLER +REVISION +AGE\nweb-[a-z0-9]+ +statefulset\.apps\/web +1 +\d+s\n$/);

    const described = cli("describe", "statefulset", "web").stdout;
    expect(described).toMatch(/^Name: +web\nNamespace: +default\n/);
    expect(described).toContain("Replicas:           2 desired | 2 total\nUpdate Strategy:    RollingUpdate\n  Partition:        0\nPods Status:        2 Running / 0 Waiting / 0 Succeeded / 0 Failed\n");
    expect(described).toContain("Volume Claims:\n  Name:          www\n");
    expect(described).toContain("  Capacity:      1Gi\n  Access Modes:  [ReadWriteOnce]\n");
    expect(described).toContain("Pod DNS Names:   web-0.nginx.default.svc.cluster.local\n                 web-1.nginx.default.svc.cluster.local\n");
    expect(described).toMatch(/Normal {2}SuccessfulCreate {2}\d+s +statefulset-controller {2}create Claim www-web-0 Pod web-0 in StatefulSet web success\n/);

    expect(cli("rollout", "status", "statefulset/web")).toEqual({ status: 0, stdout: "partitioned roll out complete: 2 new pods have been updated...\n", stderr: "" });

    expect(cli("scale", "statefulset/web", "--replicas", "1").status).toBe(0);
    expect(cli("get", "pods").stdout).toMatch(/\nweb-0 +1\/1 +Running/);
    expect(cli("get", "pods").stdout).not.toContain("web-1");
    expect(cli("get", "pvc").stdout).toContain("www-web-1");
    expect(cli("scale", "statefulset/web", "--replicas", "2").status).toBe(0);

    expect(cli("patch", "statefulset/web", "--type", "merge", "-p", '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.16.1"}]}}}}').status).toBe(0);
    const rolled = cli("rollout", "status", "sts/web");
    expect(rolled.status).toBe(0);
    expect(rolled.stdout.trimEnd().split("\n").at(-1)).toBe("partitioned roll out complete: 2 new pods have been updated...");
    const deletions = (JSON.parse(cli("events", "--for", "statefulset/web", "-o", "json").stdout).items as Array<Record<string, any>>)
      .filter((e) => e.reason === "SuccessfulDelete")
      .map((e) => ({ message: e.message, count: e.count, last: e.lastTimestamp }));
    // web-1 went on the scale down and again, first, in the rolling update; then web-0.
    expect(deletions.map(({ message, count }) => [message, count])).toEqual([
      ["delete Pod web-1 in StatefulSet web successful", 2],
      ["delete Pod web-0 in StatefulSet web successful", 1],
    ]);
    expect(Date.parse(deletions[0].last)).toBeLessThan(Date.parse(deletions[1].last));
    expect(cli("get", "pods", "-o", "json").stdout).toContain('"image": "nginx:1.16.1"');
    expect(cli("rollout", "history", "statefulset/web").stdout).toBe("statefulset.apps/web\nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n");
  });
});

import { describe, expect, it } from "vitest";
import { diffObject, ownedPaths, type JsonObject } from "../../src/diff/index.js";

/** A Deployment as a manifest writes it. */
function manifest(): JsonObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "shop", labels: { app: "web" } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          containers: [
            {
              name: "web",
              image: "nginx:1.25",
              ports: [{ containerPort: 80 }],
              env: [
                { name: "A", value: "1" },
                { name: "B", value: "2" },
              ],
              resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: 1 } },
            },
          ],
        },
      },
    },
  };
}

/** The same Deployment as the API server returns it: server metadata, defaults, status. */
function liveOf(desired: JsonObject): JsonObject {
  const live = structuredClone(desired) as any;
  Object.assign(live.metadata, {
    uid: "0b7c5b8e",
    resourceVersion: "42",
    generation: 2,
    creationTimestamp: "2026-11-23T10:00:00Z",
    managedFields: [{ manager: "drydock" }],
    annotations: { "deployment.kubernetes.io/revision": "2" },
  });
  live.spec.progressDeadlineSeconds = 600;
  live.spec.strategy = { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } };
  const c = live.spec.template.spec.containers[0];
  c.imagePullPolicy = "IfNotPresent";
  c.terminationMessagePath = "/dev/termination-log";
  c.ports[0].protocol = "TCP";
  c.resources = { requests: { cpu: "0.5", memory: "1024Mi" }, limits: { cpu: "1000m" } };
  live.spec.template.spec.restartPolicy = "Always";
  live.status = { replicas: 3, readyReplicas: 3 };
  return live;
}

const at = (o: any, ...path: (string | number)[]) => path.reduce((v, k) => v[k], o);

describe("diffObject", () => {
  it("a live object that differs only by server fields, defaults and quantity spelling: no change", () => {
    const desired = manifest();
    expect(diffObject(desired, liveOf(desired), { owned: ownedPaths(desired) })).toEqual([]);
  });

  it("one field changed: exactly one change with its path, before and after", () => {
    const desired = manifest();
    const live = liveOf(desired);
    at(desired, "spec", "template", "spec", "containers", 0).image = "nginx:1.26";
    expect(diffObject(desired, live, { owned: ownedPaths(desired) })).toEqual([
      { path: "/spec/template/spec/containers/0/image", before: "nginx:1.25", after: "nginx:1.26" },
    ]);
  });

  it("reordered keyed list items (env) are not a change; a changed one is reported at its desired index", () => {
    const desired = manifest();
    const live = liveOf(desired);
    at(live, "spec", "template", "spec", "containers", 0, "env").reverse();
    expect(diffObject(desired, live)).toEqual([]);
    at(desired, "spec", "template", "spec", "containers", 0, "env", 1).value = "3";
    expect(diffObject(desired, live)).toEqual([{ path: "/spec/template/spec/containers/0/env/1/value", before: "2", after: "3" }]);
  });

  it("a container added to the manifest: one change with the whole container as after", () => {
    const desired = manifest();
    const live = liveOf(desired);
    const sidecar = { name: "log", image: "busybox:1.36", args: ["tail", "-f", "/var/log/app.log"] };
    at(desired, "spec", "template", "spec", "containers").unshift(sidecar);
    expect(diffObject(desired, live)).toEqual([{ path: "/spec/template/spec/containers/0", after: sidecar }]);
  });

  it("a container drydock applied and the manifest dropped: one removal at its live index", () => {
    const before = manifest();
    const sidecar = { name: "log", image: "busybox:1.36" };
    at(before, "spec", "template", "spec", "containers").push(sidecar);
    const live = liveOf(before);
    const owned = ownedPaths(before);
    expect(owned).toContain("/spec/template/spec/containers/name=log/image");
    const changes = diffObject(manifest(), live, { owned });
    expect(changes).toEqual([{ path: "/spec/template/spec/containers/1", before: sidecar }]);
  });

  it("a container someone else added (not owned) is not a change", () => {
    const desired = manifest();
    const live = liveOf(desired);
    at(live, "spec", "template", "spec", "containers").push({ name: "istio-proxy", image: "istio/proxyv2" });
    expect(diffObject(desired, live, { owned: ownedPaths(desired) })).toEqual([]);
  });

  it("HPA-managed replicas: manifest and owned set without replicas, live 7 — no change", () => {
    const desired = manifest();
    delete (desired.spec as any).replicas;
    const live = liveOf(desired);
    (live.spec as any).replicas = 7;
    expect(diffObject(desired, live, { owned: ownedPaths(desired) })).toEqual([]);
  });

  it("hand scale of replicas the manifest sets (3, live 5): one change", () => {
    const desired = manifest();
    const live = liveOf(desired);
    (live.spec as any).replicas = 5;
    expect(diffObject(desired, live, { owned: ownedPaths(desired) })).toEqual([{ path: "/spec/replicas", before: 5, after: 3 }]);
  });

  it("an owned field the manifest no longer sets is a removal (before, no after); unowned it is ignored", () => {
    const before = manifest();
    (before.metadata as any).labels.tier = "front";
    const live = liveOf(before);
    const desired = manifest();
    expect(diffObject(desired, live, { owned: ownedPaths(before) })).toEqual([{ path: "/metadata/labels/tier", before: "front" }]);
    expect(diffObject(desired, live)).toEqual([]);
  });

  it("removing a whole owned map removes only the owned keys, not keys others added", () => {
    const before = manifest();
    (before.metadata as any).annotations = { owner: "team-a" };
    const live = liveOf(before);
    (live.metadata as any).annotations.owner = "team-a";
    expect(diffObject(manifest(), live, { owned: ownedPaths(before) })).toEqual([{ path: "/metadata/annotations/owner", before: "team-a" }]);
  });

  it("ignore pointers exclude subtrees, by index or by key", () => {
    const desired = manifest();
    const live = liveOf(desired);
    (live.spec as any).replicas = 5;
    at(live, "spec", "template", "spec", "containers", 0).image = "nginx:hotfix";
    expect(diffObject(desired, live, { ignore: ["/spec/replicas", "/spec/template/spec/containers/0/image"] })).toEqual([]);
    expect(diffObject(desired, live, { ignore: ["/spec/replicas", "/spec/template/spec/containers/name=web/image"] })).toEqual([]);
    expect(diffObject(desired, live, { ignore: ["/spec/template"] })).toEqual([{ path: "/spec/replicas", before: 5, after: 3 }]);
  });

  it("quantities compare by amount, and differ when the amount does", () => {
    const desired = manifest();
    const live = liveOf(desired);
    expect(diffObject(desired, live)).toEqual([]);
    at(live, "spec", "template", "spec", "containers", 0, "resources", "limits").cpu = "1001m";
    expect(diffObject(desired, live)).toEqual([
      { path: "/spec/template/spec/containers/0/resources/limits/cpu", before: "1001m", after: 1 },
    ]);
  });

  it("quantity equality applies only where quantities live (a label '1000m' is not '1')", () => {
    const desired: JsonObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels: { v: "1" } }, data: { a: "1k" } };
    const live: JsonObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels: { v: "1000m" } }, data: { a: "1000" } };
    expect(diffObject(desired, live).map((c) => c.path)).toEqual(["/metadata/labels/v", "/data/a"]);
    const pvc = (storage: string): JsonObject => ({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "d" }, spec: { resources: { requests: { storage } } } });
    expect(diffObject(pvc("1Gi"), pvc("1024Mi"))).toEqual([]);
    const quota = (pods: unknown): JsonObject => ({ apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "q" }, spec: { hard: { pods, "limits.memory": "2Gi" } } });
    expect(diffObject(quota(10), quota("10"))).toEqual([]);
  });

  it("int-or-string: targetPort 80 and \"80\" differ; 1 and 1.0 do not", () => {
    const svc = (targetPort: unknown, port: number): JsonObject => ({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web" },
      spec: { ports: [{ port, targetPort }] },
    });
    const live = svc(80, 80);
    ((live.spec as any).ports[0] as any).protocol = "TCP";
    expect(diffObject(svc("80", 80), live)).toEqual([{ path: "/spec/ports/0/targetPort", before: 80, after: "80" }]);
    expect(diffObject(JSON.parse('{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"port":80.0,"targetPort":80}]}}'), live)).toEqual([]);
  });

  it("Service ports are keyed by port and protocol (TCP by default)", () => {
    const svc = (ports: unknown[]): JsonObject => ({ apiVersion: "v1", kind: "Service", metadata: { name: "dns" }, spec: { ports } });
    const desired = svc([{ port: 53, protocol: "UDP", name: "dns" }, { port: 53, name: "dns-tcp" }]);
    const live = svc([{ port: 53, protocol: "TCP", name: "dns-tcp" }, { port: 53, protocol: "UDP", name: "dns" }]);
    expect(diffObject(desired, live)).toEqual([]);
    expect(ownedPaths(desired)).toContain("/spec/ports/port=53,protocol=TCP/name");
  });

  it("null in the manifest means unset; empty maps and lists equal absence (omitempty), except presence-meaning ones", () => {
    const desired: JsonObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", creationTimestamp: null, annotations: {} },
      spec: {
        nodeSelector: null,
        tolerations: [],
        hostNetwork: false,
        securityContext: {},
        containers: [{ name: "c", image: "busybox", args: [] }],
        volumes: [{ name: "scratch", emptyDir: {} }],
      },
      status: {},
    };
    const live: JsonObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", creationTimestamp: "2026-11-23T10:00:00Z" },
      spec: { containers: [{ name: "c", image: "busybox" }], volumes: [{ name: "scratch", emptyDir: {} }] },
      status: { phase: "Running" },
    };
    expect(diffObject(desired, live, { owned: ownedPaths(desired) })).toEqual([]);
    const hostPathLive = structuredClone(live) as any;
    hostPathLive.spec.volumes[0] = { name: "scratch", hostPath: { path: "/tmp" } };
    expect(diffObject(desired, hostPathLive)).toEqual([{ path: "/spec/volumes/0/emptyDir", after: {} }]);
  });

  it("unkeyed lists are atomic: one change for the whole list, none for defaults inside items", () => {
    const role = (rules: unknown): JsonObject => ({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "r" }, rules });
    const rule = { apiGroups: [""], resources: ["pods"], verbs: ["get"] };
    expect(diffObject(role([rule]), role([rule]))).toEqual([]);
    const wider = { ...rule, verbs: ["get", "list"] };
    expect(diffObject(role([wider]), role([rule]))).toEqual([{ path: "/rules", before: [rule], after: [wider] }]);
  });

  it("a missing live object: every desired top-level field is an addition", () => {
    const desired = manifest();
    expect(diffObject(desired, undefined).map((c) => c.path)).toEqual(["/apiVersion", "/kind", "/metadata", "/spec"]);
  });

  it("does not modify its inputs, and its output shares no objects with them", () => {
    const desired = manifest();
    const live = liveOf(desired);
    at(desired, "spec", "template", "spec", "containers").push({ name: "x", image: "y", env: [{ name: "E", value: "v" }] });
    const [d, l] = [structuredClone(desired), structuredClone(live)];
    const changes = diffObject(desired, live);
    expect(desired).toEqual(d);
    expect(live).toEqual(l);
    (changes[0].after as any).env[0].value = "changed";
    expect(at(desired, "spec", "template", "spec", "containers", 1, "env", 0).value).toBe("v");
  });
});

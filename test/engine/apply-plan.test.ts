import { describe, expect, it } from "vitest";
import { applyPlan } from "../../src/engine/apply-plan.js";
import { DEFAULT_DRYDOCK_CONFIG, planAgainstStore } from "../../src/engine/plan-engine.js";
import { createCluster } from "../../src/runtime/cluster.js";

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.9.1}]
`;
const LATE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: late
  annotations: {drydock.dev/sync-wave: "1"}
data: {a: b}
`;

const file = (name: string, text: string) => ({ path: `/x/${name}`, display: name, content: new TextEncoder().encode(text) });

describe("applyPlan", () => {
  it("applies wave by wave: a later wave starts once the earlier one is healthy; a second plan is empty", () => {
    const cluster = createCluster();
    try {
      const files = [file("late.yaml", LATE), file("web.yaml", DEPLOYMENT)];
      const { plan, desired } = planAgainstStore(files, cluster.store, [], DEFAULT_DRYDOCK_CONFIG, "r1");
      const progress: string[] = [];
      const report = applyPlan({ cluster, plan, desired, inventory: [], timeoutMs: 600_000, progress: (l) => progress.push(l) });
      expect(report.ok).toBe(true);
      expect(report.results.map((r) => `${r.key.name} ${r.result}`)).toEqual(["web created", "late created"]);
      const web = cluster.store.get({ group: "apps", kind: "Deployment", namespace: "default", name: "web" })!;
      const late = cluster.store.get({ group: "", kind: "ConfigMap", namespace: "default", name: "late" })!;
      expect((web.status as { readyReplicas?: number } | undefined)?.readyReplicas).toBe(2);
      expect(Date.parse(late.metadata.creationTimestamp!)).toBeGreaterThan(Date.parse(web.metadata.creationTimestamp!));
      expect(progress.some((l) => l.startsWith("deployment.apps/web -n default: Progressing"))).toBe(true);
      const again = planAgainstStore(files, cluster.store, report.applied, DEFAULT_DRYDOCK_CONFIG, "r1").plan;
      expect(again.summary).toEqual({ create: 0, update: 0, delete: 0, unchanged: 2 });
    } finally {
      cluster.stop();
    }
  });

  it("writes `key: null` as unset, as kubectl and server-side apply do, and plans no change afterwards", () => {
    const cluster = createCluster();
    try {
      const files = [file("n.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nulls\n  labels:\n  annotations: {a: null, b: x}\ndata:\n  k: v\n  gone: ~\n")];
      const { plan, desired } = planAgainstStore(files, cluster.store, [], DEFAULT_DRYDOCK_CONFIG, "r1");
      const report = applyPlan({ cluster, plan, desired, inventory: [], timeoutMs: 60_000, progress: () => {} });
      expect(report.ok).toBe(true);
      const live = cluster.store.get({ group: "", kind: "ConfigMap", namespace: "default", name: "nulls" })!;
      expect(live.metadata.labels).toBeUndefined();
      expect(live.metadata.annotations).toEqual({ b: "x" });
      expect((live as unknown as { data: unknown }).data).toEqual({ k: "v" });
      expect(planAgainstStore(files, cluster.store, report.applied, DEFAULT_DRYDOCK_CONFIG, "r1").plan.summary).toEqual({ create: 0, update: 0, delete: 0, unchanged: 1 });
    } finally {
      cluster.stop();
    }
  });
});

// Planner findings carry file:line:col like validate's: the engine positions them in the file text.
import { describe, expect, it } from "vitest";
import { DEFAULT_DRYDOCK_CONFIG, planAgainstStore } from "../../src/engine/plan-engine.js";
import { createCluster } from "../../src/runtime/cluster.js";

const file = (name: string, text: string) => ({ path: `/x/${name}`, display: name, content: new TextEncoder().encode(text) });

const TWO = `apiVersion: v1
kind: ConfigMap
metadata:
  name: a
data: {k: v}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: b
  annotations:
    drydock.dev/sync-wave: soon
data: {k: v}
`;

const LIST = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: a
`;

describe("planner findings", () => {
  it("put a bad sync wave on the annotation's value, in the right document", () => {
    const cluster = createCluster();
    try {
      const { findings } = planAgainstStore([file("two.yaml", TWO)], cluster.store, [], DEFAULT_DRYDOCK_CONFIG, "r1");
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        rule: "plan/invalid-sync-wave",
        file: "two.yaml",
        line: 12,
        column: 28,
        snippet: "    drydock.dev/sync-wave: soon",
        resource: "configmap/b -n default",
      });
    } finally {
      cluster.stop();
    }
  });

  it("put a duplicate on the second definition, also inside a List", () => {
    const cluster = createCluster();
    try {
      const { findings } = planAgainstStore([file("two.yaml", TWO.replace("name: b", "name: a").replace("    drydock.dev/sync-wave: soon\n", "    x: y\n")), file("list.yaml", LIST)], cluster.store, [], DEFAULT_DRYDOCK_CONFIG, "r1");
      expect(findings.map((f) => [f.rule, f.file, f.line, f.column])).toEqual([
        ["plan/duplicate-resource", "two.yaml", 7, 1],
        ["plan/duplicate-resource", "list.yaml", 4, 3],
      ]);
    } finally {
      cluster.stop();
    }
  });
});

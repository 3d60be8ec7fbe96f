// One small plan shared by the renderer tests: a create, an update of two fields (one added), a
// delete, an object kept by its prune annotation and an unchanged one.
import type { FieldChange } from "../../src/diff/field-change.js";
import { buildPlan, liveLookupFrom, type LiveObject, type Plan } from "../../src/planner/index.js";
import { cm, deploy, desired, inventoryOf, ns, object } from "./fixtures.js";

/** A leaf-by-leaf diff of spec and data, enough to show field paths in renderers. */
export function leafDiff(d: Record<string, unknown>, live: LiveObject): FieldChange[] {
  const before = leaves({ spec: live["spec"], data: live["data"] });
  const after = leaves({ spec: d["spec"], data: d["data"] });
  const changes: FieldChange[] = [];
  for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const b = before.get(path);
    const a = after.get(path);
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const change: FieldChange = { path };
    if (b !== undefined) change.before = b;
    if (a !== undefined) change.after = a;
    changes.push(change);
  }
  return changes;
}

function leaves(value: unknown, path = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (value === undefined) return out;
  if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) leaves(v, `${path}/${k}`, out);
  } else out.set(path, value);
  return out;
}

const image = (tag: string) => ({ template: { spec: { containers: [{ name: "web", image: `nginx:${tag}` }] } } });

export function samplePlan(): Plan {
  const liveWeb = deploy("web", "shop", { body: { spec: { replicas: 2, ...image("1.7.9") } } });
  const wantedWeb = deploy("web", "shop", { body: { spec: { replicas: 3, paused: false, ...image("1.9.1") } } });
  const old = cm("old", "shop");
  const legacy = cm("legacy", "shop", { annotations: { "drydock.dev/prune": "false" } });
  const live = [ns("shop"), liveWeb, old, legacy];
  return buildPlan(
    {
      revision: "abc1234",
      desired: [ns("shop"), wantedWeb, cm("app", "shop", { annotations: { "drydock.dev/sync-wave": "1" } })].map(desired),
      live: liveLookupFrom(live.map(object)),
      inventory: [ns("shop"), liveWeb, old, legacy].map((s) => inventoryOf(s)),
    },
    { diff: leafDiff },
  ).plan;
}

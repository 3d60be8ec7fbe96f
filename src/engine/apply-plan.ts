// `apply` in the engine: walk a plan wave by wave (planSteps). Each apply wave writes its objects
// server-side-apply style (field-apply.ts), then runs the simulated cluster until every object of
// the wave is Healthy, one is Degraded, or the timeout passes; only then the next wave starts.
// Prunes run last, in reverse order; then every desired object, written or not, must be healthy.
// Returns what happened as data; the CLI prints it.
import { ownedPaths, type JsonObject } from "../diff/index.js";
import { explainWorkload, healthOf, worstHealth, type Health, type HealthStatus } from "../health/index.js";
import { formatResourceKey, objectIdentity, type ResourceKey } from "../manifests/resource-key.js";
import { planSteps, type DesiredResource, type InventoryEntry, type Plan } from "../planner/index.js";
import type { Cluster } from "../runtime/cluster.js";
import type { KubeObject } from "../runtime/store/kube-object.js";
import type { StoreReader } from "../runtime/store/store-api.js";
import type { LabelSelector } from "../kube/label-selector.js";
import { applyFields } from "./field-apply.js";
import { ignoredPointers } from "../planner/ignore-rules.js";
import type { IgnoreRule } from "../planner/index.js";
import { parsePointer, valueAtPath } from "../manifests/json-pointer.js";

export type ObjectResult = "created" | "configured" | "unchanged" | "deleted";

export interface ApplyReport {
  ok: boolean;
  /** Per object written or deleted, in the order it happened. */
  results: Array<{ key: ResourceKey; result: ObjectResult }>;
  /** Inventory entries for every desired object written (and unchanged ones, refreshed). */
  applied: InventoryEntry[];
  /** Keys pruned. */
  removed: ResourceKey[];
  /** One line per failure: `deployment.apps/web -n shop: Degraded: … — 2 pods ImagePullBackOff (…)`. */
  failures: string[];
  /** Worst health over the desired objects at the end. */
  health: HealthStatus;
  startedAt: number;
  endedAt: number;
}

export interface ApplyRequest {
  cluster: Cluster;
  plan: Plan;
  desired: readonly DesiredResource[];
  inventory: readonly InventoryEntry[];
  /** Simulated milliseconds for the whole apply. */
  timeoutMs: number;
  /** drydock.yaml sync.ignoreDifferences: those fields keep their live values on updates. */
  ignoreDifferences?: readonly IgnoreRule[];
  /** Progress lines (health changes while waiting). */
  progress: (line: string) => void;
}

/** How far the clock moves between health checks while a wave settles. */
const POLL_MS = 5_000;

export function applyPlan(request: ApplyRequest): ApplyReport {
  const { cluster, plan } = request;
  const { store, clock } = cluster;
  const startedAt = clock.now();
  const deadline = startedAt + request.timeoutMs;
  const desiredById = new Map(request.desired.map((d) => [objectIdentity(d.key), d]));
  const ownedById = new Map(request.inventory.map((e) => [objectIdentity(e.key), e.owned]));
  const report: ApplyReport = { ok: true, results: [], applied: [], removed: [], failures: [], health: "Healthy", startedAt, endedAt: startedAt };

  for (const step of planSteps(plan)) {
    if (step.phase === "apply") {
      const keys: ResourceKey[] = [];
      for (const action of step.actions) {
        const desired = desiredById.get(objectIdentity(action.key));
        if (!desired) continue;
        const written = writeObject(cluster, desired, ownedById.get(objectIdentity(action.key)), ignoredPointers(request.ignoreDifferences ?? [], action.key));
        if (!written.ok) {
          report.failures.push(`${action.resource}: ${written.message}`);
          continue;
        }
        report.results.push({ key: action.key, result: written.result });
        keys.push(action.key);
      }
      if (report.failures.length > 0) break;
      const waited = waitHealthy(cluster, keys, deadline, request.progress);
      report.failures.push(...waited);
      if (waited.length > 0) break;
    } else {
      for (const action of step.actions) {
        const deleted = store.delete(refOf(action.key));
        if (deleted.ok || deleted.error.reason === "NotFound") {
          report.results.push({ key: action.key, result: "deleted" });
          report.removed.push(action.key);
        } else {
          report.failures.push(`${action.resource}: ${deleted.error.message}`);
        }
      }
      clock.runUntilQuiet(Math.max(clock.now(), deadline));
    }
  }
  // Objects the plan left unchanged may still be rolling out or broken: the apply is done when
  // everything desired is healthy, as after a sync that had nothing to write.
  if (report.failures.length === 0) report.failures.push(...waitHealthy(cluster, request.desired.map((d) => d.key), deadline, request.progress));

  // The inventory records every desired object that exists now with what this apply owns.
  for (const desired of request.desired) {
    if (store.get(refOf(desired.key)) === undefined) continue;
    const wasWritten = report.results.some((r) => objectIdentity(r.key) === objectIdentity(desired.key));
    if (!wasWritten && report.failures.length > 0 && !planSaysUnchanged(plan, desired.key)) continue;
    const ignore = ignoredPointers(request.ignoreDifferences ?? [], desired.key);
    report.applied.push({ key: desired.key, owned: ownedPaths(withoutPointers(desired.object, ignore) as JsonObject), revision: plan.revision });
  }
  report.health = worstHealth(request.desired.map((d) => healthOf(store.get(refOf(d.key))).status));
  report.ok = report.failures.length === 0;
  report.endedAt = clock.now();
  return report;
}

function planSaysUnchanged(plan: Plan, key: ResourceKey): boolean {
  return plan.actions.some((a) => a.action === "unchanged" && objectIdentity(a.key) === objectIdentity(key));
}

type Written = { ok: true; result: ObjectResult } | { ok: false; message: string };

function writeObject(cluster: Cluster, desired: DesiredResource, owned: readonly string[] | undefined, ignore: readonly string[]): Written {
  const { store } = cluster;
  const live = store.get(refOf(desired.key));
  if (!live) {
    const created = store.create(structuredClone(desired.object) as unknown as KubeObject);
    return created.ok ? { ok: true, result: "created" } : { ok: false, message: `Error from server (${created.error.reason}): ${created.error.message}` };
  }
  const next = applyFields(live as unknown as Record<string, unknown>, withoutPointers(desired.object, ignore), owned) as unknown as KubeObject;
  next.metadata.resourceVersion = live.metadata.resourceVersion;
  const updated = store.update(next);
  if (!updated.ok) return { ok: false, message: `Error from server (${updated.error.reason}): ${updated.error.message}` };
  return { ok: true, result: updated.object.metadata.resourceVersion === live.metadata.resourceVersion ? "unchanged" : "configured" };
}

/** Runs the cluster until the objects are healthy; returns failure lines (Degraded, or still not healthy at the deadline). */
function waitHealthy(cluster: Cluster, keys: readonly ResourceKey[], deadline: number, progress: (line: string) => void): string[] {
  const { clock, store } = cluster;
  const last = new Map<string, string>();
  const check = (): { settled: boolean; failures: string[] } => {
    const failures: string[] = [];
    let settled = true;
    for (const key of keys) {
      const live = store.get(refOf(key));
      const health = healthOf(live);
      const id = objectIdentity(key);
      const line = `${formatResourceKey(key)}: ${describe(health)}`;
      if (health.status !== "Healthy" && health.status !== "Degraded" && last.get(id) !== line) progress(line);
      last.set(id, line);
      if (health.status === "Degraded") failures.push(`${formatResourceKey(key)}: ${explain(store, live, health)}`);
      else if (health.status !== "Healthy" && health.status !== "Suspended") settled = false;
    }
    return { settled: settled || failures.length > 0, failures };
  };
  for (;;) {
    const state = check();
    if (state.settled) return state.failures;
    if (clock.now() >= deadline) {
      return keys
        .map((key) => ({ key, live: store.get(refOf(key)) }))
        .filter(({ live }) => !["Healthy", "Suspended"].includes(healthOf(live).status))
        .map(({ key, live }) => `${formatResourceKey(key)}: ${explain(store, live, healthOf(live))} (not healthy when the timeout passed)`);
    }
    const run = clock.runUntilQuiet(Math.min(clock.now() + POLL_MS, deadline));
    // Nothing left to happen: move time on anyway so time-based health (deadlines) can change.
    if (run.quiet && run.ran === 0) clock.advance(Math.min(POLL_MS, deadline - clock.now()));
  }
}

function describe(health: Health): string {
  const detail = health.message ?? "";
  return health.reason ? `${health.status}: ${health.reason}${detail ? ` — ${detail}` : ""}` : `${health.status}${detail ? `: ${detail}` : ""}`;
}

const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]);

function explain(store: StoreReader, live: KubeObject | undefined, health: Health): string {
  if (!live || !WORKLOADS.has(live.kind)) return describe(health);
  const selector = (live as { spec?: { selector?: LabelSelector } }).spec?.selector;
  const pods = selector ? store.list({ group: "", kind: "Pod", namespace: live.metadata.namespace, labelSelector: selector }) : [];
  return explainWorkload(live, pods).summary;
}

/** The desired object without the ignored fields, so an update leaves their live values alone. */
function withoutPointers(object: Record<string, unknown>, pointers: readonly string[]): Record<string, unknown> {
  if (pointers.length === 0) return object;
  const copy = structuredClone(object);
  for (const pointer of pointers) {
    if (!pointer.startsWith("/")) continue;
    const tokens = parsePointer(pointer);
    const last = tokens.pop();
    if (last === undefined) continue;
    const parent = valueAtPath(copy, tokens);
    if (Array.isArray(parent) && /^\d+$/.test(last)) parent.splice(Number(last), 1);
    else if (parent !== null && typeof parent === "object") delete (parent as Record<string, unknown>)[last];
  }
  return copy;
}

function refOf(key: ResourceKey): { group: string; kind: string; namespace?: string; name: string } {
  return { group: key.group, kind: key.kind, namespace: key.namespace, name: key.name };
}

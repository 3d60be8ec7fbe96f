// `drydock plan` at scale: 10,000 generated resources (Deployments, Services and ConfigMaps in 20
// namespaces, bench/generate-repo.js) loaded into a simulated cluster's store, their inventory built
// (ownedPaths), then buildPlan with diffObject timed for (a) no changes and (b) 1% of the resources
// with one field edited. The cluster has its admission plugins (so live objects carry the API
// defaults a real cluster returns) but its controllers are not run. Several runs per case; median
// and best are reported, with resources/s and peak RSS. Target: under 500 ms per plan after load.
// Runs against dist/: `npm run build && node bench/plan.bench.js [resources]`.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { resourceUsage } from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateRepo } from "./generate-repo.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const load = (path) => import(pathToFileURL(join(ROOT, "dist", path)).href);
const { createCluster } = await load("runtime/cluster.js");
const { diffObject, ownedPaths } = await load("diff/index.js");
const { buildPlan } = await load("planner/index.js");
const { discoverManifestFiles } = await load("manifests/discover-files.js");
const { loadManifestFile } = await load("manifests/load-manifest-file.js");

const RESOURCES = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CHANGED_SHARE = 0.01;

const fmt = (n) => Math.round(n).toLocaleString("en-US");
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
// Wall time, and this process's CPU time: on a shared machine the wall time of a run also counts
// the time other processes held the CPU, the CPU time does not (it does count GC helper threads).
const time = (work) => {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = work();
  const cpu = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, value };
};

// 1. The desired set, read from a generated repository the way validate reads it.
const work = mkdtempSync(join(tmpdir(), "drydock-plan-bench-"));
let desired;
try {
  generateRepo(work, RESOURCES);
  desired = discoverManifestFiles(["."], work).files.flatMap((file) =>
    loadManifestFile(file.display, readFileSync(file.path), { maxBytes: 5 << 20 }).manifests.map((m) => ({ key: m.key, object: m.object, source: file.display })),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

// 2. A first sync: every object created in a cluster (namespaces first), admission filling defaults.
const cluster = createCluster({ maxTasksPerInstant: 10_000_000 });
const loadTime = time(() => {
  const ordered = [...desired.filter((d) => d.key.kind === "Namespace"), ...desired.filter((d) => d.key.kind !== "Namespace")];
  for (const { object } of ordered) {
    const result = cluster.store.create(structuredClone(object));
    if (!result.ok) throw new Error(result.error.message);
  }
});
const live = (key) => cluster.store.get({ group: key.group, kind: key.kind, namespace: key.namespace, name: key.name });

// 3. The inventory an apply records.
const inventoryTime = time(() => desired.map((d) => ({ key: d.key, owned: ownedPaths(d.object), revision: "r1" })));
const inventory = inventoryTime.value;

// 4. 1% of the resources with one field edited (an image, a ConfigMap value, a Service port).
const changedCount = Math.round((desired.length - 20) * CHANGED_SHARE);
const edited = desired.slice();
const candidates = desired.map((d, i) => [d, i]).filter(([d]) => d.key.kind !== "Namespace");
const stride = Math.floor(candidates.length / changedCount);
for (let n = 0; n < changedCount; n++) {
  const [d, i] = candidates[n * stride];
  const object = structuredClone(d.object);
  if (object.kind === "Deployment") object.spec.template.spec.containers[0].image += "-patched";
  else if (object.kind === "ConfigMap") object.data.LOG_FORMAT = "text";
  else if (object.kind === "Service") object.spec.ports[0].port = 8080;
  edited[i] = { ...d, object };
}

const options = { diff: (d, l, context) => diffObject(d, l, context) };
function bench(name, set, expectUpdates) {
  const plan = () => buildPlan({ revision: "r2", desired: set, live, inventory }, options).plan;
  const first = time(plan);
  const { summary } = first.value;
  if (summary.update !== expectUpdates || summary.create !== 0 || summary.delete !== 0) {
    throw new Error(`${name}: unexpected plan ${JSON.stringify(summary)}`);
  }
  const timed = Array.from({ length: RUNS }, () => time(plan));
  const runs = timed.map((t) => t.ms);
  const med = median(runs);
  console.log(
    [
      name.padEnd(22),
      `first ${fmt(first.ms).padStart(5)} ms`,
      `median ${fmt(med).padStart(5)} ms`,
      `best ${fmt(Math.min(...runs)).padStart(5)} ms`,
      `CPU median ${fmt(median(timed.map((t) => t.cpuMs))).padStart(5)} ms`,
      `${fmt(set.length / (med / 1000)).padStart(8)} resources/s`,
      `(${summary.update} update, ${summary.unchanged} unchanged)`,
    ].join("  "),
  );
  return med;
}

console.log(`drydock plan benchmark: ${desired.length} resources (${changedCount} edited in case b), ${RUNS} runs per case, Node ${process.version}`);
console.log(`load into the simulated cluster: ${fmt(loadTime.ms)} ms; inventory (ownedPaths): ${fmt(inventoryTime.ms)} ms`);
const a = bench("(a) no changes", desired, 0);
const b = bench(`(b) ${changedCount} changed`, edited, changedCount);
console.log(`peak RSS: ${fmt(resourceUsage().maxRSS / 1024)} MB; target < 500 ms: ${a < 500 && b < 500 ? "met" : "NOT met"}`);
cluster.stop();

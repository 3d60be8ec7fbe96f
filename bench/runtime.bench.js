// The simulated cluster at scale: 1,000 nodes and 30,000 pods (300 Deployments of 100 replicas)
// scheduled and run to Running and Ready, in one process, in simulated time. Reports the wall time,
// simulated objects and writes per second, scheduling throughput (binds per second of scheduler
// work, and end to end) and peak RSS. Runs against dist/: `npm run build && node bench/runtime.bench.js`.
// Arguments: [nodes] [deployments] [replicas].
import { performance } from "node:perf_hooks";
import { resourceUsage } from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const { createCluster } = await import(pathToFileURL(join(ROOT, "dist/runtime/cluster.js")).href);

const NODES = Number(process.argv[2] ?? 1000);
const DEPLOYMENTS = Number(process.argv[3] ?? 300);
const REPLICAS = Number(process.argv[4] ?? 100);
const PODS = DEPLOYMENTS * REPLICAS;

function deployment(i) {
  const app = `app-${i}`;
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: app, namespace: "default", labels: { app } },
    spec: {
      replicas: REPLICAS,
      selector: { matchLabels: { app } },
      template: {
        metadata: { labels: { app } },
        spec: { containers: [{ name: "web", image: "nginx:1.27", resources: { requests: { cpu: "100m", memory: "128Mi" } } }] },
      },
    },
  };
}

const started = performance.now();
const cluster = createCluster({
  config: { nodes: [{ name: "node", count: NODES, cpu: "64", memory: "256Gi", pods: 110 }] },
  // Tens of thousands of pods start at one simulated instant; the loop guard must allow that.
  maxTasksPerInstant: 10_000_000,
});
const setupMs = performance.now() - started;

// Wall time per task label: which component spends the time.
const byLabel = new Map();
cluster.clock.observeTasks((label, run) => {
  const t0 = performance.now();
  run();
  const entry = byLabel.get(label) ?? { ms: 0, runs: 0 };
  entry.ms += performance.now() - t0;
  entry.runs += 1;
  byLabel.set(label, entry);
});

let bound = 0;
let running = 0;
cluster.store.watch({ group: "", kind: "Pod" }, (event) => {
  if (event.type !== "MODIFIED") return;
  if (event.object.spec?.nodeName && !event.previous.spec?.nodeName) bound++;
  if (event.object.status?.phase === "Running" && event.previous.status?.phase !== "Running") running++;
});

const writesBefore = cluster.store.resourceVersion;
const simulatedStart = cluster.clock.now();
const t0 = performance.now();
for (let i = 0; i < DEPLOYMENTS; i++) {
  const result = cluster.store.create(deployment(i));
  if (!result.ok) throw new Error(result.error.message);
}
const report = cluster.clock.runUntilQuiet(cluster.clock.now() + 60 * 60 * 1000);
const wallMs = performance.now() - t0;
const writes = cluster.store.resourceVersion - writesBefore;
const pods = cluster.store.list({ group: "", kind: "Pod" });
const ready = pods.filter((p) => p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")).length;
const schedulerMs = [...byLabel].filter(([label]) => /schedul/i.test(label)).reduce((sum, [, e]) => sum + e.ms, 0);
const rssMb = Math.round(resourceUsage().maxRSS / 1024);
const simulatedSeconds = (report.now - simulatedStart) / 1000;

const fmt = (n) => Math.round(n).toLocaleString("en-US");
console.log(`drydock runtime benchmark: ${NODES} nodes, ${DEPLOYMENTS} Deployments × ${REPLICAS} replicas = ${PODS} pods, Node ${process.version}`);
console.log(`cluster set-up (nodes created): ${fmt(setupMs)} ms`);
console.log(`run to quiet: ${(wallMs / 1000).toFixed(2)} s wall, quiet: ${report.quiet}, ${report.ran} tasks, ${simulatedSeconds} s of simulated time`);
console.log(`pods: ${pods.length} (bound ${bound}, became Running ${running}, Ready ${ready})`);
console.log(`objects in the store: ${fmt(cluster.store.size)}; writes: ${fmt(writes)} (${fmt(writes / (wallMs / 1000))} writes/s, ${fmt(cluster.store.size / (wallMs / 1000))} objects/s)`);
console.log(`scheduling: ${fmt(bound / (schedulerMs / 1000))} pods/s of scheduler work (${fmt(schedulerMs)} ms), ${fmt(bound / (wallMs / 1000))} pods/s end to end`);
console.log(`peak RSS: ${rssMb} MB`);
console.log("wall time by task label:");
for (const [label, e] of [...byLabel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) {
  console.log(`  ${label.padEnd(36)} ${fmt(e.ms).padStart(7)} ms  ${fmt(e.runs).padStart(8)} runs`);
}
cluster.stop();

// TypeScript policies: cold type-check + compile of 3 policies in a fresh process (ts-morph import
// included), a warm load from the compile store in a fresh process, and one policy's run over 10,000
// resources. Runs against dist/: `npm run build && node bench/policy.bench.js`. Prints medians.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ENTRY = pathToFileURL(join(ROOT, "dist/policy/custom/index.js")).href;
const PROCESS_RUNS = 5;
const RUN_RUNS = 7;
const RESOURCES = 10_000;

const POLICIES = [
  {
    path: "policies/no-latest.ts",
    text: `import { definePolicy } from "drydock/policy";
export default definePolicy({
  id: "no-latest",
  description: "images must be pinned",
  severity: "error",
  match: { kinds: ["Deployment"] },
  validate(resource, ctx) {
    for (const [i, c] of resource.spec!.template.spec!.containers.entries())
      if (c.image?.endsWith(":latest")) ctx.report(\`container \${c.name} uses latest\`, { path: \`/spec/template/spec/containers/\${i}/image\` });
  },
});
`,
  },
  {
    path: "policies/replicas.ts",
    text: `import { definePolicy } from "drydock/policy";
import type { Deployment } from "kubernetes-types/apps/v1.js";
const replicasOf = (d: Deployment): number => d.spec?.replicas ?? 1;
export default definePolicy({
  id: "two-replicas",
  description: "production runs at least two replicas",
  severity: "warning",
  match: { kinds: ["Deployment", "StatefulSet"], namespaces: ["shop"] },
  validate(resource, ctx) {
    if (resource.kind === "Deployment" && replicasOf(resource as Deployment) < 2) ctx.report("one replica", { path: "/spec/replicas" });
  },
});
`,
  },
  {
    path: "policies/service-selects.ts",
    text: `import { definePolicy } from "drydock/policy";
export default definePolicy({
  id: "service-selects-pods",
  description: "a Service selects some Deployment's pods",
  severity: "warning",
  match: { kinds: ["Service"] },
  validate(service, ctx) {
    const selector = service.spec?.selector ?? {};
    const found = ctx.resources.some((r) => {
      const labels = (r.spec as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined)?.template?.metadata?.labels ?? {};
      return r.kind === "Deployment" && Object.entries(selector).every(([k, v]) => labels[k] === v);
    });
    if (!found) ctx.report("selects no pods", { path: "/spec/selector" });
  },
});
`,
  },
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function fmt(ms) {
  return `${ms.toFixed(0)} ms`;
}

/** The child processes: load the policies, print timings as JSON. */
async function child(mode, storeFile) {
  const started = performance.now();
  const { loadPolicies } = await import(ENTRY);
  const entries = storeFile && existsSync(storeFile) ? JSON.parse(readFileSync(storeFile, "utf8")) : [];
  const map = new Map(entries);
  const store = { get: (k) => map.get(k), set: (k, v) => map.set(k, v) };
  const result = await loadPolicies(POLICIES, { drydockVersion: "bench", store });
  const elapsed = performance.now() - started;
  if (result.findings.length > 0 || result.policies.length !== POLICIES.length) throw new Error(JSON.stringify(result.findings));
  if (mode === "fill") writeFileSync(storeFile, JSON.stringify([...map]));
  const tsMorphLoaded = Object.keys(createRequire(import.meta.url).cache).some((p) => p.includes("/ts-morph/"));
  process.stdout.write(JSON.stringify({ elapsed, typeChecked: result.stats.typeChecked, tsMorphLoaded }));
}

function spawnChild(mode, storeFile) {
  const started = performance.now();
  const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url), mode, storeFile ?? ""], { encoding: "utf8" });
  const wall = performance.now() - started;
  if (out.status !== 0) throw new Error(out.stderr);
  return { ...JSON.parse(out.stdout), wall };
}

function deployments(count) {
  return Array.from({ length: count }, (_, i) => {
    const name = `app-${i}`;
    const namespace = `ns-${i % 50}`;
    return {
      key: { group: "apps", version: "v1", kind: "Deployment", namespace, name },
      apiVersion: "apps/v1",
      display: `deployment.apps/${name} -n ${namespace}`,
      source: { file: `manifests/${i % 400}.yaml`, documentIndex: i % 50, pointer: "" },
      object: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name, namespace, labels: { app: name, tier: i % 3 === 0 ? "web" : "worker" } },
        spec: {
          replicas: (i % 4) + 1,
          selector: { matchLabels: { app: name } },
          template: {
            metadata: { labels: { app: name } },
            spec: {
              containers: [
                { name: "app", image: i % 10 === 0 ? "nginx:latest" : "nginx:1.27", ports: [{ containerPort: 8080 }], resources: { limits: { cpu: "500m", memory: "256Mi" } } },
                { name: "sidecar", image: "envoy:1.30", resources: { limits: { cpu: "100m", memory: "64Mi" } } },
              ],
            },
          },
        },
      },
    };
  });
}

async function main() {
  if (!existsSync(fileURLToPath(ENTRY))) throw new Error("dist/ is missing: run `npm run build` first");
  const dir = mkdtempSync(join(tmpdir(), "drydock-policy-bench-"));
  try {
    const cold = Array.from({ length: PROCESS_RUNS }, () => spawnChild("cold"));
    const storeFile = join(dir, "store.json");
    spawnChild("fill", storeFile);
    const warm = Array.from({ length: PROCESS_RUNS }, () => spawnChild("warm", storeFile));
    console.log(`cold load of ${POLICIES.length} policies (import + type-check + compile + definitions), median of ${PROCESS_RUNS} processes:`);
    console.log(`  in process ${fmt(median(cold.map((r) => r.elapsed)))}, whole process ${fmt(median(cold.map((r) => r.wall)))}; type-checked ${cold[0].typeChecked}`);
    console.log(`warm load from the compile store, median of ${PROCESS_RUNS} processes:`);
    console.log(
      `  in process ${fmt(median(warm.map((r) => r.elapsed)))}, whole process ${fmt(median(warm.map((r) => r.wall)))}; type-checked ${warm[0].typeChecked}, ts-morph loaded: ${warm[0].tsMorphLoaded}`,
    );

    const { loadPolicies } = await import(ENTRY);
    const { policies } = await loadPolicies(POLICIES, { drydockVersion: "bench" });
    const noLatest = policies.find((p) => p.id === "no-latest");
    const all = deployments(RESOURCES);
    const targets = all.filter((r) => noLatest.appliesTo(r));
    const times = [];
    let violations = 0;
    for (let i = 0; i < RUN_RUNS; i++) {
      // A new array each time: the JSON of the whole set is cached per array, and a run pays for it once.
      const runAll = [...all];
      const started = performance.now();
      const result = noLatest.run(targets, { all: runAll, timeoutMs: 1000, options: {} });
      times.push(performance.now() - started);
      violations = result.violations.length;
    }
    const runMs = median(times);
    console.log(`run of no-latest over ${RESOURCES} Deployments (fresh sandbox, JSON of the set included), median of ${RUN_RUNS}:`);
    console.log(`  ${fmt(runMs)} (${((runMs * 1000) / RESOURCES).toFixed(1)} µs per resource), ${violations} violations`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const [mode, storeFile] = process.argv.slice(2);
if (mode === "cold" || mode === "warm" || mode === "fill") await child(mode, storeFile || undefined);
else await main();

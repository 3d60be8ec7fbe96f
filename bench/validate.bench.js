// `npm run bench`: end-to-end speed of `drydock validate` (read + parse + validate + report), run the
// way users run it, as a separate process. Repos of 10,000 and 50,000 generated resources and the
// shared corpus; each case runs several times and the median is reported, because timings on shared
// 2-core machines vary by ±30% from run to run. Peak RSS comes from the child's rusage.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateRepo } from "./generate-repo.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "bin", "drydock.js");
const corpus = join(root, "..", "shared", "corpus");
const runs = Number(process.env.BENCH_RUNS ?? 5);

function runOnce(args) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [cli, "validate", "-o", "json", ...args], { maxBuffer: 1 << 30, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status === 2 || child.error) throw new Error(`drydock failed: ${child.stderr || child.error}`);
  const summary = JSON.parse(child.stdout).summary;
  // spawnSync has no rusage; measure RSS with /usr/bin/time when present.
  return { seconds, summary };
}

function peakRssMb(args) {
  if (!existsSync("/usr/bin/time")) return undefined;
  const child = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, cli, "validate", "-o", "json", ...args], { maxBuffer: 1 << 30, encoding: "utf8" });
  const kb = Number(child.stderr.trim().split("\n").pop());
  return Number.isFinite(kb) ? kb / 1024 : undefined;
}

/**
 * The engine alone, in a fresh process: runValidate timed from inside, so Node's start and module
 * loading (about 0.3 s here) are left out. Shows what the fixed cost is and what scales.
 */
function engineOnce(args) {
  const script = `
    import { runValidate } from ${JSON.stringify(join(root, "dist", "engine", "validate-run.js"))};
    const start = performance.now();
    const report = await runValidate({ paths: ${JSON.stringify(args)}, cwd: process.cwd(), parallelism: "auto", settings: {
      strict: true, kubeVersion: { major: 1, minor: 30 }, skipUnknown: false, schemaDirs: [], skipKinds: [], rejectKinds: [],
      defaultNamespace: "default", maxFileBytes: 5 * 1024 * 1024 } });
    console.log(JSON.stringify({ seconds: (performance.now() - start) / 1000, resources: report.summary.resources }));`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function bench(name, args) {
  runOnce(args); // warm the file cache
  const results = Array.from({ length: runs }, () => runOnce(args));
  const seconds = results.map((r) => r.seconds);
  const { resources, files, errors } = results[0].summary;
  const med = median(seconds);
  const rss = peakRssMb(args);
  console.log(
    [
      name.padEnd(34),
      `${String(resources).padStart(6)} resources`,
      `${String(files).padStart(6)} files`,
      `median ${med.toFixed(2)} s`,
      `best ${Math.min(...seconds).toFixed(2)} s`,
      `${Math.round(resources / med).toLocaleString("en-US").padStart(7)} resources/s`,
      rss === undefined ? "" : `peak RSS ${rss.toFixed(0)} MB`,
      errors > 0 ? `(${errors} errors reported)` : "",
    ].join("  "),
  );
  return { name, resources, median: med, rss };
}

const work = mkdtempSync(join(tmpdir(), "drydock-bench-"));
try {
  console.log(`drydock validate benchmark: ${runs} runs per case, Node ${process.version}, ${availableParallelism()} CPUs`);
  for (const size of [10_000, 50_000]) {
    const dir = join(work, `repo-${size}`);
    generateRepo(dir, size);
    bench(`generated ${size / 1000}k (auto workers)`, [dir]);
    bench(`generated ${size / 1000}k (one thread)`, [dir, "--workers", "0"]);
    bench(`generated ${size / 1000}k (--no-policies)`, [dir, "--no-policies"]);
    const engine = Array.from({ length: runs }, () => engineOnce([dir]));
    const seconds = median(engine.map((e) => e.seconds));
    console.log(`${`generated ${size / 1000}k, engine, schemas only`.padEnd(34)}  ${String(size).padStart(6)} resources  ${"".padStart(12)}  median ${seconds.toFixed(2)} s  ${"".padStart(11)}  ${Math.round(size / seconds).toLocaleString("en-US").padStart(7)} resources/s`);
  }
  if (existsSync(corpus)) bench("shared corpus (1,767 files)", [corpus, "--skip-unknown"]);
  else console.log("shared corpus: skipped (../shared/corpus not found)");
} finally {
  rmSync(work, { recursive: true, force: true });
}

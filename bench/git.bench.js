// `npm run bench`, git part: reading a 10,000-file repository through src/git. Cases:
//   - cold read: list the tree and read every blob with isomorphic-git, in a fresh process, for a
//     repository of loose objects and for the same repository after `git gc` (one packfile);
//   - cold validate: `drydock validate --repo` with an empty state dir (read + validate everything);
//   - one-file commit: `drydock validate` again after a commit that changes one file, with the caches
//     the first run left in the state dir (a fresh process, as in CI), and in a long-running process
//     that keeps its caches in memory (as watch and the dashboard do);
//   - watcher latency: from the moment git writes the branch ref to the watcher's event.
// Each case runs several times; medians are reported, since these shared 2-core machines vary a lot.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateRepo } from "./generate-repo.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = (path) => join(root, "dist", path);
const cli = join(root, "bin", "drydock.js");
const runs = Number(process.env.BENCH_RUNS ?? 5);
const FILES = 10_000;

const { openRepository } = await import(dist("git/git-repository.js"));
const { resolveRevision } = await import(dist("git/revisions.js"));
const { listManifestTree } = await import(dist("git/manifest-tree.js"));
const { TreeCache } = await import(dist("git/tree-cache.js"));
const { readBlobContents } = await import(dist("git/blobs.js"));
const { watchRevisions } = await import(dist("git/revision-watcher.js"));
const { validateRevision } = await import(dist("engine/validate-revision.js"));
const { RevisionCaches } = await import(dist("engine/revision-caches.js"));

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: "Bench", GIT_AUTHOR_EMAIL: "bench@example.com", GIT_COMMITTER_NAME: "Bench", GIT_COMMITTER_EMAIL: "bench@example.com" };

function gitCli(cwd, ...args) {
  return execFileSync("git", args, { cwd, env: GIT_ENV, encoding: "utf8" }).trim();
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function ms(seconds) {
  return `${(seconds * 1000).toFixed(0)} ms`;
}

function report(name, samples, extra = "") {
  console.log(`${name.padEnd(52)}  median ${ms(median(samples)).padStart(8)}  best ${ms(Math.min(...samples)).padStart(8)}  worst ${ms(Math.max(...samples)).padStart(8)}  ${extra}`);
}

/** Lists and reads every manifest blob at HEAD in a fresh process, timed from inside it. */
function coldReadOnce(repo) {
  const script = `
    const { openRepository } = await import(${JSON.stringify(dist("git/git-repository.js"))});
    const { readBlobContents } = await import(${JSON.stringify(dist("git/blobs.js"))});
    const { resolveRevision } = await import(${JSON.stringify(dist("git/revisions.js"))});
    const { listManifestTree } = await import(${JSON.stringify(dist("git/manifest-tree.js"))});
    const { TreeCache } = await import(${JSON.stringify(dist("git/tree-cache.js"))});
    const start = performance.now();
    const repo = await openRepository(${JSON.stringify(repo)});
    const listing = await listManifestTree(repo, await resolveRevision(repo, "HEAD"), { path: "", include: [], exclude: [] }, new TreeCache());
    const listed = performance.now();
    const bytes = (await readBlobContents(repo, listing.files)).reduce((sum, file) => sum + file.content.length, 0);
    console.log(JSON.stringify({ list: (listed - start) / 1000, total: (performance.now() - start) / 1000, files: listing.files.length, bytes }));`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout);
}

/** The same files read with readFileSync from the checkout, for scale. */
function plainReadOnce(repo, listFile) {
  const script = `
    import { readFileSync } from "node:fs";
    const files = readFileSync(${JSON.stringify(listFile)}, "utf8").split(/\\n/);
    const start = performance.now();
    let bytes = 0;
    for (const f of files) bytes += readFileSync(${JSON.stringify(repo)} + "/" + f).length;
    console.log(JSON.stringify({ total: (performance.now() - start) / 1000 }));`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout);
}

function cliOnce(repo, state) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [cli, "validate", "--repo", repo, "--state", state, "-o", "json"], { maxBuffer: 1 << 30, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status === 2 || child.error) throw new Error(`drydock failed: ${child.stderr || child.error}`);
  return { seconds, summary: JSON.parse(child.stdout).summary };
}

let counter = 0;
/** Commits a change to one manifest file and returns the new HEAD. */
function commitOneFile(repo) {
  counter++;
  const file = join(repo, "team-3", "group-2", "svc-1043.yaml");
  writeFileSync(file, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bench-${counter}\n  namespace: team-3\ndata:\n  run: "${counter}"\n`);
  gitCli(repo, "commit", "-q", "-am", `bench change ${counter}`);
  return gitCli(repo, "rev-parse", "HEAD");
}

function settingsRequest(repo, state, caches) {
  return { repo, ref: "HEAD", stateDir: () => state, overrides: {}, parallelism: "auto", drydockVersion: "bench", caches };
}

async function watcherLatency(repo, samples) {
  const opened = await openRepository(repo);
  const latencies = [];
  let pending;
  const watcher = watchRevisions({
    repo: opened,
    ref: "HEAD",
    onEvent: (event) => {
      if (event.kind !== "commit" || !pending || event.oid !== pending.oid) return;
      pending.resolve(performance.timeOrigin + performance.now());
    },
  });
  await watcher.ready;
  const refFile = join(opened.gitdir, "refs", "heads", "main");
  for (let i = 0; i < samples; i++) {
    // git runs as a child process so this one stays free to receive the event while git works.
    const child = spawn("git", ["commit", "-q", "--allow-empty", "-m", `watch ${i}`], { cwd: repo, env: GIT_ENV });
    await new Promise((resolve, reject) => child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`git commit exited ${code}`)))));
    const oid = gitCli(repo, "rev-parse", "HEAD");
    const written = statSync(refFile).mtimeMs;
    const received = await new Promise((resolve) => {
      pending = { oid, resolve };
      setTimeout(() => resolve(undefined), 5_000);
    });
    if (received === undefined) throw new Error(`no event for commit ${oid}`);
    latencies.push((received - written) / 1000);
    await new Promise((r) => setTimeout(r, 300));
  }
  await watcher.close();
  return latencies;
}

const work = mkdtempSync(join(tmpdir(), "drydock-git-bench-"));
try {
  console.log(`drydock git benchmark: ${runs} runs per case, Node ${process.version}, ${availableParallelism()} CPUs`);
  const repo = join(work, "repo");
  // Three resources per file: 10,000 files.
  generateRepo(repo, FILES * 3);
  gitCli(repo, "init", "-q", "-b", "main");
  // A background auto-gc after the big first commit would pack objects in the middle of a case.
  gitCli(repo, "config", "gc.auto", "0");
  gitCli(repo, "add", "-A");
  gitCli(repo, "commit", "-q", "-m", "generated");
  const files = Number(gitCli(repo, "ls-files").split("\n").length);
  console.log(`repository: ${files} files, ${FILES * 3} resources`);

  const listFile = join(work, "files.txt");
  writeFileSync(listFile, gitCli(repo, "ls-files"));
  const plain = Array.from({ length: runs }, () => plainReadOnce(repo, listFile).total);
  report("readFileSync of the checkout (for scale)", plain);
  for (const layout of ["loose objects", "after git gc"]) {
    if (layout === "after git gc") gitCli(repo, "gc", "-q");
    const cold = Array.from({ length: runs }, () => coldReadOnce(repo));
    report(`cold read, ${layout}: list tree`, cold.map((c) => c.list));
    report(`cold read, ${layout}: list + read all blobs`, cold.map((c) => c.total), `${cold[0].files} files, ${(cold[0].bytes / 1e6).toFixed(1)} MB`);
  }

  const coldValidate = [];
  for (let i = 0; i < runs; i++) {
    const state = join(work, `state-cold-${i}`);
    coldValidate.push(cliOnce(repo, state).seconds);
  }
  report("drydock validate --repo, empty state dir", coldValidate);

  const state = join(work, "state");
  cliOnce(repo, state);
  const afterCommit = [];
  const unchanged = [];
  for (let i = 0; i < runs; i++) {
    commitOneFile(repo);
    afterCommit.push(cliOnce(repo, state).seconds);
    unchanged.push(cliOnce(repo, state).seconds);
  }
  report("drydock validate --repo after a one-file commit", afterCommit, "(new process, caches from the state dir)");
  report("drydock validate --repo, nothing changed", unchanged, "(new process, caches from the state dir)");

  // src/git alone: the new revision's listing from cached trees, and the blobs not seen before.
  const opened = await openRepository(repo);
  const trees = new TreeCache();
  const everything = { path: "", include: [], exclude: [] };
  let known = new Set((await listManifestTree(opened, await resolveRevision(opened, "HEAD"), everything, trees)).files.map((f) => f.blobId));
  const reread = [];
  let blobsRead = 0;
  for (let i = 0; i < runs * 2; i++) {
    commitOneFile(repo);
    trees.resetStats();
    const start = performance.now();
    const listing = await listManifestTree(opened, await resolveRevision(opened, "HEAD"), everything, trees);
    const fresh = await readBlobContents(opened, listing.files.filter((f) => !known.has(f.blobId)));
    reread.push((performance.now() - start) / 1000);
    known = new Set(listing.files.map((f) => f.blobId));
    blobsRead = fresh.length;
  }
  report("re-read after a one-file commit (src/git, warm)", reread, `(trees read ${trees.misses}, blobs read ${blobsRead} per commit)`);

  const caches = new RevisionCaches();
  const memoryState = join(work, "state-memory");
  await validateRevision(settingsRequest(repo, memoryState, caches));
  await validateRevision(settingsRequest(repo, memoryState, caches));
  const inProcess = [];
  let stats;
  for (let i = 0; i < runs * 2; i++) {
    commitOneFile(repo);
    const start = performance.now();
    const result = await validateRevision(settingsRequest(repo, memoryState, caches));
    inProcess.push((performance.now() - start) / 1000);
    stats = result.stats;
  }
  report("re-validate after a one-file commit, warm process", inProcess, `(trees read ${stats.treesRead}, files validated ${stats.filesValidated}, from cache ${stats.filesFromCache})`);

  const latencies = await watcherLatency(repo, runs * 2);
  report("watcher: ref written → event", latencies);
} finally {
  rmSync(work, { recursive: true, force: true });
}

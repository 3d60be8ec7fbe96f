// `drydock apply`. In a git repository without -f: the GitOps apply of a plan (apply-sync.ts).
// `drydock apply --yes -f PATH…` (or outside a repository) keeps the kubectl-like form: read manifests (files and
// folders, or the repository's manifests folder), create or update each object in the live cluster
// as `kubectl apply` does (namespaces first; updates merge the manifest onto the live object and
// remove what an earlier apply set and the manifest no longer has, remembered in the
// last-applied-configuration annotation), then run the simulation until it is quiet or the
// simulated timeout passes.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { CONFIG_FILE, parseConfig } from "../../config/load-config.js";
import { withDefaults } from "../../config/drydock-config.js";
import { changeLiveCluster } from "../../engine/live-cluster.js";
import { kindOfObject, typeName } from "../../engine/kind-aliases.js";
import type { Finding } from "../../findings/finding.js";
import { openRepository } from "../../git/git-repository.js";
import { normalizeRoot, selectionMatcher } from "../../git/manifest-tree.js";
import { discoverManifestFiles, type DiscoveredFile } from "../../manifests/discover-files.js";
import { DEFAULT_MAX_FILE_BYTES } from "../../manifests/file-content.js";
import { loadManifestFile, positionWithoutSource } from "../../manifests/load-manifest-file.js";
import type { Manifest } from "../../manifests/manifest.js";
import { parseDuration } from "../../runtime/clock/duration.js";
import { cloneObject, type KubeObject } from "../../runtime/store/kube-object.js";
import type { StoreWriter } from "../../runtime/store/store-api.js";
import type { StoreError } from "../../runtime/store/store-errors.js";
import type { CliContext } from "../cli-context.js";
import { EXIT, UsageError } from "../exit-codes.js";
import { collect } from "../option-parsers.js";
import { applyRepository } from "./apply-sync.js";
import { addLiveOptions, crdsOf, locate, serverError, type LiveOptions } from "../output/kube/live-command.js";
import { mergeKeyFor as mergeKey, strategicMerge } from "./patch.js";

export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

interface ApplyOptions extends LiveOptions {
  yes: boolean;
  ref?: string;
  filename: string[];
  path?: string;
  timeout: string;
}

export type ApplyOutcome = { ok: true; result: "created" | "configured" | "unchanged"; object: KubeObject } | { ok: false; error: StoreError };

export function registerApply(program: Command, ctx: CliContext): void {
  const command = program
    .command("apply")
    .description("apply the repository's plan wave by wave and wait until healthy (with -f: kubectl-apply-like, then run until quiet)")
    .option("--yes", "apply without asking (required when there is no terminal to confirm on)", false)
    .option("-f, --filename <path>", "a manifest file or folder (repeatable); default: the repository's manifests", collect, [])
    .option("--path <subdir>", "manifests folder inside the repository (default: drydock.yaml's source.path, else the root)")
    .option("--timeout <duration>", "simulated time to run the cluster afterwards at most", "10m");
  addLiveOptions(command);
  command.option("--ref <rev>", "revision to apply in a git repository: branch, tag, SHA, REV~N, or WORKTREE", "HEAD");
  command.action(async (options: ApplyOptions, cmd: Command) => {
    const timeout = parseDuration(options.timeout);
    if (!timeout.ok) throw new UsageError(`--timeout: ${timeout.message}`);
    // In a git repository (and without -f): the GitOps apply of a plan (apply-sync.ts).
    if (options.filename.length === 0 && (await insideRepository(resolve(ctx.cwd, options.repo ?? ".")))) {
      await applyRepository(ctx, { ...options, ref: options.ref ?? "HEAD", filename: [], color: options.color !== false }, timeout.ms, cmd.getOptionValueSource("namespace") === "cli" ? options.namespace : undefined);
      return;
    }
    if (options.ref !== undefined && cmd.getOptionValueSource("ref") === "cli") throw new UsageError("--ref needs a git repository and cannot be combined with -f");
    if (!options.yes) throw new UsageError("apply needs --yes until plans exist");
    const files = options.filename.length > 0 ? discoverManifestFiles(options.filename, ctx.cwd, { stdin: ctx.readStdin }).files : await repositoryFiles(ctx, options);
    const { manifests, errors } = readManifests(files);
    if (errors.length > 0) {
      for (const finding of errors) ctx.stderr.write(`${where(finding)}: error [${finding.rule}] ${finding.message}\n`);
      ctx.stderr.write(`error: the manifests have ${errors.length} error${errors.length === 1 ? "" : "s"}; nothing was applied\n`);
      ctx.exitCode = EXIT.FAILED;
      return;
    }
    await changeLiveCluster(await locate(ctx, options), (cluster) => {
      for (const manifest of applyOrder(manifests)) {
        const outcome = applyObject(cluster.store, manifest.object as KubeObject, options.namespace);
        const kind = kindOfObject(manifest.object as KubeObject, crdsOf(cluster.store));
        if (outcome.ok) ctx.stdout.write(`${typeName(kind)}/${outcome.object.metadata.name ?? ""} ${outcome.result}\n`);
        else serverError(ctx, outcome.error);
      }
      cluster.clock.runUntilQuiet(cluster.clock.now() + timeout.ms);
    });
  });
}

/** Creates the object, or merges it onto the live one as kubectl's client-side apply does. */
export function applyObject(store: StoreWriter, manifest: KubeObject, defaultNamespace: string): ApplyOutcome {
  const desired = cloneObject(manifest);
  delete desired.status;
  const info = store.kindInfo(groupOf(desired.apiVersion), desired.kind);
  if (info.namespaced) desired.metadata.namespace ??= defaultNamespace;
  else delete desired.metadata.namespace;
  const lastApplied = JSON.stringify(desired);
  const ref = { group: groupOf(desired.apiVersion), kind: desired.kind, namespace: desired.metadata.namespace, name: desired.metadata.name ?? "" };
  const live = store.get(ref);
  if (!live) {
    desired.metadata.annotations = { ...desired.metadata.annotations, [LAST_APPLIED]: lastApplied };
    const created = store.create(desired);
    return created.ok ? { ok: true, result: "created", object: created.object } : created;
  }
  const previous = parseLastApplied(live.metadata.annotations?.[LAST_APPLIED]);
  const patch = withDeletions(previous, desired as unknown as Record<string, unknown>, []) as Record<string, unknown>;
  const merged = strategicMerge(cloneObject(live), patch, []) as KubeObject;
  merged.metadata.annotations = { ...merged.metadata.annotations, [LAST_APPLIED]: lastApplied };
  merged.metadata.resourceVersion = live.metadata.resourceVersion;
  const updated = store.update(merged);
  if (!updated.ok) return updated;
  return { ok: true, result: updated.object.metadata.resourceVersion === live.metadata.resourceVersion ? "unchanged" : "configured", object: updated.object };
}

// The patch from the previous apply to this one: the manifest, plus null for every field the
// previous apply set that the manifest dropped, and `$patch: delete` for dropped items of lists
// merged by key.
function withDeletions(previous: unknown, desired: unknown, path: string[]): unknown {
  if (!isObject(desired)) return desired;
  const out: Record<string, unknown> = { ...desired };
  if (!isObject(previous)) return out;
  for (const [key, before] of Object.entries(previous)) {
    const after = desired[key];
    if (after === undefined) {
      out[key] = null;
    } else if (isObject(before) && isObject(after)) {
      out[key] = withDeletions(before, after, [...path, key]);
    } else if (Array.isArray(before) && Array.isArray(after)) {
      out[key] = listWithDeletions(before, after, [...path, key]);
    }
  }
  return out;
}

function listWithDeletions(before: unknown[], after: unknown[], path: string[]): unknown[] {
  const key = mergeKey(path);
  if (!key || !after.every(isObject) || !before.every(isObject)) return after;
  const items = after.map((item) => {
    const match = before.find((b) => isObject(b) && JSON.stringify(b[key]) === JSON.stringify((item as Record<string, unknown>)[key]));
    return match ? withDeletions(match, item, path) : item;
  });
  for (const old of before as Array<Record<string, unknown>>) {
    if (!after.some((a) => JSON.stringify((a as Record<string, unknown>)[key]) === JSON.stringify(old[key]))) items.push({ [key]: old[key], $patch: "delete" });
  }
  return items;
}


function parseLastApplied(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// Namespaces (and the definitions of custom kinds) before what lives in them; otherwise file order.
function applyOrder(manifests: Manifest[]): Manifest[] {
  const rank = (m: Manifest): number => (m.key.kind === "Namespace" && m.key.group === "" ? 0 : m.key.kind === "CustomResourceDefinition" ? 1 : 2);
  return manifests.map((m, i) => ({ m, i })).sort((a, b) => rank(a.m) - rank(b.m) || a.i - b.i).map((x) => x.m);
}

function readManifests(files: DiscoveredFile[]): { manifests: Manifest[]; errors: Finding[] } {
  const manifests: Manifest[] = [];
  const errors: Finding[] = [];
  for (const file of files) {
    const bytes = file.content ?? readFileSync(file.path);
    const loaded = loadManifestFile(file.display, bytes, { maxBytes: DEFAULT_MAX_FILE_BYTES });
    for (const draft of loaded.drafts) {
      if (draft.severity !== "error") continue;
      errors.push(loaded.source ? loaded.source.position(draft) : positionWithoutSource(file.display, draft));
    }
    manifests.push(...loaded.manifests);
  }
  return { manifests, errors };
}

// The repository's manifests in the working tree, selected as validate selects them.
async function repositoryFiles(ctx: CliContext, options: ApplyOptions): Promise<DiscoveredFile[]> {
  const start = resolve(ctx.cwd, options.repo ?? ".");
  const root = await openRepository(start).then(
    (repo) => repo.dir,
    () => start,
  );
  const configPath = join(root, CONFIG_FILE);
  const loaded = existsSync(configPath) ? parseConfig(CONFIG_FILE, readFileSync(configPath)) : { config: withDefaults(undefined), findings: [] };
  if (loaded.findings.length > 0) throw new UsageError(`${CONFIG_FILE}: ${loaded.findings[0].message}`);
  const config = loaded.config;
  const manifestsPath = normalizeRoot(options.path ?? config.source.path);
  const relative = (path: string): string => (manifestsPath === "" ? path : path.startsWith(`${manifestsPath}/`) ? path.slice(manifestsPath.length + 1) : `../${path}`);
  const selected = selectionMatcher({
    path: manifestsPath,
    include: config.source.include,
    exclude: [...config.source.exclude, relative(CONFIG_FILE), `${relative(normalizeRoot(config.policy.dir))}/**`],
  });
  const discovery = discoverManifestFiles([manifestsPath === "" ? "." : manifestsPath], root);
  return discovery.files.filter((file) => selected(manifestsPath === "" ? file.display : file.display.slice(manifestsPath.length + 1)));
}

async function insideRepository(dir: string): Promise<boolean> {
  return openRepository(dir).then(
    () => true,
    () => false,
  );
}

function where(finding: Finding): string {
  return finding.line === undefined ? finding.file : `${finding.file}:${finding.line}:${finding.column ?? 1}`;
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

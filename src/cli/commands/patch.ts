// `drydock patch KIND/NAME -p PATCH [--type strategic|merge|json]`: change a live object by hand, as
// kubectl patch does. Strategic merge patches merge lists of named things (containers, env, ports,
// volumes, …) by their merge key and replace other lists; merge patches are RFC 7386; json patches
// are RFC 6902 operations.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Option, type Command } from "commander";
import { parse } from "yaml";
import { changeLiveCluster } from "../../engine/live-cluster.js";
import { typeName } from "../../engine/kind-aliases.js";
import { cloneObject, type KubeObject } from "../../runtime/store/kube-object.js";
import { storeError } from "../../runtime/store/store-errors.js";
import type { CliContext } from "../cli-context.js";
import { UsageError } from "../exit-codes.js";
import { addLiveOptions, commandError, forEachNamedObject, locate, parseResourceArgs, serverError, type LiveOptions } from "../output/kube/live-command.js";

export const PATCH_TYPES = ["strategic", "merge", "json"] as const;
export type PatchType = (typeof PATCH_TYPES)[number];

interface PatchOptions extends LiveOptions {
  patch?: string;
  patchFile?: string;
  type: PatchType;
}

type Json = Record<string, unknown>;

export function registerPatch(program: Command, ctx: CliContext): void {
  const command = program
    .command("patch")
    .description("change fields of a live object, as kubectl patch does")
    .argument("<resources...>", "TYPE/NAME or TYPE NAME, e.g. deployment/web")
    .option("-p, --patch <patch>", "the patch, JSON or YAML")
    .option("--patch-file <file>", "a file holding the patch")
    .addOption(new Option("--type <type>", "patch type").choices(PATCH_TYPES).default("strategic"));
  addLiveOptions(command);
  command.action(async (args: string[], options: PatchOptions) => {
    if ((options.patch === undefined) === (options.patchFile === undefined)) throw new UsageError("give the patch with either -p/--patch or --patch-file");
    const text = options.patch ?? readFileSync(resolve(ctx.cwd, options.patchFile as string), "utf8");
    const patch = parsePatch(text, options.type);
    const requests = parseResourceArgs(args);
    await changeLiveCluster(await locate(ctx, options), (cluster) => {
      forEachNamedObject(ctx, cluster.store, requests, options.namespace, ({ kind, name, current }) => {
        const applied = applyPatch(current, patch, options.type);
        if (!applied.ok) {
          commandError(ctx, applied.message);
          return;
        }
        const patched = applied.object;
        if (patched.metadata?.name !== name) {
          serverError(ctx, storeError("BadRequest", `the name of the object (${String(patched.metadata?.name)}) does not match the name on the URL (${name})`));
          return;
        }
        patched.metadata.resourceVersion = current.metadata.resourceVersion;
        const result = cluster.store.update(patched);
        if (!result.ok) {
          serverError(ctx, result.error);
          return;
        }
        const changed = result.object.metadata.resourceVersion !== current.metadata.resourceVersion;
        ctx.stdout.write(`${typeName(kind)}/${name} patched${changed ? "" : " (no change)"}\n`);
      });
    });
  });
}

function parsePatch(text: string, type: PatchType): unknown {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new UsageError(`unable to parse ${JSON.stringify(text)}: ${(error as Error).message.split("\n")[0]}`);
  }
  if (type === "json" ? !Array.isArray(value) : !isObject(value)) {
    throw new UsageError(type === "json" ? "a json patch is a list of operations, e.g. [{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}]" : `a ${type} patch is a JSON object, e.g. {"spec":{"replicas":3}}`);
  }
  return value;
}

export type PatchResult = { ok: true; object: KubeObject } | { ok: false; message: string };

/** Applies a patch of `type` to a copy of `object`. */
export function applyPatch(object: KubeObject, patch: unknown, type: PatchType): PatchResult {
  const copy = cloneObject(object) as unknown as Json;
  try {
    switch (type) {
      case "merge":
        return { ok: true, object: mergePatch(copy, patch) as KubeObject };
      case "strategic":
        return { ok: true, object: strategicMerge(copy, patch, []) as KubeObject };
      case "json":
        return { ok: true, object: jsonPatch(copy, patch as unknown[]) as KubeObject };
    }
  } catch (error) {
    if (error instanceof PatchError) return { ok: false, message: error.message };
    throw error;
  }
}

class PatchError extends Error {}

/** RFC 7386 JSON merge patch: objects merge, null deletes, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Json = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

// The patchMergeKey of list fields (k8s.io/api struct tags) that a strategic merge patch merges by.
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
  imagePullSecrets: "name",
  hostAliases: "ip",
  conditions: "type",
  ownerReferences: "uid",
  topologySpreadConstraints: "topologyKey",
  resourceClaims: "name",
  addresses: "type",
};

// Lists of scalars whose patch strategy is merge: their items are a set.
const MERGED_SCALAR_LISTS = new Set(["finalizers"]);

const CONTAINER_LISTS = new Set(["containers", "initContainers", "ephemeralContainers"]);

/** The merge key of the list at `path` (field names from the root, list indices left out). */
export function mergeKeyFor(path: readonly string[]): string | undefined {
  const field = path[path.length - 1];
  // Container ports merge by containerPort; a Service's ports by port.
  if (field === "ports") return path.length >= 2 && CONTAINER_LISTS.has(path[path.length - 2]) ? "containerPort" : "port";
  return MERGE_KEYS[field];
}

const DIRECTIVE = "$patch";

/** A strategic merge patch, for the common cases of built-in kinds. */
export function strategicMerge(target: unknown, patch: unknown, path: string[]): unknown {
  if (!isObject(patch)) return patch;
  if (patch[DIRECTIVE] === "replace") return withoutDirectives(patch);
  if (patch[DIRECTIVE] === "delete") return undefined;
  const result: Json = isObject(target) ? { ...target } : {};
  let retainKeys: string[] | undefined;
  for (const [key, value] of Object.entries(patch)) {
    if (key === DIRECTIVE || key.startsWith("$setElementOrder/")) continue;
    if (key === "$retainKeys") {
      retainKeys = Array.isArray(value) ? value.map(String) : undefined;
      continue;
    }
    if (key.startsWith("$deleteFromPrimitiveList/")) {
      const field = key.slice("$deleteFromPrimitiveList/".length);
      const remove = Array.isArray(value) ? value : [];
      if (Array.isArray(result[field])) result[field] = (result[field] as unknown[]).filter((v) => !remove.some((r) => deepEqual(r, v)));
      continue;
    }
    const childPath = [...path, key];
    if (value === null) delete result[key];
    else if (Array.isArray(value)) result[key] = mergeList(result[key], value, childPath);
    else if (isObject(value)) {
      const merged = strategicMerge(result[key], value, childPath);
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    } else result[key] = value;
  }
  if (retainKeys) for (const key of Object.keys(result)) if (!retainKeys.includes(key) && !(key in patch)) delete result[key];
  return result;
}

function mergeList(target: unknown, patch: unknown[], path: string[]): unknown[] {
  const field = path[path.length - 1];
  if (patch.some((item) => isObject(item) && item[DIRECTIVE] === "replace")) return patch.filter((item) => !(isObject(item) && item[DIRECTIVE] === "replace")).map(withoutDirectivesDeep);
  const current = Array.isArray(target) ? [...target] : [];
  if (MERGED_SCALAR_LISTS.has(field)) return [...current, ...patch.filter((v) => !current.some((c) => deepEqual(c, v)))];
  const key = mergeKeyFor(path);
  if (!key || !patch.every(isObject)) return patch.map(withoutDirectivesDeep);
  for (const item of patch as Json[]) {
    const index = current.findIndex((c) => isObject(c) && deepEqual(c[key], item[key]));
    if (item[DIRECTIVE] === "delete") {
      if (index >= 0) current.splice(index, 1);
      continue;
    }
    if (index >= 0) current[index] = strategicMerge(current[index], item, path);
    else current.push(strategicMerge(undefined, item, path));
  }
  return current;
}

function withoutDirectives(patch: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(patch)) if (!key.startsWith("$")) out[key] = withoutDirectivesDeep(value);
  return out;
}

function withoutDirectivesDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDirectivesDeep);
  return isObject(value) ? withoutDirectives(value) : value;
}

/** RFC 6902 JSON patch: add, remove, replace, move, copy and test, by JSON pointer. */
export function jsonPatch(document: unknown, operations: readonly unknown[]): unknown {
  let doc = document;
  for (const raw of operations) {
    if (!isObject(raw) || typeof raw.op !== "string" || typeof raw.path !== "string") throw new PatchError(`a JSON patch operation needs "op" and "path": ${JSON.stringify(raw)}`);
    const path = raw.path;
    switch (raw.op) {
      case "add":
        doc = addAt(doc, path, structuredClone(raw.value));
        break;
      case "remove":
        doc = removeAt(doc, path).doc;
        break;
      case "replace":
        getAt(doc, path);
        doc = addAt(removeAt(doc, path).doc, path, structuredClone(raw.value));
        break;
      case "move": {
        const from = String(raw.from ?? "");
        const removed = removeAt(doc, from);
        doc = addAt(removed.doc, path, removed.value);
        break;
      }
      case "copy":
        doc = addAt(doc, path, structuredClone(getAt(doc, String(raw.from ?? ""))));
        break;
      case "test":
        if (!deepEqual(getAt(doc, path), raw.value)) throw new PatchError(`testing value ${path} failed`);
        break;
      default:
        throw new PatchError(`unknown JSON patch operation ${JSON.stringify(raw.op)}`);
    }
  }
  return doc;
}

function pointerTokens(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new PatchError(`${JSON.stringify(pointer)} is not a JSON pointer (it must start with /)`);
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function getAt(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const token of pointerTokens(pointer)) {
    if (Array.isArray(node) && /^\d+$/.test(token) && Number(token) < node.length) node = node[Number(token)];
    else if (isObject(node) && token in node) node = node[token];
    else throw new PatchError(`doc is missing path: ${JSON.stringify(pointer)}`);
  }
  return node;
}

function addAt(doc: unknown, pointer: string, value: unknown): unknown {
  const tokens = pointerTokens(pointer);
  if (tokens.length === 0) return value;
  const parent = getAt(doc, `/${tokens.slice(0, -1).map(escapeToken).join("/")}`.replace(/^\/$/, ""));
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const index = last === "-" ? parent.length : /^\d+$/.test(last) ? Number(last) : NaN;
    if (!(index >= 0 && index <= parent.length)) throw new PatchError(`add operation does not apply: index ${last} is out of bounds at ${JSON.stringify(pointer)}`);
    parent.splice(index, 0, value);
  } else if (isObject(parent)) {
    parent[last] = value;
  } else {
    throw new PatchError(`add operation does not apply: doc is missing path: ${JSON.stringify(pointer)}`);
  }
  return doc;
}

function removeAt(doc: unknown, pointer: string): { doc: unknown; value: unknown } {
  const tokens = pointerTokens(pointer);
  if (tokens.length === 0) return { doc: undefined, value: doc };
  const value = getAt(doc, pointer);
  const parent = getAt(doc, `/${tokens.slice(0, -1).map(escapeToken).join("/")}`.replace(/^\/$/, ""));
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (isObject(parent)) delete parent[last];
  return { doc, value };
}

function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

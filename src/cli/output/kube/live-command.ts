// What the commands that work on the live simulated cluster share: their common options, finding
// and opening the cluster, resolving kubectl-style resource arguments, and kubectl's error lines
// (`Error from server (NotFound): …`, `error: …`).
import { Option, type Command } from "commander";
import { resolveKind, type ResolvedKind } from "../../../engine/kind-aliases.js";
import { locateLiveCluster, readLiveCluster, type LiveClusterLocation } from "../../../engine/live-cluster.js";
import type { Cluster } from "../../../runtime/cluster.js";
import type { KubeObject, ObjectRef } from "../../../runtime/store/kube-object.js";
import { notFoundError, type StoreError } from "../../../runtime/store/store-errors.js";
import type { StoreReader } from "../../../runtime/store/store-api.js";
import { parseLabelSelector } from "../../../runtime/store/label-selector-syntax.js";
import { parseFieldSelector, type FieldSelector } from "../../../runtime/store/field-selector.js";
import type { LabelSelector } from "../../../kube/label-selector.js";
import type { CliContext } from "../../cli-context.js";
import { EXIT, UsageError } from "../../exit-codes.js";

export interface LiveOptions {
  repo?: string;
  state?: string;
  namespace: string;
  allNamespaces?: boolean;
  color?: boolean;
}

/** --repo, --state, --no-color, and -n (with -A where kubectl has it). */
export function addLiveOptions(command: Command, options: { namespace?: boolean; allNamespaces?: boolean } = {}): Command {
  command.option("--repo <dir>", "the repository whose cluster to use (default: the one holding the current folder)");
  command.option("--state <dir>", "state folder holding the cluster (default: .drydock/ at the repository root, or DRYDOCK_STATE)");
  if (options.namespace !== false) command.addOption(new Option("-n, --namespace <namespace>", "namespace to work in").default("default"));
  if (options.allNamespaces) command.option("-A, --all-namespaces", "across all namespaces", false);
  command.option("--no-color", "plain text output (also NO_COLOR)");
  return command;
}

export function locate(ctx: CliContext, options: LiveOptions): Promise<LiveClusterLocation> {
  return locateLiveCluster({ cwd: ctx.cwd, env: ctx.env, repo: options.repo, state: options.state });
}

/** Runs `work` on the saved cluster (nothing is saved) and stops it afterwards. */
export async function readingCluster<T>(ctx: CliContext, options: LiveOptions, work: (cluster: Cluster) => T): Promise<T> {
  const cluster = readLiveCluster(await locate(ctx, options));
  try {
    return work(cluster);
  } finally {
    cluster.stop();
  }
}

/** `Error from server (NotFound): deployments.apps "web" not found`, exit 1. */
export function serverError(ctx: CliContext, error: StoreError): void {
  ctx.stderr.write(`Error from server (${error.reason}): ${error.message}\n`);
  ctx.exitCode = EXIT.FAILED;
}

/** `error: …`, exit 1: kubectl's form for failures that are not the server's. */
export function commandError(ctx: CliContext, message: string): void {
  ctx.stderr.write(`error: ${message}\n`);
  ctx.exitCode = EXIT.FAILED;
}

export function crdsOf(store: StoreReader): KubeObject[] {
  return store.list({ group: "apiextensions.k8s.io", kind: "CustomResourceDefinition" });
}

/** A resource name resolved, or undefined after printing kubectl's error. */
export function resolveOrReport(ctx: CliContext, store: StoreReader, name: string): ResolvedKind | undefined {
  const resolution = resolveKind(name, crdsOf(store));
  if (!resolution.ok) {
    commandError(ctx, resolution.message);
    return undefined;
  }
  return resolution.kind;
}

/** A named object a command works on: its kind as resolved, its ref and its current state. */
export interface NamedObject {
  kind: ResolvedKind;
  ref: ObjectRef;
  name: string;
  current: KubeObject;
}

/**
 * Calls `work` for each object the requests name, as kubectl's commands that change named objects
 * do: an unknown type or a type without names stops the command; a missing object is reported and
 * skipped.
 */
export function forEachNamedObject(ctx: CliContext, store: StoreReader, requests: readonly ResourceRequest[], namespace: string | undefined, work: (target: NamedObject) => void): void {
  for (const request of requests) {
    const kind = resolveOrReport(ctx, store, request.type);
    if (!kind) return;
    if (request.names.length === 0) {
      commandError(ctx, "resource(s) were provided, but no name was specified");
      return;
    }
    for (const name of request.names) {
      const ref = { group: kind.group, kind: kind.kind, namespace: kind.namespaced ? namespace : undefined, name };
      const current = store.get(ref);
      if (current) work({ kind, ref, name, current });
      else serverError(ctx, notFoundError(ref, { namespaced: kind.namespaced, resource: kind.resource }));
    }
  }
}

/** One resource type named on the command line and the names given for it (none: all). */
export interface ResourceRequest {
  type: string;
  names: string[];
}

const MIXED_FORMS =
  "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'drydock get resource/<resource_name>' instead of 'drydock get resource resource/<resource_name>')";

/** kubectl's argument forms: `TYPE[,TYPE…] [NAME…]` or `TYPE/NAME…`. */
export function parseResourceArgs(args: readonly string[]): ResourceRequest[] {
  if (args.length === 0) throw new UsageError("you must specify the type of resource, e.g. pods, deployments, nodes (or TYPE/NAME)");
  if (args.some((a) => a.includes("/"))) {
    if (!args.every((a) => a.includes("/"))) throw new UsageError(MIXED_FORMS);
    const requests: ResourceRequest[] = [];
    for (const arg of args) {
      const slash = arg.indexOf("/");
      const type = arg.slice(0, slash);
      const name = arg.slice(slash + 1);
      if (type === "" || name === "") throw new UsageError(`arguments in resource/name form must have a single resource and name: ${JSON.stringify(arg)}`);
      const known = requests.find((r) => r.type === type);
      if (known) known.names.push(name);
      else requests.push({ type, names: [name] });
    }
    return requests;
  }
  const [types, ...names] = args;
  return types
    .split(",")
    .filter((t) => t !== "")
    .map((type) => ({ type, names: [...names] }));
}

export function labelSelectorOption(text: string | undefined): LabelSelector | undefined {
  if (text === undefined) return undefined;
  const parsed = parseLabelSelector(text);
  if (!parsed.ok) throw new UsageError(parsed.message);
  return parsed.selector;
}

export function fieldSelectorOption(text: string | undefined, kind: string): FieldSelector | undefined {
  if (text === undefined) return undefined;
  const parsed = parseFieldSelector(text, kind);
  if (!parsed.ok) throw new UsageError(parsed.message);
  return parsed.selector;
}

// `drydock rollout status|history|undo|pause|resume|restart KIND/NAME` (or `KIND NAME`): kubectl's
// rollout commands for Deployments, StatefulSets and DaemonSets of the simulated cluster (pause and
// resume for Deployments only, as kubectl). `status` runs the simulation in
// simulated time until the rollout is done, fails, or --timeout passes, printing each new message
// once; the others change the object at the current instant (the controllers react to it).
import { InvalidArgumentError, Option, type Command } from "commander";
import { resolveKind, qualifiedResourceName } from "../../engine/kind-aliases.js";
import { changeLiveCluster, locateLiveCluster, readLiveCluster, type LiveClusterLocation } from "../../engine/live-cluster.js";
import { parseDuration } from "../../runtime/clock/duration.js";
import type { Cluster } from "../../runtime/cluster.js";
import {
  rolloutHistory,
  rolloutPause,
  rolloutRestart,
  rolloutResume,
  rolloutStatus,
  rolloutUndo,
  watchRolloutStatus,
  type RolloutKind,
  type RolloutRef,
  type RolloutResult,
} from "../../runtime/workloads/rollout/index.js";
import type { CliContext } from "../cli-context.js";
import { EXIT, UsageError } from "../exit-codes.js";

interface RolloutOptions {
  repo?: string;
  state?: string;
  namespace: string;
}

type Subcommand = "status" | "history" | "undo" | "pause" | "resume" | "restart";

const MIXED_FORMS =
  "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'drydock rollout status deployment/<name>' instead of 'drydock rollout status deployment deployment/<name>')";

export function registerRollout(program: Command, ctx: CliContext): void {
  const rollout = program
    .command("rollout")
    .description("manage the rollout of a Deployment, StatefulSet or DaemonSet in the simulated cluster, as kubectl rollout does");

  target(rollout.command("status"), "watch a rollout until it is done, in simulated time")
    .option("--timeout <duration>", "simulated time to wait at most (0: while the simulation has work)", "10m")
    .addOption(new Option("-w, --watch [bool]", "keep watching until the rollout is done (--watch=false: look once)").default(true).argParser(parseBool))
    .action(async (resource: string, name: string | undefined, options: RolloutOptions & { timeout: string; watch: boolean }) => {
      const timeout = parseDuration(options.timeout);
      if (!timeout.ok) throw new UsageError(`invalid argument "${options.timeout}" for "--timeout" flag: ${timeout.message}`);
      const ref = resolveTarget(ctx, "status", resource, name, options);
      if (!ref) return;
      const location = await locate(ctx, options);
      if (!options.watch) {
        reading(location, (cluster) => {
          const status = rolloutStatus(cluster.store, ref);
          print(ctx, { ok: !status.failed, message: status.message });
        });
        return;
      }
      const outcome = await changeLiveCluster(location, (cluster) =>
        watchRolloutStatus(cluster, ref, {
          timeoutMs: timeout.ms,
          onMessage: (message, state) => (state.failed ? ctx.stderr : ctx.stdout).write(`${message}\n`),
        }),
      );
      if (outcome === "timeout") ctx.stderr.write("error: timed out waiting for the condition\n");
      ctx.exitCode = outcome === "done" ? EXIT.OK : EXIT.FAILED;
    });

  target(rollout.command("history"), "list the revisions of a rollout, or show one")
    .option("--revision <n>", "show the pod template of this revision", revisionNumber, 0)
    .action(async (resource: string, name: string | undefined, options: RolloutOptions & { revision: number }) => {
      const ref = resolveTarget(ctx, "history", resource, name, options);
      if (!ref) return;
      reading(await locate(ctx, options), (cluster) => {
        const result = rolloutHistory(cluster.store, ref, { revision: options.revision });
        if (result.ok) ctx.stdout.write(result.message);
        else print(ctx, result);
      });
    });

  target(rollout.command("undo"), "roll back to the previous revision, or to --to-revision")
    .option("--to-revision <n>", "the revision to roll back to (0: the previous one)", revisionNumber, 0)
    .action(async (resource: string, name: string | undefined, options: RolloutOptions & { toRevision: number }) => {
      const ref = resolveTarget(ctx, "undo", resource, name, options);
      if (!ref) return;
      print(ctx, await changeLiveCluster(await locate(ctx, options), (cluster) => rolloutUndo(cluster.store, ref, { toRevision: options.toRevision })));
    });

  target(rollout.command("pause"), "stop rolling out template changes (scaling still works)").action(
    async (resource: string, name: string | undefined, options: RolloutOptions) => {
      const ref = resolveTarget(ctx, "pause", resource, name, options);
      if (!ref) return;
      print(ctx, await changeLiveCluster(await locate(ctx, options), (cluster) => rolloutPause(cluster.store, ref)));
    },
  );

  target(rollout.command("resume"), "resume a paused rollout").action(async (resource: string, name: string | undefined, options: RolloutOptions) => {
    const ref = resolveTarget(ctx, "resume", resource, name, options);
    if (!ref) return;
    print(ctx, await changeLiveCluster(await locate(ctx, options), (cluster) => rolloutResume(cluster.store, ref)));
  });

  target(rollout.command("restart"), "replace every pod, by stamping the pod template with the simulated time").action(
    async (resource: string, name: string | undefined, options: RolloutOptions) => {
      const ref = resolveTarget(ctx, "restart", resource, name, options);
      if (!ref) return;
      print(ctx, await changeLiveCluster(await locate(ctx, options), (cluster) => rolloutRestart(cluster.store, ref, { now: cluster.clock.now() })));
    },
  );
}

function target(command: Command, description: string): Command {
  return command
    .description(description)
    .argument("<resource>", "deployment/NAME (or statefulset/NAME, daemonset/NAME), or the type followed by the name")
    .argument("[name]", "the name, when the type is given on its own")
    .option("--repo <dir>", "the repository whose cluster to use (default: the one holding the current folder)")
    .option("--state <dir>", "state folder holding the cluster (default: .drydock/ at the repository root, or DRYDOCK_STATE)")
    .addOption(new Option("-n, --namespace <namespace>", "namespace of the object").default("default"));
}

function locate(ctx: CliContext, options: RolloutOptions): Promise<LiveClusterLocation> {
  return locateLiveCluster({ cwd: ctx.cwd, env: ctx.env, repo: options.repo, state: options.state });
}

function reading(location: LiveClusterLocation, work: (cluster: Cluster) => void): void {
  const cluster = readLiveCluster(location);
  try {
    work(cluster);
  } finally {
    cluster.stop();
  }
}

/** A result's lines: stdout and exit 0 when ok, stderr and exit 1 when not. */
function print(ctx: CliContext, result: RolloutResult): void {
  (result.ok ? ctx.stdout : ctx.stderr).write(`${result.message}\n`);
  ctx.exitCode = result.ok ? EXIT.OK : EXIT.FAILED;
}

/**
 * The Deployment, StatefulSet or DaemonSet named by `TYPE/NAME` or `TYPE NAME`. Other kinds (and
 * pause/resume of the last two) get kubectl's message for the subcommand (exit 1); a malformed
 * command line is a usage error (exit 2).
 */
function resolveTarget(ctx: CliContext, subcommand: Subcommand, resource: string, name: string | undefined, options: RolloutOptions): RolloutRef | undefined {
  let type = resource;
  let objectName = name;
  const slash = resource.indexOf("/");
  if (slash !== -1) {
    if (name !== undefined) throw new UsageError(MIXED_FORMS);
    type = resource.slice(0, slash);
    objectName = resource.slice(slash + 1);
    if (type === "" || objectName === "") throw new UsageError(`arguments in resource/name form must have a single resource and name: ${JSON.stringify(resource)}`);
  }
  if (objectName === undefined || objectName === "") throw new UsageError("required resource not specified: give deployment/NAME or deployment NAME");
  const resolved = resolveKind(type);
  if (!resolved.ok) return fail(ctx, `error: ${resolved.message}`);
  const kind = resolved.kind;
  if (kind.group === "apps" && kind.kind === "Deployment") return { namespace: options.namespace, name: objectName };
  const pauses = subcommand === "pause" || subcommand === "resume";
  if (kind.group === "apps" && (kind.kind === "StatefulSet" || kind.kind === "DaemonSet") && !pauses) {
    return { namespace: options.namespace, name: objectName, workloadKind: kind.kind as RolloutKind };
  }
  const groupKind = kind.group === "" ? kind.kind : `${kind.kind}.${kind.group}`;
  switch (subcommand) {
    case "status":
      return fail(ctx, `error: no status viewer has been implemented for ${groupKind}`);
    case "history":
      return fail(ctx, `error: no history viewer has been implemented for ${JSON.stringify(groupKind)}`);
    case "undo":
      return fail(ctx, `error: no rollbacker has been implemented for ${JSON.stringify(groupKind)}`);
    case "pause":
      return fail(ctx, `error: ${qualifiedResourceName(kind)} ${JSON.stringify(objectName)} pausing is not supported`);
    case "resume":
      return fail(ctx, `error: ${qualifiedResourceName(kind)} ${JSON.stringify(objectName)} resuming is not supported`);
    case "restart":
      return fail(ctx, `error: ${qualifiedResourceName(kind)} ${JSON.stringify(objectName)} restarting is not supported`);
  }
}

function fail(ctx: CliContext, message: string): undefined {
  ctx.stderr.write(`${message}\n`);
  ctx.exitCode = EXIT.FAILED;
  return undefined;
}

function parseBool(value: string | boolean): boolean {
  if (value === true || value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw new InvalidArgumentError(`"${String(value)}" is not a boolean; write true or false`);
}

function revisionNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a revision number; write a whole number, 0 or more`);
  return Number(value);
}

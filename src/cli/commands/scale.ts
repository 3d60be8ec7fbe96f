// `drydock scale KIND/NAME --replicas N`: change a workload's replica count by hand, as kubectl
// scale does; the controllers react at the same simulated instant.
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { changeLiveCluster } from "../../engine/live-cluster.js";
import { typeName } from "../../engine/kind-aliases.js";
import { storeError } from "../../runtime/store/store-errors.js";
import type { CliContext } from "../cli-context.js";
import { addLiveOptions, commandError, forEachNamedObject, locate, parseResourceArgs, serverError, type LiveOptions } from "../output/kube/live-command.js";

interface ScaleOptions extends LiveOptions {
  replicas: number;
  currentReplicas?: number;
}

// Kinds with a scale subresource among the simulated ones.
const SCALABLE = new Set(["apps/Deployment", "apps/ReplicaSet", "apps/StatefulSet", "/ReplicationController"]);

function count(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a replica count; write a whole number, 0 or more`);
  return Number(value);
}

export function registerScale(program: Command, ctx: CliContext): void {
  const command = program
    .command("scale")
    .description("set the replicas of a deployment, replica set or stateful set, as kubectl scale does")
    .argument("<resources...>", "TYPE/NAME… or TYPE NAME…, e.g. deployment/web")
    .requiredOption("--replicas <count>", "the new number of replicas", count)
    .option("--current-replicas <count>", "only scale when the current number of replicas is this", count);
  addLiveOptions(command);
  command.action(async (args: string[], options: ScaleOptions) => {
    const requests = parseResourceArgs(args);
    await changeLiveCluster(await locate(ctx, options), (cluster) => {
      forEachNamedObject(ctx, cluster.store, requests, options.namespace, ({ kind, ref, name, current }) => {
        if (!SCALABLE.has(`${kind.group}/${kind.kind}`)) {
          serverError(ctx, storeError("NotFound", "the server could not find the requested resource"));
          return;
        }
        const spec = (current.spec ?? {}) as { replicas?: number };
        const replicas = typeof spec.replicas === "number" ? spec.replicas : 1;
        if (options.currentReplicas !== undefined && options.currentReplicas !== replicas) {
          commandError(ctx, `Expected replicas to be ${options.currentReplicas}, was ${replicas}`);
          return;
        }
        const result = cluster.store.modify(ref, (object) => {
          object.spec = { ...(object.spec as Record<string, unknown>), replicas: options.replicas };
        });
        if (!result.ok) serverError(ctx, result.error);
        else ctx.stdout.write(`${typeName(kind)}/${name} scaled\n`);
      });
    });
  });
}

// `drydock delete KIND NAME…`: delete live objects by hand, as kubectl delete does, with its cascade
// and grace-period options; the garbage collector, namespace controller and kubelet finish the work
// at the same simulated instant.
import { Option, type Command } from "commander";
import { InvalidArgumentError } from "commander";
import { changeLiveCluster } from "../../engine/live-cluster.js";
import { typeName, type ResolvedKind } from "../../engine/kind-aliases.js";
import type { PropagationPolicy } from "../../runtime/store/deletion.js";
import type { KubeObject } from "../../runtime/store/kube-object.js";
import { notFoundError } from "../../runtime/store/store-errors.js";
import type { CliContext } from "../cli-context.js";
import { UsageError } from "../exit-codes.js";
import { addLiveOptions, labelSelectorOption, locate, parseResourceArgs, resolveOrReport, serverError, type LiveOptions } from "../output/kube/live-command.js";

interface DeleteOptions extends LiveOptions {
  selector?: string;
  all: boolean;
  allNamespaces: boolean;
  cascade: string;
  gracePeriod: number;
  now: boolean;
  force: boolean;
}

const CASCADES: Record<string, PropagationPolicy> = { background: "Background", true: "Background", foreground: "Foreground", orphan: "Orphan", false: "Orphan" };

function seconds(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a number of seconds`);
  return Number(value);
}

export function registerDelete(program: Command, ctx: CliContext): void {
  const command = program
    .command("delete")
    .description("delete objects of the simulated cluster, as kubectl delete does")
    .argument("<resources...>", "TYPE NAME…, TYPE/NAME…, or TYPE with -l or --all")
    .option("-l, --selector <selector>", "delete the objects with these labels")
    .option("--all", "delete every object of the type in the namespace", false)
    .addOption(new Option("--cascade <policy>", "what happens to dependents: background, foreground or orphan").default("background"))
    .option("--grace-period <seconds>", "seconds a pod gets to stop; -1 uses the pod's own", seconds, -1)
    .option("--now", "stop pods at once (grace period 1)", false)
    .option("--force", "remove pods immediately, without waiting for their kubelet (with --grace-period 0)", false);
  addLiveOptions(command, { allNamespaces: true });
  command.action(async (args: string[], options: DeleteOptions) => {
    const cascade = CASCADES[options.cascade.toLowerCase()];
    if (!cascade) throw new UsageError(`--cascade must be background, foreground or orphan, not ${JSON.stringify(options.cascade)}`);
    if (options.now && options.gracePeriod !== -1) throw new UsageError("--now and --grace-period cannot be specified together");
    let gracePeriod = options.now ? 1 : options.gracePeriod;
    // As kubectl: 0 without --force means 1, and --force alone means 0.
    if (gracePeriod === 0 && !options.force) gracePeriod = 1;
    if (options.force && gracePeriod < 0) gracePeriod = 0;
    const requests = parseResourceArgs(args);
    const named = requests.some((r) => r.names.length > 0);
    if (named && (options.selector !== undefined || options.all)) throw new UsageError("names cannot be combined with --selector or --all");
    if (!named && options.selector === undefined && !options.all) throw new UsageError("resource(s) were provided, but no name was specified; name them, or use --selector or --all");
    const labelSelector = labelSelectorOption(options.selector);
    if (options.force && gracePeriod === 0) {
      ctx.stderr.write("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
    }
    await changeLiveCluster(await locate(ctx, options), (cluster) => {
      const targets: Array<{ kind: ResolvedKind; object: KubeObject }> = [];
      for (const request of requests) {
        const kind = resolveOrReport(ctx, cluster.store, request.type);
        if (!kind) return;
        const namespace = kind.namespaced ? options.namespace : undefined;
        if (request.names.length > 0) {
          for (const name of request.names) {
            const object = cluster.store.get({ group: kind.group, kind: kind.kind, namespace, name });
            if (object) targets.push({ kind, object });
            else serverError(ctx, notFoundError({ group: kind.group, kind: kind.kind, name }, { namespaced: kind.namespaced, resource: kind.resource }));
          }
        } else {
          const scope = kind.namespaced && !options.allNamespaces ? { namespace: options.namespace } : {};
          for (const object of cluster.store.list({ group: kind.group, kind: kind.kind, ...scope, ...(labelSelector ? { labelSelector } : {}) })) targets.push({ kind, object });
        }
      }
      if (targets.length === 0 && !named) {
        ctx.stderr.write("No resources found\n");
        return;
      }
      for (const { kind, object } of targets) {
        const ref = { group: kind.group, kind: kind.kind, namespace: object.metadata.namespace, name: object.metadata.name ?? "" };
        const result = cluster.store.delete(ref, { propagationPolicy: cascade, ...(gracePeriod >= 0 ? { gracePeriodSeconds: gracePeriod } : {}) });
        if (!result.ok) {
          serverError(ctx, result.error);
          continue;
        }
        ctx.stdout.write(`${typeName(kind)} "${ref.name}" ${options.force && gracePeriod === 0 ? "force deleted" : "deleted"}\n`);
      }
    });
  });
}

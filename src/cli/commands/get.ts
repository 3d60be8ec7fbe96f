// `drydock get KIND [NAME…]`: objects of the live simulated cluster, as kubectl prints them.
import { Option, type Command } from "commander";
import type { ResolvedKind } from "../../engine/kind-aliases.js";
import type { KubeObject } from "../../runtime/store/kube-object.js";
import { notFoundError } from "../../runtime/store/store-errors.js";
import type { StoreReader } from "../../runtime/store/store-api.js";
import type { CliContext } from "../cli-context.js";
import { UsageError } from "../exit-codes.js";
import { GET_FORMATS, listOrObject, noResourcesMessage, printJson, printNames, printTables, printYaml, type GetFormat, type KindGroup } from "../output/kube/get-printer.js";
import {
  addLiveOptions,
  fieldSelectorOption,
  labelSelectorOption,
  parseResourceArgs,
  readingCluster,
  resolveOrReport,
  type LiveOptions,
} from "../output/kube/live-command.js";

interface GetOptions extends LiveOptions {
  output?: Exclude<GetFormat, "table">;
  selector?: string;
  fieldSelector?: string;
  showLabels: boolean;
  allNamespaces: boolean;
}

// `kubectl get all`: the kinds of the "all" category, in kubectl's order.
const ALL = ["pods", "services", "daemonsets.apps", "deployments.apps", "replicasets.apps", "statefulsets.apps", "horizontalpodautoscalers.autoscaling", "jobs.batch", "cronjobs.batch"];

export function registerGet(program: Command, ctx: CliContext): void {
  const command = program
    .command("get")
    .description("list objects of the simulated cluster, as kubectl get does")
    .argument("<resources...>", "TYPE[,TYPE…] [NAME…] or TYPE/NAME…, e.g. pods, deploy web, svc/web, all")
    .addOption(new Option("-o, --output <format>", "output format").choices(GET_FORMATS))
    .option("-l, --selector <selector>", "label selector, e.g. app=web,tier!=db")
    .option("--field-selector <selector>", "field selector, e.g. status.phase=Running")
    .option("--show-labels", "add a LABELS column", false);
  addLiveOptions(command, { allNamespaces: true });
  command.action(async (args: string[], options: GetOptions) => {
    const requests = expandAll(parseResourceArgs(args));
    const named = requests.some((r) => r.names.length > 0);
    if (named && (options.selector !== undefined || options.fieldSelector !== undefined)) throw new UsageError("names cannot be combined with a label or field selector");
    const labelSelector = labelSelectorOption(options.selector);
    await readingCluster(ctx, options, (cluster) => {
      const kinds: Array<{ kind: ResolvedKind; names: string[] }> = [];
      for (const request of requests) {
        const kind = resolveOrReport(ctx, cluster.store, request.type);
        if (!kind) return;
        kinds.push({ kind, names: request.names });
      }
      const groups: KindGroup[] = [];
      const errors: string[] = [];
      for (const { kind, names } of kinds) {
        const objects = names.length > 0 ? getNamed(cluster.store, kind, names, options, errors) : listAll(cluster.store, kind, options, labelSelector);
        groups.push({ group: kind.group, kind: kind.kind, objects });
      }
      const objects = groups.flatMap((g) => g.objects);
      const now = cluster.clock.now();
      switch (options.output) {
        case "json":
        case "yaml": {
          const single = kinds.length === 1 && kinds[0].names.length === 1;
          if (objects.length > 0 || !single) {
            const value = listOrObject(objects, single);
            ctx.stdout.write(options.output === "json" ? printJson(value) : printYaml(value));
          }
          break;
        }
        case "name":
          ctx.stdout.write(printNames(objects));
          break;
        default: {
          const withKind = new Set(kinds.map((k) => `${k.kind.group}/${k.kind.kind}`)).size > 1;
          // Kind by kind, so that under -A only namespaced kinds get a NAMESPACE column.
          const tables = groups
            .filter((g) => g.objects.length > 0)
            .map((g) => {
              const namespaced = kinds.find((k) => k.kind.kind === g.kind && k.kind.group === g.group)?.kind.namespaced === true;
              return printTables([g], { wide: options.output === "wide", allNamespaces: options.allNamespaces && namespaced, showLabels: options.showLabels, withKind }, now);
            });
          ctx.stdout.write(tables.join("\n"));
        }
      }
      if (objects.length === 0 && errors.length === 0 && !named && options.output !== "json" && options.output !== "yaml") {
        const namespaced = kinds.some((k) => k.kind.namespaced);
        ctx.stderr.write(noResourcesMessage(options.allNamespaces || !namespaced ? undefined : options.namespace));
      }
      for (const error of errors) ctx.stderr.write(error);
      if (errors.length > 0) ctx.exitCode = 1;
    });
  });
}

function expandAll(requests: ReturnType<typeof parseResourceArgs>): ReturnType<typeof parseResourceArgs> {
  return requests.flatMap((r) => (r.type.toLowerCase() === "all" ? ALL.map((type) => ({ type, names: r.names })) : [r]));
}

function getNamed(store: StoreReader, kind: ResolvedKind, names: string[], options: GetOptions, errors: string[]): KubeObject[] {
  const found: KubeObject[] = [];
  for (const name of names) {
    const object = store.get({ group: kind.group, kind: kind.kind, namespace: kind.namespaced ? options.namespace : undefined, name });
    if (object) found.push(object);
    else {
      const error = notFoundError({ group: kind.group, kind: kind.kind, name }, { namespaced: kind.namespaced, resource: kind.resource });
      errors.push(`Error from server (${error.reason}): ${error.message}\n`);
    }
  }
  return found;
}

function listAll(store: StoreReader, kind: ResolvedKind, options: GetOptions, labelSelector: ReturnType<typeof labelSelectorOption>): KubeObject[] {
  return store.list({
    group: kind.group,
    kind: kind.kind,
    ...(kind.namespaced && !options.allNamespaces ? { namespace: options.namespace } : {}),
    ...(labelSelector ? { labelSelector } : {}),
    ...(options.fieldSelector !== undefined ? { fieldSelector: fieldSelectorOption(options.fieldSelector, kind.kind) } : {}),
  });
}

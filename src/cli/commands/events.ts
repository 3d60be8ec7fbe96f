// `drydock events`: the cluster's events as `kubectl events` lists them, oldest first.
import { Option, type Command } from "commander";
import { typeName } from "../../engine/kind-aliases.js";
import type { KubeObject } from "../../runtime/store/kube-object.js";
import type { CliContext } from "../cli-context.js";
import { UsageError } from "../exit-codes.js";
import { sortEvents, printEventsTable } from "../output/kube/events-printer.js";
import { listOrObject, printJson, printYaml } from "../output/kube/get-printer.js";
import { addLiveOptions, readingCluster, resolveOrReport, type LiveOptions } from "../output/kube/live-command.js";

interface EventsOptions extends LiveOptions {
  allNamespaces: boolean;
  for?: string;
  types?: string;
  output?: "json" | "yaml" | "name";
}

const TYPES = ["Normal", "Warning"];

export function registerEvents(program: Command, ctx: CliContext): void {
  const command = program
    .command("events")
    .description("list events, oldest first, as kubectl events does")
    .option("--for <kind/name>", "only events about this object, e.g. deployment/web")
    .option("--types <types>", "only these event types, comma-separated: Normal, Warning")
    .addOption(new Option("-o, --output <format>", "output format").choices(["json", "yaml", "name"]));
  addLiveOptions(command, { allNamespaces: true });
  command.action(async (options: EventsOptions) => {
    const types = options.types === undefined ? undefined : options.types.split(",").map((t) => t.trim()).filter((t) => t !== "");
    for (const type of types ?? []) {
      if (!TYPES.some((t) => t.toLowerCase() === type.toLowerCase())) throw new UsageError(`valid --types are Normal or Warning, not ${JSON.stringify(type)}`);
    }
    let forKind: string | undefined;
    let forName: string | undefined;
    if (options.for !== undefined) {
      const slash = options.for.indexOf("/");
      if (slash <= 0 || slash === options.for.length - 1) throw new UsageError(`--for takes KIND/NAME, e.g. deployment/web; got ${JSON.stringify(options.for)}`);
      forKind = options.for.slice(0, slash);
      forName = options.for.slice(slash + 1);
    }
    await readingCluster(ctx, options, (cluster) => {
      let kindFilter: { group: string; kind: string } | undefined;
      if (forKind !== undefined) {
        const kind = resolveOrReport(ctx, cluster.store, forKind);
        if (!kind) return;
        kindFilter = kind;
      }
      const events = sortEvents(
        cluster.store
          .list({ group: "", kind: "Event", ...(options.allNamespaces ? {} : { namespace: options.namespace }) })
          .filter((e) => (types === undefined ? true : types.some((t) => t.toLowerCase() === String(e.type ?? "").toLowerCase())))
          .filter((e) => {
            if (!kindFilter) return true;
            const involved = (e.involvedObject ?? {}) as { kind?: string; name?: string; apiVersion?: string };
            const group = (involved.apiVersion ?? "").includes("/") ? (involved.apiVersion ?? "").split("/")[0] : "";
            return involved.kind === kindFilter.kind && (involved.apiVersion === undefined || group === kindFilter.group) && involved.name === forName;
          }),
      ) as KubeObject[];
      if (options.output === "json" || options.output === "yaml") {
        const list = listOrObject(events, false);
        ctx.stdout.write(options.output === "json" ? printJson(list) : printYaml(list));
        return;
      }
      if (events.length === 0) {
        ctx.stderr.write(options.allNamespaces ? "No events found.\n" : `No events found in ${options.namespace} namespace.\n`);
        return;
      }
      if (options.output === "name") {
        ctx.stdout.write(events.map((e) => `${typeName({ group: "", kind: "Event" })}/${e.metadata.name ?? ""}\n`).join(""));
        return;
      }
      ctx.stdout.write(printEventsTable(events, { allNamespaces: options.allNamespaces }, cluster.clock.now()));
    });
  });
}

// `drydock describe KIND [NAME…]`: kubectl-style descriptions of live objects, with their Events.
import type { Command } from "commander";
import type { ResolvedKind } from "../../engine/kind-aliases.js";
import type { KubeObject } from "../../runtime/store/kube-object.js";
import { notFoundError } from "../../runtime/store/store-errors.js";
import type { CliContext } from "../cli-context.js";
import { describeObject } from "../output/kube/describe/describe.js";
import { noResourcesMessage } from "../output/kube/get-printer.js";
import { addLiveOptions, labelSelectorOption, parseResourceArgs, readingCluster, resolveOrReport, serverError, type LiveOptions } from "../output/kube/live-command.js";

interface DescribeOptions extends LiveOptions {
  selector?: string;
  allNamespaces: boolean;
}

export function registerDescribe(program: Command, ctx: CliContext): void {
  const command = program
    .command("describe")
    .description("describe objects of the simulated cluster with their events, as kubectl describe does")
    .argument("<resources...>", "TYPE [NAME_PREFIX…] or TYPE/NAME…, e.g. deploy web, pod/web-7d4b9c8f5-x2x4q, nodes")
    .option("-l, --selector <selector>", "label selector, e.g. app=web");
  addLiveOptions(command, { allNamespaces: true });
  command.action(async (args: string[], options: DescribeOptions) => {
    const requests = parseResourceArgs(args);
    const labelSelector = labelSelectorOption(options.selector);
    await readingCluster(ctx, options, (cluster) => {
      const store = cluster.store;
      const descriptions: string[] = [];
      let anyNamed = false;
      let lastKind: ResolvedKind | undefined;
      for (const request of requests) {
        const kind = resolveOrReport(ctx, store, request.type);
        if (!kind) return;
        lastKind = kind;
        const namespace = kind.namespaced && !options.allNamespaces ? options.namespace : undefined;
        const query = { group: kind.group, kind: kind.kind, ...(namespace !== undefined ? { namespace } : {}) };
        let objects: KubeObject[];
        if (request.names.length === 0) {
          objects = store.list({ ...query, ...(labelSelector ? { labelSelector } : {}) });
        } else {
          anyNamed = true;
          objects = [];
          for (const name of request.names) {
            const exact = store.get({ group: kind.group, kind: kind.kind, namespace: kind.namespaced ? options.namespace : undefined, name });
            // Like kubectl, a name that matches nothing exactly describes the objects it prefixes.
            const matches = exact ? [exact] : store.list({ ...query, ...(kind.namespaced ? { namespace: options.namespace } : {}) }).filter((o) => (o.metadata.name ?? "").startsWith(name));
            if (matches.length === 0) serverError(ctx, notFoundError({ group: kind.group, kind: kind.kind, name }, { namespaced: kind.namespaced, resource: kind.resource }));
            objects.push(...matches);
          }
        }
        const now = cluster.clock.now();
        for (const object of objects) descriptions.push(describeObject(object, store, now));
      }
      ctx.stdout.write(descriptions.join("\n\n"));
      if (descriptions.length === 0 && !anyNamed) ctx.stderr.write(noResourcesMessage(options.allNamespaces || !lastKind?.namespaced ? undefined : options.namespace));
    });
  });
}

// `drydock node list|add|remove|cordon|uncordon|fail|recover NAME`: change the simulated cluster's
// nodes. The operations themselves are the runtime's (src/runtime/nodes/node-operations.ts); this
// prints their results, and `list` prints the nodes as `kubectl get nodes` does.
import { Option, type Command } from "commander";
import { InvalidArgumentError } from "commander";
import { changeLiveCluster } from "../../engine/live-cluster.js";
import {
  addNode,
  cordonNode,
  failNode,
  listNodes,
  recoverNode,
  removeNode,
  uncordonNode,
  type NodeOperationResult,
} from "../../runtime/nodes/node-operations.js";
import type { NodeShape, RuntimeDeps } from "../../runtime/runtime-deps.js";
import type { CliContext } from "../cli-context.js";
import { UsageError } from "../exit-codes.js";
import { collect } from "../option-parsers.js";
import { listOrObject, printJson, printNames, printTables, printYaml } from "../output/kube/get-printer.js";
import { addLiveOptions, commandError, locate, readingCluster, serverError, type LiveOptions } from "../output/kube/live-command.js";
import { storeError } from "../../runtime/store/store-errors.js";

interface ListOptions extends LiveOptions {
  output?: "wide" | "json" | "yaml" | "name";
  showLabels: boolean;
}

interface AddOptions extends LiveOptions {
  cpu?: string;
  memory?: string;
  pods?: number;
  label: string[];
  taint: string[];
}

type Operation = (deps: RuntimeDeps, name: string) => NodeOperationResult;

const OPERATIONS: Array<{ name: string; description: string; run: Operation }> = [
  { name: "remove", description: "delete a node; its pods are lost with it and their controllers replace them", run: removeNode },
  { name: "cordon", description: "mark a node unschedulable", run: cordonNode },
  { name: "uncordon", description: "mark a node schedulable again", run: uncordonNode },
  { name: "fail", description: "stop a node's kubelet: it stops reporting, turns NotReady and its pods are evicted", run: failNode },
  { name: "recover", description: "start a failed node's kubelet again", run: recoverNode },
];

export function registerNode(program: Command, ctx: CliContext): void {
  const node = program.command("node").description("list and change the simulated cluster's nodes");

  const list = node
    .command("list")
    .description("the nodes, as kubectl get nodes prints them")
    .addOption(new Option("-o, --output <format>", "output format").choices(["wide", "json", "yaml", "name"]))
    .option("--show-labels", "add a LABELS column", false);
  addLiveOptions(list, { namespace: false });
  list.action(async (options: ListOptions) => {
    await readingCluster(ctx, { ...options, namespace: "default" }, (cluster) => {
      const nodes = listNodes(cluster);
      switch (options.output) {
        case "json":
          ctx.stdout.write(printJson(listOrObject(nodes, false)));
          return;
        case "yaml":
          ctx.stdout.write(printYaml(listOrObject(nodes, false)));
          return;
        case "name":
          ctx.stdout.write(printNames(nodes));
          return;
        default:
          if (nodes.length === 0) ctx.stderr.write("No resources found\n");
          else ctx.stdout.write(printTables([{ group: "", kind: "Node", objects: nodes }], { wide: options.output === "wide", allNamespaces: false, showLabels: options.showLabels, withKind: false }, cluster.clock.now()));
      }
    });
  });

  const add = node
    .command("add")
    .description("add a node (default shape: drydock.yaml's first node shape)")
    .argument("<name>", "the node's name")
    .option("--cpu <cpu>", "CPU capacity, e.g. 4 or 3500m")
    .option("--memory <memory>", "memory capacity, e.g. 16Gi")
    .option("--pods <count>", "most pods the node runs", podCount)
    .option("--label <key=value>", "a node label (repeatable)", collect, [])
    .option("--taint <key=value:Effect>", "a node taint (repeatable), e.g. dedicated=db:NoSchedule", collect, []);
  addLiveOptions(add, { namespace: false });
  add.action(async (name: string, options: AddOptions) => {
    const shape: NodeShape = {};
    if (options.cpu !== undefined) shape.cpu = options.cpu;
    if (options.memory !== undefined) shape.memory = options.memory;
    if (options.pods !== undefined) shape.pods = options.pods;
    if (options.label.length > 0) shape.labels = Object.fromEntries(options.label.map(parseLabel));
    if (options.taint.length > 0) shape.taints = options.taint.map(parseTaint);
    await runOperation(ctx, options, (deps) => addNode(deps, name, Object.keys(shape).length > 0 ? shape : undefined));
  });

  for (const operation of OPERATIONS) {
    const command = node.command(operation.name).description(operation.description).argument("<name>", "the node's name");
    addLiveOptions(command, { namespace: false });
    command.action(async (name: string, options: LiveOptions) => runOperation(ctx, options, (deps) => operation.run(deps, name)));
  }
}

async function runOperation(ctx: CliContext, options: LiveOptions, operation: (deps: RuntimeDeps) => NodeOperationResult): Promise<void> {
  const result = await changeLiveCluster(await locate(ctx, options), (cluster) => operation(cluster));
  if (result.ok) ctx.stdout.write(`${result.message}\n`);
  else if (/ not found$/.test(result.message)) serverError(ctx, storeError("NotFound", result.message));
  else if (/ already exists$/.test(result.message)) serverError(ctx, storeError("AlreadyExists", result.message));
  else commandError(ctx, result.message);
}

function podCount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) === 0) throw new InvalidArgumentError(`"${value}" is not a pod count; write a whole number above 0`);
  return Number(value);
}

function parseLabel(text: string): [string, string] {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new UsageError(`--label takes key=value, got ${JSON.stringify(text)}`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"] as const;

function parseTaint(text: string): NonNullable<NodeShape["taints"]>[number] {
  const m = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(text);
  if (!m) throw new UsageError(`--taint takes key[=value]:Effect with Effect one of ${EFFECTS.join(", ")}, got ${JSON.stringify(text)}`);
  const taint: NonNullable<NodeShape["taints"]>[number] = { key: m[1], effect: m[3] as (typeof EFFECTS)[number] };
  if (m[2] !== undefined && m[2] !== "") taint.value = m[2];
  return taint;
}

// A state dir holding a rolled-out Deployment `web` with two revisions, made with withCluster (the
// real cluster: scheduler, kubelet, controllers), and an in-process runner for `drydock rollout`.
import { Command, CommanderError } from "commander";
import { CliContext } from "../../../src/cli/cli-context.js";
import { registerRollout } from "../../../src/cli/commands/rollout.js";
import { EXIT, UsageError } from "../../../src/cli/exit-codes.js";
import type { Cluster } from "../../../src/runtime/cluster.js";
import { withCluster } from "../../../src/runtime/persistence/with-cluster.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { deploymentObject } from "./workload-harness.js";

const WEB = { group: "apps", kind: "Deployment", namespace: "default", name: "web" };

/** Seeds `stateDir`: web (2 replicas) at revision 1 (nginx:1.27, "initial") then 2 (nginx:1.28, "upgrade to 1.28"). */
export async function seedRolledOut(stateDir: string): Promise<void> {
  await withCluster(stateDir, (cluster) => {
    expectOk(cluster.store.create(deploymentObject("web", { replicas: 2, annotations: { "kubernetes.io/change-cause": "initial" } })));
    settle(cluster);
    setImage(cluster, "nginx:1.28", "upgrade to 1.28");
    settle(cluster);
  });
}

/** Changes the seeded cluster's Deployment (the controllers react at once; nothing else runs). */
export async function changeImage(stateDir: string, image: string, cause: string): Promise<void> {
  await withCluster(stateDir, (cluster) => setImage(cluster, image, cause));
}

function setImage(cluster: Cluster, image: string, cause: string): void {
  expectOk(
    cluster.store.modify(WEB, (d: any) => {
      d.spec.template.spec.containers[0].image = image;
      d.metadata.annotations = { ...d.metadata.annotations, "kubernetes.io/change-cause": cause };
    }),
  );
}

function settle(cluster: Cluster): void {
  cluster.clock.runUntilQuiet(cluster.clock.now() + 600_000);
}

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** `drydock rollout …` in this process, with main.ts's handling of usage errors. */
export async function runRollout(argv: string[], cwd: string): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const ctx = new CliContext({ stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } }, cwd, { NO_COLOR: "1" }, "0.0.0-test");
  const program = new Command()
    .name("drydock")
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) });
  registerRollout(program, ctx);
  let status: number;
  try {
    await program.parseAsync(["rollout", ...argv], { from: "user" });
    status = ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) status = error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    else if (error instanceof UsageError) {
      ctx.stderr.write(`drydock: ${error.message}\n`);
      status = EXIT.USAGE;
    } else throw error;
  }
  return { status, stdout, stderr };
}

// `drydock rollout` as users run it (node bin/drydock.js), against a state dir seeded through
// withCluster with a Deployment rolled out to its second revision.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers.js";
import { changeImage, seedRolledOut } from "../runtime/workloads/rollout-cli-fixture.js";

async function seeded(): Promise<{ dir: string; state: string }> {
  const dir = tempDir();
  const state = join(dir, "state");
  await seedRolledOut(state);
  return { dir, state };
}

describe("drydock rollout", () => {
  it("history, status, undo: kubectl's output and exit codes", async () => {
    const { dir, state } = await seeded();
    const cli = (...args: string[]) => runCli(["rollout", ...args, "--state", state], { cwd: dir });

    expect(cli("history", "deployment/web")).toEqual({ status: 0, stdout: "deployment.apps/web\nREVISION  CHANGE-CAUSE\n1         initial\n2         upgrade to 1.28\n\n", stderr: "" });
    expect(cli("status", "deploy", "web")).toEqual({ status: 0, stdout: 'deployment "web" successfully rolled out\n', stderr: "" });
    expect(cli("undo", "deployment/web")).toEqual({ status: 0, stdout: "deployment.apps/web rolled back\n", stderr: "" });
    expect(cli("history", "deployment/web").stdout).toBe("deployment.apps/web\nREVISION  CHANGE-CAUSE\n2         upgrade to 1.28\n3         initial\n\n");
    expect(cli("undo", "deployment/web", "--to-revision", "7")).toEqual({ status: 1, stdout: "", stderr: "error: unable to find specified revision 7 in history\n" });
  });

  it("status follows a rollout in simulated time; a rollout that cannot finish fails at its deadline", async () => {
    const { dir, state } = await seeded();
    const cli = (...args: string[]) => runCli(["rollout", ...args, "--state", state], { cwd: dir });
    await changeImage(state, "nginx:1.29", "upgrade to 1.29");
    const watched = cli("status", "deployment/web");
    expect(watched.status).toBe(0);
    const lines = watched.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe('Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...');
    expect(lines.at(-1)).toBe('deployment "web" successfully rolled out');

    await changeImage(state, "nginx:1.91", "a tag the registry does not have");
    expect(cli("status", "deployment/web", "--timeout", "30s")).toMatchObject({ status: 1, stderr: "error: timed out waiting for the condition\n" });
    expect(cli("status", "deployment/web")).toMatchObject({ status: 1, stderr: 'error: deployment "web" exceeded its progress deadline\n' });
    expect(cli("status", "deployment/web", "--watch=false")).toEqual({ status: 1, stdout: "", stderr: 'error: deployment "web" exceeded its progress deadline\n' });
  });

  it("pause, resume, restart; other kinds and bad command lines", async () => {
    const { dir, state } = await seeded();
    const cli = (...args: string[]) => runCli(["rollout", ...args, "--state", state], { cwd: dir });
    expect(cli("pause", "deployment/web")).toEqual({ status: 0, stdout: "deployment.apps/web paused\n", stderr: "" });
    expect(cli("pause", "deployment/web")).toEqual({ status: 1, stdout: "", stderr: 'error: deployments.apps "web" is already paused\n' });
    expect(cli("resume", "deployment/web")).toEqual({ status: 0, stdout: "deployment.apps/web resumed\n", stderr: "" });
    expect(cli("restart", "deployment/web")).toEqual({ status: 0, stdout: "deployment.apps/web restarted\n", stderr: "" });
    expect(cli("status", "pod/web")).toEqual({ status: 1, stdout: "", stderr: "error: no status viewer has been implemented for Pod\n" });
    expect(cli("status", "deployment/missing")).toEqual({ status: 1, stdout: "", stderr: 'Error from server (NotFound): deployments.apps "missing" not found\n' });
    expect(cli("status", "deployment").status).toBe(2);
    expect(cli("history", "deployment/web", "--revision", "x").status).toBe(2);
  });
});

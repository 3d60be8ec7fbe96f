import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../helpers.js";
import { changeImage, runRollout, seedRolledOut } from "./rollout-cli-fixture.js";

async function seeded(): Promise<{ dir: string; state: string[] }> {
  const dir = tempDir();
  await seedRolledOut(join(dir, "state"));
  return { dir, state: ["--state", join(dir, "state")] };
}

describe("drydock rollout (in process)", () => {
  it("history lists revisions with their change causes; --revision shows one template", async () => {
    const { dir, state } = await seeded();
    expect(await runRollout(["history", "deployment/web", ...state], dir)).toEqual({
      status: 0,
      stdout: "deployment.apps/web\nREVISION  CHANGE-CAUSE\n1         initial\n2         upgrade to 1.28\n\n",
      stderr: "",
    });
    const one = await runRollout(["history", "deploy", "web", "--revision", "1", ...state], dir);
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/^deployment\.apps\/web with revision #1\nPod Template:\n {2}Labels:\tapp=web\n\tpod-template-hash=\w+\n {2}Annotations:\tkubernetes\.io\/change-cause: initial\n/);
    expect(one.stdout).toContain("    Image:\tnginx:1.27\n");
    expect(await runRollout(["history", "deployment/web", "--revision", "5", ...state], dir)).toMatchObject({ status: 1, stderr: "error: unable to find the specified revision\n" });
  });

  it("status of a finished rollout, with and without --watch", async () => {
    const { dir, state } = await seeded();
    expect(await runRollout(["status", "deployment/web", ...state], dir)).toEqual({ status: 0, stdout: 'deployment "web" successfully rolled out\n', stderr: "" });
    expect(await runRollout(["status", "deployments", "web", "--watch=false", ...state], dir)).toEqual({ status: 0, stdout: 'deployment "web" successfully rolled out\n', stderr: "" });
  });

  it("status runs the simulation through a rollout, printing each message once", async () => {
    const { dir, state } = await seeded();
    await changeImage(join(dir, "state"), "nginx:1.29", "upgrade to 1.29");
    const waiting = await runRollout(["status", "deployment/web", "--watch=false", ...state], dir);
    expect(waiting).toEqual({ status: 0, stdout: 'Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...\n', stderr: "" });
    const watched = await runRollout(["status", "deployment/web", ...state], dir);
    expect(watched.status).toBe(0);
    const lines = watched.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe('Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.at(-1)).toBe('deployment "web" successfully rolled out');
    expect(new Set(lines).size).toBe(lines.length);
    expect(watched.stderr).toBe("");
  });

  it("undo goes back a revision (renumbered), --to-revision picks one", async () => {
    const { dir, state } = await seeded();
    expect(await runRollout(["undo", "deployment/web", ...state], dir)).toEqual({ status: 0, stdout: "deployment.apps/web rolled back\n", stderr: "" });
    expect((await runRollout(["status", "deployment/web", ...state], dir)).stdout).toContain('deployment "web" successfully rolled out\n');
    expect((await runRollout(["history", "deployment/web", ...state], dir)).stdout).toBe(
      "deployment.apps/web\nREVISION  CHANGE-CAUSE\n2         upgrade to 1.28\n3         initial\n\n",
    );
    expect(await runRollout(["undo", "deployment/web", "--to-revision", "9", ...state], dir)).toEqual({
      status: 1,
      stdout: "",
      stderr: "error: unable to find specified revision 9 in history\n",
    });
    expect(await runRollout(["undo", "deployment/web", "--to-revision", "3", ...state], dir)).toEqual({
      status: 0,
      stdout: "deployment.apps/web skipped rollback (current template already matches revision 3)\n",
      stderr: "",
    });
    expect(await runRollout(["undo", "deployment/web", "--to-revision", "2", ...state], dir)).toEqual({ status: 0, stdout: "deployment.apps/web rolled back\n", stderr: "" });
    expect((await runRollout(["history", "deployment/web", ...state], dir)).stdout).toBe(
      "deployment.apps/web\nREVISION  CHANGE-CAUSE\n3         initial\n4         upgrade to 1.28\n\n",
    );
  });

  it("pause, resume and restart, with kubectl's refusals", async () => {
    const { dir, state } = await seeded();
    expect(await runRollout(["pause", "deployment/web", ...state], dir)).toEqual({ status: 0, stdout: "deployment.apps/web paused\n", stderr: "" });
    expect(await runRollout(["pause", "deployment/web", ...state], dir)).toEqual({ status: 1, stdout: "", stderr: 'error: deployments.apps "web" is already paused\n' });
    expect(await runRollout(["restart", "deployment/web", ...state], dir)).toMatchObject({ status: 1, stderr: `error: deployments.apps "web" can't restart paused deployment (run rollout resume first)\n` });
    expect(await runRollout(["undo", "deployment/web", ...state], dir)).toMatchObject({ status: 1, stderr: expect.stringContaining("you cannot rollback a paused deployment") });
    expect(await runRollout(["resume", "deployment/web", ...state], dir)).toEqual({ status: 0, stdout: "deployment.apps/web resumed\n", stderr: "" });
    expect(await runRollout(["resume", "deployment/web", ...state], dir)).toEqual({ status: 1, stdout: "", stderr: 'error: deployments.apps "web" is not paused\n' });
    expect(await runRollout(["restart", "deployment/web", ...state], dir)).toEqual({ status: 0, stdout: "deployment.apps/web restarted\n", stderr: "" });
    const status = await runRollout(["status", "deployment/web", ...state], dir);
    expect(status.status).toBe(0);
    expect(status.stdout.trimEnd().split("\n").at(-1)).toBe('deployment "web" successfully rolled out');
    expect((await runRollout(["history", "deployment/web", ...state], dir)).stdout).toContain("\n3         upgrade to 1.28\n");
  });

  it("a rollout whose pods never get ready: timeout, then the progress deadline", async () => {
    const { dir, state } = await seeded();
    await changeImage(join(dir, "state"), "nginx:1.91", "a tag that does not exist");
    expect(await runRollout(["status", "deployment/web", "--timeout", "1m", ...state], dir)).toEqual({
      status: 1,
      stdout: 'Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...\n',
      stderr: "error: timed out waiting for the condition\n",
    });
    expect(await runRollout(["status", "deployment/web", "--timeout", "1h", ...state], dir)).toEqual({
      status: 1,
      stdout: 'Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...\n',
      stderr: 'error: deployment "web" exceeded its progress deadline\n',
    });
    expect(await runRollout(["undo", "deployment/web", ...state], dir)).toMatchObject({ status: 0 });
    expect(await runRollout(["status", "deployment/web", ...state], dir)).toMatchObject({ status: 0, stdout: expect.stringContaining('deployment "web" successfully rolled out\n') });
  });

  it("other kinds, unknown types, missing objects and bad command lines", async () => {
    const { dir, state } = await seeded();
    expect(await runRollout(["status", "pod/x", ...state], dir)).toEqual({ status: 1, stdout: "", stderr: "error: no status viewer has been implemented for Pod\n" });
    expect(await runRollout(["history", "rs/x", ...state], dir)).toEqual({ status: 1, stdout: "", stderr: 'error: no history viewer has been implemented for "ReplicaSet.apps"\n' });
    expect(await runRollout(["pause", "svc/x", ...state], dir)).toEqual({ status: 1, stdout: "", stderr: 'error: services "x" pausing is not supported\n' });
    expect(await runRollout(["undo", "frobs/x", ...state], dir)).toEqual({ status: 1, stdout: "", stderr: 'error: the server doesn\'t have a resource type "frobs"\n' });
    expect(await runRollout(["status", "deployment/nope", ...state], dir)).toEqual({ status: 1, stdout: "", stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n' });
    expect(await runRollout(["status", "deployment/web", "-n", "other", ...state], dir)).toMatchObject({ status: 1, stderr: 'Error from server (NotFound): deployments.apps "web" not found\n' });
    expect((await runRollout(["status", "deployment", ...state], dir)).status).toBe(2);
    expect((await runRollout(["status", "deployment/web", "web", ...state], dir)).status).toBe(2);
    expect((await runRollout(["status", "deployment/web", "--timeout", "soon", ...state], dir)).status).toBe(2);
    expect((await runRollout(["undo", "deployment/web", "--to-revision", "-1", ...state], dir)).status).toBe(2);
    expect((await runRollout(["frob", "deployment/web", ...state], dir)).status).toBe(2);
  });
});

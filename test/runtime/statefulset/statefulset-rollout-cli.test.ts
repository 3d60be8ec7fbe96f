// `drydock rollout … statefulset/NAME` and `daemonset/NAME` in process, against a state dir seeded
// with a rolled-out StatefulSet (through withCluster, as a saved cluster is loaded by each command).
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withCluster } from "../../../src/runtime/persistence/with-cluster.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { tempDir } from "../../helpers.js";
import { runRollout } from "../workloads/rollout-cli-fixture.js";
import { SET_REF, webSet } from "./statefulset-fixtures.js";

async function seeded(): Promise<{ dir: string; state: string[] }> {
  const dir = tempDir();
  await withCluster(join(dir, "state"), (cluster) => {
    expectOk(cluster.store.create(webSet({ replicas: 2, annotations: { "kubernetes.io/change-cause": "create web" } })));
    cluster.clock.runUntilQuiet(cluster.clock.now() + 600_000);
    expectOk(
      cluster.store.modify(SET_REF(), (set: any) => {
        set.spec.template.spec.containers[0].image = "nginx:1.16.1";
        set.metadata.annotations = { "kubernetes.io/change-cause": "upgrade" };
      }),
    );
    cluster.clock.runUntilQuiet(cluster.clock.now() + 600_000);
  });
  return { dir, state: ["--state", join(dir, "state")] };
}

describe("drydock rollout for StatefulSets and DaemonSets (in process)", () => {
  it("status, history, undo and restart of statefulset/web", async () => {
    const { dir, state } = await seeded();
    expect(await runRollout(["status", "statefulset/web", ...state], dir)).toEqual({ status: 0, stdout: "partitioned roll out complete: 2 new pods have been updated...\n", stderr: "" });
    expect(await runRollout(["history", "sts", "web", ...state], dir)).toEqual({
      status: 0,
      stdout: "statefulset.apps/web\nREVISION  CHANGE-CAUSE\n1         create web\n2         upgrade\n\n",
      stderr: "",
    });
    expect(await runRollout(["undo", "statefulsets/web", ...state], dir)).toEqual({ status: 0, stdout: "statefulset.apps/web rolled back\n", stderr: "" });
    const watched = await runRollout(["status", "statefulset/web", ...state], dir);
    expect(watched.stdout.trimEnd().split("\n")).toEqual(["Waiting for 1 pods to be ready...", "partitioned roll out complete: 2 new pods have been updated..."]);
    expect((await runRollout(["history", "statefulset/web", ...state], dir)).stdout).toBe("statefulset.apps/web\nREVISION  CHANGE-CAUSE\n2         upgrade\n3         create web\n\n");
    expect(await runRollout(["undo", "statefulset/web", "--to-revision", "5", ...state], dir)).toEqual({ status: 1, stdout: "", stderr: "error: unable to find specified revision 5 in history\n" });
    expect(await runRollout(["restart", "statefulset/web", ...state], dir)).toEqual({ status: 0, stdout: "statefulset.apps/web restarted\n", stderr: "" });
  });

  it("pause and resume are not for StatefulSets or DaemonSets; missing objects are named", async () => {
    const { dir, state } = await seeded();
    expect(await runRollout(["pause", "statefulset/web", ...state], dir)).toEqual({ status: 1, stdout: "", stderr: 'error: statefulsets.apps "web" pausing is not supported\n' });
    expect(await runRollout(["resume", "ds/agent", ...state], dir)).toEqual({ status: 1, stdout: "", stderr: 'error: daemonsets.apps "agent" resuming is not supported\n' });
    expect(await runRollout(["status", "daemonset/agent", "--watch=false", ...state], dir)).toEqual({
      status: 1,
      stdout: "",
      stderr: 'Error from server (NotFound): daemonsets.apps "agent" not found\n',
    });
    expect(await runRollout(["history", "statefulset/db", ...state], dir)).toEqual({ status: 1, stdout: "", stderr: 'Error from server (NotFound): statefulsets.apps "db" not found\n' });
  });
});

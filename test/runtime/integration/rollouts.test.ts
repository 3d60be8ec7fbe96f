// Deployments on the whole simulated cluster: scheduler, kubelet, registry and controllers together.
import { describe, expect, it } from "vitest";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { rolloutUndo } from "../../../src/runtime/workloads/rollout/index.js";
import { DEPLOYMENT_REF, eventsFor, fullCluster, isReady, nginxDeployment, podsOf, replicaSets, setImage, settle } from "./integration-helpers.js";

const scaling = (cluster: ReturnType<typeof fullCluster>) =>
  eventsFor(cluster, "Deployment", "nginx-deployment")
    .filter((e) => e.reason === "ScalingReplicaSet")
    .map((e) => e.message);

function condition(cluster: ReturnType<typeof fullCluster>, type: string) {
  const status = cluster.store.get(DEPLOYMENT_REF())?.status as { conditions?: Array<{ type: string; status: string; reason: string; message: string; lastUpdateTime: string }> };
  return status.conditions?.find((c) => c.type === type);
}

describe("Deployments on the simulated cluster", () => {
  it("rolls a 3-replica Deployment to a new image with exactly the six upstream ScalingReplicaSet events", () => {
    const cluster = fullCluster();
    expectOk(cluster.store.create(nginxDeployment()));
    settle(cluster);
    expect(podsOf(cluster).filter(isReady)).toHaveLength(3);
    const [oldRs] = replicaSets(cluster).map((rs) => rs.metadata.name);
    setImage(cluster, "nginx:1.9.1");
    settle(cluster);
    const newRs = replicaSets(cluster).find((rs) => rs.metadata.name !== oldRs)!.metadata.name;
    expect(scaling(cluster)).toEqual([
      `Scaled up replica set ${oldRs} from 0 to 3`,
      `Scaled up replica set ${newRs} from 0 to 1`,
      `Scaled down replica set ${oldRs} from 3 to 2`,
      `Scaled up replica set ${newRs} from 1 to 2`,
      `Scaled down replica set ${oldRs} from 2 to 1`,
      `Scaled up replica set ${newRs} from 2 to 3`,
      `Scaled down replica set ${oldRs} from 1 to 0`,
    ]);
    const pods = podsOf(cluster);
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => isReady(p) && p.metadata.labels?.["pod-template-hash"] === newRs!.slice("nginx-deployment-".length))).toBe(true);
    expect(condition(cluster, "Available")).toMatchObject({ status: "True", reason: "MinimumReplicasAvailable" });
    expect(condition(cluster, "Progressing")).toMatchObject({ status: "True", reason: "NewReplicaSetAvailable" });
  });

  it("stalls on an image tag the registry lacks: old pods keep serving, the deadline passes at 600 s, undo recovers", () => {
    const cluster = fullCluster();
    expectOk(cluster.store.create(nginxDeployment()));
    settle(cluster);
    const [oldRs] = replicaSets(cluster).map((rs) => rs.metadata.name);
    setImage(cluster, "nginx:1.91");
    const changedAt = cluster.clock.now();
    settle(cluster, 20 * 60_000);

    const newPods = podsOf(cluster).filter((p) => !p.metadata.name!.startsWith(`${oldRs}-`));
    expect(newPods).toHaveLength(1);
    const waiting = (newPods[0].status as { containerStatuses: Array<{ state: { waiting?: { reason: string } } }> }).containerStatuses[0].state.waiting;
    expect(waiting?.reason).toMatch(/^(ImagePullBackOff|ErrImagePull)$/);
    expect(podsOf(cluster).filter((p) => p.metadata.name!.startsWith(`${oldRs}-`) && isReady(p))).toHaveLength(3);

    const progressing = condition(cluster, "Progressing")!;
    expect(progressing).toMatchObject({ status: "False", reason: "ProgressDeadlineExceeded" });
    expect(progressing.message).toMatch(/^ReplicaSet "nginx-deployment-[a-z0-9]+" has timed out progressing\.$/);
    // The last progress was the new ReplicaSet's creation, at the change (timestamps hold whole seconds).
    expect(Date.parse(progressing.lastUpdateTime) - Math.floor(changedAt / 1000) * 1000).toBe(600_000);

    const podEvents = eventsFor(cluster, "Pod", newPods[0].metadata.name!).map((e) => e.reason);
    expect(podEvents).toEqual(expect.arrayContaining(["Scheduled", "Pulling", "Failed", "BackOff"]));

    const undone = rolloutUndo(cluster.store, DEPLOYMENT_REF(), {});
    expect(undone).toMatchObject({ ok: true, message: "deployment.apps/nginx-deployment rolled back" });
    settle(cluster);
    const pods = podsOf(cluster);
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.metadata.name!.startsWith(`${oldRs}-`) && isReady(p))).toBe(true);
    expect(condition(cluster, "Progressing")).toMatchObject({ status: "True", reason: "NewReplicaSetAvailable" });
  });

  it("deleting a Deployment takes its ReplicaSets and pods with it (background cascade)", () => {
    const cluster = fullCluster();
    expectOk(cluster.store.create(nginxDeployment()));
    settle(cluster);
    setImage(cluster, "nginx:1.9.1");
    settle(cluster);
    expect(replicaSets(cluster)).toHaveLength(2);
    cluster.store.delete(DEPLOYMENT_REF());
    settle(cluster);
    expect(replicaSets(cluster)).toEqual([]);
    expect(podsOf(cluster)).toEqual([]);
  });
});

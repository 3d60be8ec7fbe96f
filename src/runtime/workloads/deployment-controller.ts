// The Deployment controller (component `deployment-controller`): rolls Deployments out through their
// ReplicaSets. It follows Deployments, ReplicaSets and (for Recreate, which waits for old pods to be
// gone) Pods, and syncs the Deployments that changes touched in one task per simulated instant. A
// rollout that stops progressing is looked at again when its progress deadline passes.
import { controllersConcerned } from "../controllers/controllers-concerned.js";
import { OwnerIndex } from "../controllers/owner-index.js";
import { controllerOf } from "../controllers/owner-references.js";
import { SyncQueue, type SyncOutcome } from "../controllers/sync-queue.js";
import { Watches } from "../controllers/watches.js";
import type { ComponentEventRecorder } from "../events/event-recorder.js";
import type { RuntimeComponent, RuntimeDeps } from "../runtime-deps.js";
import type { KubeObject } from "../store/kube-object.js";
import type { WatchEvent } from "../store/watch-event.js";
import { syncDeployment } from "./deployment-sync.js";
import { PodIndex } from "./pod-index.js";
import { selects } from "./replicaset-sync.js";
import { deploymentSpec, isDeployment, isReplicaSet, podStatus } from "./workload-types.js";

export const DEPLOYMENT_CONTROLLER = "deployment-controller";

export class DeploymentController implements RuntimeComponent {
  private readonly deployments = new OwnerIndex(isDeployment);
  /** controller uid → uid → ReplicaSet, and `orphans/<namespace>` → uid → ReplicaSet without a controller */
  private readonly replicaSets = new Map<string, Map<string, KubeObject>>();
  /** ReplicaSet uid → ReplicaSet, to find a pod's Deployment */
  private readonly replicaSetsByUid = new Map<string, KubeObject>();
  private readonly pods = new PodIndex();
  private readonly queue: SyncQueue;
  private readonly recorder: ComponentEventRecorder;
  private readonly watches = new Watches();

  constructor(private readonly deps: RuntimeDeps) {
    this.recorder = deps.events.for({ component: DEPLOYMENT_CONTROLLER });
    // Not ignoreOwnWrites: the events of a sync's writes (the ReplicaSets it creates or scales) queue
    // the Deployment again, and that sync sees them.
    this.queue = new SyncQueue({
      clock: deps.clock,
      label: DEPLOYMENT_CONTROLLER,
      recheck: { label: `${DEPLOYMENT_CONTROLLER} progress-deadline` },
      knows: (uid) => this.deployments.has(uid),
      sync: (uid) => this.sync(uid),
    });
  }

  start(): this {
    const { store } = this.deps;
    // ReplicaSets and pods first, so the first syncs see them all.
    this.watches.open(() => [
      store.watch({ group: "apps", kind: "ReplicaSet" }, (event) => this.observeReplicaSet(event), { sendInitialEvents: true }),
      store.watch({ group: "", kind: "Pod" }, (event) => this.observePod(event), { sendInitialEvents: true }),
      store.watch({ group: "apps", kind: "Deployment" }, (event) => this.observeDeployment(event), { sendInitialEvents: true }),
    ]);
    return this;
  }

  stop(): void {
    this.watches.close();
    this.queue.stop();
  }

  private observeDeployment(event: WatchEvent): void {
    // Every change queues a sync, status-only ones too, as upstream's update handler does.
    const change = this.deployments.observe(event);
    if (change?.deleted) this.queue.forget(change.uid);
    else if (change) this.queue.add(change.uid);
  }

  private observeReplicaSet(event: WatchEvent): void {
    const rs = event.object;
    const uid = rs.metadata.uid;
    if (!uid || !isReplicaSet(rs)) return;
    const namespace = rs.metadata.namespace ?? "";
    const owner = controllerOf(rs)?.uid;
    const known = this.replicaSetsByUid.get(uid);
    if (known) this.file(known, "remove");
    if (event.type === "DELETED") this.replicaSetsByUid.delete(uid);
    else {
      this.replicaSetsByUid.set(uid, rs);
      this.file(rs, "add");
    }
    for (const controller of controllersConcerned(event, owner)) this.queue.add(controller);
    if (owner === undefined && event.type !== "DELETED") {
      // An orphan: the Deployments that select it may adopt it.
      for (const [dUid, d] of this.deployments.entries()) {
        if (d.metadata.namespace === namespace && selects(deploymentSpec(d).selector, rs.metadata.labels)) this.queue.add(dUid);
      }
    }
  }

  /** Files a ReplicaSet under its controller's uid, or as an orphan of its namespace. */
  private file(rs: KubeObject, action: "add" | "remove"): void {
    const key = controllerOf(rs)?.uid ?? `orphans/${rs.metadata.namespace ?? ""}`;
    const uid = rs.metadata.uid ?? "";
    let bucket = this.replicaSets.get(key);
    if (action === "remove") {
      bucket?.delete(uid);
      if (bucket?.size === 0) this.replicaSets.delete(key);
      return;
    }
    if (!bucket) this.replicaSets.set(key, (bucket = new Map()));
    bucket.set(uid, rs);
  }

  private observePod(event: WatchEvent): void {
    const pod = event.object;
    if (event.type === "DELETED") this.pods.remove(pod);
    else this.pods.put(pod);
    // Only Recreate waits for pods: when one goes away or finishes, its Deployment may go on.
    const finished = event.type === "MODIFIED" && podStatus(pod).phase !== podStatus(event.previous).phase && ["Succeeded", "Failed"].includes(podStatus(pod).phase ?? "");
    if (event.type !== "DELETED" && !finished) return;
    const rsUid = controllerOf(pod)?.uid;
    const rs = rsUid === undefined ? undefined : this.replicaSetsByUid.get(rsUid);
    const dUid = rs && controllerOf(rs)?.uid;
    const d = dUid === undefined ? undefined : this.deployments.get(dUid);
    if (d && deploymentSpec(d).strategy?.type === "Recreate") this.queue.add(dUid as string);
  }

  private sync(uid: string): SyncOutcome | undefined {
    const d = this.deployments.get(uid);
    if (!d) return undefined;
    return syncDeployment(
      {
        store: this.deps.store,
        now: this.deps.clock.now(),
        events: this.recorder,
        replicaSetsFor: (deployment) => [
          ...(this.replicaSets.get(deployment.metadata.uid ?? "")?.values() ?? []),
          ...(this.replicaSets.get(`orphans/${deployment.metadata.namespace ?? ""}`)?.values() ?? []),
        ],
        podsOf: (rsUid) => this.pods.controlledBy(rsUid),
      },
      d,
    );
  }
}

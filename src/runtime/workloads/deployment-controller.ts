// The Deployment controller (component `deployment-controller`): rolls Deployments out through their
// ReplicaSets. It follows Deployments, ReplicaSets and (for Recreate, which waits for old pods to be
// gone) Pods, and syncs the Deployments that changes touched in one task per simulated instant. A
// rollout that stops progressing is looked at again when its progress deadline passes.
import type { TaskHandle } from "../clock/virtual-clock.js";
import { controllerOf } from "../controllers/owner-references.js";
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
  /** uid → Deployment */
  private readonly deployments = new Map<string, KubeObject>();
  /** controller uid → uid → ReplicaSet, and `orphans/<namespace>` → uid → ReplicaSet without a controller */
  private readonly replicaSets = new Map<string, Map<string, KubeObject>>();
  /** ReplicaSet uid → ReplicaSet, to find a pod's Deployment */
  private readonly replicaSetsByUid = new Map<string, KubeObject>();
  private readonly pods = new PodIndex();
  private readonly queue = new Set<string>();
  private readonly rechecks = new Map<string, TaskHandle>();
  private readonly recorder: ComponentEventRecorder;
  private unwatch: Array<() => void> = [];
  private pending: TaskHandle | undefined;

  constructor(private readonly deps: RuntimeDeps) {
    this.recorder = deps.events.for({ component: DEPLOYMENT_CONTROLLER });
  }

  start(): this {
    if (this.unwatch.length > 0) return this;
    const { store } = this.deps;
    // ReplicaSets and pods first, so the first syncs see them all.
    this.unwatch = [
      store.watch({ group: "apps", kind: "ReplicaSet" }, (event) => this.observeReplicaSet(event), { sendInitialEvents: true }),
      store.watch({ group: "", kind: "Pod" }, (event) => this.observePod(event), { sendInitialEvents: true }),
      store.watch({ group: "apps", kind: "Deployment" }, (event) => this.observeDeployment(event), { sendInitialEvents: true }),
    ];
    return this;
  }

  stop(): void {
    for (const unwatch of this.unwatch) unwatch();
    this.unwatch = [];
    this.pending?.cancel();
    this.pending = undefined;
    for (const handle of this.rechecks.values()) handle.cancel();
    this.rechecks.clear();
  }

  private observeDeployment(event: WatchEvent): void {
    const d = event.object;
    const uid = d.metadata.uid;
    if (!uid || !isDeployment(d)) return;
    if (event.type === "DELETED") {
      this.deployments.delete(uid);
      this.queue.delete(uid);
      this.rechecks.get(uid)?.cancel();
      this.rechecks.delete(uid);
      return;
    }
    this.deployments.set(uid, d);
    this.enqueue(uid);
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
    if (owner !== undefined) this.enqueue(owner);
    if (event.type === "MODIFIED") {
      const before = controllerOf(event.previous)?.uid;
      if (before !== undefined && before !== owner) this.enqueue(before);
    }
    if (owner === undefined && event.type !== "DELETED") {
      // An orphan: the Deployments that select it may adopt it.
      for (const [dUid, d] of this.deployments) {
        if (d.metadata.namespace === namespace && selects(deploymentSpec(d).selector, rs.metadata.labels)) this.enqueue(dUid);
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
    if (d && deploymentSpec(d).strategy?.type === "Recreate") this.enqueue(dUid as string);
  }

  private enqueue(uid: string): void {
    if (!this.deployments.has(uid)) return;
    this.queue.add(uid);
    if (!this.pending?.pending) this.pending = this.deps.clock.schedule({ after: 0 }, () => this.drain(), DEPLOYMENT_CONTROLLER);
  }

  private drain(): void {
    const uids = [...this.queue];
    this.queue.clear();
    for (const uid of uids) this.sync(uid);
  }

  private sync(uid: string): void {
    const d = this.deployments.get(uid);
    if (!d) return;
    const result = syncDeployment(
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
    this.scheduleRecheck(uid, result.recheckAt);
  }

  private scheduleRecheck(uid: string, at: number | undefined): void {
    const current = this.rechecks.get(uid);
    if (current?.pending && current.at === at) return;
    current?.cancel();
    this.rechecks.delete(uid);
    if (at === undefined) return;
    const handle = this.deps.clock.schedule(
      { at },
      () => {
        this.rechecks.delete(uid);
        this.enqueue(uid);
      },
      `${DEPLOYMENT_CONTROLLER} progress-deadline`,
    );
    this.rechecks.set(uid, handle);
  }
}

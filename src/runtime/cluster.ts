// A simulated cluster: the clock, the id generator, the object store with its admission plugins,
// the event recorder, and the control-plane components — garbage collector, namespace controller,
// node lifecycle controller, persistent-volume controller, scheduler, kubelet, the workload
// controllers (ReplicaSet, Deployment, DaemonSet, StatefulSet, Job, CronJob, TTL-after-finished),
// endpoints controller and horizontal pod autoscaler — all attached to the same store and clock.
import { VirtualClock } from "./clock/virtual-clock.js";
import { NamespaceController } from "./controllers/namespace-controller.js";
import { GarbageCollector } from "./controllers/garbage-collector.js";
import { EventRecorder } from "./events/event-recorder.js";
import { IdGenerator, DEFAULT_SEED } from "./ids/id-generator.js";
import { podAdmission } from "./admission/pod-admission.js";
import { batchAdmission } from "./batch/batch-admission.js";
import { CronJobController } from "./batch/cronjob-controller.js";
import { JobController } from "./batch/job-controller.js";
import { TtlAfterFinishedController } from "./batch/ttl-after-finished-controller.js";
import { hpaAdmission } from "./autoscaling/hpa-admission.js";
import { HorizontalPodAutoscalerController } from "./autoscaling/hpa-controller.js";
import { Kubelet } from "./kubelet/kubelet.js";
import { initialNodes } from "./nodes/initial-nodes.js";
import { NodeLifecycleController } from "./nodes/node-lifecycle-controller.js";
import type { ClusterSnapshot } from "./persistence/cluster-snapshot.js";
import { DEFAULT_CLUSTER_CONFIG, type ClusterConfig, type RuntimeComponent, type RuntimeDeps } from "./runtime-deps.js";
import { Scheduler } from "./scheduler/scheduler.js";
import { EndpointsController } from "./services/endpoints-controller.js";
import { serviceAdmission } from "./services/service-admission.js";
import { defaultStorageClass } from "./storage/default-storage-class.js";
import { PersistentVolumeController } from "./storage/pv-controller.js";
import { storageAdmission } from "./storage/storage-admission.js";
import { INITIAL_NAMESPACES, namespaceObject } from "./store/namespace-rules.js";
import { ObjectStore } from "./store/object-store.js";
import { expectOk } from "./store/store-errors.js";
import { DeploymentController } from "./workloads/deployment-controller.js";
import { ReplicaSetController } from "./workloads/replicaset-controller.js";
import { workloadAdmission } from "./workloads/workload-admission.js";
import { daemonSetAdmission } from "./workloads/daemonset/daemonset-admission.js";
import { DaemonSetController } from "./workloads/daemonset/daemonset-controller.js";
import { statefulSetAdmission } from "./workloads/statefulset/statefulset-admission.js";
import { StatefulSetController } from "./workloads/statefulset/statefulset-controller.js";

export interface ClusterOptions {
  /** Seed of uids and generated names; default "drydock". Ignored when loading a snapshot. */
  seed?: string;
  /** Where a new cluster's clock starts (ms since the epoch); default 2026-01-01T00:00:00Z. */
  startAt?: number;
  /** Event lifetime after their last update; null keeps them. Default one hour. */
  eventTtlMs?: number | null;
  /** Clock guard against zero-delay task loops. */
  maxTasksPerInstant?: number;
  /** Nodes of a new cluster and the simulated registry (drydock.yaml `cluster`). */
  config?: Partial<ClusterConfig>;
  /**
   * Only the store-level components (garbage collector, namespace controller): no nodes, scheduler,
   * kubelet or workload controllers. For tests of the foundation.
   */
  bare?: boolean;
}

export interface Cluster {
  readonly clock: VirtualClock;
  readonly ids: IdGenerator;
  readonly store: ObjectStore;
  readonly events: EventRecorder;
  readonly config: ClusterConfig;
  readonly garbageCollector: GarbageCollector;
  readonly namespaceController: NamespaceController;
  /** Detaches the components (watches, scheduled work). */
  stop(): void;
}

/** A new cluster with the namespaces and nodes every cluster starts with, or a saved one when `snapshot` is given. */
export function createCluster(options: ClusterOptions = {}, snapshot?: ClusterSnapshot): Cluster {
  const config: ClusterConfig = { ...DEFAULT_CLUSTER_CONFIG, ...options.config };
  const clock = new VirtualClock({ now: snapshot?.clock.now ?? options.startAt, maxTasksPerInstant: options.maxTasksPerInstant });
  const ids = snapshot ? IdGenerator.fromState(snapshot.ids) : IdGenerator.fromSeed(options.seed ?? DEFAULT_SEED);
  const store = new ObjectStore({ clock, ids, snapshot: snapshot?.store });
  const events = new EventRecorder({ store, clock, ttlMs: options.eventTtlMs });
  const deps: RuntimeDeps = { store, clock, ids, events, config };
  if (!options.bare) {
    store.addAdmission(podAdmission);
    store.addAdmission(workloadAdmission);
    store.addAdmission(daemonSetAdmission);
    store.addAdmission(statefulSetAdmission);
    store.addAdmission(serviceAdmission(deps));
    store.addAdmission(storageAdmission(clock));
    store.addAdmission(hpaAdmission);
    store.addAdmission(batchAdmission);
  }
  if (!snapshot) {
    for (const name of INITIAL_NAMESPACES) expectOk(store.create(namespaceObject(name)));
    if (!options.bare) for (const node of initialNodes(config, clock.now())) expectOk(store.create(node));
    if (!options.bare) expectOk(store.create(defaultStorageClass()));
  }
  events.start();
  const garbageCollector = new GarbageCollector({ store, clock, events }).start();
  const namespaceController = new NamespaceController({ store, clock }).start();
  const components: RuntimeComponent[] = options.bare
    ? []
    : [
        new NodeLifecycleController(deps),
        // Before the scheduler: claims changed at an instant are bound before pods are tried.
        new PersistentVolumeController(deps),
        new Scheduler(deps),
        new Kubelet(deps),
        new ReplicaSetController(deps),
        new DeploymentController(deps),
        new DaemonSetController(deps),
        new StatefulSetController(deps),
        new EndpointsController(deps),
        new HorizontalPodAutoscalerController(deps),
        new JobController(deps),
        new CronJobController(deps),
        new TtlAfterFinishedController(deps),
      ].map((component) => component.start());
  return {
    clock,
    ids,
    store,
    events,
    config,
    garbageCollector,
    namespaceController,
    stop() {
      for (const component of [...components].reverse()) component.stop();
      namespaceController.stop();
      garbageCollector.stop();
      events.stop();
    },
  };
}

export function snapshotCluster(cluster: Cluster): ClusterSnapshot {
  return { clock: { now: cluster.clock.now() }, ids: cluster.ids.state(), store: cluster.store.snapshot() };
}

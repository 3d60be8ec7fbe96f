// A simulated cluster: the clock, the id generator, the object store, the event recorder and the
// control-plane components every cluster has (garbage collector, namespace controller). Later
// components (scheduler, kubelet, workload controllers) attach to the same parts.
import { VirtualClock } from "./clock/virtual-clock.js";
import { NamespaceController } from "./controllers/namespace-controller.js";
import { GarbageCollector } from "./controllers/garbage-collector.js";
import { EventRecorder } from "./events/event-recorder.js";
import { IdGenerator, DEFAULT_SEED } from "./ids/id-generator.js";
import type { ClusterSnapshot } from "./persistence/cluster-snapshot.js";
import { INITIAL_NAMESPACES, namespaceObject } from "./store/namespace-rules.js";
import { ObjectStore } from "./store/object-store.js";
import { expectOk } from "./store/store-errors.js";

export interface ClusterOptions {
  /** Seed of uids and generated names; default "drydock". Ignored when loading a snapshot. */
  seed?: string;
  /** Where a new cluster's clock starts (ms since the epoch); default 2026-01-01T00:00:00Z. */
  startAt?: number;
  /** Event lifetime after their last update; null keeps them. Default one hour. */
  eventTtlMs?: number | null;
  /** Clock guard against zero-delay task loops. */
  maxTasksPerInstant?: number;
}

export interface Cluster {
  readonly clock: VirtualClock;
  readonly ids: IdGenerator;
  readonly store: ObjectStore;
  readonly events: EventRecorder;
  readonly garbageCollector: GarbageCollector;
  readonly namespaceController: NamespaceController;
  /** Detaches the components (watches, scheduled work). */
  stop(): void;
}

/** A new cluster with the namespaces every cluster starts with, or a saved one when `snapshot` is given. */
export function createCluster(options: ClusterOptions = {}, snapshot?: ClusterSnapshot): Cluster {
  const clock = new VirtualClock({ now: snapshot?.clock.now ?? options.startAt, maxTasksPerInstant: options.maxTasksPerInstant });
  const ids = snapshot ? IdGenerator.fromState(snapshot.ids) : IdGenerator.fromSeed(options.seed ?? DEFAULT_SEED);
  const store = new ObjectStore({ clock, ids, snapshot: snapshot?.store });
  if (!snapshot) {
    for (const name of INITIAL_NAMESPACES) expectOk(store.create(namespaceObject(name)));
  }
  const events = new EventRecorder({ store, clock, ttlMs: options.eventTtlMs }).start();
  const garbageCollector = new GarbageCollector({ store, clock, events }).start();
  const namespaceController = new NamespaceController({ store, clock }).start();
  return {
    clock,
    ids,
    store,
    events,
    garbageCollector,
    namespaceController,
    stop() {
      namespaceController.stop();
      garbageCollector.stop();
      events.stop();
    },
  };
}

export function snapshotCluster(cluster: Cluster): ClusterSnapshot {
  return { clock: { now: cluster.clock.now() }, ids: cluster.ids.state(), store: cluster.store.snapshot() };
}

// What every simulated control-plane component is built from, and the one shape they all share.
import type { VirtualClock } from "./clock/virtual-clock.js";
import type { EventRecorder } from "./events/event-recorder.js";
import type { IdGenerator } from "./ids/id-generator.js";
import type { ObjectStore } from "./store/object-store.js";

/** One kind of simulated node: `count` nodes named `<name>-1` … (drydock.yaml `cluster.nodes`). */
export interface NodeShape {
  name?: string;
  count?: number;
  cpu?: string | number;
  memory?: string | number;
  pods?: number;
  labels?: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute" }>;
}

/** The simulated registry (drydock.yaml `cluster.registry`): repository → the tags it has. */
export interface RegistryConfig {
  /** Repositories not listed fail to pull when true; they pull fine otherwise. */
  strict: boolean;
  repositories: Record<string, string[]>;
}

export interface ClusterConfig {
  nodes: NodeShape[];
  registry: RegistryConfig;
}

export const DEFAULT_CLUSTER_CONFIG: ClusterConfig = {
  nodes: [{ name: "worker", count: 3, cpu: "4", memory: "16Gi", pods: 110 }],
  registry: { strict: false, repositories: {} },
};

export interface RuntimeDeps {
  store: ObjectStore;
  clock: VirtualClock;
  ids: IdGenerator;
  events: EventRecorder;
  config: ClusterConfig;
}

/**
 * A control-plane component. `start` attaches it to the store and rebuilds its timers from the
 * objects (level-triggered, as after a restart: pending clock tasks are not saved); `stop` detaches.
 */
export interface RuntimeComponent {
  start(): this;
  stop(): void;
}

// The way commands use the cluster: lock the state dir, load (or create) the cluster, let the
// command work, settle the current instant, save atomically if anything changed, unlock. If the
// command throws, nothing is saved.
import { ensureStateDir } from "../../state/state-dir.js";
import { createCluster, snapshotCluster, type Cluster, type ClusterOptions } from "../cluster.js";
import { readClusterSnapshot, removeInterruptedWrites, writeClusterSnapshot } from "./cluster-file.js";
import { lockState, type StateLockOptions } from "./state-lock.js";

export interface WithClusterOptions extends ClusterOptions {
  lock?: StateLockOptions;
}

export async function withCluster<T>(stateDir: string, work: (cluster: Cluster) => T | Promise<T>, options: WithClusterOptions = {}): Promise<T> {
  ensureStateDir(stateDir);
  const lock = await lockState(stateDir, options.lock);
  try {
    removeInterruptedWrites(stateDir);
    const saved = readClusterSnapshot(stateDir);
    const cluster = createCluster(options, saved);
    try {
      const value = await work(cluster);
      // Work due at this very instant (the garbage collector after a delete, say) belongs to it.
      cluster.clock.advance(0);
      const snapshot = snapshotCluster(cluster);
      if (!saved || JSON.stringify(saved) !== JSON.stringify(snapshot)) {
        lock.assertHeld();
        writeClusterSnapshot(stateDir, snapshot);
      }
      return value;
    } finally {
      cluster.stop();
    }
  } finally {
    await lock.release();
  }
}

/**
 * The saved cluster (or a new one if none was saved) for reading, without the lock: saves replace
 * the file atomically, so a reader always sees one whole committed state. Changes are not saved.
 */
export function readCluster(stateDir: string, options: ClusterOptions = {}): Cluster {
  return createCluster(options, readClusterSnapshot(stateDir));
}

// <state>/cluster.json: one JSON document `{"format": "drydock/cluster@1", "data": ClusterSnapshot}`,
// replaced atomically on every save (temporary file, fsync, rename, then fsync of the folder so the
// rename itself survives a power cut). A crash at any instant leaves either the old or the new file.
import { closeSync, fsyncSync, openSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { readStateFile, writeStateFile } from "../../state/state-files.js";
import { CLUSTER_FORMAT, isClusterSnapshot, type ClusterSnapshot } from "./cluster-snapshot.js";

export const CLUSTER_FILE = "cluster.json";

export function clusterFilePath(stateDir: string): string {
  return join(stateDir, CLUSTER_FILE);
}

/** The saved cluster, or undefined when none was saved; a corrupt or foreign file is a StateFileError. */
export function readClusterSnapshot(stateDir: string): ClusterSnapshot | undefined {
  return readStateFile(clusterFilePath(stateDir), CLUSTER_FORMAT, isClusterSnapshot);
}

/** Saves atomically. Call only while holding the state lock. */
export function writeClusterSnapshot(stateDir: string, snapshot: ClusterSnapshot): void {
  writeStateFile(clusterFilePath(stateDir), CLUSTER_FORMAT, snapshot);
  syncDirectory(stateDir);
}

// write-file-atomic names its temporary files `<file>.<number>`; a process killed mid-write leaves
// one behind. Only the lock holder writes, so while holding the lock any such file is debris.
const TEMPORARY = /^cluster\.json\.\d+$/;

/** Removes temporary files of interrupted saves. Call only while holding the state lock. */
export function removeInterruptedWrites(stateDir: string): void {
  for (const name of readdirSync(stateDir)) {
    if (TEMPORARY.test(name)) rmSync(join(stateDir, name), { force: true });
  }
}

function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

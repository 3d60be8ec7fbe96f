// Where the commands that work on the live (simulated) cluster find it: the state dir beside
// drydock.yaml (or --state / DRYDOCK_STATE) and the `cluster` section of drydock.yaml, which shapes
// a cluster created from nothing. Commands that change the cluster hold the state lock throughout.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { withDefaults } from "../config/drydock-config.js";
import { CONFIG_FILE, parseConfig } from "../config/load-config.js";
import type { Finding } from "../findings/finding.js";
import { repositoryRootOf } from "../git/git-repository.js";
import type { Cluster } from "../runtime/cluster.js";
import { readCluster, withCluster } from "../runtime/persistence/with-cluster.js";
import type { ClusterConfig } from "../runtime/runtime-deps.js";
import { stateDirFor } from "../state/state-dir.js";

export interface LiveClusterLocation {
  stateDir: string;
  config: ClusterConfig;
  /** Problems of drydock.yaml; the defaults are used in their place. */
  configFindings: Finding[];
}

export async function locateLiveCluster(options: { cwd: string; env: NodeJS.ProcessEnv; repo?: string; state?: string }): Promise<LiveClusterLocation> {
  const start = resolve(options.cwd, options.repo ?? ".");
  const root = (await repositoryRootOf(start)) ?? start;
  let config = withDefaults(undefined);
  let configFindings: Finding[] = [];
  if (existsSync(join(root, CONFIG_FILE))) {
    const loaded = parseConfig(CONFIG_FILE, readFileSync(join(root, CONFIG_FILE)));
    config = loaded.config;
    configFindings = loaded.findings;
  }
  return { stateDir: stateDirFor(root, { flag: options.state, env: options.env, cwd: options.cwd }), config: config.cluster, configFindings };
}

/** Runs `work` on the cluster under the state lock and saves what it changed. */
export function changeLiveCluster<T>(location: LiveClusterLocation, work: (cluster: Cluster) => T | Promise<T>): Promise<T> {
  return withCluster(location.stateDir, work, { config: location.config });
}

/** The last saved cluster, for reading; nothing is saved. The caller stops it. */
export function readLiveCluster(location: LiveClusterLocation): Cluster {
  return readCluster(location.stateDir, { config: location.config });
}

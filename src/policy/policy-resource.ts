import type { ResourceKey } from "../manifests/resource-key.js";

/** Where a desired object is written: the file, the YAML document, and the object inside it ("" or "/items/3"). */
export interface ResourceSource {
  file: string;
  documentIndex: number;
  pointer: string;
}

/**
 * An object as policies see it. Desired objects (from the repository) have a source; live objects
 * (from a cluster, during plan and apply) have none and are only looked up, never reported on.
 * Objects are shared with caches: policies read them and never change them.
 */
export interface PolicyResource {
  /** Identity, with the effective namespace (the default namespace filled in; none for cluster-scoped kinds). */
  key: ResourceKey;
  apiVersion: string;
  object: Readonly<Record<string, unknown>>;
  /** kubectl-style name, e.g. `deployment.apps/web -n shop`. */
  display: string;
  source?: ResourceSource;
}

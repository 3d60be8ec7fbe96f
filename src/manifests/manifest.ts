import type { ResourceKey } from "./resource-key.js";

/** A Kubernetes object read from a file, with where it came from. */
export interface Manifest {
  /**
   * Identity as written. `namespace` is the manifest's own `metadata.namespace`; validation knows the
   * kind's scope and resolves the effective namespace.
   */
  key: ResourceKey;
  apiVersion: string;
  object: Record<string, unknown>;
  source: ManifestSource;
}

export interface ManifestSource {
  file: string;
  documentIndex: number;
  /** Where the object sits inside its document: "" or, for an item of a List, "/items/3". */
  pointer: string;
}

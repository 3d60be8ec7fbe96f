// Namespaces as the API server treats them: four exist from the start, three may never be deleted,
// and each carries the `kubernetes` spec finalizer that the namespace controller removes once the
// namespace is empty.
import type { KubeObject } from "./kube-object.js";

export const INITIAL_NAMESPACES = ["default", "kube-node-lease", "kube-public", "kube-system"] as const;

/** The namespace lifecycle admission plugin refuses to delete these. */
export const IMMORTAL_NAMESPACES: ReadonlySet<string> = new Set(["default", "kube-public", "kube-system"]);

export const NAMESPACE_FINALIZER = "kubernetes";

/** Label the API server sets on every Namespace (and keeps set). */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

export function isNamespace(object: KubeObject): boolean {
  return object.apiVersion === "v1" && object.kind === "Namespace";
}

export function namespaceObject(name: string): KubeObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name } };
}

export type NamespacePhase = "Active" | "Terminating";

export function namespacePhase(namespace: KubeObject): NamespacePhase {
  return (namespace.status as { phase?: string } | undefined)?.phase === "Terminating" ? "Terminating" : "Active";
}

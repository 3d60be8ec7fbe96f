// How messages name objects, so that every rule says it the same way: `Deployment "web"`,
// `ConfigMap "app-config" in namespace "shop"`.
import type { PolicyResource } from "../policy-resource.js";
import type { ResourceIndex } from "../resource-index.js";

export function named(resource: PolicyResource): string {
  return `${resource.key.kind} ${JSON.stringify(resource.key.name)}`;
}

export function objectInNamespace(kind: string, name: string, namespace: string): string {
  return `${kind} ${JSON.stringify(name)} in namespace ${JSON.stringify(namespace)}`;
}

/** Where the rule looked, so that "missing" is not read as "missing from the cluster" in a plain validate run. */
export function nowhere(index: ResourceIndex): string {
  return index.hasLive ? "is defined neither in the manifests nor in the cluster" : "is not defined in the manifests";
}

/** Identifies an object the way the API server does. `namespace` is absent for cluster-scoped kinds. */
export interface ResourceKey {
  group: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface GroupVersion {
  group: string;
  version: string;
}

/** "apps/v1" → { group: "apps", version: "v1" }; "v1" → the core group "". */
export function parseApiVersion(apiVersion: string): GroupVersion {
  const slash = apiVersion.indexOf("/");
  return slash < 0
    ? { group: "", version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function formatApiVersion(gv: GroupVersion): string {
  return gv.group === "" ? gv.version : `${gv.group}/${gv.version}`;
}

/** kubectl's resource name: `deployment.apps/web -n shop`, `namespace/shop`. */
export function formatResourceKey(key: ResourceKey): string {
  const type = key.group === "" ? key.kind.toLowerCase() : `${key.kind.toLowerCase()}.${key.group}`;
  return key.namespace === undefined ? `${type}/${key.name}` : `${type}/${key.name} -n ${key.namespace}`;
}

/**
 * The identity of the stored object. Versions of one group are views of the same object, so the
 * version is not part of it: apps/v1 and apps/v1beta1 Deployments named `web` are one Deployment.
 */
export function objectIdentity(key: ResourceKey): string {
  return `${key.group}/${key.kind}/${key.namespace ?? ""}/${key.name}`;
}

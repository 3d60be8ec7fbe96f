// A LiveLookup over a list of objects, for callers that hold the live set (tests, a listed cluster).
// Identity ignores the version, as the API server does: apps/v1 and apps/v1beta1 name one object.

import { objectIdentity, parseApiVersion } from "../manifests/resource-key.js";
import type { LiveLookup, LiveObject } from "./plan-types.js";

export function liveLookupFrom(objects: Iterable<LiveObject>): LiveLookup {
  const byId = new Map<string, LiveObject>();
  for (const object of objects) {
    const { group, version } = parseApiVersion(object.apiVersion);
    const key = { group, version, kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name ?? "" };
    byId.set(objectIdentity(key), object);
  }
  return (key) => byId.get(objectIdentity(key));
}

// Object names as the API server validates them: most kinds take a DNS subdomain (what Event names
// need: `web.18867251edfa0000`), Namespaces a DNS label. Messages are upstream's.
import type { KindInfo } from "./kind-registry.js";
import { refOf, type KubeObject } from "./kube-object.js";
import { isNamespace } from "./namespace-rules.js";
import { errorDetails, qualifiedKind, storeError, type StoreError } from "./store-errors.js";

const PATH_SEGMENT_GROUPS = new Set(["rbac.authorization.k8s.io"]);
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const SUBDOMAIN_RULE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_RULE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/** Why the object's name is not acceptable, or undefined when it is. */
export function nameError(object: KubeObject, info: KindInfo): StoreError | undefined {
  const ref = refOf(object);
  const kind = qualifiedKind(ref.group, ref.kind);
  const name = object.metadata.name ?? "";
  if (name === "") {
    return storeError("Invalid", `${kind} "" is invalid: metadata.name: Required value: name or generateName is required`, errorDetails(ref, info));
  }
  if (PATH_SEGMENT_GROUPS.has(ref.group)) {
    // RBAC objects take any path segment name (`system:controller:glbc`), as upstream's
    // ValidatePathSegmentName: not "." or "..", no "/" or "%".
    const bad = name === "." || name === ".." ? `may not be '${name}'` : ["/", "%"].find((c) => name.includes(c));
    const problem = bad === undefined || bad.startsWith("may") ? bad : `may not contain '${bad}'`;
    if (problem === undefined) return undefined;
    return storeError("Invalid", `${kind} "${name}" is invalid: metadata.name: Invalid value: "${name}": ${problem}`, errorDetails(ref, info));
  }
  const label = isNamespace(object);
  const ok = label ? name.length <= 63 && LABEL.test(name) : name.length <= 253 && SUBDOMAIN.test(name);
  if (ok) return undefined;
  return storeError("Invalid", `${kind} "${name}" is invalid: metadata.name: Invalid value: "${name}": ${label ? LABEL_RULE : SUBDOMAIN_RULE}`, errorDetails(ref, info));
}

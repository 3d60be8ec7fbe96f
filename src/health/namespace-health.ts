// Namespace health. gitops-engine has no rule; a Namespace is Healthy while Active and Progressing
// while Terminating (its contents are still being deleted). A namespace without a phase — a
// manifest, or a store that has not written status yet — is Healthy once it exists, like kinds we
// have no rule for.
import type { Namespace } from "kubernetes-types/core/v1.js";
import { health, type Health } from "./health-status.js";

export function namespaceHealth(namespace: Namespace): Health {
  if (namespace.status?.phase === "Terminating") {
    return health("Progressing", "NamespaceTerminating", "Waiting for the namespace's contents to be deleted");
  }
  return health("Healthy");
}

// Objects that a well-known controller creates from another object in the repository. GitOps
// repositories rarely hold Secrets in plain text: a SealedSecret, ExternalSecret or cert-manager
// Certificate stands for the Secret, and a pod that mounts it is not referring to nothing.
import type { ResourceKey } from "../../manifests/resource-key.js";
import type { PolicyResource } from "../policy-resource.js";
import { asName, field } from "./fields.js";

type Producer = (resource: PolicyResource) => string | undefined;

const SECRET_PRODUCERS: Readonly<Record<string, Producer>> = {
  // bitnami sealed-secrets: the Secret takes the template's name, else the SealedSecret's.
  "bitnami.com/SealedSecret": (r) => asName(field(r.object, "spec", "template", "metadata", "name")) ?? r.key.name,
  // external-secrets: creationPolicy None means the Secret is managed elsewhere.
  "external-secrets.io/ExternalSecret": (r) =>
    field(r.object, "spec", "target", "creationPolicy") === "None" ? undefined : (asName(field(r.object, "spec", "target", "name")) ?? r.key.name),
  "cert-manager.io/Certificate": (r) => asName(field(r.object, "spec", "secretName")),
};

/** Keys (version left empty) of the objects a controller will create for this resource. */
export function producedObjects(resource: PolicyResource): ResourceKey[] {
  const { group, kind, namespace } = resource.key;
  const producer = SECRET_PRODUCERS[`${group}/${kind}`];
  if (!producer || namespace === undefined) return [];
  const name = producer(resource);
  return name === undefined ? [] : [{ group: "", version: "", kind: "Secret", namespace, name }];
}

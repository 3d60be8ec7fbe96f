// Everything the API server would reject that a JSON schema cannot say, for one object.
import type { Manifest } from "../../manifests/manifest.js";
import { asRecord, asString, type Report } from "./check-context.js";
import { checkMetadata } from "./metadata-checks.js";
import { checkService } from "./service-checks.js";
import { checkWorkload } from "./workload-checks.js";

export function checkObject(manifest: Manifest, options: { builtIn: boolean; namespaced: boolean }, report: Report): void {
  const { object } = manifest;
  const { group, kind } = manifest.key;
  checkMetadata(object, group, kind, report);
  if (!options.namespaced && manifest.key.namespace !== undefined) {
    report({
      rule: "k8s/namespace-ignored",
      severity: "warning",
      pointer: "/metadata/namespace",
      message: `${kind} is cluster-scoped; metadata.namespace is ignored`,
      hint: "remove metadata.namespace",
    });
  }
  if (!options.builtIn) return;
  checkWorkload(object, group, kind, report);
  if (group === "" && kind === "Service") checkService(object, report);
  if (group === "apiextensions.k8s.io" && kind === "CustomResourceDefinition") checkCrdName(object, report);
}

function checkCrdName(object: Record<string, unknown>, report: Report): void {
  const spec = asRecord(object.spec);
  const plural = asString(asRecord(spec?.names)?.plural);
  const group = asString(spec?.group);
  const name = asString(asRecord(object.metadata)?.name);
  if (plural && group && name !== `${plural}.${group}`) {
    report({
      rule: "k8s/invalid-name",
      pointer: "/metadata/name",
      message: `metadata.name of a CustomResourceDefinition must be spec.names.plural + "." + spec.group: ${JSON.stringify(`${plural}.${group}`)}`,
    });
  }
}

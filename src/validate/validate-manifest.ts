// Validates one manifest: its apiVersion against the target Kubernetes version, its shape against
// its schema, and what the API server checks beyond the schema.
import type { Severity } from "../findings/finding.js";
import type { FindingDraft } from "../findings/finding-draft.js";
import type { Manifest } from "../manifests/manifest.js";
import { formatResourceKey, type ResourceKey } from "../manifests/resource-key.js";
import { apiStatus, formatKubeVersion, isKnownBuiltinApi, type KubeVersion } from "./api-lifecycle.js";
import { closestMatch } from "./did-you-mean.js";
import { checkObject } from "./object-checks/check-object.js";
import type { KindSchema, SchemaRegistry } from "./schema-registry.js";
import { schemaIssues } from "./schema-findings.js";

export interface ManifestValidationOptions {
  strict: boolean;
  kubeVersion: KubeVersion;
  skipUnknown: boolean;
  /** Namespace for namespaced objects that do not name one. */
  defaultNamespace: string;
}

export interface ManifestValidation {
  drafts: FindingDraft[];
  /** Identity with the namespace resolved for the kind's scope. */
  key: ResourceKey;
  /** The apiVersion is gone in the target version, so the object cannot exist there. */
  removed: boolean;
  /** No schema was found and --skip-unknown let it pass unchecked. */
  skipped: boolean;
}

export function effectiveKey(manifest: Manifest, namespaced: boolean, defaultNamespace: string): ResourceKey {
  const { group, version, kind, name, namespace } = manifest.key;
  return { group, version, kind, name, namespace: namespaced ? (namespace ?? defaultNamespace) : undefined };
}

/** `schema` may be passed when the caller has looked it up already. */
export function validateManifest(
  manifest: Manifest,
  registry: SchemaRegistry,
  options: ManifestValidationOptions,
  schema: KindSchema | undefined = registry.lookup(manifest.key.group, manifest.key.version, manifest.key.kind),
): ManifestValidation {
  const { group, kind } = manifest.key;
  const namespaced = schema?.namespaced ?? registry.isNamespaced(group, kind) ?? true;
  const key = effectiveKey(manifest, namespaced, options.defaultNamespace);
  let resource: string | undefined;
  const drafts: FindingDraft[] = [];
  const add = (rule: string, severity: Severity, pointer: string, target: "key" | "value", message: string, hint?: string): void => {
    resource ??= formatResourceKey(key);
    drafts.push({
      severity,
      rule,
      message,
      hint,
      resource,
      pointer,
      location: { kind: "node", documentIndex: manifest.source.documentIndex, pointer: manifest.source.pointer + pointer, target },
    });
  };
  const result: ManifestValidation = { drafts, key, removed: false, skipped: false };

  const lifecycle = apiStatus(manifest.apiVersion, kind, options.kubeVersion);
  if (lifecycle.status !== "current") drafts.push(...lifecycleDrafts(manifest.apiVersion, kind, manifest.source, options.kubeVersion, formatResourceKey(key)));
  if (lifecycle.status === "removed") {
    result.removed = true;
    // Nothing else can be said about an object the target cluster cannot store.
    if (!schema) return result;
  }

  if (!schema) {
    if (lifecycle.status === "deprecated" || isKnownBuiltinApi(manifest.apiVersion, kind)) {
      add("schema/not-validated", "info", "/apiVersion", "value", `drydock has no schema for ${manifest.apiVersion} ${kind} (its schemas are for Kubernetes 1.30); only its identity was checked`);
    } else if (options.skipUnknown) {
      result.skipped = true;
    } else {
      add("schema/missing", "error", "/kind", "value", `no schema for ${manifest.apiVersion} ${kind}`, missingSchemaHint(manifest, registry));
    }
    checkObject(manifest, { builtIn: false, namespaced }, (issue) =>
      add(issue.rule, issue.severity ?? "error", issue.pointer, issue.target ?? "value", issue.message, issue.hint),
    );
    return result;
  }

  validateAgainstSchema(manifest, schema, options, add);
  checkObject(manifest, { builtIn: schema.builtIn, namespaced }, (issue) =>
    add(issue.rule, issue.severity ?? "error", issue.pointer, issue.target ?? "value", issue.message, issue.hint),
  );
  return result;
}

/** api/removed and api/deprecated findings for an apiVersion and kind, at the apiVersion. */
export function lifecycleDrafts(apiVersion: string, kind: string, source: Manifest["source"], kubeVersion: KubeVersion, resource?: string): FindingDraft[] {
  const lifecycle = apiStatus(apiVersion, kind, kubeVersion);
  const at = { resource, pointer: "/apiVersion", location: { kind: "node", documentIndex: source.documentIndex, pointer: `${source.pointer}/apiVersion`, target: "value" } as const };
  switch (lifecycle.status) {
    case "current":
      return [];
    case "deprecated":
      return [
        {
          severity: "warning",
          rule: "api/deprecated",
          message: `${apiVersion} ${kind} is deprecated since Kubernetes ${lifecycle.deprecatedIn}${lifecycle.removedIn ? ` and is removed in ${lifecycle.removedIn}` : ""}`,
          hint: replacementHint(lifecycle.replacement, lifecycle.note),
          ...at,
        },
      ];
    case "removed":
      return [
        {
          severity: "error",
          rule: "api/removed",
          message: `${apiVersion} ${kind} was removed in Kubernetes ${lifecycle.removedIn}; the target is ${formatKubeVersion(kubeVersion)}`,
          hint: replacementHint(lifecycle.replacement, lifecycle.note),
          ...at,
        },
      ];
    default:
      return lifecycle satisfies never;
  }
}

type Add = (rule: string, severity: Severity, pointer: string, target: "key" | "value", message: string, hint?: string) => void;

function validateAgainstSchema(manifest: Manifest, schema: KindSchema, options: ManifestValidationOptions, add: Add): void {
  const outcome = schema.validate(manifest.object);
  if (outcome.ok) return;
  if ("schemaProblem" in outcome) {
    const from = schema.origin.kind === "builtin" ? "built-in" : `from ${schema.origin.file}`;
    add("schema/unusable", "error", "/kind", "value", `the ${from} schema for ${schema.apiVersion} ${schema.kind} cannot be used: ${outcome.schemaProblem}`);
    return;
  }
  for (const issue of schemaIssues(outcome.errors, { strict: options.strict })) {
    add(issue.rule, "error", issue.pointer, issue.target, issue.message, issue.hint);
  }
}

function replacementHint(replacement: string | undefined, note: string | undefined): string | undefined {
  if (note) return note;
  return replacement ? `use apiVersion: ${replacement}, and check the fields that changed between the versions` : undefined;
}

function missingSchemaHint(manifest: Manifest, registry: SchemaRegistry): string {
  const { kind, group } = manifest.key;
  const versions = registry.apiVersionsOf(kind);
  if (versions.length > 0) return `${kind} is served as ${versions.join(", ")}`;
  // A kind suggestion only makes sense within a group drydock knows; otherwise it is a custom resource.
  const similar = registry.knownGroups().has(group) ? closestMatch(kind, registry.knownKinds(group)) : undefined;
  if (similar) return `did you mean kind ${similar}?`;
  return "add its CustomResourceDefinition to the input, point --schema-dir at its JSON schema, or pass --skip-unknown";
}

// Every rule id drydock reports, with what it means. Reports (SARIF, the README table) read it; a
// test checks that every rule id in the code is listed here.

import { BUILTIN_RULES } from "../policy/builtin-catalog.js";
import { POLICY_PREFIX } from "../policy/policy-settings.js";

export interface RuleInfo {
  id: string;
  description: string;
}

const RULES: readonly RuleInfo[] = [
  { id: "input/empty", description: "No Kubernetes resources were found in the input." },
  { id: "input/too-large", description: "The file is over the size limit (5 MiB unless --max-file-size says otherwise)." },
  { id: "input/encoding", description: "The file is not UTF-8." },
  { id: "input/binary", description: "The file is binary, not YAML or JSON." },
  { id: "input/unreadable", description: "The file could not be read." },
  { id: "input/symlink", description: "A symbolic link points outside the folder being scanned, or nowhere." },
  { id: "input/submodule", description: "A git submodule; its files are not read." },
  { id: "input/unsafe-path", description: "A git tree entry with a name that is not a safe file name." },
  { id: "config/invalid", description: "drydock.yaml is not a single mapping of settings." },
  { id: "yaml/syntax", description: "The file is not valid YAML." },
  { id: "yaml/tab-indent", description: "A tab is used for indentation." },
  { id: "yaml/duplicate-key", description: "A mapping has the same key twice." },
  { id: "yaml/invalid-key", description: "A mapping key that is null or a collection, which JSON cannot have." },
  { id: "yaml/alias-bomb", description: "Aliases expand exponentially (a billion-laughs document)." },
  { id: "yaml/ambiguous-scalar", description: "An unquoted value that Kubernetes (YAML 1.1) and YAML 1.2 tools read differently." },
  { id: "yaml/not-json", description: "A value (.inf, .nan) that JSON cannot represent, so Kubernetes rejects the document." },
  { id: "yaml/unknown-tag", description: "A YAML tag the parser does not know." },
  { id: "manifest/not-a-mapping", description: "A document or List item is not a mapping." },
  { id: "manifest/invalid-list", description: "The items of a List are not a sequence." },
  { id: "manifest/missing-kind", description: "An object has no kind." },
  { id: "manifest/missing-apiversion", description: "An object has no apiVersion." },
  { id: "manifest/missing-name", description: "An object has no metadata.name." },
  { id: "manifest/rejected-kind", description: "An object of a kind listed in --reject." },
  { id: "manifest/not-an-object", description: "A configuration file of a Kubernetes component or tool, not an API object." },
  { id: "manifest/kustomize", description: "Kustomize configuration or a patch it lists; drydock does not run kustomize." },
  { id: "manifest/helm-chart", description: "A Helm chart folder; drydock does not render Helm templates." },
  { id: "manifest/hook", description: "An Argo CD or Helm hook named by generateName; drydock does not run hooks." },
  { id: "schema/missing", description: "No schema is known for the apiVersion and kind." },
  { id: "schema/unusable", description: "The schema for the kind cannot be compiled." },
  { id: "schema/not-validated", description: "An old apiVersion drydock has no schema for; only its identity was checked." },
  { id: "schema/unknown-field", description: "A field the schema does not define (strict mode)." },
  { id: "schema/required", description: "A required field is missing." },
  { id: "schema/type", description: "A value has the wrong type." },
  { id: "schema/enum", description: "A value is not one of the allowed values." },
  { id: "schema/format", description: "A string is not in the required format (quantity, date-time, ...)." },
  { id: "schema/range", description: "A number is out of the allowed range." },
  { id: "schema/size", description: "A string, list or mapping is too short or too long." },
  { id: "schema/pattern", description: "A string does not match the required pattern." },
  { id: "schema/unique", description: "A list that must hold unique items has duplicates." },
  { id: "schema/invalid", description: "A value does not satisfy another schema rule." },
  { id: "api/removed", description: "The apiVersion is no longer served by the target Kubernetes version." },
  { id: "api/deprecated", description: "The apiVersion is deprecated in the target Kubernetes version." },
  { id: "k8s/invalid-name", description: "A name does not have the syntax the API server requires." },
  { id: "k8s/invalid-label", description: "A label key or value is invalid." },
  { id: "k8s/invalid-annotation", description: "An annotation key is invalid, or annotations are too large." },
  { id: "k8s/duplicate-name", description: "Two containers, ports or volumes share a name." },
  { id: "k8s/duplicate-port", description: "A Service exposes the same port and protocol twice." },
  { id: "k8s/required", description: "A field the API server requires is missing." },
  { id: "k8s/port-range", description: "A port number is outside 1-65535." },
  { id: "k8s/node-port", description: "A nodePort is set where it cannot be, or outside the node port range." },
  { id: "k8s/unknown-volume", description: "A volume mount names no volume of the pod." },
  { id: "k8s/invalid-resources", description: "Resource requests exceed limits, or are negative." },
  { id: "k8s/restart-policy", description: "The pod restart policy is not allowed for the controller." },
  { id: "k8s/selector", description: "A label selector is empty or malformed." },
  { id: "k8s/selector-mismatch", description: "A controller's selector does not match its own pod template labels." },
  { id: "k8s/strategy", description: "A Deployment strategy that the API server rejects." },
  { id: "k8s/namespace-ignored", description: "A cluster-scoped object sets metadata.namespace." },
  { id: "k8s/resource-version", description: "A manifest sets metadata.resourceVersion, which the API server refuses on create." },
  { id: "resource/duplicate", description: "The same object (group, kind, namespace, name) is defined twice." },
  { id: "plan/invalid-sync-wave", description: "The drydock.dev/sync-wave annotation is not an integer; the object is planned in wave 0." },
  { id: "plan/duplicate-resource", description: "Two manifests define the same object; the plan cannot tell which one to apply." },
  { id: "exemption/unknown-rule", description: "A drydock.dev/ignore annotation names a rule that does not exist, so it exempts nothing." },
  { id: "policy-file/type-error", description: "A TypeScript policy does not type-check; it does not run." },
  { id: "policy-file/invalid", description: "A policy file does not define a usable policy (no default export, bad id or severity, a forbidden import)." },
  { id: "policy-file/threw", description: "A TypeScript policy threw an exception while checking a resource." },
  { id: "policy-file/timeout", description: "A TypeScript policy call ran over the time limit (policy.timeout); the policy was stopped." },
  { id: "policy-test/invalid", description: "A policy test file (*.test.yaml) is not a list of cases with resources and expectations." },
  ...BUILTIN_RULES.map((r) => ({ id: POLICY_PREFIX + r.id, description: r.description })),
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function allRules(): readonly RuleInfo[] {
  return RULES;
}

export function ruleInfo(id: string): RuleInfo | undefined {
  return BY_ID.get(id);
}

// Builds PolicyResources from YAML the way the engine does (effective namespace filled in for
// namespaced kinds), and runs built-in rules over them.
import { parseAllDocuments } from "yaml";
import { builtinRule } from "../../src/policy/builtin-catalog.js";
import type { BuiltinRule, RuleViolation } from "../../src/policy/builtin-rule.js";
import type { PolicyResource } from "../../src/policy/policy-resource.js";
import { ResourceIndex } from "../../src/policy/resource-index.js";
import { formatResourceKey, parseApiVersion } from "../../src/manifests/resource-key.js";

// Enough of Kubernetes' cluster-scoped kinds for tests and the corpus fixtures.
const CLUSTER_SCOPED = new Set([
  "Namespace",
  "Node",
  "PersistentVolume",
  "ClusterRole",
  "ClusterRoleBinding",
  "StorageClass",
  "CustomResourceDefinition",
  "PriorityClass",
  "IngressClass",
  "RuntimeClass",
  "APIService",
  "ValidatingWebhookConfiguration",
  "MutatingWebhookConfiguration",
  "PodSecurityPolicy",
  "SecurityContextConstraints",
  "CSIDriver",
  "ClusterIssuer",
]);

export interface LoadOptions {
  file?: string;
  defaultNamespace?: string;
  /** Live objects have no source. */
  live?: boolean;
}

/** Every mapping document with a kind, as a PolicyResource; other documents are skipped. */
export function policyResources(text: string, options: LoadOptions = {}): PolicyResource[] {
  const out: PolicyResource[] = [];
  parseAllDocuments(text).forEach((doc, documentIndex) => {
    if (!("errors" in doc) || doc.errors.length > 0) return;
    const object: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (object === null || typeof object !== "object" || Array.isArray(object)) return;
    const record = object as Record<string, unknown>;
    const kind = typeof record.kind === "string" ? record.kind : undefined;
    if (kind === undefined) return;
    const apiVersion = typeof record.apiVersion === "string" ? record.apiVersion : "v1";
    const metadata = (record.metadata ?? {}) as Record<string, unknown>;
    const name = typeof metadata.name === "string" ? metadata.name : "";
    const written = typeof metadata.namespace === "string" ? metadata.namespace : undefined;
    const { group, version } = parseApiVersion(apiVersion);
    const namespace = CLUSTER_SCOPED.has(kind) ? undefined : (written ?? options.defaultNamespace ?? "default");
    const key = { group, version, kind, namespace, name };
    out.push({
      key,
      apiVersion,
      object: record,
      display: formatResourceKey(key),
      source: options.live ? undefined : { file: options.file ?? "test.yaml", documentIndex, pointer: "" },
    });
  });
  return out;
}

/** The single resource in the YAML text. */
export function policyResource(text: string, options: LoadOptions = {}): PolicyResource {
  const [resource, ...rest] = policyResources(text, options);
  if (!resource || rest.length > 0) throw new Error(`expected one resource, got ${rest.length + (resource ? 1 : 0)}`);
  return resource;
}

export function ruleById(id: string): BuiltinRule {
  const rule = builtinRule(id);
  if (!rule) throw new Error(`no built-in rule ${id}`);
  return rule;
}

export interface Run {
  /** Objects the index holds besides the checked ones (desired). */
  others?: readonly PolicyResource[];
  live?: readonly PolicyResource[];
  options?: Record<string, unknown>;
}

export interface Reported extends RuleViolation {
  resource: string;
}

/**
 * Runs one rule over every desired resource (the index holds the desired resources, `others` and
 * `live`), the way the engine does, and returns what it reported, each tagged with the resource.
 */
export function runRule(id: string, desired: readonly PolicyResource[] | string, run: Run = {}): Reported[] {
  const rule = ruleById(id);
  const targets = typeof desired === "string" ? policyResources(desired) : desired;
  const index = new ResourceIndex([...targets, ...(run.others ?? [])], run.live ?? []);
  const options = { ...rule.defaults, ...run.options };
  return targets.flatMap((resource) => rule.check(resource, { index, options }).map((v) => ({ ...v, resource: `${resource.key.kind}/${resource.key.name}` })));
}

/** Pointers and resources only, for compact assertions. */
export function where(reported: readonly Reported[]): string[] {
  return reported.map((r) => `${r.resource} ${r.pointer}`);
}

/** A Deployment with one container; `container` and `pod` are YAML fragments merged in by indentation. */
export function deployment(options: { name?: string; namespace?: string; labels?: Record<string, string>; replicas?: number; container?: string; pod?: string } = {}): string {
  const name = options.name ?? "web";
  const labels = options.labels ?? { app: name };
  const labelLines = Object.entries(labels)
    .map(([k, v]) => `        ${k}: ${v}`)
    .join("\n");
  const selectorLines = Object.entries(labels)
    .map(([k, v]) => `      ${k}: ${v}`)
    .join("\n");
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${options.namespace ?? "shop"}
spec:
${options.replicas === undefined ? "" : `  replicas: ${options.replicas}\n`}  selector:
    matchLabels:
${selectorLines}
  template:
    metadata:
      labels:
${labelLines}
    spec:
${indent(options.pod ?? "", 6)}      containers:
        - name: ${name}
          image: nginx:1.27
${indent(options.container ?? "", 10)}`;
}

function indent(fragment: string, spaces: number): string {
  if (fragment.trim() === "") return "";
  const pad = " ".repeat(spaces);
  return (
    fragment
      .replace(/^\n+|\s+$/g, "")
      .split("\n")
      .map((line) => pad + line)
      .join("\n") + "\n"
  );
}

export const SHOP_NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;

function made(apiVersion: string, kind: string, namespace: string, name: string, rest: Record<string, unknown>): PolicyResource {
  const { group, version } = parseApiVersion(apiVersion);
  const key = { group, version, kind, namespace, name };
  return { key, apiVersion, object: { apiVersion, kind, metadata: { name, namespace }, ...rest }, display: formatResourceKey(key), source: { file: "big.yaml", documentIndex: 0, pointer: "" } };
}

/** `apps` Deployments, each with a Service and a ConfigMap, over 50 namespaces; built without YAML, for size. */
export function syntheticRepository(apps: number): PolicyResource[] {
  const out: PolicyResource[] = [];
  for (let i = 0; i < apps; i++) {
    const ns = `ns${i % 50}`;
    const name = `app${i}`;
    const labels = { app: name, team: `team${i % 7}` };
    out.push(
      made("apps/v1", "Deployment", ns, name, {
        spec: {
          replicas: 2,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: { containers: [{ name, image: "nginx:1.27", envFrom: [{ configMapRef: { name } }], ports: [{ containerPort: 80, name: "http" }] }] },
          },
        },
      }),
      made("v1", "Service", ns, name, { spec: { selector: { app: name }, ports: [{ port: 80, targetPort: "http" }] } }),
      made("v1", "ConfigMap", ns, name, { data: { a: "b" } }),
    );
  }
  return out;
}

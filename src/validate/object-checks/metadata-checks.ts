// ObjectMeta as the API server validates it: the name's syntax for the kind, the namespace, label
// and annotation keys and values.
import { joinPointer } from "../../manifests/json-pointer.js";
import { asRecord, asString, type Report } from "./check-context.js";
import { dns1035Label, dns1123Label, dns1123Subdomain, labelValue, memoized, pathSegmentName, qualifiedName, type NameCheck } from "./name-syntax.js";

const RBAC = "rbac.authorization.k8s.io";
const NAME_RULES: Record<string, NameCheck> = {
  "/Namespace": dns1123Label,
  "/Service": dns1035Label,
  [`${RBAC}/Role`]: pathSegmentName,
  [`${RBAC}/ClusterRole`]: pathSegmentName,
  [`${RBAC}/RoleBinding`]: pathSegmentName,
  [`${RBAC}/ClusterRoleBinding`]: pathSegmentName,
};

/** Longest names whose generated children would otherwise break a length limit. */
const NAME_MAX_LENGTH: Record<string, { max: number; why: string }> = {
  "batch/CronJob": { max: 52, why: "Jobs it creates append an 11-character suffix and must stay within 63" },
  "batch/Job": { max: 63, why: "it becomes the value of the batch.kubernetes.io/job-name label on its pods" },
};

const MAX_ANNOTATIONS_BYTES = 256 * 1024;

export function nameCheckFor(group: string, kind: string): NameCheck {
  return NAME_RULES[`${group}/${kind}`] ?? dns1123Subdomain;
}

export function checkMetadata(object: Record<string, unknown>, group: string, kind: string, report: Report): void {
  const metadata = asRecord(object.metadata);
  if (!metadata) return;
  const name = asString(metadata.name);
  if (name !== undefined) {
    const problem = nameCheckFor(group, kind)(name);
    const limit = NAME_MAX_LENGTH[`${group}/${kind}`];
    if (problem) {
      report({ rule: "k8s/invalid-name", pointer: "/metadata/name", message: `metadata.name ${JSON.stringify(name)} ${problem}` });
    } else if (limit && name.length > limit.max) {
      report({
        rule: "k8s/invalid-name",
        pointer: "/metadata/name",
        message: `metadata.name ${JSON.stringify(name)} must be no more than ${limit.max} characters for a ${kind} (it has ${name.length}): ${limit.why}`,
      });
    }
  }
  const namespace = asString(metadata.namespace);
  if (namespace !== undefined && namespace !== "") {
    const problem = namespaceName(namespace);
    if (problem) report({ rule: "k8s/invalid-name", pointer: "/metadata/namespace", message: `metadata.namespace ${JSON.stringify(namespace)} ${problem}` });
  }
  checkLabels(metadata.labels, "/metadata/labels", report);
  checkAnnotations(metadata.annotations, "/metadata/annotations", report);
  if (metadata.resourceVersion !== undefined && metadata.resourceVersion !== null && metadata.resourceVersion !== "") {
    report({
      rule: "k8s/resource-version",
      pointer: "/metadata/resourceVersion",
      message: "metadata.resourceVersion is set: the API server refuses to create an object that has one, and an update with it fails once the object has changed (an object exported with kubectl get -o yaml?)",
      hint: "remove metadata.resourceVersion, and the other fields the server fills in: uid, creationTimestamp, generation, managedFields, status",
    });
  }
}

const labelKey = memoized(qualifiedName);
const labelValueSyntax = memoized(labelValue);
const namespaceName = memoized(dns1123Label);

export function checkLabels(labels: unknown, pointer: string, report: Report): void {
  const record = asRecord(labels);
  if (!record) return;
  for (const key in record) {
    const value = record[key];
    const keyProblem = labelKey(key);
    if (keyProblem) report({ rule: "k8s/invalid-label", pointer: joinPointer(pointer, key), target: "key", message: `label key ${JSON.stringify(key)}: ${keyProblem}` });
    if (typeof value === "string") {
      const valueProblem = labelValueSyntax(value);
      if (valueProblem) report({ rule: "k8s/invalid-label", pointer: joinPointer(pointer, key), message: `label value ${JSON.stringify(value)} for ${key}: ${valueProblem}` });
    }
  }
}

export function checkAnnotations(annotations: unknown, pointer: string, report: Report): void {
  const record = asRecord(annotations);
  if (!record) return;
  let size = 0;
  for (const [key, value] of Object.entries(record)) {
    const problem = qualifiedName(key.toLowerCase());
    if (problem) report({ rule: "k8s/invalid-annotation", pointer: joinPointer(pointer, key), target: "key", message: `annotation key ${JSON.stringify(key)}: ${problem}` });
    size += Buffer.byteLength(key) + (typeof value === "string" ? Buffer.byteLength(value) : 0);
  }
  if (size > MAX_ANNOTATIONS_BYTES) {
    report({
      rule: "k8s/invalid-annotation",
      pointer,
      target: "key",
      message: `annotations total ${size} bytes, over the API server's limit of ${MAX_ANNOTATIONS_BYTES} bytes`,
      hint: "large client-side-apply annotations are a common cause; consider server-side apply or a ConfigMap",
    });
  }
}

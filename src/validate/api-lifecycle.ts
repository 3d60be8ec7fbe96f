// When built-in apiVersions were deprecated and removed (Kubernetes deprecation guide; the same data
// kube-no-trouble checks), so manifests can be judged against the cluster version they target.

export interface KubeVersion {
  major: number;
  minor: number;
}

/** "1.30", "v1.30.2" → { major: 1, minor: 30 }; undefined when it is not a version. */
export function parseKubeVersion(text: string): KubeVersion | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

export function formatKubeVersion(v: KubeVersion): string {
  return `${v.major}.${v.minor}`;
}

function atLeast(v: KubeVersion, other: string): boolean {
  const o = parseKubeVersion(other);
  if (!o) return false;
  return v.major > o.major || (v.major === o.major && v.minor >= o.minor);
}

interface Replacement {
  apiVersion: string;
  /** First release serving the replacement. */
  since: string;
}

interface Lifecycle {
  apiVersion: string;
  kinds: readonly string[];
  deprecatedIn: string;
  /** Absent while the removal is announced but not scheduled. */
  removedIn?: string;
  /** Newest first; empty when the API has no successor. */
  replacements: readonly Replacement[];
  note?: string;
}

const LIFECYCLES: readonly Lifecycle[] = [
  { apiVersion: "extensions/v1beta1", kinds: ["Deployment", "DaemonSet", "ReplicaSet"], deprecatedIn: "1.9", removedIn: "1.16", replacements: [{ apiVersion: "apps/v1", since: "1.9" }] },
  { apiVersion: "extensions/v1beta1", kinds: ["NetworkPolicy"], deprecatedIn: "1.9", removedIn: "1.16", replacements: [{ apiVersion: "networking.k8s.io/v1", since: "1.8" }] },
  { apiVersion: "extensions/v1beta1", kinds: ["PodSecurityPolicy"], deprecatedIn: "1.10", removedIn: "1.16", replacements: [{ apiVersion: "policy/v1beta1", since: "1.10" }] },
  { apiVersion: "extensions/v1beta1", kinds: ["Ingress"], deprecatedIn: "1.14", removedIn: "1.22", replacements: [{ apiVersion: "networking.k8s.io/v1", since: "1.19" }] },
  { apiVersion: "apps/v1beta1", kinds: ["Deployment", "StatefulSet", "ReplicaSet", "ControllerRevision"], deprecatedIn: "1.9", removedIn: "1.16", replacements: [{ apiVersion: "apps/v1", since: "1.9" }] },
  { apiVersion: "apps/v1beta2", kinds: ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ControllerRevision"], deprecatedIn: "1.9", removedIn: "1.16", replacements: [{ apiVersion: "apps/v1", since: "1.9" }] },
  { apiVersion: "networking.k8s.io/v1beta1", kinds: ["Ingress", "IngressClass"], deprecatedIn: "1.19", removedIn: "1.22", replacements: [{ apiVersion: "networking.k8s.io/v1", since: "1.19" }] },
  { apiVersion: "admissionregistration.k8s.io/v1beta1", kinds: ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"], deprecatedIn: "1.16", removedIn: "1.22", replacements: [{ apiVersion: "admissionregistration.k8s.io/v1", since: "1.16" }] },
  { apiVersion: "apiextensions.k8s.io/v1beta1", kinds: ["CustomResourceDefinition"], deprecatedIn: "1.16", removedIn: "1.22", replacements: [{ apiVersion: "apiextensions.k8s.io/v1", since: "1.16" }] },
  { apiVersion: "apiregistration.k8s.io/v1beta1", kinds: ["APIService"], deprecatedIn: "1.19", removedIn: "1.22", replacements: [{ apiVersion: "apiregistration.k8s.io/v1", since: "1.10" }] },
  { apiVersion: "authentication.k8s.io/v1beta1", kinds: ["TokenReview"], deprecatedIn: "1.19", removedIn: "1.22", replacements: [{ apiVersion: "authentication.k8s.io/v1", since: "1.6" }] },
  {
    apiVersion: "authorization.k8s.io/v1beta1",
    kinds: ["SubjectAccessReview", "LocalSubjectAccessReview", "SelfSubjectAccessReview", "SelfSubjectRulesReview"],
    deprecatedIn: "1.19",
    removedIn: "1.22",
    replacements: [{ apiVersion: "authorization.k8s.io/v1", since: "1.6" }],
  },
  { apiVersion: "certificates.k8s.io/v1beta1", kinds: ["CertificateSigningRequest"], deprecatedIn: "1.19", removedIn: "1.22", replacements: [{ apiVersion: "certificates.k8s.io/v1", since: "1.19" }] },
  { apiVersion: "coordination.k8s.io/v1beta1", kinds: ["Lease"], deprecatedIn: "1.14", removedIn: "1.22", replacements: [{ apiVersion: "coordination.k8s.io/v1", since: "1.14" }] },
  { apiVersion: "rbac.authorization.k8s.io/v1beta1", kinds: ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"], deprecatedIn: "1.17", removedIn: "1.22", replacements: [{ apiVersion: "rbac.authorization.k8s.io/v1", since: "1.8" }] },
  { apiVersion: "rbac.authorization.k8s.io/v1alpha1", kinds: ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"], deprecatedIn: "1.17", removedIn: "1.22", replacements: [{ apiVersion: "rbac.authorization.k8s.io/v1", since: "1.8" }] },
  { apiVersion: "scheduling.k8s.io/v1beta1", kinds: ["PriorityClass"], deprecatedIn: "1.14", removedIn: "1.22", replacements: [{ apiVersion: "scheduling.k8s.io/v1", since: "1.14" }] },
  { apiVersion: "scheduling.k8s.io/v1alpha1", kinds: ["PriorityClass"], deprecatedIn: "1.14", removedIn: "1.17", replacements: [{ apiVersion: "scheduling.k8s.io/v1", since: "1.14" }] },
  { apiVersion: "storage.k8s.io/v1beta1", kinds: ["CSIDriver", "StorageClass", "VolumeAttachment"], deprecatedIn: "1.19", removedIn: "1.22", replacements: [{ apiVersion: "storage.k8s.io/v1", since: "1.19" }] },
  { apiVersion: "storage.k8s.io/v1beta1", kinds: ["CSINode"], deprecatedIn: "1.17", removedIn: "1.22", replacements: [{ apiVersion: "storage.k8s.io/v1", since: "1.17" }] },
  { apiVersion: "storage.k8s.io/v1beta1", kinds: ["CSIStorageCapacity"], deprecatedIn: "1.24", removedIn: "1.27", replacements: [{ apiVersion: "storage.k8s.io/v1", since: "1.24" }] },
  { apiVersion: "batch/v1beta1", kinds: ["CronJob"], deprecatedIn: "1.21", removedIn: "1.25", replacements: [{ apiVersion: "batch/v1", since: "1.21" }] },
  { apiVersion: "batch/v2alpha1", kinds: ["CronJob"], deprecatedIn: "1.21", removedIn: "1.21", replacements: [{ apiVersion: "batch/v1", since: "1.21" }] },
  { apiVersion: "discovery.k8s.io/v1beta1", kinds: ["EndpointSlice"], deprecatedIn: "1.21", removedIn: "1.25", replacements: [{ apiVersion: "discovery.k8s.io/v1", since: "1.21" }] },
  { apiVersion: "events.k8s.io/v1beta1", kinds: ["Event"], deprecatedIn: "1.19", removedIn: "1.25", replacements: [{ apiVersion: "events.k8s.io/v1", since: "1.19" }] },
  { apiVersion: "autoscaling/v2beta1", kinds: ["HorizontalPodAutoscaler"], deprecatedIn: "1.23", removedIn: "1.25", replacements: [{ apiVersion: "autoscaling/v2", since: "1.23" }] },
  { apiVersion: "autoscaling/v2beta2", kinds: ["HorizontalPodAutoscaler"], deprecatedIn: "1.23", removedIn: "1.26", replacements: [{ apiVersion: "autoscaling/v2", since: "1.23" }] },
  { apiVersion: "policy/v1beta1", kinds: ["PodDisruptionBudget"], deprecatedIn: "1.21", removedIn: "1.25", replacements: [{ apiVersion: "policy/v1", since: "1.21" }] },
  {
    apiVersion: "policy/v1beta1",
    kinds: ["PodSecurityPolicy"],
    deprecatedIn: "1.21",
    removedIn: "1.25",
    replacements: [],
    note: "PodSecurityPolicy has no successor API; use Pod Security Admission (namespace labels pod-security.kubernetes.io/*)",
  },
  { apiVersion: "node.k8s.io/v1beta1", kinds: ["RuntimeClass"], deprecatedIn: "1.20", removedIn: "1.25", replacements: [{ apiVersion: "node.k8s.io/v1", since: "1.20" }] },
  {
    apiVersion: "flowcontrol.apiserver.k8s.io/v1beta1",
    kinds: ["FlowSchema", "PriorityLevelConfiguration"],
    deprecatedIn: "1.23",
    removedIn: "1.26",
    replacements: [
      { apiVersion: "flowcontrol.apiserver.k8s.io/v1", since: "1.29" },
      { apiVersion: "flowcontrol.apiserver.k8s.io/v1beta3", since: "1.26" },
      { apiVersion: "flowcontrol.apiserver.k8s.io/v1beta2", since: "1.23" },
    ],
  },
  {
    apiVersion: "flowcontrol.apiserver.k8s.io/v1beta2",
    kinds: ["FlowSchema", "PriorityLevelConfiguration"],
    deprecatedIn: "1.26",
    removedIn: "1.29",
    replacements: [
      { apiVersion: "flowcontrol.apiserver.k8s.io/v1", since: "1.29" },
      { apiVersion: "flowcontrol.apiserver.k8s.io/v1beta3", since: "1.26" },
    ],
  },
  {
    apiVersion: "flowcontrol.apiserver.k8s.io/v1beta3",
    kinds: ["FlowSchema", "PriorityLevelConfiguration"],
    deprecatedIn: "1.29",
    removedIn: "1.32",
    replacements: [{ apiVersion: "flowcontrol.apiserver.k8s.io/v1", since: "1.29" }],
  },
  { apiVersion: "admissionregistration.k8s.io/v1alpha1", kinds: ["InitializerConfiguration"], deprecatedIn: "1.14", removedIn: "1.14", replacements: [] },
  { apiVersion: "settings.k8s.io/v1alpha1", kinds: ["PodPreset"], deprecatedIn: "1.19", removedIn: "1.20", replacements: [] },
  // Served by the external-snapshotter CRDs rather than the API server; their removal is announced.
  { apiVersion: "snapshot.storage.k8s.io/v1beta1", kinds: ["VolumeSnapshot", "VolumeSnapshotClass", "VolumeSnapshotContent"], deprecatedIn: "1.21", replacements: [{ apiVersion: "snapshot.storage.k8s.io/v1", since: "1.20" }] },
];

const BY_KEY = new Map<string, Lifecycle>();
for (const entry of LIFECYCLES) for (const kind of entry.kinds) BY_KEY.set(`${entry.apiVersion}/${kind}`, entry);

/** Whether an apiVersion/kind is a built-in API of some Kubernetes release, current or not. */
export function isKnownBuiltinApi(apiVersion: string, kind: string): boolean {
  return BY_KEY.has(`${apiVersion}/${kind}`);
}

export type ApiStatus =
  | { status: "current" }
  | { status: "deprecated"; deprecatedIn: string; removedIn?: string; replacement?: string; note?: string }
  | { status: "removed"; removedIn: string; replacement?: string; note?: string };

/** Whether an apiVersion/kind is served, deprecated or gone in the target Kubernetes version. */
export function apiStatus(apiVersion: string, kind: string, target: KubeVersion): ApiStatus {
  const entry = BY_KEY.get(`${apiVersion}/${kind}`);
  if (!entry || !atLeast(target, entry.deprecatedIn)) return { status: "current" };
  const replacement = entry.replacements.find((r) => atLeast(target, r.since))?.apiVersion;
  if (entry.removedIn && atLeast(target, entry.removedIn)) {
    return { status: "removed", removedIn: entry.removedIn, replacement, note: entry.note };
  }
  return { status: "deprecated", deprecatedIn: entry.deprecatedIn, removedIn: entry.removedIn, replacement, note: entry.note };
}

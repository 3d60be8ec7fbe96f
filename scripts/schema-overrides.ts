// Facts about the Kubernetes 1.30 API that kubernetes-types cannot express, so the schema generator
// adds them. Keys name a definition the way the generator does (`<package>.<Type>.<property>`,
// `[]` for the items of a list); the generator fails when a key names nothing, so a typo here can
// never silently drop a check.

const PROTOCOLS = ["SCTP", "TCP", "UDP", ""];
const ACCESS_MODES = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
const PULL_POLICIES = ["Always", "IfNotPresent", "Never", ""];
const TERMINATION_MESSAGE_POLICIES = ["FallbackToLogsOnError", "File", ""];
const QUOTA_SCOPES = ["BestEffort", "CrossNamespacePodAffinity", "NotBestEffort", "NotTerminating", "PriorityClass", "Terminating"];
const TAINT_EFFECTS = ["NoExecute", "NoSchedule", "PreferNoSchedule"];
const PROFILE_TYPES = ["Localhost", "RuntimeDefault", "Unconfined"];

/**
 * Enumerations the API server enforces (upstream OpenAPI "Possible enum values" plus validation
 * code). An empty string is listed where the server defaults an empty value instead of rejecting it.
 */
export const ENUMS: Record<string, readonly string[]> = {
  "core.v1.Container.imagePullPolicy": PULL_POLICIES,
  "core.v1.EphemeralContainer.imagePullPolicy": PULL_POLICIES,
  "core.v1.Container.terminationMessagePolicy": TERMINATION_MESSAGE_POLICIES,
  "core.v1.EphemeralContainer.terminationMessagePolicy": TERMINATION_MESSAGE_POLICIES,
  "core.v1.Container.restartPolicy": ["Always"],
  "core.v1.PodSpec.restartPolicy": ["Always", "Never", "OnFailure", ""],
  "core.v1.PodSpec.dnsPolicy": ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None", ""],
  "core.v1.PodSpec.preemptionPolicy": ["Never", "PreemptLowerPriority"],
  "core.v1.PodOS.name": ["linux", "windows"],
  "core.v1.PodSecurityContext.fsGroupChangePolicy": ["Always", "OnRootMismatch"],
  "core.v1.ContainerPort.protocol": PROTOCOLS,
  "core.v1.ServicePort.protocol": PROTOCOLS,
  "core.v1.EndpointPort.protocol": PROTOCOLS,
  "discovery.v1.EndpointPort.protocol": PROTOCOLS,
  "networking.v1.NetworkPolicyPort.protocol": PROTOCOLS,
  "core.v1.ServiceSpec.type": ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort", ""],
  "core.v1.ServiceSpec.sessionAffinity": ["ClientIP", "None", ""],
  "core.v1.ServiceSpec.externalTrafficPolicy": ["Cluster", "Local", ""],
  "core.v1.ServiceSpec.internalTrafficPolicy": ["Cluster", "Local", ""],
  "core.v1.ServiceSpec.ipFamilyPolicy": ["PreferDualStack", "RequireDualStack", "SingleStack", ""],
  "core.v1.ServiceSpec.ipFamilies[]": ["IPv4", "IPv6"],
  "core.v1.Toleration.operator": ["Equal", "Exists", ""],
  "core.v1.Toleration.effect": [...TAINT_EFFECTS, ""],
  "core.v1.Taint.effect": TAINT_EFFECTS,
  "core.v1.NodeSelectorRequirement.operator": ["DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"],
  "meta.v1.LabelSelectorRequirement.operator": ["DoesNotExist", "Exists", "In", "NotIn"],
  "core.v1.PersistentVolumeClaimSpec.volumeMode": ["Block", "Filesystem"],
  "core.v1.PersistentVolumeSpec.volumeMode": ["Block", "Filesystem"],
  "core.v1.PersistentVolumeClaimSpec.accessModes[]": ACCESS_MODES,
  "core.v1.PersistentVolumeSpec.accessModes[]": ACCESS_MODES,
  "core.v1.PersistentVolumeSpec.persistentVolumeReclaimPolicy": ["Delete", "Recycle", "Retain"],
  "core.v1.HostPathVolumeSource.type": ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"],
  "core.v1.HTTPGetAction.scheme": ["HTTP", "HTTPS", ""],
  "core.v1.SeccompProfile.type": PROFILE_TYPES,
  "core.v1.AppArmorProfile.type": PROFILE_TYPES,
  "core.v1.SecurityContext.procMount": ["Default", "Unmasked"],
  "core.v1.TopologySpreadConstraint.whenUnsatisfiable": ["DoNotSchedule", "ScheduleAnyway"],
  "core.v1.TopologySpreadConstraint.nodeAffinityPolicy": ["Honor", "Ignore"],
  "core.v1.TopologySpreadConstraint.nodeTaintsPolicy": ["Honor", "Ignore"],
  "core.v1.ContainerResizePolicy.restartPolicy": ["NotRequired", "RestartContainer"],
  "core.v1.LimitRangeItem.type": ["Container", "PersistentVolumeClaim", "Pod"],
  "core.v1.ScopedResourceSelectorRequirement.operator": ["DoesNotExist", "Exists", "In", "NotIn"],
  "core.v1.ScopedResourceSelectorRequirement.scopeName": QUOTA_SCOPES,
  "core.v1.ResourceQuotaSpec.scopes[]": QUOTA_SCOPES,
  "apps.v1.DeploymentStrategy.type": ["Recreate", "RollingUpdate"],
  "apps.v1.DaemonSetUpdateStrategy.type": ["OnDelete", "RollingUpdate"],
  "apps.v1.StatefulSetUpdateStrategy.type": ["OnDelete", "RollingUpdate"],
  "apps.v1.StatefulSetSpec.podManagementPolicy": ["OrderedReady", "Parallel"],
  "apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted": ["Delete", "Retain"],
  "apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled": ["Delete", "Retain"],
  "batch.v1.CronJobSpec.concurrencyPolicy": ["Allow", "Forbid", "Replace"],
  "batch.v1.JobSpec.completionMode": ["Indexed", "NonIndexed"],
  "batch.v1.JobSpec.podReplacementPolicy": ["Failed", "TerminatingOrFailed"],
  "batch.v1.PodFailurePolicyRule.action": ["Count", "FailIndex", "FailJob", "Ignore"],
  "batch.v1.PodFailurePolicyOnExitCodesRequirement.operator": ["In", "NotIn"],
  "networking.v1.HTTPIngressPath.pathType": ["Exact", "ImplementationSpecific", "Prefix"],
  "networking.v1.NetworkPolicySpec.policyTypes[]": ["Egress", "Ingress"],
  "autoscaling.v2.MetricSpec.type": ["ContainerResource", "External", "Object", "Pods", "Resource"],
  "autoscaling.v2.MetricTarget.type": ["AverageValue", "Utilization", "Value"],
  "autoscaling.v2.HPAScalingRules.selectPolicy": ["Disabled", "Max", "Min"],
  "autoscaling.v2.HPAScalingPolicy.type": ["Percent", "Pods"],
  "policy.v1.PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy": ["AlwaysAllow", "IfHealthyBudget"],
  "rbac.v1.Subject.kind": ["Group", "ServiceAccount", "User"],
  "storage.v1.StorageClass.reclaimPolicy": ["Delete", "Recycle", "Retain"],
  "storage.v1.StorageClass.volumeBindingMode": ["Immediate", "WaitForFirstConsumer"],
  "apiextensions.v1.CustomResourceDefinitionSpec.scope": ["Cluster", "Namespaced"],
  "apiextensions.v1.CustomResourceConversion.strategy": ["None", "Webhook"],
  "admissionregistration.v1.ValidatingWebhook.failurePolicy": ["Fail", "Ignore"],
  "admissionregistration.v1.MutatingWebhook.failurePolicy": ["Fail", "Ignore"],
  "admissionregistration.v1.ValidatingWebhook.sideEffects": ["None", "NoneOnDryRun"],
  "admissionregistration.v1.MutatingWebhook.sideEffects": ["None", "NoneOnDryRun"],
  "admissionregistration.v1.ValidatingWebhook.matchPolicy": ["Equivalent", "Exact"],
  "admissionregistration.v1.MutatingWebhook.matchPolicy": ["Equivalent", "Exact"],
  "admissionregistration.v1.MutatingWebhook.reinvocationPolicy": ["IfNeeded", "Never"],
  "admissionregistration.v1.RuleWithOperations.operations[]": ["*", "CONNECT", "CREATE", "DELETE", "UPDATE"],
  "admissionregistration.v1.RuleWithOperations.scope": ["*", "Cluster", "Namespaced"],
};

/**
 * kubernetes-types writes every number as `number`; the built-in APIs use integers everywhere except
 * these float64 fields of CRD schemas.
 */
export const FLOAT_FIELDS: ReadonlySet<string> = new Set([
  "apiextensions.v1.JSONSchemaProps.maximum",
  "apiextensions.v1.JSONSchemaProps.minimum",
  "apiextensions.v1.JSONSchemaProps.multipleOf",
]);

const RULE_FIELDS = {
  resources: { type: ["array", "null"], items: { type: "string" } },
  scope: { type: ["string", "null"] },
};

/**
 * Fields kubernetes-types leaves out: JSON names that are not TypeScript identifiers, and fields of
 * structs Go inlines. Values are JSON schemas; `$ref` values name definitions the generator must also emit.
 */
export const EXTRA_PROPERTIES: Record<string, Record<string, object>> = {
  // Go inlines `Rule` into these; kubernetes-types loses the inlined `resources` and `scope` (found by
  // comparing every definition with @kubernetes/client-node's models, which keep the JSON names).
  "admissionregistration.v1.RuleWithOperations": RULE_FIELDS,
  "admissionregistration.v1.NamedRuleWithOperations": RULE_FIELDS,
  "admissionregistration.v1alpha1.NamedRuleWithOperations": RULE_FIELDS,
  "admissionregistration.v1beta1.NamedRuleWithOperations": RULE_FIELDS,
  "authorization.v1.ResourceRule": {
    resources: { type: ["array", "null"], items: { type: "string" } },
    verbs: { type: ["array", "null"], items: { type: "string" } },
  },
  "apiextensions.v1.JSONSchemaProps": {
    "x-kubernetes-embedded-resource": { type: ["boolean", "null"] },
    "x-kubernetes-int-or-string": { type: ["boolean", "null"] },
    "x-kubernetes-list-map-keys": { type: ["array", "null"], items: { type: "string" } },
    "x-kubernetes-list-type": { type: ["string", "null"], enum: ["atomic", "map", "set", null] },
    "x-kubernetes-map-type": { type: ["string", "null"], enum: ["atomic", "granular", null] },
    "x-kubernetes-preserve-unknown-fields": { type: ["boolean", "null"] },
    "x-kubernetes-validations": { type: ["array", "null"], items: { $ref: "apiextensions.v1.ValidationRule" } },
  },
};

/** Kinds served at cluster scope (everything else is namespaced), keyed `group/Kind`, core group empty. */
export const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  "/ComponentStatus",
  "/Namespace",
  "/Node",
  "/PersistentVolume",
  "admissionregistration.k8s.io/MutatingWebhookConfiguration",
  "admissionregistration.k8s.io/ValidatingAdmissionPolicy",
  "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
  "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
  "apiextensions.k8s.io/CustomResourceDefinition",
  "apiregistration.k8s.io/APIService",
  "authentication.k8s.io/SelfSubjectReview",
  "authentication.k8s.io/TokenReview",
  "authorization.k8s.io/SelfSubjectAccessReview",
  "authorization.k8s.io/SelfSubjectRulesReview",
  "authorization.k8s.io/SubjectAccessReview",
  "certificates.k8s.io/CertificateSigningRequest",
  "certificates.k8s.io/ClusterTrustBundle",
  "flowcontrol.apiserver.k8s.io/FlowSchema",
  "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration",
  "internal.apiserver.k8s.io/StorageVersion",
  "networking.k8s.io/IngressClass",
  "networking.k8s.io/IPAddress",
  "networking.k8s.io/ServiceCIDR",
  "node.k8s.io/RuntimeClass",
  "rbac.authorization.k8s.io/ClusterRole",
  "rbac.authorization.k8s.io/ClusterRoleBinding",
  "resource.k8s.io/ResourceClass",
  "scheduling.k8s.io/PriorityClass",
  "storage.k8s.io/CSIDriver",
  "storage.k8s.io/CSINode",
  "storage.k8s.io/StorageClass",
  "storage.k8s.io/VolumeAttachment",
  "storage.k8s.io/VolumeAttributesClass",
  "storagemigration.k8s.io/StorageVersionMigration",
]);

/**
 * Built-in kinds that kubernetes-types does not ship (kube-aggregator's APIService), written out from
 * the upstream 1.30 OpenAPI. Definitions use the generator's naming and null-tolerant types.
 */
export const EXTRA_KINDS: ReadonlyArray<{ apiVersion: string; kind: string; definitions: Record<string, object> }> = [
  {
    apiVersion: "apiregistration.k8s.io/v1",
    kind: "APIService",
    definitions: {
      "apiregistration.v1.APIService": {
        description: "APIService represents a server for a particular GroupVersion. Name must be \"version.group\".",
        type: ["object", "null"],
        additionalProperties: false,
        properties: {
          apiVersion: { type: ["string", "null"], enum: ["apiregistration.k8s.io/v1", null] },
          kind: { type: ["string", "null"], enum: ["APIService", null] },
          metadata: { $ref: "meta.v1.ObjectMeta" },
          spec: { $ref: "apiregistration.v1.APIServiceSpec" },
          status: { $ref: "apiregistration.v1.APIServiceStatus" },
        },
      },
      "apiregistration.v1.APIServiceSpec": {
        description: "APIServiceSpec contains information for locating and communicating with a server.",
        type: ["object", "null"],
        additionalProperties: false,
        required: ["groupPriorityMinimum", "versionPriority"],
        properties: {
          caBundle: { type: ["string", "null"], description: "PEM encoded CA bundle, base64 encoded." },
          group: { type: ["string", "null"], description: "Group is the API group name this server hosts." },
          groupPriorityMinimum: { type: "integer", description: "Priority this group should have at least." },
          insecureSkipTLSVerify: { type: ["boolean", "null"] },
          service: { $ref: "apiregistration.v1.ServiceReference" },
          version: { type: ["string", "null"], description: "Version is the API version this server hosts." },
          versionPriority: { type: "integer", description: "Ordering of this version within its group." },
        },
      },
      "apiregistration.v1.ServiceReference": {
        type: ["object", "null"],
        additionalProperties: false,
        properties: {
          name: { type: ["string", "null"] },
          namespace: { type: ["string", "null"] },
          port: { type: ["integer", "null"] },
        },
      },
      "apiregistration.v1.APIServiceStatus": {
        type: ["object", "null"],
        additionalProperties: false,
        properties: {
          conditions: { type: ["array", "null"], items: { $ref: "apiregistration.v1.APIServiceCondition" } },
        },
      },
      "apiregistration.v1.APIServiceCondition": {
        type: ["object", "null"],
        additionalProperties: false,
        required: ["status", "type"],
        properties: {
          lastTransitionTime: { type: ["string", "null"], format: "date-time" },
          message: { type: ["string", "null"] },
          reason: { type: ["string", "null"] },
          status: { type: "string" },
          type: { type: "string" },
        },
      },
    },
  },
];

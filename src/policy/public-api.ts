// The module users import as `drydock/policy` in their policy files. It must stay self-contained:
// only type imports (from kubernetes-types) and `definePolicy`, because its declarations are what a
// policy is type-checked against, in an in-memory project that holds nothing else of drydock.
import type * as admissionregistrationV1 from "kubernetes-types/admissionregistration/v1.js";
import type * as admissionregistrationV1alpha1 from "kubernetes-types/admissionregistration/v1alpha1.js";
import type * as admissionregistrationV1beta1 from "kubernetes-types/admissionregistration/v1beta1.js";
import type * as apiextensionsV1 from "kubernetes-types/apiextensions/v1.js";
import type * as apiserverinternalV1alpha1 from "kubernetes-types/apiserverinternal/v1alpha1.js";
import type * as appsV1 from "kubernetes-types/apps/v1.js";
import type * as autoscalingV1 from "kubernetes-types/autoscaling/v1.js";
import type * as autoscalingV2 from "kubernetes-types/autoscaling/v2.js";
import type * as batchV1 from "kubernetes-types/batch/v1.js";
import type * as certificatesV1 from "kubernetes-types/certificates/v1.js";
import type * as certificatesV1alpha1 from "kubernetes-types/certificates/v1alpha1.js";
import type * as coordinationV1 from "kubernetes-types/coordination/v1.js";
import type * as coreV1 from "kubernetes-types/core/v1.js";
import type * as discoveryV1 from "kubernetes-types/discovery/v1.js";
import type * as eventsV1 from "kubernetes-types/events/v1.js";
import type * as flowcontrolV1 from "kubernetes-types/flowcontrol/v1.js";
import type * as flowcontrolV1beta3 from "kubernetes-types/flowcontrol/v1beta3.js";
import type { LabelSelector, ObjectMeta } from "kubernetes-types/meta/v1.js";
import type * as networkingV1 from "kubernetes-types/networking/v1.js";
import type * as networkingV1alpha1 from "kubernetes-types/networking/v1alpha1.js";
import type * as nodeV1 from "kubernetes-types/node/v1.js";
import type * as policyV1 from "kubernetes-types/policy/v1.js";
import type * as rbacV1 from "kubernetes-types/rbac/v1.js";
import type * as resourceV1alpha2 from "kubernetes-types/resource/v1alpha2.js";
import type * as schedulingV1 from "kubernetes-types/scheduling/v1.js";
import type * as storageV1 from "kubernetes-types/storage/v1.js";
import type * as storageV1alpha1 from "kubernetes-types/storage/v1alpha1.js";
import type * as storagemigrationV1alpha1 from "kubernetes-types/storagemigration/v1alpha1.js";

/** How much a policy's findings matter: errors block `validate`, `plan` and `apply`. */
export type PolicySeverity = "error" | "warning" | "info";

/**
 * Every built-in kind that can be written in a manifest, by `apiVersion/Kind` (the form `match.kinds`
 * accepts to pin a version). Subresources, reviews and discovery documents are left out.
 */
export interface ApiKinds {
  "v1/ConfigMap": coreV1.ConfigMap;
  "v1/Endpoints": coreV1.Endpoints;
  "v1/Event": coreV1.Event;
  "v1/LimitRange": coreV1.LimitRange;
  "v1/Namespace": coreV1.Namespace;
  "v1/Node": coreV1.Node;
  "v1/PersistentVolume": coreV1.PersistentVolume;
  "v1/PersistentVolumeClaim": coreV1.PersistentVolumeClaim;
  "v1/Pod": coreV1.Pod;
  "v1/PodTemplate": coreV1.PodTemplate;
  "v1/ReplicationController": coreV1.ReplicationController;
  "v1/ResourceQuota": coreV1.ResourceQuota;
  "v1/Secret": coreV1.Secret;
  "v1/Service": coreV1.Service;
  "v1/ServiceAccount": coreV1.ServiceAccount;
  "apps/v1/ControllerRevision": appsV1.ControllerRevision;
  "apps/v1/DaemonSet": appsV1.DaemonSet;
  "apps/v1/Deployment": appsV1.Deployment;
  "apps/v1/ReplicaSet": appsV1.ReplicaSet;
  "apps/v1/StatefulSet": appsV1.StatefulSet;
  "batch/v1/CronJob": batchV1.CronJob;
  "batch/v1/Job": batchV1.Job;
  "autoscaling/v1/HorizontalPodAutoscaler": autoscalingV1.HorizontalPodAutoscaler;
  "autoscaling/v2/HorizontalPodAutoscaler": autoscalingV2.HorizontalPodAutoscaler;
  "policy/v1/PodDisruptionBudget": policyV1.PodDisruptionBudget;
  "networking.k8s.io/v1/Ingress": networkingV1.Ingress;
  "networking.k8s.io/v1/IngressClass": networkingV1.IngressClass;
  "networking.k8s.io/v1/NetworkPolicy": networkingV1.NetworkPolicy;
  "networking.k8s.io/v1alpha1/IPAddress": networkingV1alpha1.IPAddress;
  "networking.k8s.io/v1alpha1/ServiceCIDR": networkingV1alpha1.ServiceCIDR;
  "rbac.authorization.k8s.io/v1/ClusterRole": rbacV1.ClusterRole;
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": rbacV1.ClusterRoleBinding;
  "rbac.authorization.k8s.io/v1/Role": rbacV1.Role;
  "rbac.authorization.k8s.io/v1/RoleBinding": rbacV1.RoleBinding;
  "storage.k8s.io/v1/CSIDriver": storageV1.CSIDriver;
  "storage.k8s.io/v1/CSINode": storageV1.CSINode;
  "storage.k8s.io/v1/CSIStorageCapacity": storageV1.CSIStorageCapacity;
  "storage.k8s.io/v1/StorageClass": storageV1.StorageClass;
  "storage.k8s.io/v1/VolumeAttachment": storageV1.VolumeAttachment;
  "storage.k8s.io/v1alpha1/VolumeAttributesClass": storageV1alpha1.VolumeAttributesClass;
  "scheduling.k8s.io/v1/PriorityClass": schedulingV1.PriorityClass;
  "node.k8s.io/v1/RuntimeClass": nodeV1.RuntimeClass;
  "coordination.k8s.io/v1/Lease": coordinationV1.Lease;
  "discovery.k8s.io/v1/EndpointSlice": discoveryV1.EndpointSlice;
  "events.k8s.io/v1/Event": eventsV1.Event;
  "certificates.k8s.io/v1/CertificateSigningRequest": certificatesV1.CertificateSigningRequest;
  "certificates.k8s.io/v1alpha1/ClusterTrustBundle": certificatesV1alpha1.ClusterTrustBundle;
  "apiextensions.k8s.io/v1/CustomResourceDefinition": apiextensionsV1.CustomResourceDefinition;
  "admissionregistration.k8s.io/v1/MutatingWebhookConfiguration": admissionregistrationV1.MutatingWebhookConfiguration;
  "admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration": admissionregistrationV1.ValidatingWebhookConfiguration;
  "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy": admissionregistrationV1.ValidatingAdmissionPolicy;
  "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding": admissionregistrationV1.ValidatingAdmissionPolicyBinding;
  "admissionregistration.k8s.io/v1beta1/ValidatingAdmissionPolicy": admissionregistrationV1beta1.ValidatingAdmissionPolicy;
  "admissionregistration.k8s.io/v1beta1/ValidatingAdmissionPolicyBinding": admissionregistrationV1beta1.ValidatingAdmissionPolicyBinding;
  "admissionregistration.k8s.io/v1alpha1/ValidatingAdmissionPolicy": admissionregistrationV1alpha1.ValidatingAdmissionPolicy;
  "admissionregistration.k8s.io/v1alpha1/ValidatingAdmissionPolicyBinding": admissionregistrationV1alpha1.ValidatingAdmissionPolicyBinding;
  "flowcontrol.apiserver.k8s.io/v1/FlowSchema": flowcontrolV1.FlowSchema;
  "flowcontrol.apiserver.k8s.io/v1/PriorityLevelConfiguration": flowcontrolV1.PriorityLevelConfiguration;
  "flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema": flowcontrolV1beta3.FlowSchema;
  "flowcontrol.apiserver.k8s.io/v1beta3/PriorityLevelConfiguration": flowcontrolV1beta3.PriorityLevelConfiguration;
  "resource.k8s.io/v1alpha2/PodSchedulingContext": resourceV1alpha2.PodSchedulingContext;
  "resource.k8s.io/v1alpha2/ResourceClaim": resourceV1alpha2.ResourceClaim;
  "resource.k8s.io/v1alpha2/ResourceClaimParameters": resourceV1alpha2.ResourceClaimParameters;
  "resource.k8s.io/v1alpha2/ResourceClaimTemplate": resourceV1alpha2.ResourceClaimTemplate;
  "resource.k8s.io/v1alpha2/ResourceClass": resourceV1alpha2.ResourceClass;
  "resource.k8s.io/v1alpha2/ResourceClassParameters": resourceV1alpha2.ResourceClassParameters;
  "resource.k8s.io/v1alpha2/ResourceSlice": resourceV1alpha2.ResourceSlice;
  "internal.apiserver.k8s.io/v1alpha1/StorageVersion": apiserverinternalV1alpha1.StorageVersion;
  "storagemigration.k8s.io/v1alpha1/StorageVersionMigration": storagemigrationV1alpha1.StorageVersionMigration;
}

/** `"apps/v1/Deployment"` → `"Deployment"`. */
type KindName<K extends string> = K extends `${string}/${infer Rest}` ? KindName<Rest> : K;

/**
 * Built-in kinds by bare name. A bare kind matches every version of its built-in group(s), so a kind
 * served in two versions is the union of both (narrow it with `resource.apiVersion === "autoscaling/v2"`).
 */
export type Kinds = { [K in keyof ApiKinds as KindName<K>]: ApiKinds[K] };

/** A kind as `match.kinds` accepts it: `"Deployment"`, `"apps/v1/Deployment"`, or any custom resource's. */
export type KindSelector = keyof Kinds | keyof ApiKinds | (string & {});

/** Any object, as policies see kinds drydock has no type for (custom resources, or no `match.kinds`). */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

type ResourceOfKind<K> = K extends keyof ApiKinds ? ApiKinds[K] : K extends keyof Kinds ? Kinds[K] : KubernetesObject;

/** The type of `resource` for a policy that matches the kinds `K`; any unknown kind widens it to `KubernetesObject`. */
export type ResourceFor<K extends readonly string[]> = K extends readonly [] ? KubernetesObject : ResourceOfKind<K[number]>;

/** Which resources a policy validates. Every field narrows; a policy with no `match` sees every resource. */
export interface PolicyMatch<K extends readonly KindSelector[] = readonly KindSelector[]> {
  /** `"Deployment"` (the built-in kind, any version) or `"apps/v1/Deployment"` (that version only). */
  kinds?: K;
  /** Effective namespaces (the default namespace filled in); cluster-scoped resources never match. */
  namespaces?: readonly string[];
  /** Matched against `metadata.labels`. */
  labelSelector?: LabelSelector;
}

export interface ReportOptions {
  /** JSON pointer inside the resource, e.g. `/spec/template/spec/containers/0/image`; the whole resource when absent. */
  path?: string;
}

export interface PolicyContext {
  /** Records a finding on the resource being validated. */
  report(message: string, options?: ReportOptions): void;
  /** Every desired resource of the run, for rules that look across resources. Read-only. */
  readonly resources: readonly KubernetesObject[];
  /** This policy's options from drydock.yaml (`policy.options.<id>`); `{}` when none are set. */
  readonly options: Readonly<Record<string, unknown>>;
}

export interface PolicyDefinition<K extends readonly KindSelector[] = readonly []> {
  /** Lowercase letters, digits and dashes; findings are reported as `policy/<id>`. */
  id: string;
  description: string;
  severity: PolicySeverity;
  match?: PolicyMatch<K>;
  /** Called once per matching resource. Must be synchronous and must not change the resource. */
  validate(resource: ResourceFor<K>, ctx: PolicyContext): void;
}

/** Declares a policy; the kinds in `match.kinds` type `resource`. Returns its argument. */
export function definePolicy<const K extends readonly KindSelector[] = readonly []>(policy: PolicyDefinition<K>): PolicyDefinition<K> {
  return policy;
}

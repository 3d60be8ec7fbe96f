// Which API groups serve each built-in kind. A bare kind in `match.kinds` ("Deployment") means the
// built-in kind in any version of its group(s), not a custom resource that happens to share the name:
// that is what lets `definePolicy` type `resource` from the kind alone.
import type { ApiKinds } from "../public-api.js";

// Typed against ApiKinds so that the list and the public types cannot drift apart.
const API_KINDS: Record<keyof ApiKinds, true> = {
  "v1/ConfigMap": true,
  "v1/Endpoints": true,
  "v1/Event": true,
  "v1/LimitRange": true,
  "v1/Namespace": true,
  "v1/Node": true,
  "v1/PersistentVolume": true,
  "v1/PersistentVolumeClaim": true,
  "v1/Pod": true,
  "v1/PodTemplate": true,
  "v1/ReplicationController": true,
  "v1/ResourceQuota": true,
  "v1/Secret": true,
  "v1/Service": true,
  "v1/ServiceAccount": true,
  "apps/v1/ControllerRevision": true,
  "apps/v1/DaemonSet": true,
  "apps/v1/Deployment": true,
  "apps/v1/ReplicaSet": true,
  "apps/v1/StatefulSet": true,
  "batch/v1/CronJob": true,
  "batch/v1/Job": true,
  "autoscaling/v1/HorizontalPodAutoscaler": true,
  "autoscaling/v2/HorizontalPodAutoscaler": true,
  "policy/v1/PodDisruptionBudget": true,
  "networking.k8s.io/v1/Ingress": true,
  "networking.k8s.io/v1/IngressClass": true,
  "networking.k8s.io/v1/NetworkPolicy": true,
  "networking.k8s.io/v1alpha1/IPAddress": true,
  "networking.k8s.io/v1alpha1/ServiceCIDR": true,
  "rbac.authorization.k8s.io/v1/ClusterRole": true,
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": true,
  "rbac.authorization.k8s.io/v1/Role": true,
  "rbac.authorization.k8s.io/v1/RoleBinding": true,
  "storage.k8s.io/v1/CSIDriver": true,
  "storage.k8s.io/v1/CSINode": true,
  "storage.k8s.io/v1/CSIStorageCapacity": true,
  "storage.k8s.io/v1/StorageClass": true,
  "storage.k8s.io/v1/VolumeAttachment": true,
  "storage.k8s.io/v1alpha1/VolumeAttributesClass": true,
  "scheduling.k8s.io/v1/PriorityClass": true,
  "node.k8s.io/v1/RuntimeClass": true,
  "coordination.k8s.io/v1/Lease": true,
  "discovery.k8s.io/v1/EndpointSlice": true,
  "events.k8s.io/v1/Event": true,
  "certificates.k8s.io/v1/CertificateSigningRequest": true,
  "certificates.k8s.io/v1alpha1/ClusterTrustBundle": true,
  "apiextensions.k8s.io/v1/CustomResourceDefinition": true,
  "admissionregistration.k8s.io/v1/MutatingWebhookConfiguration": true,
  "admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration": true,
  "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy": true,
  "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding": true,
  "admissionregistration.k8s.io/v1beta1/ValidatingAdmissionPolicy": true,
  "admissionregistration.k8s.io/v1beta1/ValidatingAdmissionPolicyBinding": true,
  "admissionregistration.k8s.io/v1alpha1/ValidatingAdmissionPolicy": true,
  "admissionregistration.k8s.io/v1alpha1/ValidatingAdmissionPolicyBinding": true,
  "flowcontrol.apiserver.k8s.io/v1/FlowSchema": true,
  "flowcontrol.apiserver.k8s.io/v1/PriorityLevelConfiguration": true,
  "flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema": true,
  "flowcontrol.apiserver.k8s.io/v1beta3/PriorityLevelConfiguration": true,
  "resource.k8s.io/v1alpha2/PodSchedulingContext": true,
  "resource.k8s.io/v1alpha2/ResourceClaim": true,
  "resource.k8s.io/v1alpha2/ResourceClaimParameters": true,
  "resource.k8s.io/v1alpha2/ResourceClaimTemplate": true,
  "resource.k8s.io/v1alpha2/ResourceClass": true,
  "resource.k8s.io/v1alpha2/ResourceClassParameters": true,
  "resource.k8s.io/v1alpha2/ResourceSlice": true,
  "internal.apiserver.k8s.io/v1alpha1/StorageVersion": true,
  "storagemigration.k8s.io/v1alpha1/StorageVersionMigration": true,
};

export const BUILTIN_KIND_GROUPS: ReadonlyMap<string, ReadonlySet<string>> = groupsByKind(Object.keys(API_KINDS));

function groupsByKind(apiKinds: readonly string[]): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>();
  for (const apiKind of apiKinds) {
    const parts = apiKind.split("/");
    const kind = parts[parts.length - 1];
    const group = parts.length === 3 ? parts[0] : "";
    if (!groups.has(kind)) groups.set(kind, new Set());
    groups.get(kind)!.add(group);
  }
  return groups;
}

// The API server's defaults for apps/v1 StatefulSets (SetDefaults_StatefulSet), the pod-spec defaults
// of the template, and the defaults every claim template gets as a PersistentVolumeClaim
// (volumeMode Filesystem, status.phase Pending — which is why `get -o yaml` shows them).
import { defaultPodSpec } from "../../admission/pod-spec-defaults.js";
import type { KubeObject } from "../../store/kube-object.js";
import type { StatefulSetSpec } from "./statefulset-types.js";

export function defaultStatefulSet(object: KubeObject): void {
  const spec = (object.spec ??= {}) as StatefulSetSpec;
  if (!spec.podManagementPolicy) spec.podManagementPolicy = "OrderedReady";
  const strategy = (spec.updateStrategy ??= {});
  // Only an absent type gets a rollingUpdate block; `type: RollingUpdate` alone keeps none, as upstream.
  if (!strategy.type) {
    strategy.type = "RollingUpdate";
    strategy.rollingUpdate ??= {};
  }
  if (strategy.type === "RollingUpdate" && strategy.rollingUpdate) strategy.rollingUpdate.partition ??= 0;
  // maxUnavailable belongs to the MaxUnavailableStatefulSet feature, off by default: the API server drops it.
  if (strategy.rollingUpdate) delete strategy.rollingUpdate.maxUnavailable;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  if (!retention.whenDeleted) retention.whenDeleted = "Retain";
  if (!retention.whenScaled) retention.whenScaled = "Retain";
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  // The template is a struct upstream, never absent: its pod spec is defaulted even when empty.
  const template = (spec.template ??= {});
  const podSpec = (template.spec ??= {});
  if (typeof podSpec === "object" && podSpec !== null) defaultPodSpec(podSpec);
  for (const claim of Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []) {
    if (!claim || typeof claim !== "object") continue;
    const claimSpec = (claim.spec ??= {});
    claimSpec.volumeMode ??= "Filesystem";
    const status = (claim.status ??= {});
    if (!status.phase) status.phase = "Pending";
  }
}

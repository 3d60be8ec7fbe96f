// PersistentVolumeClaim health: gitops-engine's rule (pkg/health/health_pvc.go), by phase.
import type { PersistentVolumeClaim } from "kubernetes-types/core/v1.js";
import { health, type Health } from "./health-status.js";

export function pvcHealth(claim: PersistentVolumeClaim): Health {
  const phase = claim.status?.phase;
  switch (phase) {
    case "Bound":
      return health("Healthy", undefined, `bound to PersistentVolume "${claim.spec?.volumeName ?? ""}"`);
    case "Pending":
      // With WaitForFirstConsumer a claim stays Pending until a pod uses it; that is progress, not failure.
      return health("Progressing", "ClaimPending", "Waiting for the claim to be bound to a volume");
    case "Lost":
      return health("Degraded", "ClaimLost", `the claim's PersistentVolume "${claim.spec?.volumeName ?? ""}" no longer exists; its data is gone`);
    default:
      return health("Unknown", undefined, phase ? `unknown claim phase ${phase}` : "the claim has no phase yet");
  }
}

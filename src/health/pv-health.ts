// PersistentVolume health. gitops-engine has no rule for volumes; ours follows the phase:
// Available and Bound are what a volume should be (Healthy); Pending is progress; Failed means
// automatic reclamation failed (Degraded, with the controller's message). Released — its claim was
// deleted and the Retain policy kept the data — is a stable, intended state, so it is Healthy, with
// a message saying a person must reclaim it before anything can bind it again.
import type { PersistentVolume } from "kubernetes-types/core/v1.js";
import { health, type Health } from "./health-status.js";
import { oneLine } from "./object-view.js";

export function pvHealth(volume: PersistentVolume): Health {
  const phase = volume.status?.phase;
  switch (phase) {
    case "Available":
      return health("Healthy", undefined, "available for a claim");
    case "Bound": {
      const claim = volume.spec?.claimRef;
      return health("Healthy", undefined, claim ? `bound to claim ${claim.namespace ?? ""}/${claim.name ?? ""}` : undefined);
    }
    case "Released":
      return health("Healthy", "VolumeReleased", "its claim was deleted; reclaim the volume by hand before it can be bound again");
    case "Pending":
      return health("Progressing", "VolumePending", "Waiting for the volume to become available");
    case "Failed":
      return health("Degraded", volume.status?.reason ?? "VolumeFailed", oneLine(volume.status?.message) ?? "reclamation of the volume failed");
    default:
      return health("Unknown", undefined, phase ? `unknown volume phase ${phase}` : "the volume has no phase yet");
  }
}

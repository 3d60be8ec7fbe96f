// The kubelet's event and status messages, word for word as upstream prints them
// (pkg/kubelet/images/image_manager.go, kuberuntime/kuberuntime_container.go and
// kuberuntime_manager.go, prober/prober.go, volume manager).
import { formatDuration, parseDuration } from "../clock/duration.js";

export interface PodName {
  name: string;
  namespace: string;
  uid: string;
}

/** `format.Pod`: `<name>_<namespace>(<uid>)`. */
export function formatPod(pod: PodName): string {
  return `${pod.name}_${pod.namespace}(${pod.uid})`;
}

export const messages = {
  pulling: (image: string) => `Pulling image "${image}"`,
  alreadyPresent: (image: string) => `Container image "${image}" already present on machine`,
  pulled: (image: string, ms: number, sizeBytes: number) =>
    `Successfully pulled image "${image}" in ${formatDuration(ms)} (${formatDuration(ms)} including waiting). Image size: ${sizeBytes} bytes.`,
  failedToPull: (image: string, error: string) => `Failed to pull image "${image}": ${error}`,
  pullBackOff: (image: string) => `Back-off pulling image "${image}"`,
  neverPull: (image: string) => `Container image "${image}" is not present with pull policy of Never`,
  invalidImageName: (image: string) => `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`,
  error: (reason: string) => `Error: ${reason}`,
  created: (container: string) => `Created container ${container}`,
  started: (container: string) => `Started container ${container}`,
  stopping: (container: string) => `Stopping container ${container}`,
  livenessKill: (container: string) => `Container ${container} failed liveness probe, will be restarted`,
  crashBackOffEvent: (container: string, pod: PodName) => `Back-off restarting failed container ${container} in pod ${formatPod(pod)}`,
  crashBackOffStatus: (delayMs: number, container: string, pod: PodName) =>
    `back-off ${formatDuration(delayMs)} restarting failed container=${container} pod=${formatPod(pod)}`,
  failedMount: (volume: string, error: string) => `MountVolume.SetUp failed for volume "${volume}" : ${error}`,
  sandboxIpExhausted: (range: string) =>
    `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: plugin type="ptp" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${range}`,
  containersNotReady: (names: readonly string[]) => `containers with unready status: [${names.join(" ")}]`,
  containersNotInitialized: (names: readonly string[]) => `containers with incomplete status: [${names.join(" ")}]`,
} as const;

/** The waiting message of CrashLoopBackOff holds the delay: `back-off 40s restarting …` → 40000. */
export function crashBackOffDelay(message: string | undefined): number | undefined {
  const match = /^back-off (\S+) restarting/.exec(message ?? "");
  const parsed = match ? parseDuration(match[1]) : undefined;
  return parsed?.ok && parsed.ms > 0 ? parsed.ms : undefined;
}

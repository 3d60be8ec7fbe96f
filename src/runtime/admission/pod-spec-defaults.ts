// The defaults the API server writes into every pod spec, whether it arrives in a Pod or in a
// workload's pod template (pkg/apis/core/v1/defaults.go). Seeing them in `get -o yaml` is what a
// Kubernetes user expects; a diff against Git must ignore them (the planner's job, not this one's).

type Json = Record<string, unknown>;

const PROBE_DEFAULTS = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };

/** Fills the defaulted fields of a pod spec in place; fields already set are kept. */
export function defaultPodSpec(spec: Json): void {
  spec.restartPolicy ??= "Always";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= "ClusterFirst";
  spec.securityContext ??= {};
  spec.schedulerName ??= "default-scheduler";
  for (const key of ["initContainers", "containers", "ephemeralContainers"] as const) {
    const list = spec[key];
    if (Array.isArray(list)) for (const container of list) defaultContainer(container as Json);
  }
}

function defaultContainer(container: Json): void {
  container.imagePullPolicy ??= defaultPullPolicy(typeof container.image === "string" ? container.image : "");
  container.terminationMessagePath ??= "/dev/termination-log";
  container.terminationMessagePolicy ??= "File";
  container.resources ??= {};
  if (Array.isArray(container.ports)) for (const port of container.ports as Json[]) port.protocol ??= "TCP";
  for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"] as const) {
    const value = container[probe] as Json | undefined;
    if (value && typeof value === "object") for (const [field, fallback] of Object.entries(PROBE_DEFAULTS)) value[field] ??= fallback;
  }
}

/** `Always` for `:latest` or an untagged image, `IfNotPresent` otherwise; a digest counts as a tag. */
export function defaultPullPolicy(image: string): "Always" | "IfNotPresent" {
  if (image.includes("@")) return "IfNotPresent";
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastSegment.indexOf(":");
  if (colon === -1) return "Always";
  return lastSegment.slice(colon + 1) === "latest" ? "Always" : "IfNotPresent";
}

// `kubectl rollout pause`, `resume` and `restart` for a Deployment, and `restart` for a StatefulSet
// or DaemonSet (polymorphichelpers objectpauser, objectresumer, objectrestarter, and the rollout
// commands' messages).
import { formatTimestamp } from "../../clock/timestamps.js";
import type { StoreWriter } from "../../store/store-api.js";
import { RESTARTED_AT_ANNOTATION, deploymentSpec, type PodTemplate } from "../workload-types.js";
import { findDeployment, findWorkload, kindOf, qualifiedName, workloadRefOf, type RolloutRef, type RolloutResult } from "./rollout-target.js";

export function rolloutPause(store: StoreWriter, ref: RolloutRef): RolloutResult {
  const found = findDeployment(store, ref);
  if (!found.ok) return found;
  if (deploymentSpec(found.deployment).paused) return { ok: false, message: `error: deployments.apps "${ref.name}" is already paused` };
  return write(store, ref, "paused", (spec) => void (spec.paused = true));
}

export function rolloutResume(store: StoreWriter, ref: RolloutRef): RolloutResult {
  const found = findDeployment(store, ref);
  if (!found.ok) return found;
  if (!deploymentSpec(found.deployment).paused) return { ok: false, message: `error: deployments.apps "${ref.name}" is not paused` };
  // `paused: false` is the default, which the API server leaves out.
  return write(store, ref, "resumed", (spec) => void delete spec.paused);
}

/** Sets the template annotation kubectl.kubernetes.io/restartedAt to the simulated now, which rolls the pods. */
export function rolloutRestart(store: StoreWriter, ref: RolloutRef, options: { now: number }): RolloutResult {
  const found = findWorkload(store, ref);
  if (!found.ok) return found;
  const spec = deploymentSpec(found.object);
  if (kindOf(ref) === "Deployment" && spec.paused) return { ok: false, message: `error: deployments.apps "${ref.name}" can't restart paused deployment (run rollout resume first)` };
  const now = formatTimestamp(options.now);
  if (spec.template?.metadata?.annotations?.[RESTARTED_AT_ANNOTATION] === now) {
    return {
      ok: false,
      message: `error: failed to create patch for ${ref.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`,
    };
  }
  return write(store, ref, "restarted", (s) => {
    const template = (s.template ??= {}) as PodTemplate;
    template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations, [RESTARTED_AT_ANNOTATION]: now } };
  });
}

function write(store: StoreWriter, ref: RolloutRef, done: string, change: (spec: ReturnType<typeof deploymentSpec>) => void): RolloutResult {
  const result = store.modify(workloadRefOf(ref), (copy) => change((copy.spec ??= {}) as ReturnType<typeof deploymentSpec>));
  if (!result.ok) return { ok: false, message: `error: failed to patch: ${result.error.message}` };
  return { ok: true, message: `${qualifiedName(ref)} ${done}` };
}

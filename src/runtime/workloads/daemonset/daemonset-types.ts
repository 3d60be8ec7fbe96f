// The parts of apps/v1 DaemonSets the controller reads and writes, as plain JSON views over stored
// objects, and the well-known keys DaemonSets put on their pods and on themselves.
import type { LabelSelector } from "../../../kube/label-selector.js";
import type { KubeObject } from "../../store/kube-object.js";
import type { IntOrString, PodTemplate } from "../workload-types.js";

export const DAEMONSET_CONTROLLER = "daemonset-controller";

/** The API server's copy of the internal spec.templateGeneration (apps/v1 has no such field). */
export const TEMPLATE_GENERATION_ANNOTATION = "deprecated.daemonset.template.generation";
/** Pod label: the template generation the pod was made from. */
export const POD_TEMPLATE_GENERATION_LABEL = "pod-template-generation";

export interface DaemonSetUpdateStrategy {
  type?: string;
  rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString };
}

export interface DaemonSetSpec {
  selector?: LabelSelector;
  template?: PodTemplate;
  updateStrategy?: DaemonSetUpdateStrategy;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
}

/** apps/v1 DaemonSetStatus, fields in the API's order; the first four are always written. */
export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
  conditions?: unknown[];
}

export function isDaemonSet(object: KubeObject): boolean {
  return object.kind === "DaemonSet" && object.apiVersion === "apps/v1";
}

export function daemonSetSpec(object: KubeObject): DaemonSetSpec {
  return (object.spec ?? {}) as DaemonSetSpec;
}

export function daemonSetStatus(object: KubeObject): Partial<DaemonSetStatus> {
  return (object.status ?? {}) as Partial<DaemonSetStatus>;
}

/** The template generation the API server recorded, if it parses. */
export function templateGeneration(object: KubeObject): number | undefined {
  const text = object.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  if (text === undefined || !/^-?\d+$/.test(text)) return undefined;
  return Number(text);
}

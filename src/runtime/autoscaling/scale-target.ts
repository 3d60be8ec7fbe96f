// The scale subresource of an HPA's target, as the HPA controller reads and writes it: spec.replicas,
// status.replicas and the pod selector of a Deployment, ReplicaSet, StatefulSet or
// ReplicationController. Writing the scale sets the target's spec.replicas: the HPA owns that field.
import type { CrossVersionObjectReference } from "kubernetes-types/autoscaling/v2.js";
import type { LabelSelector } from "../../kube/label-selector.js";
import { builtinKinds } from "../../validate/builtin-schemas.js";
import type { KubeObject, ObjectRef } from "../store/kube-object.js";
import type { StoreReader, StoreWriter } from "../store/store-api.js";
import { notFoundError } from "../store/store-errors.js";

export interface Scale {
  ref: ObjectRef;
  specReplicas: number;
  statusReplicas: number;
  /** The target's pod selector; undefined when it has none. */
  selector: LabelSelector | undefined;
}

export type ScaleResult = { ok: true; scale: Scale } | { ok: false; error: string };

const SCALABLE = new Set(["apps/Deployment", "apps/ReplicaSet", "apps/StatefulSet", "/ReplicationController"]);

/** Where the reference points: its group and kind, or the error RESTMapping gives. */
export function targetRef(namespace: string, target: CrossVersionObjectReference): { ok: true; ref: ObjectRef } | { ok: false; error: string } {
  const apiVersion = target.apiVersion ?? "";
  const parts = apiVersion.split("/");
  if (parts.length > 2) return { ok: false, error: `unexpected GroupVersion string: ${apiVersion}` };
  const group = parts.length === 2 ? parts[0] : "";
  return { ok: true, ref: { group, kind: target.kind, namespace, name: target.name } };
}

/** The target's scale, or why it cannot be read (the message the event and condition carry). */
export function getScale(store: StoreReader, namespace: string, target: CrossVersionObjectReference): ScaleResult {
  const located = targetRef(namespace, target);
  if (!located.ok) return located;
  const { ref } = located;
  if (!SCALABLE.has(`${ref.group}/${ref.kind}`)) {
    const known = builtinKinds().some((k) => k.group === ref.group && k.kind === ref.kind);
    return { ok: false, error: known ? "the server could not find the requested resource" : `no matches for kind "${ref.kind}" in group "${ref.group}"` };
  }
  const object = store.get(ref);
  if (!object) return { ok: false, error: notFoundError(ref, store.kindInfo(ref.group, ref.kind)).message };
  return { ok: true, scale: scaleOf(object, ref) };
}

function scaleOf(object: KubeObject, ref: ObjectRef): Scale {
  const spec = (object.spec ?? {}) as { replicas?: number; selector?: LabelSelector | Record<string, string> };
  const status = (object.status ?? {}) as { replicas?: number };
  let selector: LabelSelector | undefined;
  if (ref.kind === "ReplicationController") {
    // A ReplicationController's selector is a plain map.
    const labels = spec.selector as Record<string, string> | undefined;
    selector = labels && Object.keys(labels).length > 0 ? { matchLabels: labels } : undefined;
  } else {
    const s = spec.selector as LabelSelector | undefined;
    selector = s && (Object.keys(s.matchLabels ?? {}).length > 0 || (s.matchExpressions ?? []).length > 0) ? s : undefined;
  }
  return { ref, specReplicas: spec.replicas ?? 1, statusReplicas: status.replicas ?? 0, selector };
}

/** Sets the target's spec.replicas, as an update of its scale subresource does. */
export function updateScale(store: StoreWriter, ref: ObjectRef, replicas: number): { ok: true } | { ok: false; error: string } {
  const result = store.modify(ref, (object) => {
    ((object.spec ??= {}) as { replicas?: number }).replicas = replicas;
  });
  return result.ok ? { ok: true } : { ok: false, error: result.error.message };
}

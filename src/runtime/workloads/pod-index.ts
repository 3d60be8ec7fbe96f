// Pods by controller, kept from watch events, so a controller's sync looks only at the pods its
// object controls and at the few orphans that it might adopt — never at every pod in a namespace.
import type { KubeObject } from "../store/kube-object.js";
import { controllerOf } from "../controllers/owner-references.js";

export class PodIndex {
  /** controller uid → pod uid → pod */
  private readonly byController = new Map<string, Map<string, KubeObject>>();
  /** namespace → pod uid → pod, for pods without a controller */
  private readonly orphans = new Map<string, Map<string, KubeObject>>();
  /** pod uid → where it is filed (a controller uid or `orphan:<namespace>`) */
  private readonly filed = new Map<string, string>();

  /** Files the pod under its current controller (or as an orphan of its namespace). */
  put(pod: KubeObject): void {
    const uid = pod.metadata.uid;
    if (!uid) return;
    const controller = controllerOf(pod)?.uid;
    const key = controller ?? `orphan:${pod.metadata.namespace ?? ""}`;
    const map = controller ? this.byController : this.orphans;
    const bucketKey = controller ?? pod.metadata.namespace ?? "";
    // Most updates leave the pod where it is filed: replace it in place.
    if (this.filed.get(uid) === key) {
      map.get(bucketKey)?.set(uid, pod);
      return;
    }
    this.remove(pod);
    let bucket = map.get(bucketKey);
    if (!bucket) map.set(bucketKey, (bucket = new Map()));
    bucket.set(uid, pod);
    this.filed.set(uid, key);
  }

  remove(pod: KubeObject): void {
    const uid = pod.metadata.uid;
    if (!uid) return;
    const key = this.filed.get(uid);
    if (key === undefined) return;
    this.filed.delete(uid);
    const [map, bucketKey] = key.startsWith("orphan:") ? [this.orphans, key.slice("orphan:".length)] : [this.byController, key];
    const bucket = map.get(bucketKey);
    bucket?.delete(uid);
    if (bucket?.size === 0) map.delete(bucketKey);
  }

  /** Pods whose controller reference has this uid. */
  controlledBy(uid: string): Iterable<KubeObject> {
    return this.byController.get(uid)?.values() ?? [];
  }

  countControlledBy(uid: string): number {
    return this.byController.get(uid)?.size ?? 0;
  }

  /** Pods in the namespace without a controller reference. */
  orphansIn(namespace: string): Iterable<KubeObject> {
    return this.orphans.get(namespace)?.values() ?? [];
  }
}

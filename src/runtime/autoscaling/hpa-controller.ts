// The HorizontalPodAutoscaler controller (component `horizontal-pod-autoscaler`). Upstream queues each
// HPA with the sync period as its delay, so an HPA is first synced 15 s after it appears and then
// every 15 s; changes to it do not sync it sooner. Here each HPA syncs at its creationTimestamp plus a
// multiple of 15 s, which a freshly started controller (every drydock command starts one) finds again
// from the object alone. The syncs are background clock work: they never keep a run from settling.
// Pods are indexed by namespace from a watch, attached only while some HPA exists.
import type { TaskHandle } from "../clock/virtual-clock.js";
import { parseTimestamp } from "../clock/timestamps.js";
import type { ComponentEventRecorder } from "../events/event-recorder.js";
import type { RuntimeComponent, RuntimeDeps } from "../runtime-deps.js";
import type { KubeObject } from "../store/kube-object.js";
import type { WatchEvent } from "../store/watch-event.js";
import { HPA_CONTROLLER, HPA_GROUP, HPA_KIND, SYNC_PERIOD_MS } from "./hpa-types.js";
import { syncHorizontalPodAutoscaler } from "./hpa-sync.js";

/** The first sync instant after `now`: creationTimestamp + k × 15 s, k ≥ 1. */
export function nextSyncAt(hpa: KubeObject, now: number): number {
  const created = parseTimestamp(hpa.metadata.creationTimestamp ?? "") ?? now;
  if (now < created + SYNC_PERIOD_MS) return created + SYNC_PERIOD_MS;
  return created + SYNC_PERIOD_MS * (Math.floor((now - created) / SYNC_PERIOD_MS) + 1);
}

export class HorizontalPodAutoscalerController implements RuntimeComponent {
  /** uid → HPA */
  private readonly hpas = new Map<string, KubeObject>();
  private readonly timers = new Map<string, TaskHandle>();
  /** namespace → pod uid → pod */
  private readonly pods = new Map<string, Map<string, KubeObject>>();
  private readonly recorder: ComponentEventRecorder;
  private unwatchHpas: (() => void) | undefined;
  private unwatchPods: (() => void) | undefined;

  constructor(private readonly deps: RuntimeDeps) {
    this.recorder = deps.events.for({ component: HPA_CONTROLLER });
  }

  start(): this {
    if (this.unwatchHpas) return this;
    this.unwatchHpas = this.deps.store.watch({ group: HPA_GROUP, kind: HPA_KIND }, (event) => this.observeHpa(event), { sendInitialEvents: true });
    return this;
  }

  stop(): void {
    this.unwatchHpas?.();
    this.unwatchHpas = undefined;
    this.detachPods();
    for (const handle of this.timers.values()) handle.cancel();
    this.timers.clear();
    this.hpas.clear();
  }

  private observeHpa(event: WatchEvent): void {
    const uid = event.object.metadata.uid;
    if (!uid) return;
    if (event.type === "DELETED") {
      this.hpas.delete(uid);
      this.timers.get(uid)?.cancel();
      this.timers.delete(uid);
      if (this.hpas.size === 0) this.detachPods();
      return;
    }
    this.hpas.set(uid, event.object);
    if (!this.unwatchPods) this.unwatchPods = this.deps.store.watch({ group: "", kind: "Pod" }, (e) => this.observePod(e), { sendInitialEvents: true });
    if (!this.timers.get(uid)?.pending) this.schedule(uid, nextSyncAt(event.object, this.deps.clock.now()));
  }

  private observePod(event: WatchEvent): void {
    const pod = event.object;
    const uid = pod.metadata.uid;
    if (!uid) return;
    const namespace = pod.metadata.namespace ?? "";
    if (event.type === "DELETED") {
      const bucket = this.pods.get(namespace);
      bucket?.delete(uid);
      if (bucket?.size === 0) this.pods.delete(namespace);
      return;
    }
    let bucket = this.pods.get(namespace);
    if (!bucket) this.pods.set(namespace, (bucket = new Map()));
    bucket.set(uid, pod);
  }

  private detachPods(): void {
    this.unwatchPods?.();
    this.unwatchPods = undefined;
    this.pods.clear();
  }

  private schedule(uid: string, at: number): void {
    const handle = this.deps.clock.schedule({ at }, () => this.sync(uid), HPA_CONTROLLER, { background: true });
    this.timers.set(uid, handle);
  }

  private sync(uid: string): void {
    this.timers.delete(uid);
    const hpa = this.hpas.get(uid);
    if (!hpa) return;
    const now = this.deps.clock.now();
    syncHorizontalPodAutoscaler({ store: this.deps.store, now, events: this.recorder, podsIn: (namespace) => this.pods.get(namespace)?.values() ?? [] }, hpa);
    if (this.hpas.has(uid) && !this.timers.get(uid)?.pending) this.schedule(uid, now + SYNC_PERIOD_MS);
  }
}

// The simulated kubelets of every node, as one component: it follows pods bound to nodes, nodes, and
// the ConfigMaps and Secrets pods wait on, and runs one PodWorker per pod. Work is batched per
// instant: watch events mark pods dirty and one task syncs them; each pod has at most one pending
// wake-up, and pods due at the same instant share one clock task. Nothing here is saved: on start
// the workers rebuild their state from the pods' statuses (and, for back-offs, the kubelet's events).
import type { TaskHandle, VirtualClock } from "../clock/virtual-clock.js";
import { InstantTask } from "../controllers/instant-task.js";
import { parseTimestamp } from "../clock/timestamps.js";
import type { ComponentEventRecorder, EventRecorder, InvolvedObject } from "../events/event-recorder.js";
import { ImageRegistry } from "../registry/image-registry.js";
import { parseImageReference, type ImageReference } from "../registry/image-reference.js";
import type { RuntimeComponent, RuntimeDeps } from "../runtime-deps.js";
import type { KubeObject } from "../store/kube-object.js";
import type { ObjectStore } from "../store/object-store.js";
import type { WatchEvent } from "../store/watch-event.js";
import type { ConfigObjectRef } from "./config-references.js";
import type { PodSpec, PodStatus } from "./pod-model.js";
import { PodIpAllocator } from "./pod-ip-allocator.js";
import { configKey, PodWorker, type PastEvent, type PodEnvironment, type SyncResult } from "./pod-worker.js";
import { isKubeletStopped } from "./sim-hints.js";

/** Upstream's nodeStatusMaxImages: the node status lists at most this many images, largest first. */
const MAX_NODE_IMAGES = 50;

interface NodeState {
  name: string;
  stopped: boolean;
  hostIP: string | undefined;
  podCIDR: string | undefined;
  /** Canonical references of the images on the node. */
  images: Set<string>;
}

interface TimerSlot {
  handle: TaskHandle;
  keys: Set<string>;
}

export class Kubelet implements RuntimeComponent {
  private readonly store: ObjectStore;
  private readonly clock: VirtualClock;
  private readonly events: EventRecorder;
  private readonly registry: ImageRegistry;
  private readonly workers = new Map<string, PodWorker>();
  private readonly podsByNode = new Map<string, Set<string>>();
  private readonly nodes = new Map<string, NodeState>();
  private readonly ips = new PodIpAllocator();
  /** node → image → when its pull finishes */
  private readonly pulls = new Map<string, Map<string, number>>();
  /** ConfigMap/Secret key → pods waiting for it */
  private readonly waiters = new Map<string, Set<string>>();
  private readonly dirty = new Set<string>();
  private readonly timers = new Map<number, TimerSlot>();
  private readonly recorders = new Map<string, ComponentEventRecorder>();
  private readonly drainTask: InstantTask;
  private unwatch: Array<() => void> = [];
  /** Kubelet events by pod uid, read once while workers rebuild after a start. */
  private pastEvents: Map<string, KubeObject[]> | undefined;

  constructor(deps: RuntimeDeps) {
    this.store = deps.store;
    this.clock = deps.clock;
    this.events = deps.events;
    this.registry = new ImageRegistry(deps.config.registry);
    this.drainTask = new InstantTask(deps.clock, "kubelet", () => this.drain());
  }

  start(): this {
    if (this.unwatch.length > 0) return this;
    this.unwatch = [
      this.store.watch({ group: "", kind: "Node" }, (event) => this.onNode(event), { sendInitialEvents: true }),
      this.store.watch({ group: "", kind: "Pod" }, (event) => this.onPod(event), { sendInitialEvents: true }),
      this.store.watch({ group: "", kind: "ConfigMap" }, (event) => this.onConfig(event)),
      this.store.watch({ group: "", kind: "Secret" }, (event) => this.onConfig(event)),
    ];
    return this;
  }

  stop(): void {
    for (const unwatch of this.unwatch) unwatch();
    this.unwatch = [];
    this.drainTask.cancel();
    for (const slot of this.timers.values()) slot.handle.cancel();
    this.timers.clear();
  }

  // ---- watches

  private onNode(event: WatchEvent): void {
    const node = event.object;
    const name = node.metadata.name ?? "";
    if (event.type === "DELETED") {
      this.nodes.delete(name);
      return;
    }
    const previous = this.nodes.get(name);
    const status = node.status as { addresses?: Array<{ type?: string; address?: string }>; images?: Array<{ names?: string[] }> } | undefined;
    const images = previous?.images ?? new Set<string>();
    for (const image of status?.images ?? []) {
      for (const written of image.names ?? []) {
        const parsed = parseImageReference(written);
        if (parsed.ok) images.add(parsed.reference.canonical);
      }
    }
    const state: NodeState = {
      name,
      stopped: isKubeletStopped(node.metadata.annotations),
      hostIP: status?.addresses?.find((a) => a.type === "InternalIP")?.address,
      podCIDR: (node.spec as { podCIDR?: string } | undefined)?.podCIDR,
      images,
    };
    this.nodes.set(name, state);
    const pods = this.podsByNode.get(name);
    if (!pods) return;
    if (!previous) {
      for (const key of pods) {
        const ip = this.workers.get(key)?.podIP;
        if (ip) this.ips.reserve(name, state.podCIDR, ip);
      }
    }
    if (!previous || (previous.stopped && !state.stopped)) for (const key of pods) this.markDirty(key);
  }

  private onPod(event: WatchEvent): void {
    const pod = event.object;
    const key = podKey(pod);
    let worker = this.workers.get(key);
    if (event.type === "DELETED") {
      if (worker && worker.uid === pod.metadata.uid) this.forget(key, worker);
      return;
    }
    if (worker && worker.uid !== pod.metadata.uid) {
      this.forget(key, worker);
      worker = undefined;
    }
    if (!worker) {
      if (!(pod.spec as PodSpec | undefined)?.nodeName || isFinished(pod)) return;
      worker = new PodWorker(pod);
      this.workers.set(key, worker);
      let pods = this.podsByNode.get(worker.nodeName);
      if (!pods) this.podsByNode.set(worker.nodeName, (pods = new Set()));
      pods.add(key);
      const node = this.nodes.get(worker.nodeName);
      if (worker.podIP && node) this.ips.reserve(node.name, node.podCIDR, worker.podIP);
      this.markDirty(key);
      return;
    }
    // The kubelet's own status writes, and other status-only writes, need no sync: a sync reads the
    // latest status anyway.
    if (event.type === "MODIFIED" && !needsSync(event.previous, pod)) return;
    this.markDirty(key);
  }

  private onConfig(event: WatchEvent): void {
    if (event.type === "DELETED") return;
    const object = event.object;
    const key = configKey({ kind: object.kind as ConfigObjectRef["kind"], namespace: object.metadata.namespace ?? "default", name: object.metadata.name ?? "" });
    const pods = this.waiters.get(key);
    if (!pods) return;
    for (const podKeyText of pods) {
      this.workers.get(podKeyText)?.retryNow(key, this.clock.now());
      this.markDirty(podKeyText);
    }
  }

  // ---- scheduling work

  private markDirty(key: string): void {
    this.dirty.add(key);
    this.drainTask.request();
  }

  private drain(): void {
    while (this.dirty.size > 0) {
      const keys = [...this.dirty];
      this.dirty.clear();
      for (const key of keys) this.syncPod(key);
    }
    this.pastEvents = undefined;
  }

  private setWake(key: string, worker: PodWorker, at: number | undefined): void {
    if (worker.wakeAt === at) return;
    if (worker.wakeAt !== undefined) {
      const slot = this.timers.get(worker.wakeAt);
      slot?.keys.delete(key);
      if (slot && slot.keys.size === 0) {
        slot.handle.cancel();
        this.timers.delete(worker.wakeAt);
      }
    }
    worker.wakeAt = at;
    if (at === undefined) return;
    let slot = this.timers.get(at);
    if (!slot) {
      slot = { handle: this.clock.schedule({ at }, () => this.wake(at), "kubelet"), keys: new Set() };
      this.timers.set(at, slot);
    }
    slot.keys.add(key);
  }

  private wake(at: number): void {
    const slot = this.timers.get(at);
    this.timers.delete(at);
    for (const key of slot?.keys ?? []) {
      const worker = this.workers.get(key);
      if (worker?.wakeAt !== at) continue;
      worker.wakeAt = undefined;
      this.dirty.add(key);
    }
    this.drain();
  }

  // ---- syncing one pod

  private syncPod(key: string): void {
    const worker = this.workers.get(key);
    if (!worker) return;
    const pod = this.store.get(worker.ref);
    if (!pod || pod.metadata.uid !== worker.uid) return;
    const node = this.nodes.get(worker.nodeName);
    if (!node || node.stopped) {
      // A node without a kubelet does nothing; its pods resume when it comes back.
      this.setWake(key, worker, undefined);
      return;
    }
    const result = worker.sync(pod, this.environment(node, pod));
    this.apply(key, worker, pod, node, result);
  }

  private apply(key: string, worker: PodWorker, pod: KubeObject, node: NodeState, result: SyncResult): void {
    const recorder = this.recorderFor(node.name);
    for (const event of result.events) recorder.event(involvedObject(pod, event.fieldPath), event.type, event.reason, event.message);
    if (result.status) {
      const written = this.store.update({ ...pod, status: result.status }, { subresource: "status" });
      if (written.ok && result.json !== undefined) worker.noteWritten(written.object.status, result.json);
    }
    this.updateWaits(key, worker);
    switch (result.outcome) {
      case "active":
        this.setWake(key, worker, result.wakeAt);
        return;
      case "retire":
        // A finished pod's sandbox goes; its status keeps the IP, as upstream's does.
        this.forget(key, worker);
        return;
      case "delete":
        this.setWake(key, worker, undefined);
        this.store.delete(worker.ref, { gracePeriodSeconds: 0, preconditions: { uid: worker.uid } });
        return;
    }
  }

  private environment(node: NodeState, pod: KubeObject): PodEnvironment {
    const now = this.clock.now();
    return {
      now,
      store: this.store,
      registry: this.registry,
      hostIP: node.hostIP,
      hasImage: (canonical) => node.images.has(canonical),
      pullInFlight: (canonical) => {
        const due = this.pulls.get(node.name)?.get(canonical);
        return due !== undefined && due >= now ? due : undefined;
      },
      startPull: (canonical, due) => {
        let pulls = this.pulls.get(node.name);
        if (!pulls) this.pulls.set(node.name, (pulls = new Map()));
        pulls.set(canonical, due);
      },
      recordImage: (reference, imageId, sizeBytes) => this.recordImage(node, reference, imageId, sizeBytes),
      allocateIp: () => this.ips.allocate(node.name, node.podCIDR),
      ipRange: () => this.ips.rangeText(node.name),
      pastEvent: (reason, message, fieldPath) => this.pastEvent(pod.metadata.uid ?? "", reason, message, fieldPath),
    };
  }

  private recordImage(node: NodeState, reference: ImageReference, imageId: string, sizeBytes: number): void {
    this.pulls.get(node.name)?.delete(reference.canonical);
    if (node.images.has(reference.canonical)) return;
    node.images.add(reference.canonical);
    const names = imageId === reference.canonical ? [imageId] : [imageId, reference.canonical];
    this.store.modify(
      { group: "", kind: "Node", name: node.name },
      (object) => {
        const status = (object.status ??= {}) as { images?: Array<{ names: string[]; sizeBytes: number }> };
        const images = [...(status.images ?? []), { names, sizeBytes }];
        images.sort((a, b) => b.sizeBytes - a.sizeBytes);
        status.images = images.slice(0, MAX_NODE_IMAGES);
      },
      { subresource: "status" },
    );
  }

  private updateWaits(key: string, worker: PodWorker): void {
    const wanted = new Set(worker.waitingOn().map(configKey));
    for (const waited of worker.registeredWaits) if (!wanted.has(waited)) this.unregisterWait(key, waited);
    for (const waited of wanted) {
      let pods = this.waiters.get(waited);
      if (!pods) this.waiters.set(waited, (pods = new Set()));
      pods.add(key);
    }
    worker.registeredWaits = wanted;
  }

  private unregisterWait(key: string, waited: string): void {
    const pods = this.waiters.get(waited);
    pods?.delete(key);
    if (pods?.size === 0) this.waiters.delete(waited);
  }

  private forget(key: string, worker: PodWorker): void {
    this.setWake(key, worker, undefined);
    this.workers.delete(key);
    this.dirty.delete(key);
    const pods = this.podsByNode.get(worker.nodeName);
    pods?.delete(key);
    if (pods?.size === 0) this.podsByNode.delete(worker.nodeName);
    for (const waited of worker.registeredWaits) this.unregisterWait(key, waited);
    if (worker.podIP) this.ips.release(worker.nodeName, worker.podIP);
  }

  private recorderFor(node: string): ComponentEventRecorder {
    let recorder = this.recorders.get(node);
    if (!recorder) this.recorders.set(node, (recorder = this.events.for({ component: "kubelet", host: node })));
    return recorder;
  }

  /** How often, and when last, this pod's kubelet recorded an event (read once per start). */
  private pastEvent(uid: string, reason: string, message: string | undefined, fieldPath: string | undefined): PastEvent | undefined {
    if (!this.pastEvents) {
      this.pastEvents = new Map();
      for (const event of this.store.list({ group: "", kind: "Event" })) {
        if ((event.source as { component?: string } | undefined)?.component !== "kubelet") continue;
        const owner = (event.involvedObject as InvolvedObject | undefined)?.uid ?? "";
        let list = this.pastEvents.get(owner);
        if (!list) this.pastEvents.set(owner, (list = []));
        list.push(event);
      }
    }
    let found: PastEvent | undefined;
    for (const event of this.pastEvents.get(uid) ?? []) {
      const involved = event.involvedObject as InvolvedObject;
      if (event.reason !== reason || (message !== undefined && event.message !== message) || (involved.fieldPath ?? undefined) !== fieldPath) continue;
      const last = parseTimestamp(String(event.lastTimestamp ?? ""));
      if (last === undefined) continue;
      const count = Number(event.count ?? 1);
      if (!found || last > found.last) found = { count, last };
    }
    return found;
  }
}

function podKey(pod: KubeObject): string {
  return `${pod.metadata.namespace ?? "default"}/${pod.metadata.name ?? ""}`;
}

function isFinished(pod: KubeObject): boolean {
  const phase = (pod.status as PodStatus | undefined)?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

/** Whether a change to a pod is one the kubelet acts on: anything but its status. */
function needsSync(previous: KubeObject, next: KubeObject): boolean {
  const a = previous.metadata;
  const b = next.metadata;
  return (
    a.generation !== b.generation ||
    a.deletionTimestamp !== b.deletionTimestamp ||
    a.deletionGracePeriodSeconds !== b.deletionGracePeriodSeconds ||
    !sameAnnotations(a.annotations, b.annotations)
  );
}

function sameAnnotations(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  const keysA = Object.keys(a ?? {});
  if (keysA.length !== Object.keys(b ?? {}).length) return false;
  return keysA.every((key) => a?.[key] === b?.[key]);
}

function involvedObject(pod: KubeObject, fieldPath: string | undefined): InvolvedObject {
  const involved: InvolvedObject = {
    kind: "Pod",
    namespace: pod.metadata.namespace,
    name: pod.metadata.name ?? "",
    uid: pod.metadata.uid,
    apiVersion: "v1",
    resourceVersion: pod.metadata.resourceVersion,
  };
  if (fieldPath !== undefined) involved.fieldPath = fieldPath;
  return involved;
}

// kube-scheduler's default profile, in simulated time. Pending pods that name default-scheduler are
// queued as the watch reports them and scheduled together, highest priority first, in one task at
// the instant they appear: each is filtered and scored against the node cache, then bound (spec.nodeName
// and PodScheduled=True in one transaction, and a Scheduled event). A pod that fits nowhere gets
// PodScheduled=False with the upstream FitError message and a FailedScheduling event, may preempt
// lower-priority pods, and waits until a node is added or changes, a pod goes away, or a claim,
// volume or StorageClass changes — or at most five minutes — before it is tried again. Pods with
// PersistentVolumeClaims go through VolumeBinding (volume-binding.ts) too.
import { isDeepStrictEqual } from "node:util";
import type { TaskHandle } from "../clock/virtual-clock.js";
import { InstantTask } from "../controllers/instant-task.js";
import type { ComponentEventRecorder } from "../events/event-recorder.js";
import type { RuntimeComponent, RuntimeDeps } from "../runtime-deps.js";
import { refOf, type KubeObject } from "../store/kube-object.js";
import type { WatchEvent } from "../store/watch-event.js";
import { CLAIM, STORAGE_CLASS, VOLUME } from "../storage/storage-objects.js";
import { fitErrorMessage, NO_NODES_AVAILABLE, preFilterFitErrorMessage } from "./fit-error.js";
import { NodeCache, type AccountedPod } from "./node-cache.js";
import { podInfoOf, type PodInfo } from "./pod-info.js";
import { podResources } from "./pod-requests.js";
import { preempt } from "./preemption.js";
import { ScheduleAlgorithm } from "./schedule-algorithm.js";
import { MAX_UNSCHEDULABLE_MS, SchedulingQueue, type QueuedPod } from "./scheduling-queue.js";
import { statusWithCondition } from "./pod-conditions.js";
import { PREBIND_TIMEOUT_MESSAGE, reserveVolumes, volumeFilter, volumePreFilter, VolumeWaits } from "./volume-binding.js";

export const SCHEDULER_NAME = "default-scheduler";

const POD = { group: "", kind: "Pod" } as const;
const NODE = { group: "", kind: "Node" } as const;

interface PodSpecLike {
  nodeName?: string;
  schedulerName?: string;
  priority?: number;
  schedulingGates?: unknown[];
}

function specOf(pod: KubeObject): PodSpecLike {
  return (pod.spec ?? {}) as PodSpecLike;
}

function phaseOf(pod: KubeObject): string | undefined {
  return (pod.status as { phase?: string } | undefined)?.phase;
}

function isTerminal(pod: KubeObject): boolean {
  const phase = phaseOf(pod);
  return phase === "Succeeded" || phase === "Failed";
}

/** What the Node's scheduling-relevant parts are: a change here may make room for waiting pods. */
function schedulingView(node: KubeObject): unknown {
  return [
    node.metadata.labels,
    (node.spec as { taints?: unknown } | undefined)?.taints,
    (node.spec as { unschedulable?: unknown } | undefined)?.unschedulable,
    (node.status as { allocatable?: unknown } | undefined)?.allocatable,
  ];
}

export class Scheduler implements RuntimeComponent {
  private readonly cache = new NodeCache();
  private readonly queue = new SchedulingQueue();
  private readonly algorithm = new ScheduleAlgorithm();
  private readonly volumeWaits = new VolumeWaits();
  private readonly recorder: ComponentEventRecorder;
  private unwatch: Array<() => void> = [];
  private readonly drainTask: InstantTask;
  private flushTask: TaskHandle | undefined;
  /** A change that may help unschedulable pods happened since the last drain. */
  private retryWanted = false;
  private draining = false;

  constructor(private readonly deps: RuntimeDeps) {
    this.recorder = deps.events.for({ component: SCHEDULER_NAME });
    this.drainTask = new InstantTask(deps.clock, "scheduler", () => this.drain());
  }

  start(): this {
    if (this.unwatch.length > 0) return this;
    this.unwatch.push(this.deps.store.watch(NODE, (event) => this.onNode(event), { sendInitialEvents: true }));
    this.unwatch.push(this.deps.store.watch(POD, (event) => this.onPod(event), { sendInitialEvents: true }));
    // VolumeBinding's cluster events: a claim, volume or class added or changed may help waiting pods.
    for (const kind of [CLAIM, VOLUME, STORAGE_CLASS]) {
      this.unwatch.push(this.deps.store.watch(kind, (event) => event.type !== "DELETED" && this.wantRetry()));
    }
    return this;
  }

  stop(): void {
    for (const stop of this.unwatch) stop();
    this.unwatch = [];
    this.drainTask.cancel();
    this.flushTask?.cancel();
    this.flushTask = undefined;
  }

  private onNode(event: WatchEvent): void {
    const node = event.object;
    switch (event.type) {
      case "ADDED":
        this.cache.setNode(node);
        this.wantRetry();
        break;
      case "MODIFIED":
        this.cache.setNode(node);
        if (!isDeepStrictEqual(schedulingView(event.previous), schedulingView(node))) this.wantRetry();
        break;
      case "DELETED":
        this.cache.removeNode(node.metadata.name ?? "");
        break;
    }
  }

  private onPod(event: WatchEvent): void {
    const pod = event.object;
    const uid = pod.metadata.uid ?? "";
    if (event.type === "DELETED") {
      this.queue.remove(uid);
      this.volumeWaits.forget(uid);
      if (this.cache.removePod(uid)) this.wantRetry();
      return;
    }
    const spec = specOf(pod);
    if (spec.nodeName) {
      this.queue.remove(uid);
      if (isTerminal(pod)) {
        if (this.cache.removePod(uid)) this.wantRetry();
      } else {
        this.account(pod, spec.nodeName);
      }
      return;
    }
    if ((spec.schedulerName ?? SCHEDULER_NAME) !== SCHEDULER_NAME || pod.metadata.deletionTimestamp !== undefined || isTerminal(pod)) {
      this.queue.remove(uid);
      return;
    }
    const gated = (spec.schedulingGates?.length ?? 0) > 0;
    const where = this.queue.where(uid);
    if (where === undefined) {
      const entry: QueuedPod = { pod, seq: Number(pod.metadata.resourceVersion ?? 0), priority: spec.priority ?? 0 };
      if (gated) this.queue.addGated(uid, entry);
      else this.queue.addActive(uid, entry);
      this.scheduleDrain();
      return;
    }
    const entry = this.queue.get(uid);
    if (!entry) return;
    entry.pod = pod;
    entry.priority = spec.priority ?? 0;
    if (where === "gated" && !gated) {
      this.queue.addActive(uid, entry);
      this.scheduleDrain();
    } else if (where === "unschedulable" && event.type === "MODIFIED" && !isDeepStrictEqual(event.previous.spec, pod.spec)) {
      // The pod itself changed (a toleration added, say): worth another attempt.
      this.queue.addActive(uid, entry);
      this.scheduleDrain();
    }
  }

  private account(pod: KubeObject, nodeName: string): void {
    const uid = pod.metadata.uid ?? "";
    const known = this.cache.accounted(uid);
    const terminating = pod.metadata.deletionTimestamp !== undefined;
    if (known && known.nodeName === nodeName) {
      known.terminating = terminating;
      return;
    }
    this.cache.addPod({
      uid,
      namespace: pod.metadata.namespace ?? "default",
      name: pod.metadata.name ?? "",
      nodeName,
      summary: podResources(pod.spec as Parameters<typeof podResources>[0]),
      priority: specOf(pod).priority ?? 0,
      terminating,
    });
  }

  private wantRetry(): void {
    if (this.queue.unschedulableCount === 0) return;
    this.retryWanted = true;
    this.scheduleDrain();
  }

  private scheduleDrain(): void {
    if (this.draining) return;
    this.drainTask.request();
  }

  private drain(): void {
    this.draining = true;
    try {
      // Scheduling may itself free room (preemption) or change nodes; loop until nothing is left at this instant.
      for (let round = 0; round < 1000; round++) {
        if (this.retryWanted) {
          this.retryWanted = false;
          this.queue.moveUnschedulable();
        }
        if (this.queue.activeCount === 0) break;
        for (const [uid, entry] of this.queue.takeActive()) this.attempt(uid, entry);
      }
    } finally {
      this.draining = false;
    }
    this.planFlush();
  }

  private attempt(uid: string, entry: QueuedPod): void {
    const pod = this.deps.store.get(refOf(entry.pod));
    if (!pod || pod.metadata.uid !== uid || specOf(pod).nodeName || pod.metadata.deletionTimestamp !== undefined) return;
    entry.pod = pod;
    const info = podInfoOf(pod);
    const volumes = volumePreFilter(pod, this.deps.store);
    if (volumes.kind === "unschedulable" && this.cache.nodes().length > 0) {
      this.failPreFilter(info, entry, volumes.message);
      return;
    }
    if (volumes.kind === "check") info.volumeFilter = (node) => volumeFilter(volumes.volumes, node, this.deps.store);
    const outcome = this.algorithm.schedule(info, this.cache);
    switch (outcome.kind) {
      case "fit": {
        if (volumes.kind === "check" && !reserveVolumes(volumes.volumes, outcome.node, this.deps.store)) {
          this.waitForVolumes(info, entry);
          return;
        }
        this.volumeWaits.forget(uid);
        const refused = this.bind(info, outcome.node.name);
        if (refused !== undefined) this.fail(info, entry, `Binding rejected: ${refused}`, undefined);
        return;
      }
      case "noNodes":
        this.fail(info, entry, NO_NODES_AVAILABLE, undefined);
        return;
      case "unfit": {
        const result = preempt(info, this.cache, outcome.statuses);
        if (result.kind === "preempt") {
          this.preemptVictims(info, result.node, result.victims);
          this.fail(info, entry, fitErrorMessage(outcome.numAllNodes, outcome.statuses), result.node);
        } else {
          this.fail(info, entry, fitErrorMessage(outcome.numAllNodes, outcome.statuses, result.message), undefined);
        }
        return;
      }
    }
  }

  /** A PreFilter rejection holds for every node; preemption cannot help (UnschedulableAndUnresolvable). */
  private failPreFilter(info: PodInfo, entry: QueuedPod, message: string): void {
    const nodes = this.cache.nodes();
    const statuses = new Map(nodes.map((node) => [node.name, { reasons: [message], resolvable: false }]));
    const result = preempt(info, this.cache, statuses);
    this.fail(info, entry, preFilterFitErrorMessage(nodes.length, message, result.kind === "failed" ? result.message : undefined), undefined);
  }

  /**
   * PreBind waits until the PV controller has bound the pod's claims: the pod waits, without an
   * event, with the unschedulable pods (a claim or volume change retries it); after the bind
   * timeout it fails.
   */
  private waitForVolumes(info: PodInfo, entry: QueuedPod): void {
    if (this.volumeWaits.timedOut(info.uid, this.deps.clock.now())) this.fail(info, entry, PREBIND_TIMEOUT_MESSAGE, undefined);
    else this.queue.addUnschedulable(info.uid, entry, this.deps.clock.now());
  }

  /** Binds through the `binding` subresource: spec.nodeName and PodScheduled=True in one write. Returns why it failed, if it did. */
  private bind(info: PodInfo, nodeName: string): string | undefined {
    const current = info.pod;
    const status = statusWithCondition(current, { type: "PodScheduled", status: "True" }, this.deps.clock.now()) ?? current.status;
    const bound = this.deps.store.update({ ...current, spec: { ...(current.spec as object), nodeName }, status }, { subresource: "binding" });
    if (!bound.ok) return bound.error.message;
    this.account(bound.object, nodeName);
    this.recorder.event(bound.object, "Normal", "Scheduled", `Successfully assigned ${info.namespace}/${info.name} to ${nodeName}`);
    return undefined;
  }

  private fail(info: PodInfo, entry: QueuedPod, message: string, nominatedNodeName: string | undefined): void {
    const now = this.deps.clock.now();
    const pod = info.pod;
    let status = statusWithCondition(pod, { type: "PodScheduled", status: "False", reason: "Unschedulable", message }, now);
    if (nominatedNodeName !== undefined && info.nominatedNodeName !== nominatedNodeName) {
      status = { ...(status ?? (pod.status as Record<string, unknown> | undefined)), nominatedNodeName };
    }
    let latest = pod;
    if (status) {
      const written = this.deps.store.update({ ...pod, status }, { subresource: "status" });
      if (written.ok) latest = written.object;
    }
    entry.pod = latest;
    this.queue.addUnschedulable(info.uid, entry, now);
    this.recorder.event(latest, "Warning", "FailedScheduling", message);
  }

  /** Deletes the victims, each marked with a DisruptionTarget condition and a Preempted event. */
  private preemptVictims(preemptor: PodInfo, nodeName: string, victims: readonly AccountedPod[]): void {
    const now = this.deps.clock.now();
    for (const victim of victims) {
      const ref = { ...POD, namespace: victim.namespace, name: victim.name };
      const current = this.deps.store.get(ref);
      if (!current || current.metadata.uid !== victim.uid) continue;
      const status = statusWithCondition(
        current,
        { type: "DisruptionTarget", status: "True", reason: "PreemptionByScheduler", message: `${SCHEDULER_NAME}: preempting to accommodate a higher priority pod` },
        now,
      );
      if (status) this.deps.store.update({ ...current, status }, { subresource: "status" });
      const deleted = this.deps.store.delete(ref, { preconditions: { uid: victim.uid } });
      if (deleted.ok) this.recorder.event(deleted.object, "Normal", "Preempted", `Preempted by pod ${preemptor.uid} on node ${nodeName}`);
    }
  }

  /** Keeps one background task for the oldest unschedulable pod's five-minute retry. */
  private planFlush(): void {
    if (this.queue.unschedulableCount === 0) {
      this.flushTask?.cancel();
      this.flushTask = undefined;
      return;
    }
    // A pending flush is never later than it should be: pods only join the wait after it was planned.
    if (this.flushTask?.pending) return;
    const oldest = this.queue.oldestUnschedulable() ?? this.deps.clock.now();
    const at = oldest + MAX_UNSCHEDULABLE_MS;
    this.flushTask = this.deps.clock.schedule(
      { at },
      () => {
        this.flushTask = undefined;
        if (this.queue.moveUnschedulable(this.deps.clock.now() - MAX_UNSCHEDULABLE_MS) > 0) this.drain();
        else this.planFlush();
      },
      "scheduler-flush-unschedulable",
      { background: true },
    );
  }
}

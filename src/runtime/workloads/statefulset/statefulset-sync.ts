// One sync of one StatefulSet (upstream's defaultStatefulSetControl.UpdateStatefulSet):
//  1. claim the member pods (adopt matching orphans named `<set>-<n>`, release the others);
//  2. find the current and update revisions (ControllerRevisions of the template);
//  3. bring the members in [start, start+replicas) to life — recreate failed or finished ones,
//     create missing ones (claims first), and under OrderedReady stop at the first that is not yet
//     Running, Ready and available;
//  4. delete the members beyond the range, highest ordinal first, one at a time under OrderedReady;
//  5. RollingUpdate: delete the highest member not at the update revision (down to the partition),
//     waiting for each replacement to be healthy; OnDelete leaves pods alone;
//  6. write the status, and trim the revision history.
import { controllerOf } from "../../controllers/owner-references.js";
import type { ComponentEventRecorder } from "../../events/event-recorder.js";
import { cloneJson, refOf, type KubeObject } from "../../store/kube-object.js";
import type { ObjectStore } from "../../store/object-store.js";
import type { StoreError } from "../../store/store-errors.js";
import { ensureRevision, ownedRevisions, templateOfRevision, truncateHistory } from "../controller-revisions.js";
import { adopt, release } from "../owner-claims.js";
import type { PodIndex } from "../pod-index.js";
import { availableAt, isPodAvailable } from "../pod-state.js";
import { selects } from "../replicaset-sync.js";
import { podStatus, type PodTemplate } from "../workload-types.js";
import { claimsMatchRetention, createClaims, createStatefulPod, deleteStatefulPod, staleClaims, updateClaimsForRetention, updateStatefulPod, type PodControl } from "./statefulset-pod-control.js";
import { identityMatches, podRevision, storageMatches, versionedPod, type TemplateRevision } from "./statefulset-pods.js";
import {
  completeRollingUpdate,
  countReplicas,
  inconsistentStatus,
  isCreated,
  isHealthy,
  isRunningAndReady,
  isTerminating,
  statusObject,
  type StatusDraft,
} from "./statefulset-status.js";
import { desiredReplicas, isMemberOf, isParallel, ordinalOf, podName, startOrdinal, statefulSetSpec, statefulSetStatus } from "./statefulset-types.js";

/** Pods created or deleted per batch under Parallel (upstream's slowStartBatch cap). */
const MAX_BATCH_SIZE = 500;

export interface StatefulSetSyncContext {
  store: ObjectStore;
  now: number;
  pods: PodIndex;
  events: ComponentEventRecorder;
}

export interface StatefulSetSyncResult {
  /** When a ready member becomes available (minReadySeconds): the set must be looked at again. */
  recheckAt?: number;
  /** Claims (by `namespace/name`) of an earlier pod that must be gone before a member can be created. */
  waitingForClaims: string[];
}

/** What processing one member answers: stop here (OrderedReady), and the error if a write failed. */
interface Step {
  exit: boolean;
  error?: StoreError;
}

const CONTINUE: Step = { exit: false };
const STOP: Step = { exit: true };

export function syncStatefulSet(ctx: StatefulSetSyncContext, set: KubeObject): StatefulSetSyncResult {
  const result: StatefulSetSyncResult = { waitingForClaims: [] };
  const pods = claimPods(ctx, set);
  const revisions = resolveRevisions(ctx.store, set);
  if (!revisions) return result;
  const run = new SetRun(ctx, set, pods, revisions, result);
  const draft = run.update();
  writeStatus(ctx.store, set, draft);
  const live = new Set([revisions.current.name, revisions.update.name, ...pods.map(podRevision)]);
  truncateHistory(ctx.store, set, statefulSetSpec(set).revisionHistoryLimit ?? 10, live);
  result.recheckAt = nextAvailability(pods, statefulSetSpec(set).minReadySeconds ?? 0, ctx.now);
  return result;
}

/** The member pods: controlled ones that still match (selector and name), plus adopted orphans. */
function claimPods(ctx: StatefulSetSyncContext, set: KubeObject): KubeObject[] {
  const uid = set.metadata.uid ?? "";
  const selector = statefulSetSpec(set).selector;
  const deleting = set.metadata.deletionTimestamp !== undefined;
  const claimed: KubeObject[] = [];
  for (const pod of [...ctx.pods.controlledBy(uid)]) {
    if (selects(selector, pod.metadata.labels) && isMemberOf(set, pod)) claimed.push(pod);
    else if (!deleting) release(ctx.store, uid, pod);
  }
  if (deleting) return claimed;
  for (const pod of [...ctx.pods.orphansIn(set.metadata.namespace ?? "")]) {
    if (pod.metadata.deletionTimestamp !== undefined || !selects(selector, pod.metadata.labels) || !isMemberOf(set, pod)) continue;
    const adopted = adopt(ctx.store, set, pod);
    if (adopted.ok && controllerOf(adopted.object)?.uid === uid) claimed.push(adopted.object);
  }
  return claimed;
}

interface Revisions {
  current: TemplateRevision;
  update: TemplateRevision;
  collisionCount: number;
}

/**
 * The update revision is the set's template (created, or an older equal one renumbered to be the
 * newest); the current one is status.currentRevision while it exists, else the update revision.
 */
function resolveRevisions(store: ObjectStore, set: KubeObject): Revisions | undefined {
  const template = (statefulSetSpec(set).template ?? {}) as PodTemplate;
  const status = statefulSetStatus(set);
  const ensured = ensureRevision(store, set, template, status.collisionCount ?? 0);
  if (!ensured.ok) return undefined;
  const update: TemplateRevision = { name: ensured.revision.metadata.name ?? "", template: templateOfRevision(ensured.revision) };
  const currentName = status.currentRevision;
  const stored = currentName ? ownedRevisions(store, set).find((r) => r.metadata.name === currentName) : undefined;
  const current: TemplateRevision = stored ? { name: currentName ?? "", template: templateOfRevision(stored) } : update;
  return { current, update, collisionCount: ensured.collisionCount };
}

/** The part of a sync that works on the members, with the counts upstream's status is made of. */
class SetRun {
  private readonly control: PodControl;
  private readonly monotonic: boolean;
  private readonly minReadySeconds: number;
  /** Members in range, by index (ordinal − start); a missing one is the local pod about to be created. */
  private readonly replicas: KubeObject[];
  /** Members beyond the range, highest ordinal first. */
  private readonly condemned: KubeObject[];
  private readonly firstUnhealthy: KubeObject | undefined;
  private readonly draft: StatusDraft;

  constructor(
    private readonly ctx: StatefulSetSyncContext,
    private readonly set: KubeObject,
    pods: KubeObject[],
    private readonly revisions: Revisions,
    private readonly result: StatefulSetSyncResult,
  ) {
    this.control = { store: ctx.store, events: ctx.events };
    this.monotonic = !isParallel(set);
    this.minReadySeconds = statefulSetSpec(set).minReadySeconds ?? 0;
    const start = startOrdinal(set);
    const count = desiredReplicas(set);
    const slots: Array<KubeObject | undefined> = new Array(count).fill(undefined);
    const condemned: KubeObject[] = [];
    for (const pod of pods) {
      const ordinal = ordinalOf(pod);
      // A name like `web-01` parses to an ordinal but is not that member's name: not a member.
      if (ordinal < 0 || pod.metadata.name !== podName(set, ordinal)) continue;
      if (ordinal >= start && ordinal < start + count) slots[ordinal - start] = pod;
      else condemned.push(pod);
    }
    this.replicas = slots.map((pod, i) => pod ?? this.newPod(start + i));
    this.condemned = condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
    this.firstUnhealthy = this.replicas.find((pod) => !isHealthy(pod)) ?? [...this.condemned].reverse().find((pod) => !isHealthy(pod));
    this.draft = {
      observedGeneration: set.metadata.generation ?? 0,
      currentRevision: revisions.current.name,
      updateRevision: revisions.update.name,
      collisionCount: revisions.collisionCount,
      ...this.counts([pods]),
    };
  }

  update(): StatusDraft {
    if (this.set.metadata.deletionTimestamp !== undefined) return this.draft;
    const finish = (): StatusDraft => Object.assign(this.draft, this.counts([this.replicas, this.condemned]));
    if (this.runForAll(this.replicas, (i) => this.processReplica(i))) return finish();
    if (this.runForAll(this.condemned, (i) => this.fixCondemnedClaims(i))) return finish();
    if (this.runForAll(this.condemned, (i) => this.processCondemned(i))) return finish();
    finish();
    if (statefulSetSpec(this.set).updateStrategy?.type === "OnDelete") return this.draft;
    this.rollingUpdate();
    return this.draft;
  }

  private counts(lists: KubeObject[][]) {
    return countReplicas(lists.flat(), this.minReadySeconds, this.ctx.now, { current: this.revisions.current.name, update: this.revisions.update.name });
  }

  private newPod(ordinal: number): KubeObject {
    return versionedPod(this.set, this.revisions.current, this.revisions.update, ordinal);
  }

  /**
   * OrderedReady: one member after another, stopping at the first that asks to. Parallel: all of
   * them in slow-start batches (1, 2, 4, …), stopping after a batch with an error. True: stop the sync.
   */
  private runForAll(list: KubeObject[], step: (i: number) => Step): boolean {
    if (this.monotonic) {
      for (let i = 0; i < list.length; i++) if (step(i).exit) return true;
      return false;
    }
    let next = 0;
    for (let batch = Math.min(list.length, 1); batch > 0; batch = Math.min(2 * batch, list.length - next, MAX_BATCH_SIZE)) {
      let failed = false;
      for (let k = 0; k < batch; k++) if (step(next++).error) failed = true;
      if (failed) return true;
    }
    return false;
  }

  private processReplica(i: number): Step {
    let pod = this.replicas[i];
    const phase = podStatus(pod).phase;
    if (phase === "Failed" || phase === "Succeeded") {
      const where = `StatefulSet ${this.set.metadata.namespace}/${this.set.metadata.name}`;
      if (phase === "Failed") this.ctx.events.event(this.set, "Warning", "RecreatingFailedPod", `${where} is recreating failed Pod ${pod.metadata.name}`);
      else this.ctx.events.event(this.set, "Normal", "RecreatingTerminatedPod", `${where} is recreating terminated Pod ${pod.metadata.name}`);
      const error = deleteStatefulPod(this.control, this.set, pod);
      if (error) return { exit: true, error };
      pod = this.replicas[i] = this.newPod(startOrdinal(this.set) + i);
    }
    if (!isCreated(pod)) {
      const stale = staleClaims(this.control, this.set, pod);
      if (stale.length > 0) {
        for (const claim of stale) this.result.waitingForClaims.push(`${claim.metadata.namespace ?? ""}/${claim.metadata.name ?? ""}`);
        return STOP;
      }
      const error = createStatefulPod(this.control, this.set, pod);
      if (error) return { exit: true, error };
      if (this.monotonic) return STOP;
    }
    // A pending member whose claims were deleted gets them again.
    if (podStatus(pod).phase === "Pending") {
      const error = createClaims(this.control, this.set, pod);
      if (error) return { exit: true, error };
    }
    if (this.monotonic && (isTerminating(pod) || !isRunningAndReady(pod) || !isPodAvailable(pod, this.minReadySeconds, this.ctx.now))) return STOP;
    if (!isCreated(pod)) return CONTINUE;
    if (identityMatches(this.set, pod) && storageMatches(this.set, pod) && claimsMatchRetention(this.control, this.set, pod)) return CONTINUE;
    const error = updateStatefulPod(this.control, this.set, pod);
    return error ? { exit: true, error } : CONTINUE;
  }

  /** whenScaled Delete: a condemned pod becomes the owner of its claims before it goes. */
  private fixCondemnedClaims(i: number): Step {
    const pod = this.condemned[i];
    if (claimsMatchRetention(this.control, this.set, pod)) return CONTINUE;
    const error = updateClaimsForRetention(this.control, this.set, pod);
    return error ? { exit: true, error } : CONTINUE;
  }

  private processCondemned(i: number): Step {
    const pod = this.condemned[i];
    if (isTerminating(pod)) return this.monotonic ? STOP : CONTINUE;
    // OrderedReady scales down only from a healthy set, but the first unhealthy member may go.
    if (this.monotonic && pod !== this.firstUnhealthy && (!isRunningAndReady(pod) || !isPodAvailable(pod, this.minReadySeconds, this.ctx.now))) return STOP;
    const error = deleteStatefulPod(this.control, this.set, pod);
    return { exit: true, error };
  }

  /** From the highest index down to the partition: replace one outdated member, or wait for an unhealthy one. */
  private rollingUpdate(): void {
    const partition = statefulSetSpec(this.set).updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let target = this.replicas.length - 1; target >= partition; target--) {
      const pod = this.replicas[target];
      if (podRevision(pod) !== this.revisions.update.name && !isTerminating(pod)) {
        deleteStatefulPod(this.control, this.set, pod);
        this.draft.currentReplicas--;
        return;
      }
      if (!isHealthy(pod)) return;
    }
  }
}

function writeStatus(store: ObjectStore, set: KubeObject, draft: StatusDraft): void {
  completeRollingUpdate(set, draft);
  if (!inconsistentStatus(set, draft)) return;
  const current = store.get(refOf(set));
  if (!current || current.metadata.uid !== set.metadata.uid) return;
  const copy = cloneJson(current);
  copy.status = statusObject(draft);
  store.update(copy, { subresource: "status" });
}

/** The first instant after `now` at which a ready member becomes available. */
function nextAvailability(pods: readonly KubeObject[], minReadySeconds: number, now: number): number | undefined {
  if (minReadySeconds <= 0) return undefined;
  let next: number | undefined;
  for (const pod of pods) {
    if (!isRunningAndReady(pod)) continue;
    const at = availableAt(pod, minReadySeconds);
    if (at !== undefined && at > now && Number.isFinite(at) && (next === undefined || at < next)) next = at;
  }
  return next;
}

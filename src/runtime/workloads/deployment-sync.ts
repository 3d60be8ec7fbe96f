// One sync of one Deployment (upstream's syncDeployment, pkg/controller/deployment): claim its
// ReplicaSets, keep the paused condition, then either scale proportionally (paused, or spec.replicas
// changed) or roll out with the Deployment's strategy, and write the observed status.
import { isDeepStrictEqual } from "node:util";
import { controllerOf, controllerReference } from "../controllers/owner-references.js";
import type { ComponentEventRecorder } from "../events/event-recorder.js";
import { computeTemplateHash } from "../ids/template-hash.js";
import { cloneObject, refOf, type KubeObject } from "../store/kube-object.js";
import type { ObjectStore } from "../store/object-store.js";
import { getCondition, newCondition, REASON, setCondition } from "./deployment-conditions.js";
import { proportionalSizes } from "./deployment-proportions.js";
import { calculateStatus, deploymentComplete, hasProgressDeadline, progressDeadline, rolloutStatus } from "./deployment-status.js";
import {
  activeReplicaSets,
  actualReplicaCount,
  availableReplicaCount,
  byCreation,
  byRevision,
  desiredReplicasAnnotation,
  equalIgnoreHash,
  isRollingUpdate,
  maxRevision,
  maxSurge,
  maxUnavailable,
  replicasAnnotationsNeedUpdate,
  rsReplicas,
  scaledValue,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  specReplicaCount,
} from "./deployment-util.js";
import { adopt, release } from "./owner-claims.js";
import { selects } from "./replicaset-sync.js";
import {
  POD_TEMPLATE_HASH_LABEL,
  REVISION_ANNOTATION,
  deploymentSpec,
  deploymentStatus,
  podStatus,
  replicaSetSpec,
  replicaSetStatus,
  specReplicas,
  type DeploymentStatus,
  type PodTemplate,
} from "./workload-types.js";

export interface DeploymentSyncContext {
  store: ObjectStore;
  now: number;
  events: ComponentEventRecorder;
  /** The ReplicaSets the Deployment controls, and those of its namespace without a controller. */
  replicaSetsFor(deployment: KubeObject): KubeObject[];
  /** The pods a ReplicaSet controls, terminating ones included. */
  podsOf(rsUid: string): Iterable<KubeObject>;
}

export interface DeploymentSyncResult {
  /** When the rollout runs out of progress deadline and must be looked at again. */
  recheckAt?: number;
}

export function syncDeployment(ctx: DeploymentSyncContext, deployment: KubeObject): DeploymentSyncResult {
  return new DeploymentSync(ctx, deployment).run();
}

/** What getAllReplicaSetsAndSyncRevision finds; `failed` when creating the new ReplicaSet failed. */
interface ReplicaSets {
  newRS: KubeObject | undefined;
  oldRSs: KubeObject[];
  failed: boolean;
}

class DeploymentSync {
  /** The Deployment as this sync sees and changes it; written back by `persist`. */
  private d: KubeObject;
  /** The latest version of every ReplicaSet this sync wrote, by uid. */
  private readonly written = new Map<string, KubeObject>();
  private recheckAt: number | undefined;

  constructor(
    private readonly ctx: DeploymentSyncContext,
    deployment: KubeObject,
  ) {
    this.d = cloneObject(deployment);
  }

  run(): DeploymentSyncResult {
    const d = this.d;
    const spec = deploymentSpec(d);
    const selector = spec.selector;
    if (!selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)) {
      this.ctx.events.event(d, "Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
      if ((deploymentStatus(d).observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        this.status().observedGeneration = d.metadata.generation;
        this.persist();
      }
      return {};
    }
    const rsList = this.claimReplicaSets();
    if (d.metadata.deletionTimestamp !== undefined) {
      this.syncStatusOnly(rsList);
      return {};
    }
    this.checkPausedConditions();
    if (spec.paused) {
      this.scaleAndSync(rsList);
      return {};
    }
    if (this.isScalingEvent(rsList)) this.scaleAndSync(rsList);
    else if (spec.strategy?.type === "Recreate") this.rolloutRecreate(rsList);
    else this.rolloutRolling(rsList);
    return { recheckAt: this.recheckAt };
  }

  // ----- ReplicaSets -----

  private fresh(rs: KubeObject): KubeObject {
    return this.written.get(rs.metadata.uid ?? "") ?? rs;
  }

  private freshAll(list: readonly (KubeObject | undefined)[]): KubeObject[] {
    return list.filter((rs): rs is KubeObject => rs !== undefined).map((rs) => this.fresh(rs));
  }

  /** getReplicaSetsForDeployment: adopt matching orphans, release owned ones that stopped matching. */
  private claimReplicaSets(): KubeObject[] {
    const d = this.d;
    const uid = d.metadata.uid ?? "";
    const selector = deploymentSpec(d).selector;
    const deleting = d.metadata.deletionTimestamp !== undefined;
    const claimed: KubeObject[] = [];
    for (const rs of this.ctx.replicaSetsFor(d)) {
      const controller = controllerOf(rs);
      if (controller) {
        if (controller.uid !== uid) continue;
        if (selects(selector, rs.metadata.labels)) claimed.push(rs);
        else if (!deleting) release(this.ctx.store, uid, rs);
        continue;
      }
      if (deleting || rs.metadata.deletionTimestamp !== undefined || !selects(selector, rs.metadata.labels)) continue;
      const adopted = adopt(this.ctx.store, d, rs);
      if (adopted.ok) claimed.push(adopted.object);
    }
    return claimed;
  }

  /** The ReplicaSet whose template equals the Deployment's, oldest first on ties (FindNewReplicaSet). */
  private findNewReplicaSet(rsList: readonly KubeObject[]): KubeObject | undefined {
    const template = deploymentSpec(this.d).template;
    return [...rsList].sort(byCreation).find((rs) => equalIgnoreHash(replicaSetSpec(rs).template, template));
  }

  private getAllReplicaSetsAndSyncRevision(rsList: readonly KubeObject[], create: boolean): ReplicaSets {
    const existing = this.findNewReplicaSet(rsList);
    const oldRSs = rsList.filter((rs) => rs.metadata.uid !== existing?.metadata.uid).map((rs) => this.fresh(rs));
    const found = this.getNewReplicaSet(existing && this.fresh(existing), oldRSs, create);
    return { newRS: found.rs, oldRSs, failed: found.failed };
  }

  private getNewReplicaSet(existing: KubeObject | undefined, oldRSs: readonly KubeObject[], create: boolean): { rs?: KubeObject; failed: boolean } {
    const d = this.d;
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing) {
      const copy = cloneObject(existing);
      const annotationsChanged = setNewReplicaSetAnnotations(d, copy, newRevision, true);
      const minReady = deploymentSpec(d).minReadySeconds ?? 0;
      if (annotationsChanged || (replicaSetSpec(copy).minReadySeconds ?? 0) !== minReady) {
        setMinReadySeconds(copy, minReady);
        const result = this.ctx.store.update(copy);
        if (!result.ok) return { failed: true };
        this.written.set(result.object.metadata.uid ?? "", result.object);
        return { rs: result.object, failed: false };
      }
      let changed = this.setDeploymentRevision(copy.metadata.annotations?.[REVISION_ANNOTATION] ?? "");
      if (hasProgressDeadline(d) && !getCondition(this.status(), "Progressing")) {
        setCondition(this.status(), newCondition("Progressing", "True", REASON.foundNewReplicaSet, `Found new replica set "${copy.metadata.name}"`, this.ctx.now));
        changed = true;
      }
      if (changed) this.persist();
      return { rs: existing, failed: false };
    }
    if (!create) return { failed: false };
    return this.createNewReplicaSet(oldRSs, newRevision);
  }

  private createNewReplicaSet(oldRSs: readonly KubeObject[], newRevision: number): { rs?: KubeObject; failed: boolean } {
    const d = this.d;
    const spec = deploymentSpec(d);
    const template = structuredClone(spec.template ?? {}) as PodTemplate;
    const hash = computeTemplateHash(spec.template ?? {}, deploymentStatus(d).collisionCount);
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash } };
    const selector = structuredClone(spec.selector ?? {});
    selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
    const name = `${d.metadata.name}-${hash}`;
    const rs: KubeObject = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name, namespace: d.metadata.namespace, labels: { ...template.metadata.labels }, ownerReferences: [controllerReference(d)] },
      spec: { replicas: 0, ...((spec.minReadySeconds ?? 0) > 0 ? { minReadySeconds: spec.minReadySeconds } : {}), selector, template },
    };
    const replicas = this.newReplicaSetReplicas([...oldRSs, rs], rs);
    (rs.spec as { replicas: number }).replicas = replicas;
    setNewReplicaSetAnnotations(d, rs, newRevision, false);

    const result = this.ctx.store.create(rs);
    let created: KubeObject;
    let alreadyExisted = false;
    if (result.ok) {
      created = result.object;
    } else if (result.error.reason === "AlreadyExists") {
      const found = this.ctx.store.get({ group: "apps", kind: "ReplicaSet", namespace: d.metadata.namespace, name });
      if (found && controllerOf(found)?.uid === d.metadata.uid && equalIgnoreHash(spec.template, replicaSetSpec(found).template)) {
        created = found;
        alreadyExisted = true;
      } else {
        // A hash collision: the next sync (the status write queues one) hashes with a new count.
        this.status().collisionCount = (deploymentStatus(d).collisionCount ?? 0) + 1;
        this.persist();
        return { failed: true };
      }
    } else {
      if (result.error.message.includes("because it is being terminated")) return { failed: true };
      const message = `Failed to create new replica set "${name}": ${result.error.message}`;
      if (hasProgressDeadline(d)) {
        setCondition(this.status(), newCondition("Progressing", "False", REASON.replicaSetCreateError, message, this.ctx.now));
        this.persist();
      }
      this.ctx.events.event(d, "Warning", REASON.replicaSetCreateError, message);
      return { failed: true };
    }
    this.written.set(created.metadata.uid ?? "", created);
    if (!alreadyExisted && replicas > 0) {
      this.ctx.events.event(d, "Normal", "ScalingReplicaSet", `Scaled up replica set ${name} from 0 to ${replicas}`);
    }
    let changed = this.setDeploymentRevision(String(newRevision));
    if (!alreadyExisted && hasProgressDeadline(d)) {
      setCondition(this.status(), newCondition("Progressing", "True", REASON.newReplicaSetCreated, `Created new replica set "${name}"`, this.ctx.now));
      changed = true;
    }
    if (changed) this.persist();
    return { rs: created, failed: false };
  }

  /** NewRSNewReplicas: how big a new ReplicaSet may be now. */
  private newReplicaSetReplicas(allRSs: readonly KubeObject[], newRS: KubeObject): number {
    const d = this.d;
    const replicas = specReplicas(d);
    if (!isRollingUpdate(d)) return replicas;
    const surge = scaledValue(deploymentSpec(d).strategy?.rollingUpdate?.maxSurge ?? "25%", replicas, true) ?? 0;
    const current = specReplicaCount(allRSs);
    const maxTotal = replicas + surge;
    if (current >= maxTotal) return rsReplicas(newRS);
    return rsReplicas(newRS) + Math.min(maxTotal - current, replicas - rsReplicas(newRS));
  }

  /** Scales `rs` to `size` (and refreshes its replica annotations); an event when the size changed. */
  private scaleReplicaSet(rs: KubeObject, size: number): boolean {
    const d = this.d;
    const current = this.fresh(rs);
    const desired = specReplicas(d);
    const max = desired + maxSurge(d);
    const sizeChanges = rsReplicas(current) !== size;
    if (!sizeChanges && !replicasAnnotationsNeedUpdate(current, desired, max)) return false;
    const copy = cloneObject(current);
    (copy.spec as { replicas: number }).replicas = size;
    setReplicasAnnotations(copy, desired, max);
    const result = this.ctx.store.update(copy);
    if (!result.ok) return false;
    this.written.set(result.object.metadata.uid ?? "", result.object);
    if (sizeChanges) {
      const direction = rsReplicas(current) < size ? "up" : "down";
      this.ctx.events.event(d, "Normal", "ScalingReplicaSet", `Scaled ${direction} replica set ${current.metadata.name} from ${rsReplicas(current)} to ${size}`);
    }
    return sizeChanges;
  }

  /** scaleReplicaSetAndRecordEvent: nothing to do when the size is already right. */
  private scaleTo(rs: KubeObject, size: number): boolean {
    return rsReplicas(this.fresh(rs)) === size ? false : this.scaleReplicaSet(rs, size);
  }

  // ----- Deployment writes -----

  private status(): DeploymentStatus {
    return (this.d.status ??= {}) as DeploymentStatus;
  }

  private setDeploymentRevision(revision: string): boolean {
    const annotations = (this.d.metadata.annotations ??= {});
    if (annotations[REVISION_ANNOTATION] === revision) return false;
    annotations[REVISION_ANNOTATION] = revision;
    return true;
  }

  /**
   * Writes the Deployment's annotations and status where they differ from the store (upstream does
   * both in one UpdateStatus call, whose strategy lets annotations through).
   */
  private persist(): void {
    const store = this.ctx.store;
    let stored = store.get(refOf(this.d));
    if (!stored || stored.metadata.uid !== this.d.metadata.uid) return;
    if (!isDeepStrictEqual(stored.metadata.annotations ?? {}, this.d.metadata.annotations ?? {})) {
      const copy = cloneObject(stored);
      copy.metadata.annotations = structuredClone(this.d.metadata.annotations);
      const result = store.update(copy);
      if (!result.ok) return;
      stored = result.object;
    }
    if (!isDeepStrictEqual(stored.status ?? {}, this.d.status ?? {})) {
      const copy = cloneObject(stored);
      copy.status = structuredClone(this.d.status);
      const result = store.update(copy, { subresource: "status" });
      if (!result.ok) return;
      stored = result.object;
    }
    const status = this.d.status;
    this.d = cloneObject(stored);
    if (status !== undefined) this.d.status = status;
  }

  private writeStatus(next: DeploymentStatus): void {
    if (isDeepStrictEqual(deploymentStatus(this.d), next)) return;
    this.d.status = next;
    this.persist();
  }

  // ----- Sync paths -----

  private checkPausedConditions(): void {
    const d = this.d;
    if (!hasProgressDeadline(d)) return;
    const condition = getCondition(deploymentStatus(d), "Progressing");
    if (condition?.reason === REASON.progressDeadlineExceeded) return;
    const pausedNoted = condition?.reason === REASON.deploymentPaused;
    const paused = deploymentSpec(d).paused === true;
    if (paused && !pausedNoted) {
      setCondition(this.status(), newCondition("Progressing", "Unknown", REASON.deploymentPaused, "Deployment is paused", this.ctx.now));
      this.persist();
    } else if (!paused && pausedNoted) {
      setCondition(this.status(), newCondition("Progressing", "Unknown", REASON.deploymentResumed, "Deployment is resumed", this.ctx.now));
      this.persist();
    }
  }

  /** A ReplicaSet with pods was made for another spec.replicas: scale, don't roll. */
  private isScalingEvent(rsList: readonly KubeObject[]): boolean {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(rsList, false);
    const desired = specReplicas(this.d);
    for (const rs of activeReplicaSets(this.freshAll([...oldRSs, newRS]))) {
      const annotated = desiredReplicasAnnotation(rs);
      if (annotated !== undefined && annotated !== desired) return true;
    }
    return false;
  }

  /** upstream's `sync`: scale (proportionally mid-rollout), clean up when paused, write status. */
  private scaleAndSync(rsList: readonly KubeObject[]): void {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(rsList, false);
    this.scale(newRS, oldRSs);
    if (deploymentSpec(this.d).paused) this.cleanupDeployment(oldRSs);
    const all = this.freshAll([...oldRSs, newRS]);
    this.writeStatus(calculateStatus(this.d, all, newRS && this.fresh(newRS), this.ctx.now));
  }

  private syncStatusOnly(rsList: readonly KubeObject[]): void {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(rsList, false);
    this.writeStatus(calculateStatus(this.d, this.freshAll([...oldRSs, newRS]), newRS && this.fresh(newRS), this.ctx.now));
  }

  private syncRolloutStatus(allRSs: readonly (KubeObject | undefined)[], newRS: KubeObject | undefined): void {
    const fresh = newRS && this.fresh(newRS);
    const next = rolloutStatus(this.d, this.freshAll(allRSs), fresh, this.ctx.now);
    this.writeStatus(next);
    // requeueStuckDeployment: look again when the progress deadline passes.
    const condition = getCondition(next, "Progressing");
    this.recheckAt = undefined;
    if (!condition || deploymentComplete(this.d, next) || condition.reason === REASON.progressDeadlineExceeded) return;
    const deadline = progressDeadline(this.d, next);
    if (deadline !== undefined && deadline > this.ctx.now) this.recheckAt = deadline;
  }

  private scale(newRS: KubeObject | undefined, oldRSs: readonly KubeObject[]): void {
    const d = this.d;
    const desired = specReplicas(d);
    const single = this.activeOrLatest(newRS, oldRSs);
    if (single) {
      if (rsReplicas(this.fresh(single)) !== desired) this.scaleTo(single, desired);
      return;
    }
    if (newRS && this.isSaturated(this.fresh(newRS))) {
      for (const old of activeReplicaSets(this.freshAll(oldRSs))) this.scaleTo(old, 0);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const all = activeReplicaSets(this.freshAll([...oldRSs, newRS]));
    const allowed = desired > 0 ? desired + maxSurge(d) : 0;
    for (const { rs, size } of proportionalSizes(d, all, allowed - specReplicaCount(all))) this.scaleReplicaSet(rs, size);
  }

  /** FindActiveOrLatest: the only ReplicaSet with replicas, or the newest when none has any. */
  private activeOrLatest(newRS: KubeObject | undefined, oldRSs: readonly KubeObject[]): KubeObject | undefined {
    if (!newRS && oldRSs.length === 0) return undefined;
    const newestFirst = this.freshAll(oldRSs).sort((a, b) => byCreation(b, a));
    const active = activeReplicaSets([...newestFirst, newRS && this.fresh(newRS)]);
    if (active.length === 0) return newRS ?? newestFirst[0];
    return active.length === 1 ? active[0] : undefined;
  }

  private isSaturated(rs: KubeObject): boolean {
    const desired = specReplicas(this.d);
    return rsReplicas(rs) === desired && desiredReplicasAnnotation(rs) === desired && (replicaSetStatus(rs).availableReplicas ?? 0) === desired;
  }

  /** Keeps revisionHistoryLimit old ReplicaSets: deletes the lowest revisions that are fully scaled down. */
  private cleanupDeployment(oldRSs: readonly KubeObject[]): void {
    const limit = deploymentSpec(this.d).revisionHistoryLimit;
    if (limit === undefined || limit === 2 ** 31 - 1) return;
    const cleanable = this.freshAll(oldRSs).filter((rs) => rs.metadata.deletionTimestamp === undefined);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    cleanable.sort(byRevision);
    for (const rs of cleanable.slice(0, diff)) {
      const status = replicaSetStatus(rs);
      if ((status.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0 || (rs.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) continue;
      this.ctx.store.delete(refOf(rs));
    }
  }

  // ----- Strategies -----

  private rolloutRolling(rsList: readonly KubeObject[]): void {
    const { newRS, oldRSs, failed } = this.getAllReplicaSetsAndSyncRevision(rsList, true);
    if (failed || !newRS) return;
    if (this.reconcileNewReplicaSet([...oldRSs, newRS], newRS) || this.reconcileOldReplicaSets(oldRSs, newRS)) {
      this.syncRolloutStatus([...oldRSs, newRS], newRS);
      return;
    }
    if (deploymentComplete(this.d, deploymentStatus(this.d))) this.cleanupDeployment(oldRSs);
    this.syncRolloutStatus([...oldRSs, newRS], newRS);
  }

  private reconcileNewReplicaSet(allRSs: readonly KubeObject[], newRS: KubeObject): boolean {
    const desired = specReplicas(this.d);
    const current = rsReplicas(this.fresh(newRS));
    if (current === desired) return false;
    if (current > desired) return this.scaleTo(newRS, desired);
    return this.scaleTo(newRS, this.newReplicaSetReplicas(this.freshAll(allRSs), this.fresh(newRS)));
  }

  private reconcileOldReplicaSets(oldRSs: readonly KubeObject[], newRS: KubeObject): boolean {
    const old = activeReplicaSets(this.freshAll(oldRSs));
    if (specReplicaCount(old) === 0) return false;
    const fresh = this.fresh(newRS);
    const allPods = specReplicaCount([...old, fresh]);
    const minAvailable = specReplicas(this.d) - maxUnavailable(this.d);
    const newUnavailable = rsReplicas(fresh) - (replicaSetStatus(fresh).availableReplicas ?? 0);
    const maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    const cleaned = this.cleanupUnhealthyReplicas(old, maxScaledDown);
    const scaledDown = this.scaleDownOldReplicaSetsForRollingUpdate(old, fresh);
    return cleaned + scaledDown > 0;
  }

  /** Scales down old ReplicaSets' unavailable replicas first, oldest first, so they never block. */
  private cleanupUnhealthyReplicas(oldRSs: readonly KubeObject[], maxCleanup: number): number {
    let total = 0;
    for (const rs of [...oldRSs].sort(byCreation)) {
      if (total >= maxCleanup) break;
      const current = this.fresh(rs);
      const replicas = rsReplicas(current);
      const available = replicaSetStatus(current).availableReplicas ?? 0;
      if (replicas === 0 || replicas === available) continue;
      const count = Math.min(maxCleanup - total, replicas - available);
      this.scaleTo(current, replicas - count);
      total += count;
    }
    return total;
  }

  /** Scales down old ReplicaSets, oldest first, while more than minAvailable replicas are available. */
  private scaleDownOldReplicaSetsForRollingUpdate(oldRSs: readonly KubeObject[], newRS: KubeObject): number {
    const minAvailable = specReplicas(this.d) - maxUnavailable(this.d);
    const available = availableReplicaCount(this.freshAll([...oldRSs, newRS]));
    if (available <= minAvailable) return 0;
    const wanted = available - minAvailable;
    let total = 0;
    for (const rs of this.freshAll(oldRSs).sort(byCreation)) {
      if (total >= wanted) break;
      const replicas = rsReplicas(rs);
      if (replicas === 0) continue;
      const count = Math.min(replicas, wanted - total);
      this.scaleTo(rs, replicas - count);
      total += count;
    }
    return total;
  }

  private rolloutRecreate(rsList: readonly KubeObject[]): void {
    let { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(rsList, false);
    let scaledDown = false;
    for (const rs of activeReplicaSets(this.freshAll(oldRSs))) if (this.scaleTo(rs, 0)) scaledDown = true;
    if (scaledDown || this.oldPodsRunning(newRS, rsList)) {
      this.syncRolloutStatus([...oldRSs, newRS], newRS);
      return;
    }
    if (!newRS) {
      const made = this.getAllReplicaSetsAndSyncRevision(rsList, true);
      if (made.failed || !made.newRS) return;
      ({ newRS, oldRSs } = made);
    }
    if (newRS) this.scaleTo(newRS, specReplicas(this.d));
    if (deploymentComplete(this.d, deploymentStatus(this.d))) this.cleanupDeployment(oldRSs);
    this.syncRolloutStatus([...oldRSs, newRS], newRS);
  }

  /** Pods of old ReplicaSets that have not finished, terminating ones included. */
  private oldPodsRunning(newRS: KubeObject | undefined, rsList: readonly KubeObject[]): boolean {
    const oldRSs = rsList.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
    if (actualReplicaCount(this.freshAll(oldRSs)) > 0) return true;
    const selector = deploymentSpec(this.d).selector;
    for (const rs of oldRSs) {
      for (const pod of this.ctx.podsOf(rs.metadata.uid ?? "")) {
        if (!selects(selector, pod.metadata.labels)) continue;
        const phase = podStatus(pod).phase;
        if (phase !== "Failed" && phase !== "Succeeded") return true;
      }
    }
    return false;
  }
}

function setMinReadySeconds(rs: KubeObject, seconds: number): void {
  const spec = rs.spec as { minReadySeconds?: number };
  if (seconds > 0) spec.minReadySeconds = seconds;
  else delete spec.minReadySeconds;
}

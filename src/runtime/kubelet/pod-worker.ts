// One pod on one simulated node, as the kubelet's pod worker syncs it: mount the volumes, create the
// sandbox (the pod IP), run the init containers one after another and then the containers, restart
// them by the restart policy with back-off, and on deletion stop them and remove the pod. Each sync
// moves every step due by now, so changes that fall at the same instant make one status write.
import { formatTimestamp, parseTimestamp } from "../clock/timestamps.js";
import type { EventType } from "../events/event-key.js";
import { defaultPullPolicy } from "../admission/pod-spec-defaults.js";
import type { ImageRegistry } from "../registry/image-registry.js";
import { parseImageReference, type ImageReference } from "../registry/image-reference.js";
import type { KubeObject, ObjectRef } from "../store/kube-object.js";
import type { StoreReader } from "../store/store-api.js";
import { Backoff, delayAfterFailures } from "./backoff.js";
import { containerConfigProblem, volumeProblem, type ConfigObjectRef } from "./config-references.js";
import { newRun, renderContainerStatus, setWaiting, stepDueAt, type ContainerRun, type Step } from "./container-run.js";
import { crashBackOffDelay, messages, type PodName } from "./kubelet-messages.js";
import type { ContainerStatus, PodCondition, PodSpec, PodStatus, TerminatedState } from "./pod-model.js";
import { restartPolicyOf } from "./pod-model.js";
import { podConditions, podPhase } from "./pod-status.js";
import { planRun } from "./run-plan.js";
import { defaultRunDuration, podDurationHint } from "./sim-hints.js";

/** The kubelet notices a container's exit, and acts on it, at its next relist (PLEG: every second). */
export const NOTICE_EXIT_MS = 1_000;
/** After a failed pull the pod's next sync, which reports ImagePullBackOff, comes a second later. */
export const SHOW_PULL_BACKOFF_MS = 1_000;
const LIVENESS_KILL_EXIT_CODE = 137;
const MAX_STEPS_PER_SYNC = 1_000;

export interface KubeletEvent {
  type: EventType;
  reason: string;
  message: string;
  fieldPath?: string;
}

/** What a past kubelet event of this pod says (for rebuilding back-offs after a restart). */
export interface PastEvent {
  count: number;
  last: number;
}

/** The node-side facilities a sync uses. */
export interface PodEnvironment {
  now: number;
  store: StoreReader;
  registry: ImageRegistry;
  hostIP: string | undefined;
  hasImage(canonical: string): boolean;
  /** When a pull of this image already under way on the node finishes. */
  pullInFlight(canonical: string): number | undefined;
  startPull(canonical: string, due: number): void;
  recordImage(reference: ImageReference, imageId: string, sizeBytes: number): void;
  allocateIp(): string | undefined;
  ipRange(): string;
  pastEvent(reason: string, message: string | undefined, fieldPath: string | undefined): PastEvent | undefined;
}

export type SyncOutcome = "active" | "delete" | "retire";

export interface SyncResult {
  /** The new status when it changed. */
  status: PodStatus | undefined;
  /** The new status serialized (to recognise it when it comes back from the store). */
  json?: string;
  events: KubeletEvent[];
  wakeAt: number | undefined;
  outcome: SyncOutcome;
}

type Sandbox = { state: "mounting"; retryAt: number; waitingOn: ConfigObjectRef | undefined } | { state: "ready" };

export class PodWorker {
  readonly ref: ObjectRef;
  readonly uid: string;
  readonly nodeName: string;
  /** When the kubelet's timer for this pod fires (owned by the Kubelet). */
  wakeAt: number | undefined;
  /** ConfigMap/Secret keys this pod is registered as waiting on (owned by the Kubelet). */
  registeredWaits = new Set<string>();
  podIP: string | undefined;

  private runs: ContainerRun[] | undefined;
  private sandbox: Sandbox = { state: "mounting", retryAt: 0, waitingOn: undefined };
  private startTime = 0;
  /** When the sandbox was ready (whole seconds after a restart). */
  private sandboxAt = 0;
  private readonly backoff = new Backoff();
  private terminating: { stopAt: number } | undefined;
  private foundTerminating = false;
  private events: KubeletEvent[] = [];
  private written: { status: unknown; json: string } | undefined;
  private pod!: KubeObject;
  private env!: PodEnvironment;

  constructor(pod: KubeObject) {
    this.ref = { group: "", kind: "Pod", namespace: pod.metadata.namespace ?? "default", name: pod.metadata.name ?? "" };
    this.uid = pod.metadata.uid ?? "";
    this.nodeName = (pod.spec as PodSpec).nodeName ?? "";
    const status = pod.status as PodStatus | undefined;
    if (status?.startTime && status.podIP) this.podIP = status.podIP;
  }

  /** The ConfigMaps and Secrets whose appearance would let this pod go on. */
  waitingOn(): ConfigObjectRef[] {
    const refs: ConfigObjectRef[] = [];
    if (this.sandbox.state === "mounting" && this.sandbox.waitingOn) refs.push(this.sandbox.waitingOn);
    for (const run of this.runs ?? []) if (run.waitingOn) refs.push(run.waitingOn);
    return refs;
  }

  /** A ConfigMap or Secret this pod waits on changed: try again now rather than after the back-off. */
  retryNow(key: string, now: number): void {
    const matches = (ref: ConfigObjectRef | undefined) => ref !== undefined && configKey(ref) === key;
    if (this.sandbox.state === "mounting" && matches(this.sandbox.waitingOn)) this.sandbox.retryAt = now;
    for (const run of this.runs ?? []) if (matches(run.waitingOn) && run.step.kind === "retry") run.step = { kind: "retry", at: now };
  }

  sync(pod: KubeObject, env: PodEnvironment): SyncResult {
    this.pod = pod;
    this.env = env;
    this.events = [];
    const current = (pod.status ?? {}) as PodStatus;
    if (!this.runs) this.build(current);
    if (pod.metadata.deletionTimestamp !== undefined) return this.terminate();
    this.advance();
    const status = this.render(current);
    const json = JSON.stringify(status);
    const changed = json !== (current === this.written?.status ? this.written.json : JSON.stringify(current));
    const terminal = status.phase === "Succeeded" || status.phase === "Failed";
    return { status: changed ? status : undefined, json, events: this.events, wakeAt: terminal ? undefined : this.nextWake(), outcome: terminal ? "retire" : "active" };
  }

  /** The status as stored after the kubelet wrote it, so the next sync need not serialize it again. */
  noteWritten(stored: unknown, json: string): void {
    this.written = { status: stored, json };
  }

  // ---- building the in-memory state: a new pod, or one the kubelet already ran (after a restart)

  private get spec(): PodSpec {
    return this.pod.spec as PodSpec;
  }

  private get podName(): PodName {
    return { name: this.ref.name, namespace: this.ref.namespace ?? "default", uid: this.uid };
  }

  private build(current: PodStatus): void {
    const hasInit = (this.spec.initContainers ?? []).length > 0;
    const first = hasInit ? "PodInitializing" : "ContainerCreating";
    this.runs = [
      ...(this.spec.initContainers ?? []).map((c) => newRun(c, true, "PodInitializing")),
      ...(this.spec.containers ?? []).map((c) => newRun(c, false, first)),
    ];
    const startTime = current.startTime === undefined ? undefined : parseTimestamp(current.startTime);
    if (startTime === undefined) {
      this.startTime = this.env.now;
      this.sandbox = { state: "mounting", retryAt: this.env.now, waitingOn: undefined };
      return;
    }
    // The kubelet ran this pod before: carry on from what its status shows.
    this.startTime = startTime;
    this.foundTerminating = this.pod.metadata.deletionTimestamp !== undefined;
    if (current.podIP) {
      this.sandbox = { state: "ready" };
      const ready = current.conditions?.find((c) => c.type === "PodReadyToStartContainers" && c.status === "True");
      this.sandboxAt = Math.max(startTime, parseTimestamp(ready?.lastTransitionTime ?? "") ?? startTime);
    }
    else {
      // Waiting for a volume's ConfigMap or Secret; if it has appeared meanwhile, mount now.
      const problem = volumeProblem(this.spec.volumes, this.ref.namespace ?? "default", this.env.store);
      const failed = problem ? this.env.pastEvent("FailedMount", undefined, undefined) : undefined;
      this.sandbox = { state: "mounting", retryAt: this.restoreRetry("mount", failed), waitingOn: problem?.ref };
    }
    for (const run of this.runs) {
      const statuses = (run.init ? current.initContainerStatuses : current.containerStatuses) ?? [];
      const status = statuses.find((s) => s.name === run.spec.name);
      if (status) this.restoreRun(run, status);
    }
    // The containers whose turn it was may have had a pull under way.
    if (this.sandbox.state !== "ready") return;
    const now = this.env.now;
    const decided = (r: ContainerRun) => r.step.kind === "done" || (r.step.kind === "exited" && r.step.decideAt <= now);
    const pendingInit = this.runs.find((r) => r.init && !(decided(r) && "terminated" in r.status.state && r.status.state.terminated.exitCode === 0));
    const turn = pendingInit ? [pendingInit] : this.runs.filter((r) => !r.init);
    for (const run of turn) run.resumable = run.step.kind === "blocked" && run.instances === 0;
  }

  private restoreRetry(key: string, failed: PastEvent | undefined): number {
    if (!failed) return this.env.now;
    const delay = delayAfterFailures(failed.count);
    this.backoff.restore(key, delay, failed.last);
    return failed.last + delay;
  }

  private restoreRun(run: ContainerRun, status: ContainerStatus): void {
    run.status = structuredClone({ ...status, lastState: status.lastState ?? {} }) as ContainerStatus;
    const state = run.status.state;
    const previous = run.status.lastState.terminated;
    run.lastTerminated = "terminated" in state ? state.terminated : previous;
    const hasRun = "running" in state || "terminated" in state || previous !== undefined;
    run.instances = hasRun ? run.status.restartCount + 1 : 0;
    const crashKey = `crash:${run.spec.name}`;
    const previousEnd = previous ? parseTimestamp(previous.finishedAt) : undefined;
    if (run.status.restartCount > 0 && previousEnd !== undefined) this.backoff.restore(crashKey, delayAfterFailures(run.status.restartCount), previousEnd);
    const now = this.env.now;
    if ("running" in state) {
      const plan = planRun({ container: run.spec, init: run.init, annotations: this.pod.metadata.annotations, defaultRunDuration: defaultRunDuration(this.pod), startedAt: parseTimestamp(state.running.startedAt) ?? now, podIP: this.podIP });
      // Probe failures already due were reported before the restart; an exit still to come is not lost.
      const next = plan.items.findIndex((item) => item.at > now || item.kind === "exit" || (item.kind === "liveness-failure" && item.last));
      run.step = { kind: "running", plan, next: next === -1 ? plan.items.length : next };
      return;
    }
    if ("terminated" in state) {
      const finishedAt = parseTimestamp(state.terminated.finishedAt) ?? now;
      run.step = this.afterExit(run, state.terminated.exitCode, finishedAt);
      return;
    }
    const { reason, message } = state.waiting;
    switch (reason) {
      case "CrashLoopBackOff": {
        const finishedAt = previousEnd ?? now;
        const delay = crashBackOffDelay(message) ?? delayAfterFailures(run.status.restartCount);
        this.backoff.restore(crashKey, delay, finishedAt);
        run.step = { kind: "crash-backoff", finishedAt, restartAt: finishedAt + delay };
        return;
      }
      case "ErrImagePull":
      case "ImagePullBackOff": {
        const failed = this.env.pastEvent("Failed", messages.error("ErrImagePull"), run.fieldPath);
        if (!failed) return;
        const delay = delayAfterFailures(failed.count);
        this.backoff.restore(`pull:${run.spec.image ?? ""}`, delay, failed.last);
        run.step = { kind: "pull-failed", showAt: failed.last + SHOW_PULL_BACKOFF_MS, shown: reason === "ImagePullBackOff", retryAt: failed.last + delay };
        return;
      }
      case "CreateContainerConfigError":
      case "ErrImageNeverPull":
      case "InvalidImageName": {
        const failed = this.env.pastEvent("Failed", messages.error(reason === "CreateContainerConfigError" ? (message ?? "") : reason), run.fieldPath);
        run.step = { kind: "retry", at: this.restoreRetry(`retry:${run.spec.name}`, failed) };
        if (reason !== "CreateContainerConfigError") return;
        // Waiting for a ConfigMap or Secret; if it has appeared meanwhile, start now.
        run.waitingOn = containerConfigProblem(run.spec, this.ref.namespace ?? "default", this.env.store)?.ref;
        if (!run.waitingOn) run.step = { kind: "retry", at: now };
        return;
      }
      default:
        // ContainerCreating / PodInitializing: blocked until its turn, which `advance` works out; an
        // attempt already under way resumes from when it began.
        run.step = { kind: "blocked" };
    }
  }

  // ---- moving the pod along

  private advance(): void {
    const now = this.env.now;
    if (this.sandbox.state === "mounting") {
      if (this.sandbox.retryAt > now || !this.createSandbox()) return;
    }
    const runs = this.runs ?? [];
    for (const run of runs.filter((r) => r.init)) {
      if (run.step.kind === "blocked") run.step = this.firstAttempt(run);
      this.advanceRun(run);
      if (!this.initSucceeded(run)) return;
    }
    for (const run of runs.filter((r) => !r.init)) {
      if (run.step.kind === "blocked") run.step = this.firstAttempt(run);
      this.advanceRun(run);
    }
  }

  /** The first attempt at starting a container: now, or, when its status shows one was under way before a restart, resumed. */
  private firstAttempt(run: ContainerRun): Step {
    const now = this.env.now;
    const resumable = run.resumable;
    run.resumable = false;
    if (!resumable) return { kind: "attempt", at: now };
    // A pull under way before a restart began when the container's turn came: when the sandbox was
    // ready, or a second after the previous init container ended.
    const before = (this.runs ?? []).filter((r) => r.init && r !== run && this.initSucceeded(r));
    const ends = before.map((r) => (r.lastTerminated ? (parseTimestamp(r.lastTerminated.finishedAt) ?? 0) + NOTICE_EXIT_MS : 0));
    const began = Math.max(this.sandboxAt, ...ends);
    return { kind: "attempt", at: now, resumeFrom: Math.min(began, now) };
  }

  private createSandbox(): boolean {
    const now = this.env.now;
    const problem = volumeProblem(this.spec.volumes, this.ref.namespace ?? "default", this.env.store);
    if (problem) {
      this.event("Warning", "FailedMount", messages.failedMount(problem.volume, problem.message));
      this.sandbox = { state: "mounting", retryAt: now + this.backoff.next("mount", now), waitingOn: problem.ref };
      return false;
    }
    this.podIP ??= this.env.allocateIp();
    if (this.podIP === undefined) {
      this.event("Warning", "FailedCreatePodSandBox", messages.sandboxIpExhausted(this.env.ipRange()));
      this.sandbox = { state: "mounting", retryAt: now + this.backoff.next("mount", now), waitingOn: undefined };
      return false;
    }
    this.backoff.forget("mount");
    this.sandbox = { state: "ready" };
    this.sandboxAt = now;
    return true;
  }

  private initSucceeded(run: ContainerRun): boolean {
    return run.step.kind === "done" && "terminated" in run.status.state && run.status.state.terminated.exitCode === 0;
  }

  private advanceRun(run: ContainerRun): void {
    const now = this.env.now;
    for (let guard = 0; guard < MAX_STEPS_PER_SYNC; guard++) {
      const step = run.step;
      switch (step.kind) {
        case "blocked":
        case "done":
          return;
        case "attempt":
          if (step.at > now) return;
          this.attempt(run, step.resumeFrom);
          break;
        case "pulling":
          if (step.due > now) return;
          this.finishPull(run, step);
          break;
        case "pull-failed":
          if (!step.shown) {
            if (step.showAt > now) return;
            this.event("Normal", "BackOff", messages.pullBackOff(run.spec.image ?? ""), run.fieldPath);
            this.event("Warning", "Failed", messages.error("ImagePullBackOff"), run.fieldPath);
            setWaiting(run, "ImagePullBackOff", messages.pullBackOff(run.spec.image ?? ""));
            run.step = { ...step, shown: true };
            break;
          }
          if (step.retryAt > now) return;
          run.step = { kind: "attempt", at: now };
          break;
        case "retry":
          if (step.at > now) return;
          run.step = { kind: "attempt", at: now };
          break;
        case "running":
          if (!this.advanceRunning(run, step)) return;
          break;
        case "exited":
          if (step.decideAt > now) return;
          this.decideRestart(run, step.finishedAt);
          break;
        case "crash-backoff":
          if (step.restartAt > now) return;
          this.backoff.next(`crash:${run.spec.name}`, step.finishedAt);
          run.step = { kind: "attempt", at: now };
          break;
      }
    }
    throw new Error(`the simulated kubelet looped on container ${run.spec.name} of pod ${this.ref.namespace}/${this.ref.name}`);
  }

  /** The kubelet's startContainer: make sure the image is there, then create and start. */
  private attempt(run: ContainerRun, resumeFrom: number | undefined): void {
    const now = this.env.now;
    const image = run.spec.image ?? "";
    const parsed = parseImageReference(image);
    if (!parsed.ok) {
      const message = messages.invalidImageName(image);
      this.event("Warning", "InspectFailed", message, run.fieldPath);
      this.failStart(run, "InvalidImageName", message, messages.error("InvalidImageName"));
      return;
    }
    const reference = parsed.reference;
    const policy = run.spec.imagePullPolicy ?? defaultPullPolicy(image);
    const present = this.env.hasImage(reference.canonical);
    if (policy === "Never" && !present) {
      const message = messages.neverPull(image);
      this.event("Warning", "ErrImageNeverPull", message, run.fieldPath);
      this.failStart(run, "ErrImageNeverPull", message, messages.error("ErrImageNeverPull"));
      return;
    }
    if (policy !== "Always" && present) {
      this.event("Normal", "Pulled", messages.alreadyPresent(image), run.fieldPath);
      this.create(run, reference);
      return;
    }
    const pullKey = `pull:${image}`;
    const lastFailure = this.backoff.lastUpdate(pullKey);
    if (lastFailure !== undefined && now - lastFailure < this.backoff.delay(pullKey)) {
      this.event("Normal", "BackOff", messages.pullBackOff(image), run.fieldPath);
      this.event("Warning", "Failed", messages.error("ImagePullBackOff"), run.fieldPath);
      setWaiting(run, "ImagePullBackOff", messages.pullBackOff(image));
      run.step = { kind: "pull-failed", showAt: now, shown: true, retryAt: lastFailure + this.backoff.delay(pullKey) };
      return;
    }
    if (resumeFrom === undefined) this.event("Normal", "Pulling", messages.pulling(image), run.fieldPath);
    const result = this.env.registry.pull(reference);
    if (!result.ok) {
      this.event("Warning", "Failed", messages.failedToPull(image, result.message), run.fieldPath);
      this.event("Warning", "Failed", messages.error("ErrImagePull"), run.fieldPath);
      setWaiting(run, "ErrImagePull", result.message);
      run.step = { kind: "pull-failed", showAt: now + SHOW_PULL_BACKOFF_MS, shown: false, retryAt: now + this.backoff.next(pullKey, now) };
      return;
    }
    this.backoff.forget(pullKey);
    const since = resumeFrom ?? now;
    const hinted = podDurationHint(this.pod.metadata.annotations, "pullDuration");
    let due = since + (hinted ?? (present ? 0 : result.pullMs));
    if (!present) {
      // A pull of the same image under way on the node serves this container too.
      const inFlight = this.env.pullInFlight(reference.canonical);
      if (inFlight !== undefined && (resumeFrom === undefined || inFlight < due)) due = inFlight;
      else this.env.startPull(reference.canonical, due);
    }
    run.step = { kind: "pulling", since, due: Math.max(due, now), canonical: reference.canonical };
  }

  private finishPull(run: ContainerRun, step: Extract<Step, { kind: "pulling" }>): void {
    const image = run.spec.image ?? "";
    const parsed = parseImageReference(image);
    if (!parsed.ok) return;
    const facts = this.env.registry.describe(parsed.reference);
    this.event("Normal", "Pulled", messages.pulled(image, this.env.now - step.since, facts.sizeBytes), run.fieldPath);
    this.env.recordImage(parsed.reference, facts.imageId, facts.sizeBytes);
    this.create(run, parsed.reference);
  }

  /** A start that cannot go on: the container waits, and the kubelet tries again after a back-off. */
  private failStart(run: ContainerRun, reason: string, message: string, event: string): void {
    const now = this.env.now;
    this.event("Warning", "Failed", event, run.fieldPath);
    setWaiting(run, reason, message);
    run.step = { kind: "retry", at: now + this.backoff.next(`retry:${run.spec.name}`, now) };
  }

  private create(run: ContainerRun, reference: ImageReference): void {
    const now = this.env.now;
    const problem = containerConfigProblem(run.spec, this.ref.namespace ?? "default", this.env.store);
    run.waitingOn = problem?.ref;
    if (problem) {
      this.failStart(run, "CreateContainerConfigError", problem.message, messages.error(problem.message));
      return;
    }
    this.backoff.forget(`retry:${run.spec.name}`);
    run.instances++;
    const status = run.status;
    status.restartCount = run.instances - 1;
    status.image = reference.canonical;
    status.imageID = this.env.registry.describe(reference).imageId;
    status.containerID = `containerd://${hexId(`${this.uid}/${run.spec.name}/${run.instances}`)}`;
    status.state = { running: { startedAt: stamp(now) } };
    status.lastState = run.lastTerminated ? { terminated: run.lastTerminated } : {};
    this.event("Normal", "Created", messages.created(run.spec.name), run.fieldPath);
    this.event("Normal", "Started", messages.started(run.spec.name), run.fieldPath);
    const plan = planRun({ container: run.spec, init: run.init, annotations: this.pod.metadata.annotations, defaultRunDuration: defaultRunDuration(this.pod), startedAt: now, podIP: this.podIP });
    status.started = plan.startedAtStart;
    status.ready = plan.readyAtStart && !run.init;
    run.step = { kind: "running", plan, next: 0 };
  }

  /** Applies the running container's plan up to now; true when the container stopped running. */
  private advanceRunning(run: ContainerRun, step: Extract<Step, { kind: "running" }>): boolean {
    const now = this.env.now;
    const items = step.plan.items;
    while (step.next < items.length && items[step.next].at <= now) {
      const item = items[step.next++];
      switch (item.kind) {
        case "started":
          run.status.started = true;
          break;
        case "ready":
          run.status.ready = true;
          break;
        case "readiness-failure":
          this.event("Warning", "Unhealthy", item.message, run.fieldPath);
          if (item.last) run.status.ready = false;
          break;
        case "liveness-failure":
          this.event("Warning", "Unhealthy", item.message, run.fieldPath);
          if (item.last) {
            this.event("Normal", "Killing", messages.livenessKill(run.spec.name), run.fieldPath);
            this.exit(run, LIVENESS_KILL_EXIT_CODE);
            return true;
          }
          break;
        case "exit":
          this.exit(run, item.exitCode);
          return true;
      }
    }
    return false;
  }

  private exit(run: ContainerRun, exitCode: number): void {
    const now = this.env.now;
    const state = run.status.state;
    const terminated: TerminatedState = {
      exitCode,
      reason: exitCode === 0 ? "Completed" : "Error",
      startedAt: "running" in state ? state.running.startedAt : stamp(now),
      finishedAt: stamp(now),
    };
    if (run.status.containerID !== undefined) terminated.containerID = run.status.containerID;
    run.status.state = { terminated };
    run.status.ready = run.init && exitCode === 0;
    run.status.started = false;
    run.lastTerminated = terminated;
    run.step = this.afterExit(run, exitCode, now);
  }

  /** A container that will restart, or an init container whose success lets the next one start, waits for the kubelet to notice. */
  private afterExit(run: ContainerRun, exitCode: number, finishedAt: number): Step {
    const noticed = this.restartable(run, exitCode) || (run.init && exitCode === 0);
    return noticed ? { kind: "exited", finishedAt, decideAt: finishedAt + NOTICE_EXIT_MS } : { kind: "done" };
  }

  private restartable(run: ContainerRun, exitCode: number): boolean {
    const policy = restartPolicyOf(this.spec);
    if (run.init) return exitCode !== 0 && policy !== "Never";
    return policy === "Always" || (policy === "OnFailure" && exitCode !== 0);
  }

  /** kuberuntime_manager's doBackOff: restart at once unless the container is within its back-off. */
  private decideRestart(run: ContainerRun, finishedAt: number): void {
    const now = this.env.now;
    const exitCode = "terminated" in run.status.state ? run.status.state.terminated.exitCode : 0;
    if (!this.restartable(run, exitCode)) {
      run.step = { kind: "done" };
      return;
    }
    const key = `crash:${run.spec.name}`;
    if (this.backoff.inBackOffSince(key, finishedAt, now)) {
      const delay = this.backoff.delay(key);
      this.event("Warning", "BackOff", messages.crashBackOffEvent(run.spec.name, this.podName), run.fieldPath);
      setWaiting(run, "CrashLoopBackOff", messages.crashBackOffStatus(delay, run.spec.name, this.podName));
      run.step = { kind: "crash-backoff", finishedAt, restartAt: finishedAt + delay };
      return;
    }
    this.backoff.next(key, finishedAt);
    run.step = { kind: "attempt", at: now };
  }

  // ---- deletion

  private terminate(): SyncResult {
    const now = this.env.now;
    if (!this.terminating) {
      const grace = this.pod.metadata.deletionGracePeriodSeconds ?? this.spec.terminationGracePeriodSeconds ?? 30;
      const requested = (parseTimestamp(this.pod.metadata.deletionTimestamp ?? "") ?? now) - grace * 1000;
      const shutdown = Math.min(podDurationHint(this.pod.metadata.annotations, "shutdownDuration") ?? 0, grace * 1000);
      this.terminating = { stopAt: requested + shutdown };
      // A pod found terminating when the kubelet (re)started was told to stop before.
      if (!this.foundTerminating) {
        for (const run of this.runs ?? []) {
          if ("running" in run.status.state) this.event("Normal", "Killing", messages.stopping(run.spec.name), run.fieldPath);
        }
      }
      for (const run of this.runs ?? []) run.step = { kind: "done" };
    }
    const done = this.terminating.stopAt <= now;
    return { status: undefined, events: this.events, wakeAt: done ? undefined : this.terminating.stopAt, outcome: done ? "delete" : "active" };
  }

  // ---- status

  private render(current: PodStatus): PodStatus {
    const now = this.env.now;
    const runs = this.runs ?? [];
    const init = runs.filter((r) => r.init).map((r) => renderContainerStatus(r.status));
    const regular = runs.filter((r) => !r.init).map((r) => renderContainerStatus(r.status));
    const phase = podPhase(this.spec, init, regular);
    const conditions = podConditions(current.conditions as PodCondition[] | undefined, {
      sandboxReady: this.sandbox.state === "ready",
      phase,
      spec: this.spec,
      init,
      regular,
      now: stamp(now),
    });
    const status: PodStatus = { phase, conditions };
    for (const key of ["message", "reason", "nominatedNodeName"]) if (current[key] !== undefined) status[key] = current[key];
    if (this.env.hostIP !== undefined) {
      status.hostIP = this.env.hostIP;
      status.hostIPs = [{ ip: this.env.hostIP }];
    }
    if (this.sandbox.state === "ready" && this.podIP !== undefined) {
      status.podIP = this.podIP;
      status.podIPs = [{ ip: this.podIP }];
    }
    status.startTime = stamp(this.startTime);
    if (init.length > 0) status.initContainerStatuses = init;
    status.containerStatuses = regular;
    for (const [key, value] of Object.entries(current)) if (!(key in status) && !OWNED.has(key)) status[key] = value;
    return status;
  }

  private nextWake(): number | undefined {
    let wake: number | undefined;
    const consider = (at: number | undefined) => {
      if (at !== undefined && (wake === undefined || at < wake)) wake = at;
    };
    if (this.sandbox.state === "mounting") {
      consider(this.sandbox.retryAt);
      return wake;
    }
    for (const run of this.runs ?? []) {
      consider(stepDueAt(run.step));
      if (run.init && !this.initSucceeded(run)) break;
    }
    return wake;
  }

  private event(type: EventType, reason: string, message: string, fieldPath?: string): void {
    this.events.push(fieldPath === undefined ? { type, reason, message } : { type, reason, message, fieldPath });
  }
}

/** Status fields the kubelet writes; the others (qosClass …) are kept as they are. */
const OWNED = new Set(["phase", "conditions", "hostIP", "hostIPs", "podIP", "podIPs", "startTime", "initContainerStatuses", "containerStatuses"]);

export function configKey(ref: ConfigObjectRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

let lastStampMs = Number.NaN;
let lastStamp = "";

/** formatTimestamp, remembering the last instant: a sync formats the same instant many times. */
function stamp(ms: number): string {
  if (ms !== lastStampMs) {
    lastStampMs = ms;
    lastStamp = formatTimestamp(ms);
  }
  return lastStamp;
}

/** 64 hex digits derived from `text` (FNV-1a over its UTF-16 units, eight seeds), shaped like a containerd container id. */
function hexId(text: string): string {
  let out = "";
  for (let seed = 0; seed < 8; seed++) {
    let hash = (0x811c9dc5 ^ Math.imul(seed + 1, 0x9e3779b1)) >>> 0;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
    out += hash.toString(16).padStart(8, "0");
  }
  return out;
}

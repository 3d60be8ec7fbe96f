// Jobs and CronJobs for the batch tests, a full simulated cluster to run them on, and what the tests
// read back: pods with the simulated instants they appeared and finished, events, statuses.
import { createCluster, snapshotCluster, type Cluster } from "../../../src/runtime/cluster.js";
import type { KubeObject } from "../../../src/runtime/store/kube-object.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";

export const JOB_REF = (name: string) => ({ group: "batch", kind: "Job", namespace: "default", name });
export const CRONJOB_REF = (name: string) => ({ group: "batch", kind: "CronJob", namespace: "default", name });

export interface JobOptions {
  name?: string;
  spec?: Record<string, unknown>;
  annotations?: Record<string, string>;
  restartPolicy?: string;
  image?: string;
}

/** The docs' `pi` Job, with overrides. */
export function job(options: JobOptions = {}): KubeObject {
  const template: Record<string, unknown> = {
    spec: {
      containers: [{ name: "pi", image: options.image ?? "perl:5.34.0", command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"] }],
      restartPolicy: options.restartPolicy ?? "Never",
    },
  };
  if (options.annotations) template.metadata = { annotations: options.annotations };
  return { apiVersion: "batch/v1", kind: "Job", metadata: { name: options.name ?? "pi" }, spec: { template, ...options.spec } };
}

export interface CronJobOptions {
  name?: string;
  schedule?: string;
  spec?: Record<string, unknown>;
  annotations?: Record<string, string>;
  jobSpec?: Record<string, unknown>;
  restartPolicy?: string;
}

/** The docs' `hello` CronJob (every ten minutes here), with overrides. */
export function cronJob(options: CronJobOptions = {}): KubeObject {
  const template: Record<string, unknown> = {
    spec: {
      containers: [{ name: "hello", image: "busybox:1.28", imagePullPolicy: "IfNotPresent", command: ["/bin/sh", "-c", "date; echo Hello from the Kubernetes cluster"] }],
      restartPolicy: options.restartPolicy ?? "OnFailure",
    },
  };
  if (options.annotations) template.metadata = { annotations: options.annotations };
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: options.name ?? "hello" },
    spec: { schedule: options.schedule ?? "*/10 * * * *", jobTemplate: { spec: { template, ...options.jobSpec } }, ...options.spec },
  };
}

export interface Timeline {
  /** Pod name → the instant it was created (ms since the test began). */
  created: Map<string, number>;
  /** Pod name → the instant its phase became Succeeded or Failed. */
  finished: Map<string, number>;
  /** Pod name → the instant it left the store. */
  deleted: Map<string, number>;
  /** Job name → the instant it was created. */
  jobsCreated: Map<string, number>;
  jobsDeleted: Map<string, number>;
}

export interface BatchCluster {
  cluster: Cluster;
  t0: number;
  timeline: Timeline;
  /** Milliseconds since the test began. */
  elapsed(): number;
  create(object: KubeObject): KubeObject;
  /** Runs until nothing foreground is due (at most `ms`). */
  settle(ms?: number): void;
  /** Moves time forward, running everything due, background work included. */
  advance(ms: number): void;
}

export function batchCluster(cluster: Cluster = createCluster()): BatchCluster {
  const t0 = cluster.clock.now();
  const timeline: Timeline = { created: new Map(), finished: new Map(), deleted: new Map(), jobsCreated: new Map(), jobsDeleted: new Map() };
  return watchTimeline(cluster, t0, timeline);
}

function watchTimeline(cluster: Cluster, t0: number, timeline: Timeline): BatchCluster {
  const at = () => cluster.clock.now() - t0;
  cluster.store.watch({ group: "", kind: "Pod" }, (event) => {
    const name = event.object.metadata.name ?? "";
    const phase = (event.object.status as { phase?: string } | undefined)?.phase;
    if (event.type === "ADDED") timeline.created.set(name, at());
    if (event.type === "DELETED") timeline.deleted.set(name, at());
    else if ((phase === "Succeeded" || phase === "Failed") && !timeline.finished.has(name)) timeline.finished.set(name, at());
  });
  cluster.store.watch({ group: "batch", kind: "Job" }, (event) => {
    const name = event.object.metadata.name ?? "";
    if (event.type === "ADDED") timeline.jobsCreated.set(name, at());
    if (event.type === "DELETED") timeline.jobsDeleted.set(name, at());
  });
  return {
    cluster,
    t0,
    timeline,
    elapsed: at,
    create: (object) => expectOk(cluster.store.create(object)),
    settle: (ms = 10 * 60_000) => void cluster.clock.runUntilQuiet(cluster.clock.now() + ms),
    advance: (ms) => void cluster.clock.advance(ms),
  };
}

/**
 * The cluster as a later CLI invocation sees it: saved, then loaded with fresh components. With
 * `downtimeMs`, the clock moves that far while no component runs (a controller manager that was down).
 */
export function reload(b: BatchCluster, options: { downtimeMs?: number } = {}): BatchCluster {
  b.cluster.stop();
  if (options.downtimeMs) b.cluster.clock.advance(options.downtimeMs);
  return watchTimeline(createCluster({}, snapshotCluster(b.cluster)), b.t0, b.timeline);
}

export function getJob(cluster: Cluster, name = "pi"): KubeObject | undefined {
  return cluster.store.get(JOB_REF(name));
}

export function jobStatusOf(cluster: Cluster, name = "pi"): Record<string, unknown> {
  return (getJob(cluster, name)?.status ?? {}) as Record<string, unknown>;
}

/** Pods controlled by the Job, by creation. */
export function podsOfJob(cluster: Cluster, name = "pi"): KubeObject[] {
  const uid = getJob(cluster, name)?.metadata.uid;
  return cluster.store
    .list({ group: "", kind: "Pod", namespace: "default" })
    .filter((p) => (p.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.controller === true));
}

/** `reason: message` of the events about one object, in the order they were first recorded. */
export function eventLines(cluster: Cluster, kind: string, name: string): string[] {
  return eventsAbout(cluster, kind, name).map((e) => `${e.reason}: ${e.message}`);
}

export function eventsAbout(cluster: Cluster, kind: string, name: string): Array<{ type: string; reason: string; message: string; count: number; component: string; first: string }> {
  return cluster.store
    .list({ group: "", kind: "Event", namespace: "default" })
    .filter((e) => (e.involvedObject as { kind: string; name: string }).kind === kind && (e.involvedObject as { name: string }).name === name)
    .sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1))
    .map((e) => ({
      type: e.type as string,
      reason: e.reason as string,
      message: e.message as string,
      count: e.count as number,
      component: (e.source as { component: string }).component,
      first: e.firstTimestamp as string,
    }));
}

/** The pod's only container's termination, as the kubelet recorded it. */
export function terminated(pod: KubeObject): { exitCode: number; startedAt: string; finishedAt: string } {
  const statuses = (pod.status as { containerStatuses: Array<{ state: { terminated: { exitCode: number; startedAt: string; finishedAt: string } } }> }).containerStatuses;
  return statuses[0].state.terminated;
}

/** Seconds, for readable expectations. */
export const s = (ms: number) => ms / 1000;

/** An RFC 3339 timestamp `seconds` after the default start (2026-01-01T00:00:00Z). */
export function at(seconds: number): string {
  return new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString().replace(".000Z", "Z");
}

export const minutes = (n: number) => n * 60_000;

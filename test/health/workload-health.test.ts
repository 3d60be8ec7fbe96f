// The workload rules, one check at a time, in gitops-engine's order (gitops-anchors §1d), with
// kubectl rollout status' messages.
import { describe, expect, it } from "vitest";
import { healthOf } from "../../src/health/index.js";
import { daemonSet, deployment, job, replicaSet, statefulSet, withStatus } from "./health-fixtures.js";

const rolledOut = { replicas: 3, updatedReplicas: 3, availableReplicas: 3, readyReplicas: 3 };

describe("Deployment", () => {
  it("paused is Suspended before anything else, even a passed deadline", () => {
    const stuck = { ...rolledOut, conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }] };
    expect(healthOf(deployment(stuck, { paused: true }))).toEqual({ status: "Suspended", reason: "DeploymentPaused", message: "Deployment is paused" });
  });

  it("an unobserved generation is Progressing, whatever the rest of the status says", () => {
    expect(healthOf(deployment(rolledOut, {}, 3))).toEqual({
      status: "Progressing",
      reason: "GenerationNotObserved",
      message: "Waiting for rollout to finish: observed deployment generation less than desired generation",
    });
  });

  it("ProgressDeadlineExceeded is Degraded with the condition's message", () => {
    const status = { replicas: 4, updatedReplicas: 1, availableReplicas: 3, conditions: [{ type: "Available", status: "True" }, { type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: 'ReplicaSet "web-7d9" has timed out progressing.' }] };
    expect(healthOf(deployment(status))).toEqual({ status: "Degraded", reason: "ProgressDeadlineExceeded", message: 'ReplicaSet "web-7d9" has timed out progressing.' });
  });

  it("without a condition message, ProgressDeadlineExceeded says which deployment, as kubectl does", () => {
    const status = { conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }] };
    expect(healthOf(deployment(status)).message).toBe('deployment "web" exceeded its progress deadline');
  });

  it("counts the rollout like kubectl rollout status", () => {
    expect(healthOf(deployment({ replicas: 4, updatedReplicas: 1, availableReplicas: 3 }))).toEqual({
      status: "Progressing",
      reason: "ReplicasUpdating",
      message: "Waiting for rollout to finish: 1 out of 3 new replicas have been updated...",
    });
    expect(healthOf(deployment({ replicas: 4, updatedReplicas: 3, availableReplicas: 3 }))).toEqual({
      status: "Progressing",
      reason: "OldReplicasPending",
      message: "Waiting for rollout to finish: 1 old replicas are pending termination...",
    });
    expect(healthOf(deployment({ replicas: 3, updatedReplicas: 3, availableReplicas: 2 }))).toEqual({
      status: "Progressing",
      reason: "ReplicasUnavailable",
      message: "Waiting for rollout to finish: 2 of 3 updated replicas are available...",
    });
    expect(healthOf(deployment(rolledOut))).toEqual({ status: "Healthy", message: 'deployment "web" successfully rolled out' });
  });

  it("a new Deployment without status is Progressing; spec.replicas defaults to 1; zero replicas are Healthy", () => {
    expect(healthOf(withStatus("apps/v1", "Deployment", undefined, {}, { generation: 1 })).status).toBe("Progressing");
    expect(healthOf(deployment({ replicas: 1, updatedReplicas: 1, availableReplicas: 1 }, { replicas: undefined })).status).toBe("Healthy");
    expect(healthOf(deployment({}, { replicas: 0 })).status).toBe("Healthy");
  });

  it("extensions/v1beta1 Deployments follow the same rule", () => {
    expect(healthOf({ ...deployment(rolledOut), apiVersion: "extensions/v1beta1" }).status).toBe("Healthy");
  });
});

describe("ReplicaSet", () => {
  it("follows the Deployment's replica rules: generation, then available vs desired", () => {
    expect(healthOf({ ...replicaSet({ availableReplicas: 3 }), metadata: { name: "web-1", generation: 2 } }).status).toBe("Progressing");
    expect(healthOf(replicaSet({ replicas: 3, availableReplicas: 1 }))).toEqual({
      status: "Progressing",
      reason: "ReplicasUnavailable",
      message: "Waiting for rollout to finish: 1 out of 3 new replicas are available...",
    });
    expect(healthOf(replicaSet({ replicas: 3, availableReplicas: 3 }))).toEqual({ status: "Healthy" });
  });

  it("a ReplicaFailure condition is Degraded with its reason and message", () => {
    const failure = { type: "ReplicaFailure", status: "True", reason: "FailedCreate", message: 'pods "web-1-x" is forbidden: exceeded quota: compute' };
    expect(healthOf(replicaSet({ replicas: 0, conditions: [failure] }))).toEqual({ status: "Degraded", reason: "FailedCreate", message: failure.message });
  });
});

describe("StatefulSet", () => {
  it("is Progressing until the spec is observed (observedGeneration 0 included)", () => {
    expect(healthOf(statefulSet({ observedGeneration: 0, readyReplicas: 3 }))).toEqual({
      status: "Progressing",
      reason: "GenerationNotObserved",
      message: "Waiting for statefulset spec update to be observed...",
    });
  });

  it("is Progressing until every replica is ready", () => {
    expect(healthOf(statefulSet({ readyReplicas: 1 }))).toEqual({ status: "Progressing", reason: "PodsNotReady", message: "Waiting for 2 pods to be ready..." });
  });

  it("with a partition waits for the pods above it, then is Healthy", () => {
    const spec = { updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 1 } } };
    expect(healthOf(statefulSet({ readyReplicas: 3, updatedReplicas: 1 }, spec))).toEqual({
      status: "Progressing",
      reason: "PartitionRolling",
      message: "Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...",
    });
    expect(healthOf(statefulSet({ readyReplicas: 3, updatedReplicas: 2 }, spec)).status).toBe("Healthy");
  });

  it("OnDelete is Healthy once ready; without a rollingUpdate block revisions must match", () => {
    expect(healthOf(statefulSet({ readyReplicas: 3, currentRevision: "a", updateRevision: "b" }, { updateStrategy: { type: "OnDelete" } }))).toEqual({
      status: "Healthy",
      message: "statefulset has 3 ready pods",
    });
    expect(healthOf(statefulSet({ readyReplicas: 3, updatedReplicas: 1, currentRevision: "db-1", updateRevision: "db-2" }))).toEqual({
      status: "Progressing",
      reason: "RevisionUpdating",
      message: "waiting for statefulset rolling update to complete 1 pods at revision db-2...",
    });
    expect(healthOf(statefulSet({ readyReplicas: 3, currentReplicas: 3, currentRevision: "db-2", updateRevision: "db-2" })).message).toBe(
      "statefulset rolling update complete 3 pods at revision db-2...",
    );
  });
});

describe("DaemonSet", () => {
  it("generation, then updated, then available", () => {
    expect(healthOf({ ...daemonSet({}), metadata: { name: "agent", generation: 2 } }).reason).toBe("GenerationNotObserved");
    expect(healthOf(daemonSet({ desiredNumberScheduled: 3, updatedNumberScheduled: 2, numberAvailable: 3 }))).toEqual({
      status: "Progressing",
      reason: "PodsUpdating",
      message: 'Waiting for daemon set "agent" rollout to finish: 2 out of 3 new pods have been updated...',
    });
    expect(healthOf(daemonSet({ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 1 }))).toEqual({
      status: "Progressing",
      reason: "PodsUnavailable",
      message: 'Waiting for daemon set "agent" rollout to finish: 1 of 3 updated pods are available...',
    });
    expect(healthOf(daemonSet({ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 })).status).toBe("Healthy");
  });

  it("OnDelete is Healthy even with pods not yet updated", () => {
    expect(healthOf(daemonSet({ desiredNumberScheduled: 3, updatedNumberScheduled: 0 }, { updateStrategy: { type: "OnDelete" } }))).toEqual({
      status: "Healthy",
      message: "daemon set 0 out of 3 new pods have been updated",
    });
  });
});

describe("Job", () => {
  it("Failed is Degraded with the condition's reason and message", () => {
    expect(healthOf(job({ conditions: [{ type: "Failed", status: "True", reason: "DeadlineExceeded", message: "Job was active longer than specified deadline" }] }))).toEqual({
      status: "Degraded",
      reason: "DeadlineExceeded",
      message: "Job was active longer than specified deadline",
    });
  });

  it("Suspended=True is Suspended; a resumed Job (Suspended=False) is running again", () => {
    expect(healthOf(job({ conditions: [{ type: "Suspended", status: "True", reason: "JobSuspended", message: "Job suspended" }] })).status).toBe("Suspended");
    expect(healthOf(job({ active: 1, conditions: [{ type: "Suspended", status: "False", reason: "JobResumed" }] })).status).toBe("Progressing");
  });

  it("Complete is Healthy; without a terminal condition the Job is Progressing with its counts", () => {
    expect(healthOf(job({ succeeded: 1, conditions: [{ type: "Complete", status: "True" }] }))).toEqual({ status: "Healthy", message: "Job completed" });
    expect(healthOf(job({ active: 2, succeeded: 3 }, { completions: 5 }))).toEqual({
      status: "Progressing",
      reason: "JobRunning",
      message: "Waiting for Job to complete: 3 of 5 succeeded, 2 active, 0 failed",
    });
    expect(healthOf(job({})).message).toBe("Waiting for Job to complete: 0 succeeded, 0 active, 0 failed");
  });
});

describe("CronJob (gitops-engine has no rule)", () => {
  it("is Suspended when spec.suspend, else Healthy — the last run's outcome is its Job's health", () => {
    expect(healthOf(withStatus("batch/v1", "CronJob", {}, { schedule: "* * * * *", suspend: true }))).toEqual({
      status: "Suspended",
      reason: "CronJobSuspended",
      message: "CronJob is suspended: no new Jobs are scheduled",
    });
    expect(healthOf(withStatus("batch/v1", "CronJob", { lastScheduleTime: "2026-01-01T00:00:00Z" }, { schedule: "* * * * *" }))).toEqual({ status: "Healthy" });
  });
});

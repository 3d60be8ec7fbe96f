// The Job controller on the whole simulated cluster (scheduler, kubelet, garbage collector), in
// simulated time: parallel completions, failures with back-off, restarts under OnFailure, the active
// deadline, suspension, and the job-tracking finalizer.
import { describe, expect, it } from "vitest";
import { JOB_DEFAULT_RUN_MS } from "../../../src/runtime/kubelet/sim-hints.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { at, batchCluster, eventLines, eventsAbout, getJob, job, JOB_REF, jobStatusOf, podsOfJob, reload, s, terminated } from "./batch-fixtures.js";

const PULL_2S = { "sim.drydock.dev/pull-duration": "2s" };
const CRASH_AFTER_1S = { ...PULL_2S, "sim.drydock.dev/crash-after": "1s" };

describe("the Job controller", () => {
  it("runs completions 3 at parallelism 2: two pods at once, the third when they succeed, then Complete", () => {
    const b = batchCluster();
    b.create(job({ spec: { completions: 3, parallelism: 2 }, annotations: PULL_2S }));
    b.settle();

    const pods = podsOfJob(b.cluster);
    const byCreation = [...b.timeline.created.keys()];
    // Pulled in 2 s, then the default run time of a Job's container: 5 s.
    expect(JOB_DEFAULT_RUN_MS).toBe(5000);
    expect(byCreation.map((name) => s(b.timeline.created.get(name)!))).toEqual([0, 0, 7]);
    expect(byCreation.map((name) => s(b.timeline.finished.get(name)!))).toEqual([7, 7, 12]);
    for (const pod of pods) {
      const t = terminated(pod);
      expect(t.exitCode).toBe(0);
      expect(Date.parse(t.finishedAt) - Date.parse(t.startedAt)).toBe(JOB_DEFAULT_RUN_MS);
      expect(pod.metadata.finalizers).toBeUndefined();
      expect(pod.metadata.generateName).toBe("pi-");
      expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: "batch/v1", kind: "Job", name: "pi", uid: getJob(b.cluster)!.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }

    expect(jobStatusOf(b.cluster)).toEqual({
      conditions: [{ type: "Complete", status: "True", lastProbeTime: at(12), lastTransitionTime: at(12) }],
      startTime: at(0),
      completionTime: at(12),
      succeeded: 3,
      terminating: 0,
      uncountedTerminatedPods: {},
      ready: 0,
    });
    expect(eventLines(b.cluster, "Job", "pi")).toEqual([...byCreation.map((name) => `SuccessfulCreate: Created pod: ${name}`), "Completed: Job completed"]);
    expect(eventsAbout(b.cluster, "Job", "pi").map((e) => [e.first, e.component])).toEqual([
      [at(0), "job-controller"],
      [at(0), "job-controller"],
      [at(7), "job-controller"],
      [at(12), "job-controller"],
    ]);
  });

  it("shows the counts while it runs, the pods carrying the job-tracking finalizer until counted", () => {
    const b = batchCluster();
    b.create(job({ spec: { completions: 2, parallelism: 2 }, annotations: PULL_2S }));
    b.advance(3000);
    expect(jobStatusOf(b.cluster)).toEqual({ startTime: at(0), active: 2, terminating: 0, uncountedTerminatedPods: {}, ready: 2 });
    expect(podsOfJob(b.cluster).map((p) => p.metadata.finalizers)).toEqual([["batch.kubernetes.io/job-tracking"], ["batch.kubernetes.io/job-tracking"]]);
  });

  it("fails after backoffLimit 2 with restartPolicy Never: replacements 10 s then 20 s after each failure", () => {
    const b = batchCluster();
    b.create(job({ spec: { backoffLimit: 2 }, annotations: CRASH_AFTER_1S }));
    b.settle();

    const names = [...b.timeline.created.keys()];
    expect(names).toHaveLength(3);
    const created = names.map((n) => s(b.timeline.created.get(n)!));
    const failed = names.map((n) => s(b.timeline.finished.get(n)!));
    // Each pod: pulled (2 s, the first one only), runs 1 s, fails.
    expect(created).toEqual([0, 13, 34]);
    expect(failed).toEqual([3, 14, 35]);
    expect([created[1] - failed[0], created[2] - failed[1]]).toEqual([10, 20]);
    for (const pod of podsOfJob(b.cluster)) expect(terminated(pod).exitCode).toBe(1);

    expect(jobStatusOf(b.cluster)).toEqual({
      conditions: [
        { type: "Failed", status: "True", lastProbeTime: at(35), lastTransitionTime: at(35), reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" },
      ],
      startTime: at(0),
      failed: 3,
      terminating: 0,
      uncountedTerminatedPods: {},
      ready: 0,
    });
    expect(eventsAbout(b.cluster, "Job", "pi").map((e) => `${e.type} ${e.reason} ${e.first}`)).toEqual([
      `Normal SuccessfulCreate ${at(0)}`,
      `Normal SuccessfulCreate ${at(13)}`,
      `Normal SuccessfulCreate ${at(34)}`,
      `Warning BackoffLimitExceeded ${at(35)}`,
    ]);
    expect(eventLines(b.cluster, "Job", "pi").at(-1)).toBe("BackoffLimitExceeded: Job has reached the specified backoff limit");
  });

  it("keeps the back-off across a restart of the control plane (it is read from the failed pods)", () => {
    const first = batchCluster();
    first.create(job({ spec: { backoffLimit: 2 }, annotations: CRASH_AFTER_1S }));
    first.advance(5000);
    const b = reload(first);
    b.settle();
    expect([...b.timeline.created.values()].map(s)).toEqual([0, 13, 34]);
    expect(jobStatusOf(b.cluster)).toMatchObject({ failed: 3, conditions: [{ type: "Failed", reason: "BackoffLimitExceeded" }] });
  });

  it("counts container restarts toward backoffLimit under OnFailure, then kills the pod", () => {
    const b = batchCluster();
    b.create(job({ spec: { backoffLimit: 2 }, restartPolicy: "OnFailure", annotations: CRASH_AFTER_1S }));
    b.settle();

    // One pod: it crashes at 3 s, restarts at once (4 s), crashes at 5 s, restarts after the kubelet's
    // 10 s back-off (15 s): two restarts reach the limit.
    expect([...b.timeline.created.values()].map(s)).toEqual([0]);
    const [name] = b.timeline.created.keys();
    expect(s(b.timeline.deleted.get(name)!)).toBe(15);
    expect(jobStatusOf(b.cluster)).toEqual({
      conditions: [
        { type: "Failed", status: "True", lastProbeTime: at(15), lastTransitionTime: at(15), reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" },
      ],
      startTime: at(0),
      failed: 1,
      terminating: 1,
      uncountedTerminatedPods: {},
      ready: 0,
    });
    expect(eventLines(b.cluster, "Job", "pi")).toEqual([
      `SuccessfulCreate: Created pod: ${name}`,
      `SuccessfulDelete: Deleted pod: ${name}`,
      "BackoffLimitExceeded: Job has reached the specified backoff limit",
    ]);
  });

  it("fails at activeDeadlineSeconds from startTime and kills the running pod", () => {
    const b = batchCluster();
    b.create(job({ spec: { activeDeadlineSeconds: 30 }, annotations: { ...PULL_2S, "sim.drydock.dev/run-duration": "10m" } }));
    b.settle();
    const [name] = b.timeline.created.keys();
    expect(s(b.timeline.deleted.get(name)!)).toBe(30);
    expect(s(b.elapsed())).toBe(30);
    expect(jobStatusOf(b.cluster)).toMatchObject({
      conditions: [{ type: "Failed", status: "True", lastTransitionTime: at(30), reason: "DeadlineExceeded", message: "Job was active longer than specified deadline" }],
      startTime: at(0),
      failed: 1,
    });
    expect(eventsAbout(b.cluster, "Job", "pi").map((e) => `${e.type} ${e.reason}: ${e.message}`)).toEqual([
      `Normal SuccessfulCreate: Created pod: ${name}`,
      `Normal SuccessfulDelete: Deleted pod: ${name}`,
      "Warning DeadlineExceeded: Job was active longer than specified deadline",
    ]);
    expect(eventLines(b.cluster, "Pod", name)).toContain("Killing: Stopping container pi");
  });

  it("keeps a suspended Job's pods at zero, then starts them on resume with a fresh startTime", () => {
    const b = batchCluster();
    b.create(job({ spec: { suspend: true }, annotations: PULL_2S }));
    b.settle();
    expect(podsOfJob(b.cluster)).toEqual([]);
    expect(jobStatusOf(b.cluster)).toEqual({
      conditions: [{ type: "Suspended", status: "True", lastProbeTime: at(0), lastTransitionTime: at(0), reason: "JobSuspended", message: "Job suspended" }],
      terminating: 0,
      uncountedTerminatedPods: {},
      ready: 0,
    });

    b.advance(60_000);
    expectOk(b.cluster.store.modify(JOB_REF("pi"), (o) => void ((o.spec as { suspend: boolean }).suspend = false)));
    b.settle();
    expect([...b.timeline.created.values()].map(s)).toEqual([60]);
    expect(jobStatusOf(b.cluster)).toMatchObject({
      conditions: [
        { type: "Suspended", status: "False", lastTransitionTime: at(60), reason: "JobResumed", message: "Job resumed" },
        { type: "Complete", status: "True", lastTransitionTime: at(67) },
      ],
      startTime: at(60),
      completionTime: at(67),
      succeeded: 1,
    });
    expect(eventLines(b.cluster, "Job", "pi").map((line) => line.replace(/pi-\w{5}/, "pi-x"))).toEqual([
      "Suspended: Job suspended",
      // As upstream's syncJob: pods first, then the condition and its event.
      "SuccessfulCreate: Created pod: pi-x",
      "Resumed: Job resumed",
      "Completed: Job completed",
    ]);
  });

  it("deletes the active pods when a running Job is suspended", () => {
    const b = batchCluster();
    b.create(job({ spec: { parallelism: 2, completions: 4 }, annotations: { ...PULL_2S, "sim.drydock.dev/run-duration": "1m" } }));
    b.advance(10_000);
    expectOk(b.cluster.store.modify(JOB_REF("pi"), (o) => void ((o.spec as { suspend: boolean }).suspend = true)));
    b.settle();
    const names = [...b.timeline.created.keys()];
    expect(names).toHaveLength(2);
    expect(names.map((n) => s(b.timeline.deleted.get(n)!))).toEqual([10, 10]);
    expect(eventLines(b.cluster, "Job", "pi").slice(2).sort()).toEqual([...names.map((n) => `SuccessfulDelete: Deleted pod: ${n}`).sort(), "Suspended: Job suspended"].sort());
    expect(jobStatusOf(b.cluster)).toMatchObject({ conditions: [{ type: "Suspended", status: "True" }], startTime: at(0) });
    expect(jobStatusOf(b.cluster).active).toBeUndefined();
  });

  it("completes a work-queue Job (no completions) once a pod succeeded and none is left running", () => {
    const b = batchCluster();
    b.create(job({ spec: { parallelism: 2 }, annotations: PULL_2S }));
    b.settle();
    expect(podsOfJob(b.cluster)).toHaveLength(2);
    expect(jobStatusOf(b.cluster)).toMatchObject({ succeeded: 2, conditions: [{ type: "Complete", status: "True" }] });
  });

  it("lets the pods of a deleted Job go: their tracking finalizers are released", () => {
    const b = batchCluster();
    b.create(job({ spec: { parallelism: 2, completions: 2 }, annotations: { ...PULL_2S, "sim.drydock.dev/run-duration": "1m" } }));
    b.advance(5000);
    expectOk(b.cluster.store.delete(JOB_REF("pi")));
    b.settle();
    expect(b.cluster.store.list({ group: "", kind: "Pod", namespace: "default" })).toEqual([]);
    expect([...b.timeline.deleted.values()].map(s)).toEqual([5, 5]);
  });

  it("replaces a pod deleted by hand, counting it as failed", () => {
    const b = batchCluster();
    b.create(job({ annotations: { ...PULL_2S, "sim.drydock.dev/run-duration": "1m" } }));
    b.advance(5000);
    const [first] = podsOfJob(b.cluster);
    expectOk(b.cluster.store.delete({ group: "", kind: "Pod", namespace: "default", name: first.metadata.name! }));
    b.settle();
    const created = [...b.timeline.created.values()].map(s);
    // The deleted pod counts as a failure: its replacement waits the 10 s back-off.
    expect(created).toEqual([0, 15]);
    expect(jobStatusOf(b.cluster)).toMatchObject({ failed: 1, succeeded: 1, conditions: [{ type: "Complete" }] });
  });
});

// Job admission: the API server's defaults, the generated selector and labels, and its validation
// messages, including the parts of a Job that cannot change after creation.
import { describe, expect, it } from "vitest";
import { createCluster } from "../../../src/runtime/cluster.js";
import { expectOk } from "../../../src/runtime/store/store-errors.js";
import { job, JOB_REF } from "./batch-fixtures.js";

function created(spec: Record<string, unknown> = {}, extra: Parameters<typeof job>[0] = {}) {
  const cluster = createCluster();
  return { cluster, object: expectOk(cluster.store.create(job({ ...extra, spec }))) };
}

function refused(object: ReturnType<typeof job>): string {
  const result = createCluster().store.create(object);
  if (result.ok) throw new Error("the write was accepted");
  expect(result.error.reason).toBe("Invalid");
  return result.error.message;
}

describe("Job admission", () => {
  it("defaults a Job without counts to one completion at parallelism 1, backoffLimit 6, NonIndexed, not suspended", () => {
    const { object } = created({ backoffLimit: undefined });
    const uid = object.metadata.uid!;
    expect(object.spec).toEqual({
      parallelism: 1,
      completions: 1,
      backoffLimit: 6,
      selector: { matchLabels: { "batch.kubernetes.io/controller-uid": uid } },
      template: {
        metadata: {
          labels: {
            "batch.kubernetes.io/controller-uid": uid,
            "batch.kubernetes.io/job-name": "pi",
            "controller-uid": uid,
            "job-name": "pi",
          },
        },
        spec: {
          containers: [
            {
              name: "pi",
              image: "perl:5.34.0",
              command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"],
              imagePullPolicy: "IfNotPresent",
              terminationMessagePath: "/dev/termination-log",
              terminationMessagePolicy: "File",
              resources: {},
            },
          ],
          restartPolicy: "Never",
          terminationGracePeriodSeconds: 30,
          dnsPolicy: "ClusterFirst",
          securityContext: {},
          schedulerName: "default-scheduler",
        },
      },
      completionMode: "NonIndexed",
      suspend: false,
      podReplacementPolicy: "TerminatingOrFailed",
    });
    // The spec's fields come in the API's order.
    expect(Object.keys(object.spec as object)).toEqual(["parallelism", "completions", "backoffLimit", "selector", "template", "completionMode", "suspend", "podReplacementPolicy"]);
    // A template without labels lends the Job its generated ones.
    expect(object.metadata.labels).toEqual({ "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": "pi", "controller-uid": uid, "job-name": "pi" });
  });

  it("leaves completions unset when only parallelism is given (a work queue)", () => {
    const { object } = created({ parallelism: 3 });
    expect(object.spec).toMatchObject({ parallelism: 3, backoffLimit: 6 });
    expect((object.spec as { completions?: number }).completions).toBeUndefined();
  });

  it("keeps the labels the user gave the template as the Job's labels", () => {
    const object = job();
    (object.spec as { template: { metadata?: unknown } }).template.metadata = { labels: { app: "pi" } };
    const stored = expectOk(createCluster().store.create(object));
    expect(stored.metadata.labels).toEqual({ app: "pi" });
    expect(Object.keys((stored.spec as { template: { metadata: { labels: object } } }).template.metadata.labels)).toEqual([
      "app",
      "batch.kubernetes.io/controller-uid",
      "batch.kubernetes.io/job-name",
      "controller-uid",
      "job-name",
    ]);
  });

  it("refuses restartPolicy Always, and a template without one (it defaults to Always), with upstream's message", () => {
    const message = 'Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"';
    expect(refused(job({ restartPolicy: "Always" }))).toBe(message);
    const unset = job();
    delete (unset.spec as { template: { spec: { restartPolicy?: string } } }).template.spec.restartPolicy;
    expect(refused(unset)).toBe(message);
  });

  it("refuses negative counts, listing every error", () => {
    expect(refused(job({ spec: { backoffLimit: -1, parallelism: -2 } }))).toBe(
      'Job.batch "pi" is invalid: [spec.parallelism: Invalid value: -2: must be greater than or equal to 0, spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0]',
    );
    expect(refused(job({ spec: { ttlSecondsAfterFinished: -5 } }))).toBe('Job.batch "pi" is invalid: spec.ttlSecondsAfterFinished: Invalid value: -5: must be greater than or equal to 0');
  });

  it("refuses a selector the user wrote without manualSelector", () => {
    const message = refused(job({ spec: { selector: { matchLabels: { app: "pi" } } } })).replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/g, "UID");
    expect(message).toBe(
      'Job.batch "pi" is invalid: [' +
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"pi", "batch.kubernetes.io/controller-uid":"UID"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated, ' +
        'spec.template.metadata.labels: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"UID", "batch.kubernetes.io/job-name":"pi", "controller-uid":"UID", "job-name":"pi"}: `selector` does not match template `labels`]',
    );
  });

  it("takes a manual selector as given, labels and all", () => {
    const object = job({ spec: { manualSelector: true, selector: { matchLabels: { app: "pi" } } } });
    (object.spec as { template: { metadata?: unknown } }).template.metadata = { labels: { app: "pi" } };
    const stored = expectOk(createCluster().store.create(object));
    expect(stored.spec).toMatchObject({ manualSelector: true, selector: { matchLabels: { app: "pi" } }, template: { metadata: { labels: { app: "pi" } } } });
    const mismatched = job({ spec: { manualSelector: true, selector: { matchLabels: { app: "other" } } } });
    expect(refused(mismatched)).toBe('Job.batch "pi" is invalid: spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`');
  });

  it("refuses a change to the pod template, but takes one to parallelism or suspend", () => {
    const { cluster } = created();
    const image = cluster.store.modify(JOB_REF("pi"), (o) => {
      (o.spec as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec.containers[0].image = "perl:5.36";
    });
    expect(image.ok).toBe(false);
    if (!image.ok) expect(image.error.message).toBe('Job.batch "pi" is invalid: spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable');
    const completions = cluster.store.modify(JOB_REF("pi"), (o) => void ((o.spec as { completions: number }).completions = 4));
    expect(completions.ok ? "" : completions.error.message).toBe('Job.batch "pi" is invalid: spec.completions: Invalid value: 4: field is immutable');
    expectOk(cluster.store.modify(JOB_REF("pi"), (o) => Object.assign(o.spec as object, { parallelism: 2, suspend: true, activeDeadlineSeconds: 60 })));
  });

  it("lets a suspended Job that never started change its template's scheduling directives only", () => {
    const { cluster } = created({ suspend: true });
    expectOk(
      cluster.store.modify(JOB_REF("pi"), (o) => {
        const template = (o.spec as { template: { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> } }).template;
        template.metadata.labels.queue = "big";
        template.spec.nodeSelector = { disk: "ssd" };
      }),
    );
    const image = cluster.store.modify(JOB_REF("pi"), (o) => {
      (o.spec as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec.containers[0].image = "perl:5.36";
    });
    expect(image.ok).toBe(false);
  });
});

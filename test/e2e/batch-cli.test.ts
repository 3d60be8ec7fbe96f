// Jobs and CronJobs through the CLI, each command a separate process (the cluster is saved and
// loaded between them): the docs' `pi` Job and `hello` CronJob, `get`, `describe`, `events` and
// `advance` in kubectl's layout.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applied, runCli, tempDir } from "../helpers.js";

const PI = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
  backoffLimit: 4
`;

const HELLO = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "*/10 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command:
            - /bin/sh
            - -c
            - date; echo Hello from the Kubernetes cluster
          restartPolicy: OnFailure
`;

const UID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** 2026-01-01T00:00:00Z in minutes since the epoch. */
const M0 = Date.UTC(2026, 0, 1) / 60_000;

function session() {
  const dir = tempDir({ "pi.yaml": PI, "hello.yaml": HELLO, "always.yaml": PI.replace("restartPolicy: Never", "restartPolicy: Always") });
  const state = join(dir, "state");
  return (...args: string[]) => runCli([...args, "--state", state], { cwd: dir });
}

describe("drydock with Jobs and CronJobs", () => {
  it("runs the pi Job to completion and describes it as kubectl does", () => {
    const cli = session();
    const refused = cli("apply", "--yes", "-f", "always.yaml");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('always.yaml:12:22: error [k8s/restart-policy] spec.template.spec.restartPolicy "Always" is not allowed for a Job');
    expect(applied(cli("apply", "--yes", "-f", "pi.yaml"))).toEqual({ status: 0, results: ["job.batch/pi -n default created"] });
    expect(cli("get", "jobs").stdout).toBe("NAME   STATUS     COMPLETIONS   DURATION   AGE\npi     Complete   1/1           8s         8s\n");
    const pod = cli("get", "pods", "-o", "name").stdout.trim().replace("pod/", "");
    expect(pod).toMatch(/^pi-[a-z0-9]{5}$/);
    expect(cli("get", "pods").stdout).toBe(`NAME       READY   STATUS      RESTARTS   AGE\n${pod}   0/1     Completed   0          8s\n`);

    const described = cli("describe", "job", "pi");
    expect(described.status).toBe(0);
    expect(described.stdout.replace(UID, "<uid>")).toBe(
      [
        "Name:             pi",
        "Namespace:        default",
        "Selector:         batch.kubernetes.io/controller-uid=<uid>",
        "Labels:           batch.kubernetes.io/controller-uid=<uid>",
        "                  batch.kubernetes.io/job-name=pi",
        "                  controller-uid=<uid>",
        "                  job-name=pi",
        "Annotations:      <none>",
        "Parallelism:      1",
        "Completions:      1",
        "Completion Mode:  NonIndexed",
        "Suspend:          false",
        "Backoff Limit:    4",
        "Start Time:       Thu, 01 Jan 2026 00:00:00 +0000",
        "Completed At:     Thu, 01 Jan 2026 00:00:08 +0000",
        "Duration:         8s",
        "Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed",
        "Pod Template:",
        "  Labels:  batch.kubernetes.io/controller-uid=<uid>",
        "           batch.kubernetes.io/job-name=pi",
        "           controller-uid=<uid>",
        "           job-name=pi",
        "  Containers:",
        "   pi:",
        "    Image:      perl:5.34.0",
        "    Port:       <none>",
        "    Host Port:  <none>",
        "    Command:",
        "      perl",
        "      -Mbignum=bpi",
        "      -wle",
        "      print bpi(2000)",
        "    Environment:   <none>",
        "    Mounts:        <none>",
        "  Volumes:         <none>",
        "  Node-Selectors:  <none>",
        "  Tolerations:     <none>",
        "Events:",
        "  Type    Reason            Age   From            Message",
        "  ----    ------            ----  ----            -------",
        `  Normal  SuccessfulCreate  8s    job-controller  Created pod: ${pod}`,
        "  Normal  Completed         0s    job-controller  Job completed",
        "",
      ].join("\n"),
    );

    // Re-applying the same manifest leaves the generated selector and labels alone.
    expect(cli("apply", "--yes", "-f", "pi.yaml")).toMatchObject({ status: 0, stdout: "No changes. The cluster matches the desired state.\nApply complete: 0 created, 0 updated, 0 deleted. Health: Healthy.\n" });
    expect(cli("get", "jobs", "-o", "wide").stdout).toMatch(/^NAME   STATUS     COMPLETIONS   DURATION   AGE   CONTAINERS   IMAGES        SELECTOR\npi     Complete   1\/1           8s         8s    pi           perl:5\.34\.0   batch\.kubernetes\.io\/controller-uid=[0-9a-f-]{36}\n$/);
  });

  it("runs the hello CronJob every ten minutes as time advances, keeping three finished Jobs", () => {
    const cli = session();
    expect(applied(cli("apply", "--yes", "-f", "hello.yaml"))).toEqual({ status: 0, results: ["cronjob.batch/hello -n default created"] });
    expect(cli("get", "cronjobs").stdout).toBe(
      "NAME    SCHEDULE       TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   */10 * * * *   <none>     False     0        <none>          0s\n",
    );
    expect(cli("advance", "1h").stdout).toBe("advanced 1h0m0s to 2026-01-01T01:00:00Z\n");

    const name = (minute: number) => `hello-${M0 + minute}`;
    const created = cli("events")
      .stdout.split("\n")
      .filter((line) => line.includes("CronJob/hello") && line.includes("SuccessfulCreate"))
      .map((line) => line.replace(/^.*Created job /, ""));
    expect(created).toEqual([10, 20, 30, 40, 50, 60].map(name));

    expect(cli("get", "jobs").stdout).toBe(
      [
        "NAME             STATUS     COMPLETIONS   DURATION   AGE",
        `${name(30)}   Complete   1/1           5s         30m`,
        `${name(40)}   Complete   1/1           5s         20m`,
        `${name(50)}   Complete   1/1           5s         10m`,
        `${name(60)}   Running    0/1           0s         0s`,
        "",
      ].join("\n"),
    );
    expect(cli("get", "cronjobs").stdout).toBe(
      "NAME    SCHEDULE       TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   */10 * * * *   <none>     False     1        0s              60m\n",
    );

    const described = cli("describe", "cronjob", "hello").stdout;
    expect(described.slice(0, described.indexOf("Events:"))).toBe(
      [
        "Name:                          hello",
        "Namespace:                     default",
        "Labels:                        <none>",
        "Annotations:                   <none>",
        "Schedule:                      */10 * * * *",
        "Concurrency Policy:            Allow",
        "Suspend:                       False",
        "Successful Job History Limit:  3",
        "Failed Job History Limit:      1",
        "Starting Deadline Seconds:     <unset>",
        "Selector:                      <unset>",
        "Parallelism:                   <unset>",
        "Completions:                   <unset>",
        "Pod Template:",
        "  Labels:  <none>",
        "  Containers:",
        "   hello:",
        "    Image:      busybox:1.28",
        "    Port:       <none>",
        "    Host Port:  <none>",
        "    Command:",
        "      /bin/sh",
        "      -c",
        "      date; echo Hello from the Kubernetes cluster",
        "    Environment:     <none>",
        "    Mounts:          <none>",
        "  Volumes:           <none>",
        "  Node-Selectors:    <none>",
        "  Tolerations:       <none>",
        "Last Schedule Time:  Thu, 01 Jan 2026 01:00:00 +0000",
        `Active Jobs:         ${name(60)}`,
        "",
      ].join("\n"),
    );
    const events = described.slice(described.indexOf("Events:")).split("\n");
    expect(events.slice(0, 3)).toEqual(["Events:", "  Type    Reason            Age    From                Message", "  ----    ------            ----   ----                -------"]);
    expect(events).toContain(`  Normal  SuccessfulDelete  19m    cronjob-controller  Deleted job ${name(10)}`);
    expect(events.at(-2)).toBe(`  Normal  SuccessfulCreate  0s     cronjob-controller  Created job ${name(60)}`);
  });
});

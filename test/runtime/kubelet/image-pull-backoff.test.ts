import { describe, expect, it } from "vitest";
import { container, create, kubeletCluster, pod, runTo, timeline } from "./kubelet-fixtures.js";

const RPC =
  'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.91": failed to resolve reference "docker.io/library/nginx:1.91": docker.io/library/nginx:1.91: not found';

describe("kubelet: image pull failures", () => {
  it("reports ErrImagePull, then ImagePullBackOff, and retries after 10 s, 20 s, 40 s …", () => {
    const k = kubeletCluster();
    create(k, pod("web", { image: "nginx:1.91" }));
    runTo(k, 0);
    expect(container(k, "web").state).toEqual({ waiting: { reason: "ErrImagePull", message: RPC } });
    runTo(k, 1);
    expect(container(k, "web").state).toEqual({ waiting: { reason: "ImagePullBackOff", message: 'Back-off pulling image "nginx:1.91"' } });
    runTo(k, 9.9);
    expect(timeline(k, "web")).toEqual([
      '0 Pulling: Pulling image "nginx:1.91"',
      `0 Failed: Failed to pull image "nginx:1.91": ${RPC}`,
      "0 Failed: Error: ErrImagePull",
      '1 BackOff: Back-off pulling image "nginx:1.91"',
      "1 Failed: Error: ImagePullBackOff",
    ]);
    runTo(k, 10);
    expect(container(k, "web").state).toEqual({ waiting: { reason: "ErrImagePull", message: RPC } });
    runTo(k, 400);
    const attempts = k.log.filter((e) => e.reason === "Pulling").map((e) => e.t);
    expect(attempts).toEqual([0, 10, 30, 70, 150, 310]);
    // …capped at five minutes.
    runTo(k, 1_000);
    expect(k.log.filter((e) => e.reason === "Pulling").map((e) => e.t).slice(5)).toEqual([310, 610, 910]);
    // Repeats aggregate into one Event each, counting.
    const events = k.cluster.store.list({ group: "", kind: "Event" });
    expect(events.map((e) => [e.reason, e.count]).sort()).toEqual([
      ["BackOff", 8],
      ["Failed", 8],
      ["Failed", 8],
      ["Failed", 8],
      ["Pulling", 8],
    ]);
  });

  it("pulls a tag of a repository the registry does not list, unless the registry is strict", () => {
    const open = kubeletCluster();
    create(open, pod("app", { image: "example.com/team/app:v1" }));
    open.cluster.clock.runUntilQuiet(open.t0 + 60_000);
    expect(container(open, "app").state).toHaveProperty("running");

    const strict = kubeletCluster({ config: { registry: { strict: true, repositories: {} } } });
    create(strict, pod("app", { image: "example.com/team/app:v1" }));
    runTo(strict, 0);
    expect(container(strict, "app").state).toEqual({
      waiting: {
        reason: "ErrImagePull",
        message:
          'rpc error: code = Unknown desc = failed to pull and unpack image "example.com/team/app:v1": failed to resolve reference "example.com/team/app:v1": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
      },
    });
  });

  it("takes a repository's tags from drydock.yaml over the default catalog", () => {
    const k = kubeletCluster({ config: { registry: { strict: false, repositories: { nginx: ["1.91"], "example.com/app": ["v2"] } } } });
    create(k, pod("typo", { image: "nginx:1.91" }));
    create(k, pod("real", { image: "nginx:1.25" }));
    create(k, pod("app", { image: "example.com/app:v1" }));
    runTo(k, 0);
    expect(container(k, "typo").state).toEqual({ waiting: { reason: "ContainerCreating" } });
    expect(container(k, "real").state).toHaveProperty("waiting.reason", "ErrImagePull");
    expect(container(k, "app").state).toHaveProperty("waiting.reason", "ErrImagePull");
  });
});

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openRepository } from "../../src/git/git-repository.js";
import { watchRevisions, type RevisionEvent, type RevisionWatcher } from "../../src/git/revision-watcher.js";
import { commit, configMap, git, makeRepo } from "./git-fixture.js";

/** Collects events; `next()` waits for the following one (failing after a generous timeout). */
function recorder() {
  const events: RevisionEvent[] = [];
  let waiting: { count: number; resolve: () => void } | undefined;
  return {
    events,
    onEvent(event: RevisionEvent) {
      events.push(event);
      if (waiting && events.length >= waiting.count) waiting.resolve();
    },
    until(count: number): Promise<void> {
      if (events.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`waited for event ${count}, have ${JSON.stringify(events)}`)), 10_000);
        waiting = { count, resolve: () => (clearTimeout(timer), resolve()) };
      });
    },
  };
}

const open: RevisionWatcher[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((w) => w.close()));
});

describe("watching a repository for new revisions", () => {
  it("sends exactly one event per commit, reset and fetch into the branch, and none for gc or other branches", async () => {
    const repo = makeRepo({ "m/a.yaml": configMap("a") });
    const start = git(repo, "rev-parse", "HEAD");
    const r = recorder();
    const watcher = watchRevisions({ repo: await openRepository(repo), ref: "main", onEvent: r.onEvent });
    open.push(watcher);
    await watcher.ready;

    const expected: string[] = [];
    for (let i = 1; i <= 3; i++) {
      expected.push(commit(repo, { [`m/c${i}.yaml`]: configMap(`c${i}`) }, `commit ${i}`));
      await r.until(expected.length);
    }
    // Packing refs moves main into packed-refs without moving it; another branch moves, main does not.
    git(repo, "gc", "-q");
    git(repo, "checkout", "-q", "-b", "side");
    commit(repo, { "m/side.yaml": configMap("side") }, "on side");
    git(repo, "checkout", "-q", "main");
    expected.push(commit(repo, { "m/after-gc.yaml": configMap("g") }, "after gc"));
    await r.until(expected.length);
    git(repo, "reset", "-q", "--hard", "HEAD~2");
    expected.push(git(repo, "rev-parse", "HEAD"));
    await r.until(expected.length);
    // Fetching from another clone fast-forwards main.
    const clone = makeRepo();
    git(clone, "pull", "-q", repo, "main");
    const fetched = commit(clone, { "m/from-clone.yaml": configMap("f") }, "from clone");
    git(repo, "fetch", "-q", "--update-head-ok", clone, "main:main");
    expected.push(fetched);
    await r.until(expected.length);
    // A last commit proves nothing extra arrived after the previous events.
    expected.push(commit(repo, { "m/last.yaml": configMap("last") }, "sentinel"));
    await r.until(expected.length);

    expect(r.events.map((e) => (e.kind === "commit" ? e.oid : e.kind))).toEqual(expected);
    expect(r.events[0]).toEqual({ kind: "commit", ref: "main", oid: expected[0], previous: start });
  });

  it("follows HEAD through checkouts", async () => {
    const repo = makeRepo({ "a.yaml": configMap("a") });
    git(repo, "branch", "other");
    const r = recorder();
    const watcher = watchRevisions({ repo: await openRepository(repo), ref: "HEAD", onEvent: r.onEvent });
    open.push(watcher);
    await watcher.ready;
    git(repo, "checkout", "-q", "other");
    const onOther = commit(repo, { "b.yaml": configMap("b") });
    await r.until(1);
    git(repo, "checkout", "-q", "main");
    await r.until(2);
    expect(r.events.map((e) => e.kind === "commit" && e.oid)).toEqual([onOther, git(repo, "rev-parse", "main")]);
  });

  it("in WORKTREE mode, reports a burst of file writes as one event naming the files", async () => {
    const repo = makeRepo({ "m/a.yaml": configMap("a") });
    const r = recorder();
    const watcher = watchRevisions({ repo: await openRepository(repo), ref: "WORKTREE", manifestsPath: "m", onEvent: r.onEvent });
    open.push(watcher);
    await watcher.ready;
    writeFileSync(join(repo, "m/a.yaml"), configMap("a", "data: {x: '1'}\n"));
    writeFileSync(join(repo, "m/b.yaml"), configMap("b"));
    await r.until(1);
    expect(r.events[0]).toEqual({ kind: "worktree", paths: ["m/a.yaml", "m/b.yaml"] });
    const sha = commit(repo, {}, "commit the edits");
    await r.until(2);
    expect(r.events[1]).toMatchObject({ kind: "commit", oid: sha });
  });

  it("stops cleanly", async () => {
    const repo = makeRepo({ "a.yaml": configMap("a") });
    const r = recorder();
    const watcher = watchRevisions({ repo: await openRepository(repo), ref: "main", onEvent: r.onEvent });
    await watcher.ready;
    await watcher.close();
    commit(repo, { "b.yaml": configMap("b") });
    // Another watcher sees the next commit; the closed one must have stayed silent.
    const other = recorder();
    const second = watchRevisions({ repo: await openRepository(repo), ref: "main", onEvent: other.onEvent });
    open.push(second);
    await second.ready;
    const sha = commit(repo, { "c.yaml": configMap("c") });
    await other.until(1);
    expect(other.events).toEqual([{ kind: "commit", ref: "main", oid: sha, previous: expect.any(String) }]);
    expect(r.events).toEqual([]);
  });
});

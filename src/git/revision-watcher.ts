// Follows a repository and reports when the tracked revision moves: a commit, reset, checkout or fetch
// into the branch (watching .git/HEAD, .git/refs/heads and .git/packed-refs together, since refs move
// into packed-refs after gc), and in WORKTREE mode any change to the manifest files. A burst of writes
// is one event; a revision seen already is not reported again; a ref caught half-written is read again
// shortly after, and a watcher never throws.
import { join, relative, sep } from "node:path";
import { watch, type FSWatcher } from "chokidar";
import * as git from "isomorphic-git";
import { gitOptions, type GitRepository } from "./git-repository.js";

export type RevisionEvent =
  | { kind: "commit"; ref: string; oid: string; previous?: string }
  | { kind: "worktree"; paths: string[] };

export interface WatchOptions {
  repo: GitRepository;
  /** The revision to follow ("HEAD", a branch), or "WORKTREE" to follow the files too. */
  ref: string;
  /** Manifests folder relative to the repository root, watched in WORKTREE mode. */
  manifestsPath?: string;
  /** Quiet time that ends a burst of writes. */
  debounceMs?: number;
  onEvent: (event: RevisionEvent) => void;
  onError?: (error: Error) => void;
}

export interface RevisionWatcher {
  /** Resolves once the watcher is listening. */
  ready: Promise<void>;
  close(): Promise<void>;
}

const RETRIES = 5;
const RETRY_MS = 40;
/** A steady stream of writes still produces an event this often. */
const MAX_WAIT_MS = 250;

export function watchRevisions(options: WatchOptions): RevisionWatcher {
  const { repo } = options;
  const worktree = options.ref === "WORKTREE";
  const ref = worktree ? "HEAD" : options.ref;
  const debounceMs = options.debounceMs ?? 60;
  const paths = [join(repo.gitdir, "HEAD"), join(repo.gitdir, "refs", "heads"), join(repo.gitdir, "packed-refs")];
  if (worktree) paths.push(join(repo.dir, options.manifestsPath ?? ""));

  let last: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let burstStart = 0;
  let closed = false;
  const changedFiles = new Set<string>();

  const resolve = async (): Promise<string | undefined> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await git.resolveRef({ ...gitOptions(repo), ref });
      } catch (error) {
        if (attempt >= RETRIES) {
          options.onError?.(error instanceof Error ? error : new Error(String(error)));
          return undefined;
        }
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    }
  };

  const flush = async (): Promise<void> => {
    timer = undefined;
    burstStart = 0;
    if (closed) return;
    const oid = await resolve();
    if (closed) return;
    if (oid && oid !== last) {
      const previous = last;
      last = oid;
      options.onEvent({ kind: "commit", ref, oid, previous });
    }
    if (changedFiles.size > 0) {
      const files = [...changedFiles].sort();
      changedFiles.clear();
      options.onEvent({ kind: "worktree", paths: files });
    }
  };

  const schedule = (): void => {
    const now = Date.now();
    burstStart ||= now;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void flush(), now - burstStart >= MAX_WAIT_MS ? 0 : debounceMs);
  };

  const [head, heads, packed] = paths;
  const watcher: FSWatcher = watch(paths, {
    ignoreInitial: true,
    // Lock files come and go with every ref update; the update itself is what matters. Inside the
    // git folder only the refs count (a WORKTREE watch of the root would otherwise walk the objects).
    ignored: (path: string) =>
      path.endsWith(".lock") || ((path === repo.gitdir || path.startsWith(repo.gitdir + sep)) && path !== head && path !== packed && path !== heads && !path.startsWith(heads + sep)),
  });
  const listening = new Promise<void>((r) => watcher.once("ready", () => r()));
  watcher.on("all", (_event, path) => {
    if (worktree && !path.startsWith(repo.gitdir + sep)) changedFiles.add(relative(repo.dir, path).split(sep).join("/"));
    schedule();
  });
  watcher.on("error", (error) => options.onError?.(error instanceof Error ? error : new Error(String(error))));

  const ready = (async () => {
    last = await resolve();
    await listening;
  })();

  return {
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}

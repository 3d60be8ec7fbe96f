// A git repository on disk, found from any folder inside it. Reading goes through isomorphic-git,
// which needs no git binary; `cache` is shared between calls so packfile indexes are read once.
import fs from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import * as git from "isomorphic-git";

export interface GitRepository {
  /** The working tree's root. */
  dir: string;
  /** The .git folder (elsewhere for worktrees and submodules, where .git is a file). */
  gitdir: string;
  /** isomorphic-git's object cache, shared by every read of this repository. */
  cache: object;
}

/** A problem with the repository or a revision: one sentence for the user, exit code 2. */
export class GitSourceError extends Error {}

export async function openRepository(start: string): Promise<GitRepository> {
  let dir: string;
  try {
    dir = await git.findRoot({ fs, filepath: resolve(start) });
  } catch {
    throw new GitSourceError(`${start} is not inside a git repository`);
  }
  return { dir, gitdir: gitdirOf(dir), cache: {} };
}

/** The working tree's root of the repository holding `start`, or undefined when there is none. */
export async function repositoryRootOf(start: string): Promise<string | undefined> {
  return openRepository(start).then(
    (repo) => repo.dir,
    () => undefined,
  );
}

function gitdirOf(dir: string): string {
  const dotGit = join(dir, ".git");
  if (fs.statSync(dotGit).isDirectory()) return dotGit;
  const pointer = /^gitdir:\s*(.+)\s*$/m.exec(fs.readFileSync(dotGit, "utf8"));
  if (!pointer) throw new GitSourceError(`${dotGit} is neither a folder nor a "gitdir:" pointer`);
  return isAbsolute(pointer[1]) ? pointer[1] : resolve(dir, pointer[1]);
}

/** The options every isomorphic-git call takes. */
export function gitOptions(repo: GitRepository): { fs: typeof fs; dir: string; gitdir: string; cache: object } {
  return { fs, dir: repo.dir, gitdir: repo.gitdir, cache: repo.cache };
}

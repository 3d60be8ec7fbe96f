// Creating a repository and its first commit (for `drydock init`), through isomorphic-git like every
// other git access, so no git binary is needed.
import fs from "node:fs";
import * as git from "isomorphic-git";

export interface Author {
  name: string;
  email: string;
}

/** `git init -b main` in `dir`, then one commit of `files` (paths relative to dir); returns the commit sha. */
export async function initialCommit(dir: string, files: readonly string[], options: { author: Author; message: string; now: Date }): Promise<string> {
  await git.init({ fs, dir, defaultBranch: "main" });
  for (const filepath of files) await git.add({ fs, dir, filepath });
  const timestamp = Math.floor(options.now.getTime() / 1000);
  return git.commit({
    fs,
    dir,
    message: options.message,
    author: { ...options.author, timestamp, timezoneOffset: options.now.getTimezoneOffset() },
  });
}

/** The commit author from the environment git itself reads, else a placeholder that says where it came from. */
export function authorFromEnv(env: NodeJS.ProcessEnv): Author {
  return {
    name: env.GIT_AUTHOR_NAME ?? env.GIT_COMMITTER_NAME ?? "drydock init",
    email: env.GIT_AUTHOR_EMAIL ?? env.GIT_COMMITTER_EMAIL ?? "drydock-init@localhost",
  };
}

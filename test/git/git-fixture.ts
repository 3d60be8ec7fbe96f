// Real repositories made with the git CLI in temporary folders. Author and committer dates are fixed,
// so every run makes the same commits with the same SHAs.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { tempDir } from "../helpers.js";

let clock = 0;

export function git(cwd: string, ...args: string[]): string {
  const date = `2026-01-01T00:00:${String(clock++ % 60).padStart(2, "0")}Z`;
  return execFileSync("git", ["-c", "protocol.file.allow=always", ...args], {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "Dev",
      GIT_AUTHOR_EMAIL: "dev@example.com",
      GIT_COMMITTER_NAME: "Dev",
      GIT_COMMITTER_EMAIL: "dev@example.com",
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_CONFIG_NOSYSTEM: "1",
    },
  }).trim();
}

export type FileChange = string | null | { symlink: string };

/** Writes (string), deletes (null) or links files, then commits them all; returns the new SHA. */
export function commit(repo: string, files: Record<string, FileChange>, message = "change"): string {
  for (const [path, content] of Object.entries(files)) {
    const full = join(repo, path);
    rmSync(full, { force: true, recursive: true });
    if (content === null) continue;
    mkdirSync(dirname(full), { recursive: true });
    if (typeof content === "string") writeFileSync(full, content);
    else symlinkSync(content.symlink, full);
  }
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "--allow-empty", "-m", message);
  return git(repo, "rev-parse", "HEAD");
}

/** A new repository on branch main, with a first commit of `files` when there are any. */
export function makeRepo(files: Record<string, FileChange> = {}): string {
  const repo = tempDir();
  git(repo, "init", "-q", "-b", "main");
  if (Object.keys(files).length > 0) commit(repo, files, "first");
  return repo;
}

export const configMap = (name: string, extra = "") => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}`;

// Revisions as git understands them: HEAD, branches, tags (annotated ones peeled to their commit),
// full and short SHAs, and any of those followed by ~N (N-th first-parent ancestor) and ^N (N-th
// parent), e.g. main~2^2. A revision that names nothing is one clear error with close names.
import * as git from "isomorphic-git";
import { closestMatch, nearestMatches } from "../validate/did-you-mean.js";
import { gitOptions, GitSourceError, type GitRepository } from "./git-repository.js";

const REVISION = /^(.+?)((?:[~^]\d*)*)$/;

export async function resolveRevision(repo: GitRepository, revision: string): Promise<string> {
  const m = REVISION.exec(revision.trim());
  if (!m || m[1] === "") throw new GitSourceError(`"${revision}" is not a revision`);
  let oid = await peelToCommit(repo, await resolveBase(repo, m[1], revision), revision);
  for (const step of m[2].match(/[~^]\d*/g) ?? []) {
    const n = step.length > 1 ? Number(step.slice(1)) : 1;
    if (step[0] === "~") {
      for (let i = 0; i < n; i++) oid = await parent(repo, oid, 1, revision);
    } else if (n > 0) {
      oid = await parent(repo, oid, n, revision);
    }
  }
  return oid;
}

async function resolveBase(repo: GitRepository, base: string, revision: string): Promise<string> {
  const options = gitOptions(repo);
  try {
    return await git.resolveRef({ ...options, ref: base });
  } catch {
    // Not a ref name: maybe a SHA.
  }
  if (/^[0-9a-f]{4,40}$/i.test(base)) {
    try {
      return await git.expandOid({ ...options, oid: base.toLowerCase() });
    } catch (error) {
      if ((error as { code?: string }).code === "AmbiguousError") throw new GitSourceError(`revision "${revision}": the short SHA ${base} is ambiguous; give more characters`);
    }
  }
  if (base === "HEAD") throw new GitSourceError("the repository has no commits yet (HEAD points to nothing)");
  const branches = await git.listBranches(options);
  // Two edits: a swapped pair of letters ("mian") is two for Levenshtein.
  const close = closestMatch(base, [...branches, ...(await git.listTags(options))], { minDistance: 2 });
  const nearest = nearestMatches(base, branches, 5);
  const listed = nearest.length === 0 ? "" : branches.length > nearest.length ? ` (closest branches: ${nearest.join(", ")})` : ` (branches: ${nearest.join(", ")})`;
  throw new GitSourceError(`revision "${revision}" not found${close ? `; did you mean "${close}"?` : ""}${listed}`);
}

/** Annotated tags point at tag objects; follow them to the commit. */
async function peelToCommit(repo: GitRepository, oid: string, revision: string): Promise<string> {
  const options = gitOptions(repo);
  for (let depth = 0; depth < 10; depth++) {
    const { type } = await git.readObject({ ...options, oid, format: "content" });
    if (type === "commit") return oid;
    if (type !== "tag") throw new GitSourceError(`revision "${revision}" names a ${type}, not a commit`);
    oid = (await git.readTag({ ...options, oid })).tag.object;
  }
  throw new GitSourceError(`revision "${revision}": tags nested too deeply`);
}

async function parent(repo: GitRepository, oid: string, n: number, revision: string): Promise<string> {
  const { commit } = await git.readCommit({ ...gitOptions(repo), oid });
  const found = commit.parent[n - 1];
  if (!found) throw new GitSourceError(`revision "${revision}" goes past the history: commit ${oid.slice(0, 7)} has ${commit.parent.length === 0 ? "no parent" : `${commit.parent.length} parent(s)`}`);
  return found;
}

export interface CommitInfo {
  sha: string;
  author: { name: string; email: string };
  /** ISO 8601, in UTC. */
  date: string;
  message: string;
}

export async function readCommitInfo(repo: GitRepository, oid: string): Promise<CommitInfo> {
  const { commit } = await git.readCommit({ ...gitOptions(repo), oid });
  return commitInfo(oid, commit);
}

export function commitInfo(oid: string, commit: git.CommitObject): CommitInfo {
  return {
    sha: oid,
    author: { name: commit.author.name, email: commit.author.email },
    // Git keeps whole seconds.
    date: new Date(commit.author.timestamp * 1000).toISOString().replace(".000Z", "Z"),
    message: commit.message.trim(),
  };
}

/** A revision for people: a sha's first 7 digits, keeping a "-dirty" marker. */
export function shortRevision(revision: string): string {
  return revision.replace(/^([0-9a-f]{7})[0-9a-f]{33}/, "$1");
}

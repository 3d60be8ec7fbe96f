// The files of the policy folder: TypeScript policies and their `.test.yaml` cases, from a commit or
// from a folder on disk. A missing policy folder is normal (no policies), not an error.
import { readdirSync, readFileSync } from "node:fs";
import { join, posix, relative } from "node:path";
import { readBlobContents } from "../git/blobs.js";
import type { GitRepository } from "../git/git-repository.js";
import { existsAtCommit, listManifestTree, normalizeRoot } from "../git/manifest-tree.js";
import type { TreeCache } from "../git/tree-cache.js";
import { POLICY_TEST_SUFFIX } from "../policy/policy-test-file.js";

export interface PolicyFile {
  /** Shown to users: relative to the repository root, or to the working directory. */
  display: string;
  bytes: Uint8Array;
}

export interface PolicyFiles {
  policies: PolicyFile[];
  tests: PolicyFile[];
}

const POLICY_GLOBS = { include: ["**/*.ts", `**/*${POLICY_TEST_SUFFIX}`], exclude: ["**/*.d.ts", "**/node_modules/**"] };

function isPolicyFile(path: string): boolean {
  return path.endsWith(".ts") && !path.endsWith(".d.ts");
}

function sorted(files: PolicyFile[]): PolicyFiles {
  files.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return { policies: files.filter((f) => isPolicyFile(f.display)), tests: files.filter((f) => f.display.endsWith(POLICY_TEST_SUFFIX)) };
}

export async function policyFilesAtCommit(repo: GitRepository, commit: string, dir: string, trees: TreeCache): Promise<PolicyFiles> {
  const root = normalizeRoot(dir);
  if (!(await existsAtCommit(repo, commit, root, trees))) return { policies: [], tests: [] };
  const listing = await listManifestTree(repo, commit, { path: root, ...POLICY_GLOBS }, trees);
  const read = await readBlobContents(repo, listing.files);
  return sorted(read.flatMap((f) => (f.content ? [{ display: f.display, bytes: f.content }] : [])));
}

/** Policy files under `dir` on disk; `base` is the folder display paths are relative to. */
export function policyFilesInFolder(dir: string, base: string): PolicyFiles {
  const files: PolicyFile[] = [];
  const walk = (folder: string): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      // Links are not followed: a policy folder holds policies, not pointers to elsewhere.
      if (entry.isDirectory() && entry.name !== "node_modules" && !entry.name.startsWith(".")) walk(path);
      else if (entry.isFile() && (isPolicyFile(entry.name) || entry.name.endsWith(POLICY_TEST_SUFFIX))) {
        files.push({ display: relative(base, path).split("\\").join(posix.sep), bytes: readFileSync(path) });
      }
    }
  };
  walk(dir);
  return sorted(files);
}

// The working tree, uncommitted edits included (--ref WORKTREE). Its revision is HEAD's sha, with
// "-dirty" when any selected file differs from HEAD (compared by blob id, so a file touched but not
// changed is clean).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as git from "isomorphic-git";
import type { Finding } from "../findings/finding.js";
import { gitBlobId } from "../engine/result-cache.js";
import { discoverManifestFiles, type DiscoveredFile } from "../manifests/discover-files.js";
import { gitOptions, type GitRepository } from "./git-repository.js";
import { listManifestTree, normalizeRoot, selectionMatcher, type ManifestListing, type ManifestSelection } from "./manifest-tree.js";
import type { TreeCache } from "./tree-cache.js";
import { stripLocation } from "../findings/finding-draft.js";

export interface WorktreeListing extends ManifestListing {
  /** HEAD's sha, plus "-dirty" for uncommitted changes; "WORKTREE" in a repository without commits. */
  revision: string;
  head?: string;
}

export async function listWorktree(repo: GitRepository, selection: ManifestSelection, trees: TreeCache, extraFiles: readonly string[] = []): Promise<WorktreeListing> {
  const root = normalizeRoot(selection.path);
  const discovery = discoverManifestFiles([root === "" ? "." : root], repo.dir);
  const selected = selectionMatcher(selection);
  const files: DiscoveredFile[] = [];
  for (const file of discovery.files) {
    if (!selected(root === "" ? file.display : file.display.slice(root.length + 1))) continue;
    let content: Uint8Array | undefined;
    try {
      content = readFileSync(file.path);
    } catch {
      // validation reports the unreadable file
    }
    files.push({ ...file, content, blobId: content && gitBlobId(content) });
  }
  const findings: Finding[] = discovery.findings.map(({ file, draft }) => ({ ...stripLocation(draft), file }));

  const head = await headCommit(repo);
  if (!head) return { files, findings, revision: "WORKTREE" };
  const committed = await listManifestTree(repo, head, selection, trees).catch(() => undefined);
  const dirty = !committed || differs(files, committed.files) || (await configDiffers(repo, head, extraFiles));
  return { files, findings, revision: dirty ? `${head}-dirty` : head, head };
}

async function headCommit(repo: GitRepository): Promise<string | undefined> {
  try {
    return await git.resolveRef({ ...gitOptions(repo), ref: "HEAD" });
  } catch {
    return undefined;
  }
}

function differs(worktree: readonly DiscoveredFile[], committed: readonly DiscoveredFile[]): boolean {
  if (worktree.length !== committed.length) return true;
  const byPath = new Map(committed.map((f) => [f.display, f.blobId]));
  return worktree.some((f) => byPath.get(f.display) !== f.blobId);
}

/** Whether files outside the selection that still shape the result (drydock.yaml) differ from HEAD. */
async function configDiffers(repo: GitRepository, head: string, paths: readonly string[]): Promise<boolean> {
  for (const path of paths) {
    let onDisk: string | undefined;
    try {
      onDisk = gitBlobId(readFileSync(join(repo.dir, path)));
    } catch {
      onDisk = undefined;
    }
    let committed: string | undefined;
    try {
      committed = (await git.readBlob({ ...gitOptions(repo), oid: head, filepath: path })).oid;
    } catch {
      committed = undefined;
    }
    if (onDisk !== committed) return true;
  }
  return false;
}

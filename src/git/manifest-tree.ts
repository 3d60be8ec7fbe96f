// The manifest files of a commit, read from git objects without checking anything out: every file
// under the manifests path that the include/exclude globs admit, with its blob id. Symbolic links are
// followed only while they stay inside the manifests path; submodules are reported and skipped; names
// git itself would refuse ("..", absolute) are refused.
import { posix } from "node:path";
import * as git from "isomorphic-git";
import picomatch from "picomatch";
import type { Finding } from "../findings/finding.js";
import type { DiscoveredFile } from "../manifests/discover-files.js";
import { gitOptions, GitSourceError, type GitRepository } from "./git-repository.js";
import { commitInfo, type CommitInfo } from "./revisions.js";
import type { TreeCache, TreeEntry } from "./tree-cache.js";

export interface ManifestSelection {
  /** Folder of the manifests, relative to the repository root ("" for the root). */
  path: string;
  /** Globs relative to that folder. */
  include: readonly string[];
  exclude: readonly string[];
}

export const DEFAULT_INCLUDE = ["**/*.yaml", "**/*.yml", "**/*.json"];

export interface ManifestListing {
  files: DiscoveredFile[];
  findings: Finding[];
}

export interface CommitListing extends ManifestListing {
  commit: CommitInfo;
}

const MAX_LINK_HOPS = 40;

/** A predicate telling whether a path relative to the manifests folder is selected. */
export function selectionMatcher(selection: ManifestSelection): (relativePath: string) => boolean {
  const include = picomatch(selection.include.length > 0 ? [...selection.include] : DEFAULT_INCLUDE, { dot: false });
  const exclude = selection.exclude.length > 0 ? picomatch([...selection.exclude], { dot: true }) : () => false;
  return (relativePath) => include(relativePath) && !exclude(relativePath);
}

/** The selected files of a commit, with the commit's details. */
export async function listManifestTree(repo: GitRepository, commitOid: string, selection: ManifestSelection, trees: TreeCache): Promise<CommitListing> {
  const { commit } = await git.readCommit({ ...gitOptions(repo), oid: commitOid });
  const root = normalizeRoot(selection.path);
  const out: CommitListing = { commit: commitInfo(commitOid, commit), files: [], findings: [] };
  const selected = selectionMatcher(selection);
  const start = await lookup(repo, trees, commit.tree, root);
  if (!start) throw new GitSourceError(`${root || "."} does not exist at commit ${commitOid.slice(0, 7)}`);

  const addFile = (path: string, oid: string): void => {
    if (selected(relativeTo(root, path))) out.files.push({ path, display: path, blobId: oid });
  };
  const finding = (file: string, rule: string, severity: Finding["severity"], message: string, hint?: string): void => {
    out.findings.push({ severity, rule, message, file, hint });
  };

  const walk = async (treeOid: string, prefix: string, onStack: Set<string>): Promise<void> => {
    const entries = await trees.entries(repo, treeOid);
    if (prefix !== root && entries.some((e) => e.name === "Chart.yaml")) {
      finding(join(prefix, "Chart.yaml"), "manifest/helm-chart", "warning", "a Helm chart; drydock does not render Helm templates, so the chart was not validated", "validate the rendered chart instead: helm template CHART | drydock validate -");
      return;
    }
    for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(prefix, entry.name);
      if (!isSafeName(entry.name)) {
        finding(path, "input/unsafe-path", "error", `tree entry ${JSON.stringify(entry.name)} is not a safe file name; it was not read`);
        continue;
      }
      if (entry.name.startsWith(".")) continue;
      switch (entry.mode) {
        case "040000":
          if (!onStack.has(entry.oid)) await walk(entry.oid, path, new Set([...onStack, entry.oid]));
          break;
        case "160000":
          finding(path, "input/submodule", "warning", `a git submodule (commit ${entry.oid.slice(0, 7)}); its files are not read`, "put the manifests in this repository, or point drydock at the submodule's own repository");
          break;
        case "120000":
          await followLink(path, entry, onStack);
          break;
        default:
          addFile(path, entry.oid);
      }
    }
  };

  const followLink = async (linkPath: string, entry: TreeEntry, onStack: Set<string>): Promise<void> => {
    let path = linkPath;
    let current: TreeEntry | undefined = entry;
    for (let hop = 0; current?.mode === "120000"; hop++) {
      const target = new TextDecoder().decode((await git.readBlob({ ...gitOptions(repo), oid: current.oid })).blob);
      const resolved = posix.isAbsolute(target) ? undefined : posix.normalize(posix.join(posix.dirname(path), target));
      if (hop >= MAX_LINK_HOPS) {
        finding(linkPath, "input/symlink", "error", `${linkPath} is a symbolic link that leads through more than ${MAX_LINK_HOPS} links (a cycle?); it was not read`);
        return;
      }
      if (!resolved || !isWithin(root, resolved)) {
        finding(linkPath, "input/symlink", "error", `${linkPath} is a symbolic link to ${target}, outside the manifests folder; it was not read`, "manifests must live inside the folder being validated");
        return;
      }
      path = resolved;
      current = await lookup(repo, trees, commit.tree, resolved);
    }
    if (!current) {
      finding(linkPath, "input/symlink", "error", `${linkPath} is a broken symbolic link`);
    } else if (current.mode === "040000") {
      if (!onStack.has(current.oid)) await walk(current.oid, linkPath, new Set([...onStack, current.oid]));
    } else if (current.mode !== "160000") {
      addFile(linkPath, current.oid);
    }
  };

  if (start.mode === "040000") await walk(start.oid, root, new Set([start.oid]));
  else addFile(root, start.oid);
  return out;
}

/** Whether `path` (a file or folder) exists at a commit. */
export async function existsAtCommit(repo: GitRepository, commitOid: string, path: string, trees: TreeCache): Promise<boolean> {
  const { commit } = await git.readCommit({ ...gitOptions(repo), oid: commitOid });
  return (await lookup(repo, trees, commit.tree, normalizeRoot(path))) !== undefined;
}

/** The entry at a path from a root tree, or undefined. The root itself is a tree entry. */
async function lookup(repo: GitRepository, trees: TreeCache, rootTree: string, path: string): Promise<TreeEntry | undefined> {
  let entry: TreeEntry | undefined = { name: "", mode: "040000", oid: rootTree };
  for (const segment of path === "" ? [] : path.split("/")) {
    if (entry?.mode !== "040000") return undefined;
    entry = (await trees.entries(repo, entry.oid)).find((e) => e.name === segment);
  }
  return entry;
}

export function normalizeRoot(path: string): string {
  const normalized = posix.normalize(path.replace(/\\/g, "/")).replace(/\/$/, "");
  if (normalized === ".." || normalized.startsWith("../") || posix.isAbsolute(normalized)) {
    throw new GitSourceError(`the manifests path ${path} must stay inside the repository`);
  }
  return normalized === "." ? "" : normalized;
}

function join(prefix: string, name: string): string {
  return prefix === "" ? name : `${prefix}/${name}`;
}

function isWithin(root: string, path: string): boolean {
  return !path.startsWith("..") && (root === "" || path === root || path.startsWith(`${root}/`));
}

function relativeTo(root: string, path: string): string {
  return root === "" ? path : path === root ? posix.basename(path) : path.slice(root.length + 1);
}

function isSafeName(name: string): boolean {
  return name !== "" && name !== "." && name !== ".." && !name.includes("/") && !name.includes("\\") && !name.includes("\0");
}

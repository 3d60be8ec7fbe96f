// Finds manifest files under the paths a user names. Folders are walked in a stable order; hidden
// entries (.git, .github, .drydock) are skipped, and so are Helm charts (folders with a Chart.yaml),
// whose templates are not YAML until rendered; symbolic links are followed only while they stay
// inside the folder being scanned.
import { readdirSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import type { FindingDraft } from "../findings/finding-draft.js";

export const MANIFEST_EXTENSIONS = [".yaml", ".yml", ".json"];

export interface DiscoveredFile {
  /** Absolute path to read. */
  path: string;
  /** Path shown to users: relative to the working directory when below it. */
  display: string;
  /** Set when a kustomization lists this file as a patch or plugin config (not a complete object). */
  listedBy?: string;
  /** The bytes, when they do not come from the file system (standard input, a git blob). */
  content?: Uint8Array;
  /** The git blob id of the content, when known: the key of cached results. */
  blobId?: string;
}

/** The path that stands for standard input. */
export const STDIN_PATH = "-";

export interface Discovery {
  files: DiscoveredFile[];
  findings: Array<{ file: string; draft: FindingDraft }>;
}

export class PathNotFoundError extends Error {
  constructor(readonly path: string) {
    super(`no such file or directory: ${path}`);
  }
}

export function isManifestFile(name: string): boolean {
  const lower = name.toLowerCase();
  return MANIFEST_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export function discoverManifestFiles(paths: readonly string[], cwd: string, options: { stdin?: () => Uint8Array } = {}): Discovery {
  const out: Discovery = { files: [], findings: [] };
  const seen = new Set<string>();
  const prefix = cwd.endsWith(sep) ? cwd : cwd + sep;
  const display = (path: string): string => {
    // Walked paths start with the folder's own path, so most are a cheap slice.
    if (path.startsWith(prefix)) return sep === "/" ? path.slice(prefix.length) : path.slice(prefix.length).split(sep).join("/");
    const rel = relative(cwd, path);
    return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? path : rel.split(sep).join("/");
  };
  // A file is resolved to its real path only when a link led to it; plain files are unique by path.
  const addFile = (path: string, viaLink: boolean): void => {
    const key = viaLink ? realpathSync(path) : path;
    if (seen.has(key)) return;
    seen.add(key);
    out.files.push({ path, display: display(path) });
  };
  for (const given of paths) {
    if (given === STDIN_PATH && options.stdin) {
      out.files.push({ path: STDIN_PATH, display: "<stdin>", content: options.stdin() });
      continue;
    }
    const path = isAbsolute(given) ? given : join(cwd, given);
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new PathNotFoundError(given);
    }
    // A path the user names is read even when it is a link or has another extension.
    if (stats.isFile()) addFile(path, true);
    else if (stats.isDirectory()) {
      const real = realpathSync(path);
      walk(path, { top: path, rootReal: real, visited: new Set([real]), viaLink: false }, out, addFile, display);
    }
  }
  return out;
}

interface WalkState {
  /** The folder the user named; a chart there is walked like any folder (the user asked for it). */
  top: string;
  rootReal: string;
  /** Real paths of folders already walked, so link cycles end. */
  visited: Set<string>;
  /** Whether a symbolic link led into this folder. */
  viaLink: boolean;
}

function walk(
  dir: string,
  state: WalkState,
  out: Discovery,
  addFile: (path: string, viaLink: boolean) => void,
  display: (path: string) => string,
): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (dir !== state.top && entries.some((e) => e.name === "Chart.yaml")) {
    out.findings.push(helmChartFinding(display(join(dir, "Chart.yaml"))));
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    const isLink = entry.isSymbolicLink();
    if (isLink) {
      let real: string;
      try {
        real = realpathSync(path);
      } catch {
        out.findings.push(linkFinding(display(path), "is a broken symbolic link"));
        continue;
      }
      const stats = statSync(real);
      isDir = stats.isDirectory();
      isFile = stats.isFile();
      if (real !== state.rootReal && !real.startsWith(state.rootReal + sep)) {
        if (isDir || isManifestFile(entry.name)) {
          out.findings.push(linkFinding(display(path), `is a symbolic link to ${real}, outside the scanned folder; it was not read`));
        }
        continue;
      }
    }
    if (isDir) {
      const real = isLink || state.viaLink ? realpathSync(path) : path;
      if (state.visited.has(real)) continue;
      state.visited.add(real);
      walk(path, { ...state, viaLink: state.viaLink || isLink }, out, addFile, display);
    } else if (isFile && isManifestFile(entry.name)) {
      addFile(path, state.viaLink || isLink);
    }
  }
}

function helmChartFinding(file: string): { file: string; draft: FindingDraft } {
  return {
    file,
    draft: {
      severity: "warning",
      rule: "manifest/helm-chart",
      message: "a Helm chart; drydock does not render Helm templates, so the chart was not validated",
      hint: "validate the rendered chart instead: helm template CHART | drydock validate -",
      location: { kind: "file" },
    },
  };
}

function linkFinding(file: string, what: string): { file: string; draft: FindingDraft } {
  return {
    file,
    draft: {
      severity: "error",
      rule: "input/symlink",
      message: `${file} ${what}`,
      hint: "manifests must live inside the folder being validated",
      location: { kind: "file" },
    },
  };
}

// Kustomize files live beside manifests but are not Kubernetes objects: kustomization.yaml files,
// transformer configs (apiVersion: builtin), and the patches and configs a kustomization lists.
// drydock does not run kustomize; it recognizes these files so it does not judge them as objects.
import { basename, dirname, join, normalize } from "node:path";
import jsYaml from "js-yaml";
import { isPlainObject } from "./extract-manifests.js";

const KUSTOMIZATION_FILE_NAMES = new Set(["kustomization.yaml", "kustomization.yml", "Kustomization"]);

export function isKustomizationFile(path: string): boolean {
  return KUSTOMIZATION_FILE_NAMES.has(basename(path));
}

/** Kustomize's own configuration kinds: Kustomization, Component, and built-in plugin configs. */
export function isKustomizeConfig(apiVersion: unknown): boolean {
  return typeof apiVersion === "string" && (apiVersion.startsWith("kustomize.config.k8s.io/") || apiVersion === "builtin");
}

/** Fields of a kustomization that name files which are not complete objects. */
const FILE_LIST_FIELDS = ["patchesStrategicMerge", "configurations", "transformers", "generators", "validators"] as const;
const PATH_ENTRY_FIELDS = ["patches", "patchesJson6902", "replacements"] as const;

/**
 * Absolute paths of the files a kustomization lists as patches or plugin configs. Unparseable
 * kustomizations list nothing; they are reported when validated.
 */
export function kustomizationSideFiles(kustomizationPath: string, text: string): string[] {
  let parsed: unknown;
  try {
    parsed = jsYaml.load(text);
  } catch {
    return [];
  }
  if (!isPlainObject(parsed)) return [];
  const dir = dirname(kustomizationPath);
  const paths: string[] = [];
  const add = (value: unknown): void => {
    // Inline patches are YAML text, not paths.
    if (typeof value === "string" && value !== "" && !value.includes("\n")) paths.push(normalize(join(dir, value)));
  };
  for (const field of FILE_LIST_FIELDS) {
    const list = parsed[field];
    if (Array.isArray(list)) list.forEach(add);
  }
  for (const field of PATH_ENTRY_FIELDS) {
    const list = parsed[field];
    // Entries are `{ path: … }`, or plain paths in the short form.
    if (Array.isArray(list)) for (const entry of list) add(isPlainObject(entry) ? entry.path : entry);
  }
  if (isPlainObject(parsed.openapi)) add(parsed.openapi.path);
  return paths;
}

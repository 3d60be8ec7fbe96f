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
  const parsed = parseKustomization(text);
  if (!parsed) return [];
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

/** A ConfigMap or Secret that a kustomization generates (configMapGenerator, secretGenerator). */
export interface GeneratedObject {
  kind: "ConfigMap" | "Secret";
  name: string;
  /** The generator's or the kustomization's namespace, when either names one. */
  namespace?: string;
}

/** What a kustomization's generators make, by the plain names manifests use (kustomize adds the hash suffix to both). */
export function kustomizationGenerated(text: string): GeneratedObject[] {
  const parsed = parseKustomization(text);
  if (!parsed) return [];
  const namespace = typeof parsed.namespace === "string" ? parsed.namespace : undefined;
  const out: GeneratedObject[] = [];
  for (const [field, kind] of [["configMapGenerator", "ConfigMap"], ["secretGenerator", "Secret"]] as const) {
    const list = parsed[field];
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      if (!isPlainObject(entry) || typeof entry.name !== "string" || entry.name === "") continue;
      const own = typeof entry.namespace === "string" ? entry.namespace : namespace;
      out.push({ kind, name: entry.name, ...(own ? { namespace: own } : {}) });
    }
  }
  return out;
}

/** The kustomization as a mapping; undefined when it is not one (it is reported when validated). */
function parseKustomization(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = jsYaml.load(text);
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

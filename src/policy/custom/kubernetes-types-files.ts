// kubernetes-types' declaration files, read from the copy drydock itself depends on, so policies are
// checked against the version drydock was built with whatever the user's repository has installed.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";

export interface PackageFiles {
  name: string;
  version: string;
  /** Path inside the package ("apps/v1.d.ts", "package.json") → text. */
  files: Map<string, string>;
}

let cached: PackageFiles | undefined;

export function kubernetesTypesFiles(): PackageFiles {
  cached ??= readKubernetesTypes();
  return cached;
}

/** Cheap (no file other than package.json is read): it keys the compile cache. */
export function kubernetesTypesVersion(): string {
  const manifest = readFileSync(packageJsonPath(), "utf8");
  return String((JSON.parse(manifest) as { version?: unknown }).version);
}

function packageJsonPath(): string {
  return createRequire(import.meta.url).resolve("kubernetes-types/package.json");
}

function readKubernetesTypes(): PackageFiles {
  const manifestPath = packageJsonPath();
  const root = dirname(manifestPath);
  const manifest = readFileSync(manifestPath, "utf8");
  const files = new Map<string, string>([["package.json", manifest]]);
  for (const path of declarationFiles(root)) files.set(relative(root, path).split(sep).join("/"), readFileSync(path, "utf8"));
  return { name: "kubernetes-types", version: String((JSON.parse(manifest) as { version?: unknown }).version), files };
}

function declarationFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules") found.push(...declarationFiles(path));
    else if (entry.isFile() && entry.name.endsWith(".d.ts")) found.push(path);
  }
  return found;
}

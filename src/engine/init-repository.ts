// `drydock init [DIR]`: a new repository with drydock.yaml, example manifests that pass every default
// rule, an example TypeScript policy with its test cases, a .gitignore for the state dir, and a first
// commit. The files are the ones under templates/init.
import { cpSync, existsSync, readdirSync, renameSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { initialCommit, type Author } from "../git/new-repository.js";

const TEMPLATE = fileURLToPath(new URL("../../templates/init", import.meta.url));

export class InitError extends Error {}

export interface InitResult {
  dir: string;
  files: string[];
  commit: string;
}

export async function initRepository(dir: string, options: { author: Author; now: Date }): Promise<InitResult> {
  if (existsSync(join(dir, ".git"))) throw new InitError(`${dir} is already a git repository`);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new InitError(`${dir} is not empty; init creates a new repository in an empty or new folder`);
  cpSync(TEMPLATE, dir, { recursive: true });
  // npm leaves out files named .gitignore when it packs a package, so the template calls it gitignore.
  renameSync(join(dir, "gitignore"), join(dir, ".gitignore"));
  const files = listFiles(dir).map((f) => relative(dir, f).split("\\").join("/")).sort();
  const commit = await initialCommit(dir, files, { author: options.author, now: options.now, message: "drydock init: configuration, example manifests and policy" });
  return { dir, files, commit };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === ".git" ? [] : listFiles(join(dir, e.name))) : [join(dir, e.name)]));
}

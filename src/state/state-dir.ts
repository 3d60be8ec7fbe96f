// The state dir: .drydock/ beside drydock.yaml (at the repository root when there is none), unless
// --state or DRYDOCK_STATE says otherwise.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export function stateDirFor(home: string, options: { flag?: string; env: NodeJS.ProcessEnv; cwd: string }): string {
  if (options.flag) return resolve(options.cwd, options.flag);
  if (options.env.DRYDOCK_STATE) return resolve(options.cwd, options.env.DRYDOCK_STATE);
  return join(home, ".drydock");
}

/** Creates the state dir, ignored by git so caches never show as changes. */
export function ensureStateDir(stateDir: string): void {
  mkdirSync(stateDir, { recursive: true });
  const ignore = join(stateDir, ".gitignore");
  if (!existsSync(ignore)) writeFileSync(ignore, "# drydock's state and caches\n*\n");
}

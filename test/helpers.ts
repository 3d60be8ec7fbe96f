// Shared test helpers: temporary folders, the validate engine with default settings, and the CLI run
// as users run it (node bin/drydock.js, built by `npm test`'s pretest step).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, it } from "vitest";
import type { Finding } from "../src/findings/finding.js";
import type { ValidateSettings } from "../src/engine/validate-batch.js";
import { runValidate, type ValidateReport } from "../src/engine/validate-run.js";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const CLI = join(ROOT, "bin", "drydock.js");
export const CORPUS = join(ROOT, "..", "shared", "corpus");
export const HAS_CORPUS = existsSync(CORPUS);

/** A test that reads ../shared/corpus; without it the test is skipped, with a visible note. */
export const itWithCorpus = it.skipIf(!HAS_CORPUS);
if (!HAS_CORPUS) console.warn(`[drydock tests] ${CORPUS} not found: corpus tests are skipped`);

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder holding `files` (path → content), removed after the test. */
export function tempDir(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "drydock-test-"));
  made.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

export const DEFAULT_SETTINGS: ValidateSettings = {
  strict: true,
  kubeVersion: { major: 1, minor: 30 },
  skipUnknown: false,
  schemaDirs: [],
  skipKinds: [],
  rejectKinds: [],
  defaultNamespace: "default",
  maxFileBytes: 5 * 1024 * 1024,
};

/** Validates `paths` (relative to `cwd`) in this thread. */
export async function validatePaths(cwd: string, paths: string[], settings: Partial<ValidateSettings> = {}): Promise<ValidateReport> {
  return runValidate({ paths, cwd, parallelism: 0, settings: { ...DEFAULT_SETTINGS, ...settings } });
}

/** Writes the files to a temporary folder and validates all of it. */
export async function validateFiles(files: Record<string, string | Uint8Array>, settings: Partial<ValidateSettings> = {}): Promise<ValidateReport> {
  const dir = tempDir(files);
  return validatePaths(dir, ["."], settings);
}

/** Findings reduced to what tests assert: rule, place and severity. */
export function brief(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line ?? "-"}:${f.column ?? "-"} ${f.severity} ${f.rule}`);
}

export function rules(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.rule);
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd: string; input?: string | Buffer; env?: NodeJS.ProcessEnv }): CliResult {
  const child = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    input: options.input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, ...options.env },
    maxBuffer: 1 << 28,
  });
  return { status: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

/** The exit status and the per-object lines `apply` prints after its plan (`job.batch/pi -n default created`). */
export function applied(result: CliResult): { status: number; results: string[] } {
  return { status: result.status, results: result.stdout.split("\n").filter((line) => /^\S+\/\S+( -n \S+)? (created|configured|deleted)$/.test(line)) };
}

/** A minimal valid Deployment, with overrides merged into its YAML text by the caller. */
export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
              name: http
`;

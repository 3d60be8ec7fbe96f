// Files under the state dir (.drydock/): JSON documents that carry a format id, written atomically
// (temporary file, fsync, rename) so a crash leaves the previous version readable. A file that is
// corrupt or of an unknown format is an error naming it, never a silent reset.
import { mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import writeFileAtomic from "write-file-atomic";

export class StateFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`state file ${file} ${reason}; delete it to start afresh`);
  }
}

/** The document's payload, or undefined when the file does not exist. `isData` checks its shape. */
export function readStateFile<T>(file: string, format: string, isData: (data: unknown) => data is T): T | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new StateFileError(file, `cannot be read (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new StateFileError(file, "is not valid JSON (a crash cannot cause this: writes are atomic)");
  }
  const found = (parsed as { format?: unknown } | null)?.format;
  if (found === undefined) throw new StateFileError(file, `is not a drydock state file (it names no format; expected ${JSON.stringify(format)})`);
  if (found !== format) throw new StateFileError(file, `has format ${JSON.stringify(found)}, and this drydock reads ${JSON.stringify(format)}`);
  const data = (parsed as { data?: unknown }).data;
  if (!isData(data)) throw new StateFileError(file, `does not hold what format ${JSON.stringify(format)} describes`);
  return data;
}

export function writeStateFile(file: string, format: string, data: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic.sync(file, JSON.stringify({ format, data }) + "\n", { fsync: true });
}

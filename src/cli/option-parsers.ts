// Parsers for option values; each throws InvalidArgumentError with a sentence the user can act on.
import { InvalidArgumentError } from "commander";
import { parseKubeVersion, type KubeVersion } from "../validate/api-lifecycle.js";

const BYTE_UNITS: Record<string, number> = { "": 1, b: 1, k: 1e3, kb: 1e3, kib: 1024, m: 1e6, mb: 1e6, mib: 1024 ** 2, g: 1e9, gb: 1e9, gib: 1024 ** 3 };

export function parseByteSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = m ? BYTE_UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new InvalidArgumentError(`"${value}" is not a size; write bytes or a number with KiB, MiB or GiB (e.g. 5MiB)`);
  return Math.floor(Number(m[1]) * unit);
}

export function parseVersion(value: string): KubeVersion {
  const version = parseKubeVersion(value);
  if (!version) throw new InvalidArgumentError(`"${value}" is not a Kubernetes version; write it like 1.30 or v1.30.2`);
  return version;
}

export function parseWorkers(value: string): number | "auto" {
  if (value === "auto") return "auto";
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a number of workers; write 0, a positive number or auto`);
  return Number(value);
}

/** For repeatable options that also take comma-separated lists: `--skip A,B --skip C`. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(",").map((s) => s.trim()).filter((s) => s !== "")];
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

// Turns a file's bytes into text, or explains why they are not a manifest: too large, binary, or
// not UTF-8 (with the line and column of the first bad byte).
import type { FindingDraft } from "../findings/finding-draft.js";

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export type DecodedContent = { ok: true; text: string } | { ok: false; finding: FindingDraft };

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const lenientUtf8 = new TextDecoder("utf-8", { fatal: false });

export function decodeManifestBytes(bytes: Uint8Array, options: { maxBytes: number }): DecodedContent {
  if (bytes.length > options.maxBytes) {
    return fail("input/too-large", `file is ${formatBytes(bytes.length)}, over the ${formatBytes(options.maxBytes)} limit`, {
      hint: "split it, or raise the limit with --max-file-size",
    });
  }
  const bom = unicodeBom(bytes);
  if (bom) {
    return fail("input/encoding", `file is ${bom} (it starts with a byte order mark); Kubernetes reads manifests as UTF-8`, {
      hint: "re-save the file as UTF-8",
    });
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return fail("input/binary", `file is binary (NUL byte at offset ${nul}), not a YAML or JSON manifest`, {
      at: positionOfByte(bytes, nul),
    });
  }
  try {
    return { ok: true, text: strictUtf8.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return fail("input/encoding", `file is not valid UTF-8 (byte 0x${bytes[bad].toString(16).padStart(2, "0")} at offset ${bad})`, {
      at: positionOfByte(bytes, bad),
      hint: "re-save the file as UTF-8; Kubernetes reads manifests as UTF-8",
    });
  }
}

function fail(rule: string, message: string, extra: { at?: { line: number; column: number }; hint?: string }): DecodedContent {
  const location = extra.at ? ({ kind: "position", ...extra.at } as const) : ({ kind: "file" } as const);
  return { ok: false, finding: { severity: "error", rule, message, hint: extra.hint, location } };
}

function unicodeBom(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return "UTF-32LE";
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return "UTF-32BE";
  if (a === 0xff && b === 0xfe) return "UTF-16LE";
  if (a === 0xfe && b === 0xff) return "UTF-16BE";
  return undefined;
}

/** Index of the first byte that breaks UTF-8 well-formedness (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** 1-based line and column (in UTF-16 units of the decoded line) of a byte offset. */
function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = lenientUtf8.decode(bytes.subarray(lineStart, offset)).length + 1;
  return { line, column };
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KiB`;
  return `${n} bytes`;
}

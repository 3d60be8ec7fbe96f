// Maps a position in a transpiled policy back to its .ts file, so an exception is reported at the
// line the user wrote. Only the `mappings` field of a source map with one source is needed.
import type { SourcePosition } from "./compile-store.js";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Segments of one generated line: [generated column, source line, source column], 0-based, by column. */
type LineSegments = Array<[number, number, number]>;

export class SourceLineMap {
  private readonly lines: LineSegments[];

  constructor(mappings: string) {
    this.lines = decodeMappings(mappings);
  }

  /** 1-based position in the generated script → 1-based position in the source, if mapped. */
  original(line: number, column: number): SourcePosition | undefined {
    const segments = this.lines[line - 1];
    if (!segments) return undefined;
    let best: LineSegments[number] | undefined;
    for (const segment of segments) {
      if (segment[0] > column - 1) break;
      best = segment;
    }
    best ??= segments[0];
    return best ? { line: best[1] + 1, column: best[2] + 1 } : undefined;
  }
}

function decodeMappings(mappings: string): LineSegments[] {
  const lines: LineSegments[] = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const lineText of mappings.split(";")) {
    const segments: LineSegments = [];
    let generatedColumn = 0;
    for (const segmentText of lineText.split(",")) {
      if (segmentText === "") continue;
      const fields = decodeVlq(segmentText);
      generatedColumn += fields[0];
      // A one-field segment maps to nothing in the source.
      if (fields.length < 4) continue;
      sourceLine += fields[2];
      sourceColumn += fields[3];
      segments.push([generatedColumn, sourceLine, sourceColumn]);
    }
    segments.sort((a, b) => a[0] - b[0]);
    lines.push(segments);
  }
  return lines;
}

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`invalid source map character ${JSON.stringify(char)}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

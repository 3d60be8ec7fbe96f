// One manifest file's text, with its detailed parse made only when needed: for errors, for tricky
// YAML, and to put findings on lines and columns.
import type { Finding } from "../findings/finding.js";
import type { FindingDraft } from "../findings/finding-draft.js";
import { parseDetailed, type DetailedParse } from "./detailed-parse.js";
import { locatePointer } from "./source-locator.js";

export class SourceFile {
  private detailedParse?: DetailedParse;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  get detailed(): DetailedParse {
    this.detailedParse ??= parseDetailed(this.text);
    return this.detailedParse;
  }

  get hasDetailedParse(): boolean {
    return this.detailedParse !== undefined;
  }

  /** Gives a draft its line and column, and the Helm template it came from if there is one. */
  position(draft: FindingDraft): Finding {
    const { location, ...rest } = draft;
    const finding: Finding = { ...rest, file: this.path };
    const setSpan = (start: number, end?: number): void => {
      const lines = this.detailed.lines;
      const from = lines.position(start);
      finding.line = from.line;
      finding.column = from.column;
      finding.snippet = lines.lineText(from.line);
      if (end !== undefined && end > start) {
        const to = lines.position(end);
        finding.endLine = to.line;
        finding.endColumn = to.column;
      }
    };
    switch (location.kind) {
      case "file":
        break;
      case "position":
        Object.assign(finding, { line: location.line, column: location.column, snippet: this.lineText(location.line) });
        if (location.endLine !== undefined) Object.assign(finding, { endLine: location.endLine, endColumn: location.endColumn });
        break;
      case "offset":
        setSpan(location.start, location.end);
        break;
      case "node": {
        const doc = this.detailed.documents[location.documentIndex];
        const span = doc ? locatePointer(doc.node, location.pointer, location.target) : undefined;
        if (span) setSpan(span.start, span.end);
        else setSpan(doc?.node.range[0] ?? 0);
        break;
      }
      default:
        location satisfies never;
    }
    const origin = this.originAt(finding.line);
    if (origin) finding.origin = origin;
    return finding;
  }

  private lineText(line: number): string {
    return this.text.split("\n", line)[line - 1]?.replace(/\r$/, "") ?? "";
  }

  private originAt(line: number | undefined): string | undefined {
    if (line === undefined || !this.hasDetailedParse) return undefined;
    const { documents, lines } = this.detailed;
    let origin: string | undefined;
    for (const doc of documents) {
      if (lines.position(doc.node.range[0]).line > line) break;
      origin = doc.origin;
    }
    return origin;
  }
}
